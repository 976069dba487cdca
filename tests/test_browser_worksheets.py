"""The worksheets and "Our co-op plan" in Chromium, as a group uses them: over http and from the USB copy
(file://), in English and Lao, on a phone-sized touch screen.

What is checked is what the group sees: the fields after a reload, the file it saves and loads in another
browser, the printed page, the messages next to a field, the number a simulation put in a worksheet.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT, done_m2_record, wait_for
from test_browser_offline import phone, ready_for_offline  # noqa: F401 (a fixture)

from coopsite.chromium import local_server
from coopsite.worksheets import ui_words

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
KEY = "ourcoffeecoop/progress/v2"  # frontend/src/runtime/progress.js KEY
LAO_NAME = "ສະຫະກອນ ພູແກ້ວ — ນາງ ນ້ອຍ ແລະ ທ້າວ ບຸນມີ"  # Lao text, spaces and marks, typed in either language
LONG = "ລາຄາດີຂຶ້ນ ເພາະພວກເຮົາຂາຍນຳກັນ\nLine two: 40 members.\n\n  spaces kept  "

# (selector, how to fill it, what it holds after a reload): one of every kind of field, on the plan page
TYPED = [
    ("#ws-core-group-coop-name", "fill", LAO_NAME),  # short text
    ("#ws-go-no-go-reasons", "fill", LONG),  # long text
    ("#ws-feasibility-members", "fill", "໔໐"),  # a number in Lao digits: kept as typed, printed 40
    ("#ws-go-no-go-date", "fill", "2027-01-20"),  # a day
    ("#ws-first-season-first-delivery", "fill", "2026-10"),  # a month
    ("#ws-implementation-plan-actions-r1-action", "fill", "Buy scales"),  # a table
    ("#ws-implementation-plan-actions-r1-who", "fill", "ນາງ ວັນ"),
    ("#ws-implementation-plan-actions-r1-start", "fill", "2026-08"),
    ("#ws-implementation-plan-actions-r1-end", "fill", "2026-09"),
    ("#ws-bylaws-clauses-r1-clause", "select", "quorum"),  # a choice inside a table
    ("#ws-bylaws-clauses-r1-choice", "fill", "40%"),
]
TICKED = [  # (worksheet, field, option): yes/no, a choice, two boxes of a checklist
    ("feasibility", "checked", "yes"),
    ("go-no-go", "decision", "not-yet"),
    ("first-season", "ready", "scales"),
    ("first-season", "ready", "cash"),
]


def plan_path(lang: str) -> str:
    return "plan.html" if lang == "en" else f"{lang}/plan.html"


def open_plan(browser_context, root, lang, **options):
    context, watch = browser_context(root, **{**PHONE, **options})
    page = context.new_page()
    page.goto(root + plan_path(lang))
    wait_for(page, "document.documentElement.dataset.wsReady === 'true'")
    return context, page, watch


def option(sheet: str, field: str, value: str) -> str:
    return f"#ws-{sheet} .ws-fields > [data-field='{field}'] input[value='{value}']"


def type_everything(page) -> None:
    for selector, _how, value in TYPED[:5]:
        page.fill(selector, value)
    page.click("#ws-implementation-plan .ws-add")  # a sixth row, added by the group
    page.fill("#ws-implementation-plan-actions-r6-action", "Members' meeting")
    for selector, how, value in TYPED[5:]:
        page.select_option(selector, value) if how == "select" else page.fill(selector, value)
    for sheet, field, value in TICKED:  # tapped on their label, as a finger does
        page.locator(option(sheet, field, value)).locator("xpath=..").tap()


def assert_everything(page) -> None:
    for selector, _, value in TYPED:
        assert page.input_value(selector) == value, selector
    assert page.input_value("#ws-implementation-plan-actions-r6-action") == "Members' meeting"
    for sheet, field, value in TICKED:
        assert page.is_checked(option(sheet, field, value)), (sheet, field, value)
    assert not page.is_checked(option("first-season", "ready", "bags"))


def worksheets_saved(page) -> dict:
    record = json.loads(page.evaluate(f"localStorage.getItem({KEY!r})"))
    return {name: sheet["values"] for name, sheet in record["worksheets"].items()}


@pytest.mark.parametrize("lang", ["en", "lo"])
def test_every_kind_of_field_comes_back_after_a_reload(browser_context, origin, lang):
    """Type into every kind of field (Lao text, Lao digits, a row the group added) → reload → all there,
    exactly as typed; the calendar shows the action in its months; the same answers show on the session page."""
    _kind, root = origin
    _context, page, watch = open_plan(browser_context, root, lang)
    type_everything(page)
    page.reload()  # at once: what was typed in the last moment is saved when the page is left
    wait_for(page, "document.documentElement.dataset.wsReady === 'true'")
    assert_everything(page)
    said = ui_words(lang)
    assert page.locator("#ws-core-group .ws-status").inner_text() == said["restored"]
    # the calendar: "Buy scales" from August to September, marked in those months only
    row = page.locator("#ws-implementation-plan .ws-calendar tbody tr").first
    assert row.locator("th").inner_text() == "Buy scales"
    busy = row.locator("td.ws-busy")
    assert busy.count() == 2
    assert busy.nth(0).get_attribute("aria-label") == said["month_8"].format(year="").strip()
    # the same worksheet on its session page holds the same answers
    page.goto(root + ("" if lang == "en" else f"{lang}/") + "conception/c1-core-group.html")
    wait_for(page, "document.documentElement.dataset.wsReady === 'true'")
    assert page.input_value("#ws-core-group-coop-name") == LAO_NAME
    assert watch.blocked == []
    assert [e for e in watch.console_errors if "Failed to load resource" not in e and "(404)" not in e] == []


def test_export_then_import_in_a_fresh_browser_gives_the_same_plan(browser_context, http_root, file_root, tmp_path):
    """Save progress to a file on the USB copy, load it in another browser over http: the same plan."""
    _, page, _ = open_plan(browser_context, file_root, "lo")
    type_everything(page)
    page.wait_for_timeout(600)
    with page.expect_download() as download:
        page.click(".cx-export")
    exported = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert exported["schema"] == 2 and exported["worksheets"]["core-group"]["values"]["coop-name"] == LAO_NAME
    saved = worksheets_saved(page)

    _, fresh, watch = open_plan(browser_context, http_root, "en")  # another profile, another way in
    assert fresh.input_value("#ws-core-group-coop-name") == ""
    fresh.set_input_files(".cx-import-file", download.value.path())
    wait_for(fresh, "document.querySelector('#ws-core-group-coop-name').value !== ''")
    assert_everything(fresh)
    assert worksheets_saved(fresh) == saved
    assert fresh.locator(".cx-progress-status").inner_text() == ui_words("en")["progress_imported"]
    assert watch.blocked == []


def visible_count(page, selector: str) -> int:
    return page.evaluate(f"""[...document.querySelectorAll({selector!r})].filter(e => {{
        const s = getComputedStyle(e), r = e.getBoundingClientRect();
        return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0; }}).length""")


@pytest.mark.parametrize("lang", ["en", "lo"])
def test_the_printed_plan_shows_the_answers_and_no_controls(browser_context, http_root, lang, tmp_path):
    """Print emulation of "Our co-op plan": the typed answers on the lines, numbers written the page's way,
    ticks in the ticked boxes, no field or button; trainer notes only in the trainer edition."""
    _, page, _ = open_plan(browser_context, http_root, lang, viewport={"width": 1366, "height": 900})
    type_everything(page)
    page.emulate_media(media="print")
    assert visible_count(page, ".ws input, .ws textarea, .ws select, .ws button, .cx-progress-box") == 0
    printed = page.evaluate("[...document.querySelectorAll('.ws-print')].map(e => e.textContent)")
    for expected in [LAO_NAME, LONG, "40", "Buy scales", "ນາງ ວັນ", "Members' meeting"]:
        assert expected in printed, expected
    said = ui_words(lang)
    assert said["month_10"].format(year="2026") in printed  # a month, by name
    assert "20 " + said["month_1"].format(year="2027") in printed  # a day
    assert page.locator("#ws-bylaws-clauses-r1-clause + .ws-print").inner_text() != ""  # the clause's name
    assert visible_count(page, ".ws-option.ws-ticked .ws-mark") == len(TICKED)
    assert visible_count(page, ".ws-guidance") == 0
    page.emulate_media(media="screen")
    page.click(".coop-edition [data-edition=trainer]")
    page.emulate_media(media="print")
    assert visible_count(page, ".ws-guidance") == 8
    # every worksheet starts a new sheet of paper; the PDF has them all
    pdf = tmp_path / "plan.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    assert pdf.stat().st_size > 20_000


def test_a_learner_worksheet_prints_blank_lines(browser_context, origin):
    """Nothing typed yet: the session page prints a blank line (or several) for every answer."""
    _, root = origin
    context, _watch = browser_context(root, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(root + "lo/conception/c4-go-no-go.html")
    wait_for(page, "document.documentElement.dataset.wsReady === 'true'")
    page.emulate_media(media="print")
    lines = page.evaluate("""[...document.querySelectorAll('#ws-go-no-go .ws-print')].map(e => ({
        text: e.textContent, height: e.getBoundingClientRect().height,
        shown: getComputedStyle(e).display !== 'none', ruled: getComputedStyle(e).backgroundImage }))""")
    assert len(lines) == 5  # date, two numbers, two long texts
    for line in lines:
        assert line["shown"] and line["text"] == "" and line["height"] >= 28  # 8 mm at 96 dpi ≈ 30 px
        assert "linear-gradient" in line["ruled"]
    assert visible_count(page, "#ws-go-no-go .ws-mark") == 3  # the empty boxes of the choice
    assert visible_count(page, ".ws input, .ws textarea, .ws button") == 0
    # the "what we decided" box is there too, blank
    assert visible_count(page, ".ws-decided .ws-print") == 2


def test_a_number_from_a_simulation_follows_it(browser_context, origin):
    """The advance typed in the harvest-finance simulation shows in worksheet 3 on the same page, and on
    "Our co-op plan" in another tab, and changes there when the simulation's number changes."""
    _, root = origin
    context, watch = browser_context(root, **PHONE)
    session = context.new_page()
    session.goto(root + "conception/c3-feasibility.html")
    wait_for(session, "document.documentElement.dataset.wsReady === 'true'")
    advance = "#ws-feasibility-advance"
    assert session.inner_text(advance) == "2,000"  # the simulation's starting number
    session.fill("#cx-harvest-finance-f-advance", "9,000")
    wait_for(session, f"document.querySelector('{advance}').textContent === '9,000'", timeout=5)
    assert session.inner_text("#ws-feasibility-advance-note .ws-sim-note") == ui_words("en")["sim_yours"]

    plan = context.new_page()
    plan.goto(root + "plan.html")
    wait_for(plan, "document.documentElement.dataset.wsReady === 'true'")
    assert plan.inner_text(advance) == "9,000"
    assert plan.inner_text("#ws-first-season-advance") == "9,000"  # worksheet 7 uses it too
    session.fill("#cx-harvest-finance-f-advance", "໙໕໐໐")  # Lao digits, read as the simulation reads them
    wait_for(plan, f"document.querySelector('{advance}').textContent === '9,500'", timeout=10)
    # typed last on the Lao page: the English simulation shows it (carried over), so does the worksheet
    session.goto(root + "lo/conception/c3-feasibility.html")
    wait_for(session, "document.documentElement.dataset.wsReady === 'true'")
    session.fill("#cx-harvest-finance-f-advance", "7,000")
    wait_for(plan, f"document.querySelector('{advance}').textContent === '7,000'", timeout=10)
    assert watch.blocked == []


def test_older_progress_first_opened_on_a_session_without_a_simulation(browser_context, http_root):
    """Work saved by the older version (schema 1), first opened on c1 (worksheets only, where "Start
    here" leads): it goes to the pages that show its simulations, as on any other page."""
    context, watch = browser_context(http_root, **PHONE)
    page = context.new_page()
    page.goto(http_root + "index.html")
    v1 = done_m2_record({"en": {"advance": "1,700"}})
    page.evaluate("record => localStorage.setItem('ourcoffeecoop/progress/v1', JSON.stringify(record))", v1)
    page.goto(http_root + "conception/c1-core-group.html")
    wait_for(page, "document.documentElement.dataset.wsReady === 'true'")
    stored = json.loads(page.evaluate("localStorage.getItem('ourcoffeecoop/progress/v2')"))
    assert list(stored["exercises"]) == ["management/m2-communication#pooled-pricing"]
    assert page.evaluate("localStorage.getItem('ourcoffeecoop/progress/v1')") is None
    page.goto(http_root + "progress.html")
    wait_for(page, "document.querySelector('.coop-path-summary').textContent === 'Simulations done: 1 of 18.'")
    page.goto(http_root + "management/m2-communication.html")
    wait_for(page, "document.querySelector('#cx-pooled-pricing-f-advance').value === '1,700'", timeout=10)
    assert watch.blocked == [] and watch.console_errors == []


@pytest.mark.parametrize("lang", ["en", "lo"])
def test_bad_input_gets_a_message_and_loses_nothing(browser_context, http_root, lang):
    """Too long a text, letters in a number, a corrupt saved copy: each a message in the page's language;
    what was typed stays, the corrupt copy is kept in a backup."""
    _, page, _ = open_plan(browser_context, http_root, lang)
    said = ui_words(lang)
    page.fill("#ws-core-group-coop-name", LAO_NAME)
    page.fill("#ws-business-idea-idea", "ກ" * 410)
    assert page.inner_text("#ws-business-idea-idea-err") == said["too_long"].format(over="10", max="400")
    assert page.get_attribute("#ws-business-idea-idea", "aria-invalid") == "true"
    assert re.sub(r"\s", "", page.inner_text("#ws-business-idea-idea-count")) == "410/400"
    page.fill("#ws-feasibility-members", "forty")
    assert page.inner_text("#ws-feasibility-members-err") == said["not_number"]
    page.fill("#ws-feasibility-cherry-per-member", "1,5")
    assert page.inner_text("#ws-feasibility-cherry-per-member-err") == said["decimal_comma"]
    page.fill("#ws-go-no-go-present", "0")
    assert page.inner_text("#ws-go-no-go-present-err") == said["too_small"].format(min="1")
    page.reload()
    wait_for(page, "document.documentElement.dataset.wsReady === 'true'")
    assert page.input_value("#ws-business-idea-idea") == "ກ" * 410  # kept, still with its message
    assert page.inner_text("#ws-business-idea-idea-err") == said["too_long"].format(over="10", max="400")
    assert page.input_value("#ws-feasibility-members") == "forty"
    assert page.input_value("#ws-core-group-coop-name") == LAO_NAME

    page.evaluate(f"localStorage.setItem({KEY!r}, '{{not json')")
    page.reload()
    wait_for(page, "document.documentElement.dataset.wsReady === 'true'")
    assert page.locator("#ws-core-group .ws-status").inner_text() == said["progress_corrupt"]
    backups = page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith({KEY + '/corrupt/'!r}))")
    assert len(backups) == 1 and page.evaluate(f"localStorage.getItem({backups[0]!r})") == "{not json"
    page.fill("#ws-core-group-coop-name", "again")  # a fresh record works at once
    page.reload()
    wait_for(page, "document.documentElement.dataset.wsReady === 'true'")
    assert page.input_value("#ws-core-group-coop-name") == "again"


@pytest.mark.parametrize(
    "path", ["plan.html", "lo/plan.html", "conception/c1-core-group.html", "lo/establishment/e4-registration.html"]
)
def test_worksheets_have_no_accessibility_violations(browser_context, http_root, path):
    """axe-core (WCAG 2.1 A/AA), with answers typed and a message showing, in the trainer edition."""
    context, _watch = browser_context(http_root, bypass_csp=True, **PHONE)
    page = context.new_page()
    page.goto(http_root + path)
    wait_for(page, "document.documentElement.dataset.wsReady === 'true'")
    first = page.locator("section.ws .ws-input").first
    first.fill("x" * 1000)
    page.click(".coop-edition [data-edition=trainer]") if page.locator(".coop-edition").count() else None
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    assert result == [], json.dumps(result, indent=1, ensure_ascii=False)


def test_worksheets_work_offline_on_a_phone(phone, site_dir):  # noqa: F811 (the fixture imported above)
    """After one visit over http, with no internet: a session's worksheet and the plan open, take what is
    typed and keep it over a reload (the service worker serves the pages and worksheets.js)."""
    context, page = phone()
    with local_server(site_dir) as root:
        ready_for_offline(page, root, "lo/plan.html")
    context.set_offline(True)  # and the server is gone
    page.goto(root + "lo/conception/c2-business-idea.html")
    wait_for(page, "document.documentElement.dataset.wsReady === 'true'")
    page.fill("#ws-business-idea-idea", LAO_NAME)
    page.goto(root + "lo/plan.html")
    wait_for(page, "document.documentElement.dataset.wsReady === 'true'")
    assert page.input_value("#ws-business-idea-idea") == LAO_NAME
    assert context.console_errors == [], context.console_errors
