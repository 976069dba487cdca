"""Every simulation in Chromium from the unzipped USB copy: one parameter change, one question —
once with Python started from the build's memory snapshot, once started the normal way; both must
show exactly what CPython computes, byte for byte the same page.

And the self-test in the browser: every question's reference answer through its check, in Pyodide.
"""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
from conftest import ROOT, wait_for, wait_numbers

from exercises import EXERCISES, api
from exercises.core.checking import answer_text, case_of
from exercises.core.evaluate import evaluate
from exercises.core.i18n import translator
from exercises.core.params import Integer, Number, Percent, raw_defaults
from exercises.core.questions import ChoiceAnswer
from exercises.core.render import prefix_of

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def page_of(name: str, preset: str = "") -> str:
    """The first page (in path order) that shows the exercise with ``preset`` (the exercise's first: no option)."""
    first = next(iter(EXERCISES[name].presets), "")
    option = "" if preset in ("", first) else rf"\n {{4}}preset: {re.escape(preset)}"
    for path in sorted((ROOT / "docs").rglob("*.en.md")):
        if re.search(
            rf"^::: exercise {re.escape(name)}[ \t]*{option}$(?!\n {{4}}\S)", path.read_text(encoding="utf-8"), re.M
        ):
            return str(path.relative_to(ROOT / "docs"))[: -len(".en.md")] + ".html"
    raise AssertionError(f"no page uses {name} {preset}")


#: Every exercise with each of its presets: each must be on a page, and each is tested there.
SHOWN = [(name, preset) for name in EXERCISES.names() for preset in (list(EXERCISES[name].presets) or [""])]


def changed_value(param, t) -> str:
    """A different valid value for a number parameter, as a person would type it."""
    if isinstance(param, Integer):
        value = int(param.default) + max(1, abs(int(param.default)) // 10)
        if param.max is not None and value > param.max:
            value = int(param.default) - max(1, abs(int(param.default)) // 10)
        return t.int(value)
    top = Fraction(param.max) if param.max is not None else None
    step = Fraction(1, 10 ** min(param.places, 1)) if isinstance(param, (Number, Percent)) else 1
    value = Fraction(param.default) + step
    if top is not None and value > top:
        value = Fraction(param.default) - step
    return t.num(value, param.places)


def run_once(browser_context, file_root, name, preset, start):
    """Open the simulation's page with Python started `start`-wise; change a number, answer a question.

    Returns what the page then shows (results and feedback), to compare between the two starts.
    """
    exercise = api.find(name, preset)
    t = translator("en")
    context, watch = browser_context(file_root)
    context.add_init_script(f"window.COOP_PYTHON_START = '{start}'")
    page = context.new_page()
    page.goto(file_root + page_of(name, preset))
    wait_for(page, "document.documentElement.dataset.cxRuntime === 'ready'", timeout=20)
    root = f"#{prefix_of(exercise)}"

    # One parameter change: the page shows what CPython computes.
    param = next(p for p in exercise.shown_params if isinstance(p, (Integer, Number, Percent)))
    raw = raw_defaults(exercise.shown_params, t)
    raw[param.name] = changed_value(param, t)
    expected = api.update(name, "en", raw, preset=preset)
    assert expected["ok"], (param.name, raw[param.name], expected["errors"])
    page.fill(f"{root}-f-{param.name}", raw[param.name])
    wait_numbers(page, root, lambda numbers: numbers == expected["numbers"])
    assert page.inner_text(f"{root} .cx-key") == expected["key"]
    assert page.evaluate("document.documentElement.dataset.cxPythonPath") == start

    # One question, answered right (for the numbers now in the form).
    question = exercise.questions[0]
    case = case_of(exercise, evaluate(exercise, {**raw, **question.given}), t)
    box = f"{root}-q-{question.id}"
    if isinstance(question.kind, ChoiceAnswer):
        page.select_option(f"{box}-a", value=str(question.answer(case)))
    else:
        page.fill(f"{box}-a", answer_text(question, case).split(" ")[0])
    page.click(f"{box} .cx-check")
    wait_for(
        page,
        f"['cx-correct', 'cx-wrong', 'cx-invalid'].some(c => document.querySelector('{box}').classList.contains(c))",
        timeout=60,
    )
    assert "cx-correct" in page.get_attribute(box, "class"), page.inner_text(f"{box} .cx-feedback")
    shown = page.evaluate(
        f"[document.querySelector('{root} .cx-results').innerHTML, document.querySelector('{box} .cx-feedback').textContent]"
    )
    assert watch.blocked == [] and watch.console_errors == []
    context.close()
    return shown


@pytest.mark.parametrize("name, preset", SHOWN, ids=[f"{n}:{p}" if p else n for n, p in SHOWN])
def test_each_simulation_from_the_usb_copy_both_ways(browser_context, file_root, name, preset):
    from_snapshot = run_once(browser_context, file_root, name, preset, "snapshot")
    started_normally = run_once(browser_context, file_root, name, preset, "normal")
    assert from_snapshot == started_normally


def test_self_test_in_the_browser(browser_context, file_root):
    """The reference answers of every exercise, checked by Pyodide in English and Lao (as in CPython)."""
    context, watch = browser_context(file_root)
    page = context.new_page()
    page.goto(file_root + page_of("pooled-pricing"))
    wait_for(page, "document.documentElement.dataset.cxRuntime === 'ready'", timeout=20)
    result = page.evaluate(
        "names => window.__coopPython.call({fn: 'self_test', names}, {timeout: 120000})", EXERCISES.names()
    )
    assert result == {"failures": []}
    assert watch.blocked == []
