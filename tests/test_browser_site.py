"""The site in Chromium, over http and from the unzipped USB copy (file://), with no network.

Every request to another origin is aborted and counted (tests/conftest.py): pages must not try.
"""

from __future__ import annotations

import json

import pytest
from conftest import axe_violations, done_m2_record, wait_for

from exercises.api import find
from exercises.core.checking import answer_text, case_of
from exercises.core.evaluate import evaluate
from exercises.core.i18n import translator
from exercises.core.params import raw_defaults


def default_answer(name: str, question_id: str) -> str:
    """The right answer to a question for the exercise's default numbers, as a learner types it."""
    exercise, t = find(name), translator("en")
    case = case_of(exercise, evaluate(exercise, raw_defaults(exercise.shown_params, t)), t)
    question = next(q for q in exercise.questions if q.id == question_id)
    return answer_text(question, case).split(" ")[0]


pytestmark = [pytest.mark.browser, pytest.mark.slow]


def open_page(browser_context, root, path, **options):
    context, watch = browser_context(root, **options)
    page = context.new_page()
    page.goto(root + path)
    page.wait_for_load_state("load")
    return page, watch


def assert_clean(watch):
    assert watch.blocked == [], f"requests to other origins: {watch.blocked}"
    assert watch.console_errors == [], f"console errors: {watch.console_errors}"


@pytest.mark.parametrize(
    "path, lang, heading",
    [
        ("index.html", "en", "Our Coffee Co-op"),
        ("lo/index.html", "lo", "ສະຫະກອນກາເຟຂອງພວກເຮົາ"),
    ],
)
def test_home_pages_render(browser_context, origin, path, lang, heading):
    _scheme, root = origin
    page, watch = open_page(browser_context, root, path)
    assert page.evaluate("document.documentElement.lang") == lang
    assert heading in page.title()
    assert page.locator("h1").first.is_visible()
    assert page.locator(".md-nav").count() > 0
    page.wait_for_timeout(300)
    assert_clean(watch)


def test_lao_text_is_drawn_with_the_lao_font(browser_context, origin):
    _scheme, root = origin
    page, watch = open_page(browser_context, root, "lo/index.html")
    faces = wait_for(
        page,
        """(async () => {
        await document.fonts.ready;
        const lao = [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Noto Sans Lao');
        return lao.some(f => f.status === 'loaded') ? lao.map(f => f.status) : null;
    })()""",
    )
    assert "loaded" in faces
    family = page.evaluate("getComputedStyle(document.querySelector('.md-typeset h1')).fontFamily")
    assert "Noto Sans Lao" in family
    # The heading's Lao glyphs come from the loaded face (the Latin face has no Lao at all).
    assert page.evaluate("document.fonts.check('16px \"Noto Sans Lao\"', 'ສະຫະກອນ')")
    assert_clean(watch)


@pytest.mark.parametrize(
    "start, target",
    [
        ("management/m6-finance.html", "lo/management/m6-finance.html"),
        ("lo/key-concepts/kc5-cooperative-identity.html", "key-concepts/kc5-cooperative-identity.html"),
    ],
)
def test_language_switcher_keeps_the_page(browser_context, origin, start, target):
    _scheme, root = origin
    page, watch = open_page(browser_context, root, start)
    other = "lo" if not start.startswith("lo/") else "en"
    link = page.locator(f".md-select a[hreflang={other}]").first
    page.evaluate("el => el.click()", link.element_handle())
    page.wait_for_url(root + target)
    assert page.evaluate("document.documentElement.lang") == other
    assert_clean(watch)


def test_english_search_works(browser_context, origin):
    _scheme, root = origin
    page, watch = open_page(browser_context, root, "index.html?q=advance")
    count = wait_for(page, "document.querySelectorAll('.md-search-result__item').length", timeout=30)
    assert count > 0
    links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")
    assert any("m6-finance" in link or "kc3" in link or "glossary" in link for link in links)
    assert_clean(watch)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "lo/index.html",
        "management/m6-finance.html",
        "lo/management/m6-finance.html",
        "key-concepts/kc3-sell-alone-or-pool.html",
        "lo/key-concepts/kc3-sell-alone-or-pool.html",
        "progress.html",
        "lo/progress.html",
        "trainers/printing.html",
        "lo/trainers/printing.html",
    ],
)
def test_accessibility_axe(browser_context, http_root, path, scheme):
    """axe-core (WCAG 2.1 A/AA rules): no violations on home, session, simulation, progress and printing
    pages, in both languages, in the light and the dark colours (the device's setting, which the site follows)."""
    context, watch = browser_context(http_root, bypass_csp=True, color_scheme=scheme)
    page = context.new_page()
    page.goto(http_root + path)
    expected = "slate" if scheme == "dark" else "default"
    wait_for(page, f"document.body.getAttribute('data-md-color-scheme') === '{expected}'")
    if page.locator(".cx").count():  # the code editor too
        wait_for(page, "document.documentElement.dataset.cxRuntime === 'ready'")
        page.locator(".cx-mode[data-mode=code]").first.click()
        page.locator(".cx-editor .cm-content").first.wait_for()
    result = axe_violations(page)
    assert result == [], json.dumps(result, indent=1, ensure_ascii=False)
    assert watch.blocked == []


def test_no_page_is_wider_than_a_phone(browser_context, http_root, site_dir):
    """Learners are often on phones: at 390 px no page scrolls sideways (wide tables scroll in their box).

    Without the service worker: reading a Lao page makes it fetch every Lao page (offline use), and
    those hundreds of requests, one after the other here, once held a page past the 30 s timeout in
    CI; what is measured here is the layout (test_browser_offline covers the worker)."""
    context, watch = browser_context(http_root, viewport={"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    wide = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith(("pdf/", "pdf-src/")):
            continue
        page.goto(http_root + relative)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 392:
            wide.append((relative, width))
    assert wide == []
    assert watch.blocked == []


def test_progress_page_shows_what_the_learner_did(browser_context, http_root, tmp_path):
    """Answer a question on a session page (m2): "My progress" shows it (in both languages) for that
    page only — pooled pricing is on two sessions (kc3, m2), each keeps its own work; a loaded progress
    file shows there too, and one saved by the older version (schema 1: one record per simulation)
    counts for the first session that shows the simulation."""
    context, watch = browser_context(http_root, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(http_root + "management/m2-communication.html")  # the full preset (kc3 has the simple one)
    wait_for(page, "document.documentElement.dataset.cxRuntime === 'ready'")
    page.locator("#cx-pooled-pricing .cx-status-action").tap()  # a phone: Python starts when the learner says so
    question = page.locator("#cx-pooled-pricing-q-read-final")
    question.locator("input").fill(default_answer("pooled-pricing", "read-final"))
    question.locator(".cx-check").click()
    wait_for(
        page,
        "document.querySelector('#cx-pooled-pricing-q-read-final').classList.contains('cx-correct')",
        timeout=90,
    )

    states = '[...document.querySelectorAll(\'.coop-path-sim[data-exercise$="#pooled-pricing:simple"], .coop-path-sim[data-exercise$="#pooled-pricing"]\')].map(e => e.textContent.trim())'
    page.goto(http_root + "progress.html")
    assert [s.split("—")[1].strip() for s in page.evaluate(states)] == [
        "not started",
        "Questions answered right: 1 of 5",
    ]
    assert page.locator(".coop-path-summary").inner_text() == "Simulations done: 0 of 18."
    page.goto(http_root + "lo/progress.html")
    assert [s.split("—")[1].strip() for s in page.evaluate(states)] == ["ຍັງບໍ່ໄດ້ເລີ່ມ", "ຄຳຖາມທີ່ຕອບຖືກ: 1 ຈາກ 5"]

    record = done_m2_record({})
    upload = tmp_path / "progress.json"
    upload.write_text(json.dumps(record), encoding="utf-8")
    page.goto(http_root + "progress.html")
    page.set_input_files(".cx-import-file", str(upload))
    wait_for(page, "document.querySelector('.coop-path-summary').textContent === 'Simulations done: 1 of 18.'")
    assert [s.split("—")[1].strip() for s in page.evaluate(states)] == ["not started", "done ✓"]
    assert page.locator(".cx-progress-status").inner_text() == "Progress loaded from the file."
    assert page.locator(".coop-path-session.coop-done").count() == 1  # m2: its one simulation is done
    assert watch.blocked == [] and watch.console_errors == []
