"""Every message a learner can see exists in English and Lao (gettext catalog, checked here)."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import catalogs  # noqa: E402

from coopsite.words import APP, UI, WORKSHEET  # noqa: E402


def test_every_message_has_a_lao_translation_with_the_same_placeholders():
    problems = catalogs.problems()
    assert not problems, (
        f"{len(problems)} catalog problems (run `python scripts/catalogs.py update`, then translate):\n"
        + "\n".join(problems[:30])
    )


@pytest.mark.parametrize("domain", catalogs.DOMAINS, ids=lambda d: d.name)
def test_lao_translations_are_in_lao(domain):
    catalog = catalogs.load("lo", domain)
    units = {"kg", "lb", "%", "km", "US$", "t"}
    not_lao = [
        m.id
        for m in catalog
        if m.id and m.string and not re.search(r"[\u0E80-\u0EFF]", m.string) and m.string.strip() not in units
    ]
    assert not not_lao, not_lao[:20]


def hidden_messages(source: str) -> list[int]:
    """Lines where N_("…") is called inside an f-string, where message extraction cannot rely on finding it.

    Read with ``ast``, not ``tokenize``: from Python 3.12 an f-string is no longer one STRING token
    (FSTRING_START … FSTRING_END), so a token-based check would silently find nothing.
    """
    calls = {
        (inner.lineno, inner.col_offset)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.JoinedStr)
        for inner in ast.walk(node)
        if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and inner.func.id == "N_"
    }
    return sorted(line for line, _ in calls)


def test_no_message_is_hidden_inside_an_f_string():
    """A message inside an f-string would be missed by the catalog, so its text would stay English."""
    hidden = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in (ROOT / "exercises").rglob("*.py")
        for line in hidden_messages(path.read_text(encoding="utf-8"))
    ]
    assert not hidden, hidden


def test_the_f_string_check_finds_a_planted_message():
    planted = (
        'from x import N_\nlabel = \'ok\'\ntitle = f"{N_(\'Hidden\')}: {label}"\nnested = f"""{f\'{N_("Deep")}\'}"""\n'
    )
    assert hidden_messages(planted) == [3, 4]
    assert hidden_messages("title = N_('Shown')\nname = f'{title}'\n") == []


def test_the_page_runtime_only_asks_for_words_that_exist():
    used = set()
    for path in (ROOT / "frontend" / "src").rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\b(?:t|tell|notify)\(\s*\"(\w+)\"", text))
    missing = sorted(used - set(UI) - set(APP) - set(WORKSHEET))
    assert not missing, (
        f"frontend asks for words that coopsite/words.py (UI, APP, WORKSHEET) does not define: {missing}"
    )


def test_the_check_sees_a_missing_translation(tmp_path, monkeypatch):
    monkeypatch.setattr(catalogs, "LANGS", ("lo",))
    catalog = catalogs.load("lo")
    first = next(m for m in catalog if m.id)
    first.string = ""
    monkeypatch.setattr(catalogs, "load", lambda lang, domain=None: catalog)
    assert any(repr(first.id) in p for p in catalogs.problems())
