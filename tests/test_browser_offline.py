"""The course on a phone without internet, after one visit: the service worker, "Keep this course on
this phone", the update prompt — and the USB copy (file://), which never registers a worker.

A phone is Chromium at 390x844 with touch. "Without internet" is real: the local server is stopped
(and the browser is set offline too), since Chromium's offline switch does not reach a service
worker's own requests (microsoft/playwright#2311). These contexts do not intercept requests:
Playwright's request routing and service workers do not mix (microsoft/playwright#7588).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess

import pytest
from conftest import ROOT, wait_for, wait_numbers

from coopsite import editions
from coopsite.chromium import CHROMIUM, FLAGS, local_server
from exercises import EXERCISES, api
from exercises.core.i18n import translator
from exercises.core.params import raw_defaults

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
OTHER_PAGES = {
    "en": [
        "glossary.html",
        "management/m6-finance.html",
        "conception/c4-go-no-go.html",
        "establishment/e3-structure-bylaws.html",
        "progress.html",
    ],
    "lo": [
        "lo/glossary.html",
        "lo/management/m6-finance.html",
        "lo/conception/c4-go-no-go.html",
        "lo/establishment/e3-structure-bylaws.html",
        "lo/progress.html",
    ],
}
HOME = {"en": "index.html", "lo": "lo/index.html"}
SEARCH = {"en": "advance", "lo": "ເງິນລ່ວງໜ້າ"}


@pytest.fixture
def phone(playwright_instance, tmp_path):
    """A fresh phone (own profile) that may register service workers; every console error is kept."""
    contexts = []

    def open_phone(**options):
        context = playwright_instance.chromium.launch_persistent_context(
            str(tmp_path / f"profile-{len(contexts)}"),
            executable_path=CHROMIUM,
            args=FLAGS,
            headless=True,
            accept_downloads=True,
            **{**PHONE, **options},
        )
        context.console_errors = []
        context.on("console", lambda m: m.type == "error" and context.console_errors.append(m.text))
        contexts.append(context)
        return context, context.pages[0] if context.pages else context.new_page()

    yield open_phone
    for context in contexts:
        context.close()


def ready_for_offline(page, root, path):
    """Open ``path`` online and wait until the worker keeps the pages of its language."""
    page.goto(root + path)
    wait_for(page, "document.documentElement.dataset.coopOffline === 'ready'", timeout=90)


def keep_course(page, pdfs: bool):
    """Press "Keep this course on this phone" and wait until it is done."""
    panel = page.locator(".coop-keep").first
    panel.locator(".coop-keep-button").wait_for(state="visible")
    if not pdfs:
        panel.locator('input[name="pdf"]').uncheck()
    panel.locator(".coop-keep-button").click()
    wait_for(
        page,
        "document.querySelector('.coop-keep-remove') && !document.querySelector('.coop-keep-remove').hidden",
        timeout=120,
    )
    return panel.locator(".coop-keep-status").inner_text()


def _link_or_copy(source, target):
    """A hard link where the file system allows it (the site is 60 MB), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def assert_page_shown(page, path):
    assert page.locator("h1").first.is_visible(), path
    assert page.locator(".md-footer").count() == 1, f"{path}: not the course page (offline page?)"


#: What a phone without internet can open: a PDF (fetched as the download link does), or why not.
FETCH_PDF = """async url => {
    try {
        const response = await fetch(url);
        const start = new Uint8Array(await response.arrayBuffer()).slice(0, 5);
        return response.ok ? String.fromCharCode(...start) : `HTTP ${response.status}`;
    } catch (error) { return 'failed'; }
}"""


@pytest.mark.parametrize("lang, pdfs", [("en", False), ("lo", True)])
def test_the_course_works_without_internet_after_one_visit(phone, site_dir, lang, pdfs):
    context, page = phone()
    with contextlib.ExitStack() as server:
        root = server.enter_context(local_server(site_dir))
        ready_for_offline(page, root, HOME[lang])
        page.locator(".coop-keep .coop-keep-button").first.wait_for(state="visible")  # the panel has looked
        # Looking creates no keep cache: an empty one would count as kept, and the next version
        # would download Python and the PDFs for it (frontend/src/sw.js, carryKeptGroups).
        assert not [name for name in page.evaluate("caches.keys()") if name.startswith("coop-keep-")]
        status = keep_course(page, pdfs=pdfs)
        assert "MB" in status
    context.set_offline(True)  # and the server is gone

    for path in OTHER_PAGES[lang]:
        page.goto(root + path)
        assert_page_shown(page, path)
        assert page.evaluate("document.documentElement.lang") == lang

    page.goto(root + f"{HOME[lang]}?q={SEARCH[lang]}")
    count = wait_for(page, "document.querySelectorAll('.md-search-result__item').length", timeout=30)
    assert count > 0

    # A simulation: Python comes from the phone now.
    page.goto(root + ("" if lang == "en" else "lo/") + "management/m2-communication.html")  # the full preset
    wait_for(page, "document.documentElement.dataset.cxRuntime === 'ready'")
    raw = {**raw_defaults(EXERCISES["pooled-pricing"].params, translator(lang)), "advance": "2,100"}
    expected = api.update("pooled-pricing", lang, raw)["numbers"]
    page.fill("#cx-pooled-pricing-f-advance", "2,100")
    wait_numbers(page, "#cx-pooled-pricing", lambda numbers: numbers == expected, timeout=90)
    assert page.evaluate("document.documentElement.dataset.cxPython") == "ready"
    # The service worker served Python: the Python worker made no second copy in caches of its own.
    caches = page.evaluate("caches.keys()")
    assert not [name for name in caches if name.startswith("ourcoffeecoop-")], caches
    assert context.console_errors == [], context.console_errors

    # The PDFs of the language, when kept: every session, kit and form (the books stay online).
    session = root + "pdf/" + editions.session_pdf(lang, "management/m6-finance", "trainer")
    form = root + "pdf/" + editions.form_pdf(lang, "delivery-slip")
    book = root + "pdf/" + editions.pdf_name(lang, "management", "trainer")
    opened = [page.evaluate(FETCH_PDF, url) for url in (session, form, book)]
    assert opened == (["%PDF-", "%PDF-", "failed"] if pdfs else ["failed"] * 3), opened


def test_a_page_not_on_the_phone_says_so_in_both_languages(phone, site_dir):
    """Only English was read: a Lao page without internet gets the offline page, not the browser's error."""
    context, page = phone()
    with contextlib.ExitStack() as server:
        root = server.enter_context(local_server(site_dir))
        ready_for_offline(page, root, "index.html")
    context.set_offline(True)
    page.goto(root + "lo/management/m3-conflict.html")
    text = page.locator("body").inner_text()
    assert "There is no internet" in text and "ບໍ່ມີອິນເຕີເນັດ" in text
    with page.expect_navigation():
        page.get_by_role("link", name="Go to the home page").click()
    assert page.url == root + "index.html"
    assert_page_shown(page, "index.html")


KEPT = """async () => {
    const kept = {};
    for (const name of (await caches.keys()).filter(name => name.startsWith('coop-keep-')))
        kept[name.slice(0, name.lastIndexOf('-'))] = [name, (await (await caches.open(name)).keys()).length];
    return kept;
}"""


def test_a_new_build_offers_to_reload(phone, site_dir, tmp_path):
    """Build twice: a phone with the first version is offered the second, and gets it on "Reload".
    Python was kept ("Keep this course", without the PDFs) and one of its files changed: the new version
    keeps all of Python (copied or downloaded again), and nothing of the PDFs, which were never kept."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy, copy_function=_link_or_copy)  # changed files are replaced, not written into
    context, page = phone()
    with local_server(copy) as root:
        ready_for_offline(page, root, "index.html")
        assert page.locator(".coop-update").count() == 0
        keep_course(page, pdfs=False)
        before = page.evaluate(KEPT)
        assert list(before) == ["coop-keep-python"], before

        glossary = copy / "glossary.html"
        html = glossary.read_text(encoding="utf-8").replace("</h1>", " (new edition)</h1>", 1)
        glossary.unlink()
        glossary.write_text(html, encoding="utf-8")
        editor = next((copy / "assets" / "coop").glob("editor.*.js"))  # a file of Python's keep group (hashed name)
        code = editor.read_text(encoding="utf-8") + "\n// new edition\n"
        editor.unlink()
        editor.write_text(code, encoding="utf-8")
        (copy / "sw.js").unlink()
        subprocess.run(["node", "scripts/build-sw.mjs", str(copy)], cwd=ROOT, check=True, capture_output=True)

        page.goto(root + "management/m1-governance.html")  # a navigation: the browser looks for a new worker
        bar = page.locator(".coop-update")
        bar.wait_for(state="visible", timeout=60_000)
        assert "A new version of the course is ready." in bar.inner_text()
        with page.expect_navigation():
            bar.get_by_role("button", name="Reload").click()
        wait_for(page, "document.documentElement.dataset.coopOffline === 'ready'", timeout=60)
        assert page.locator(".coop-update").count() == 0
        after = page.evaluate(KEPT)
        assert list(after) == ["coop-keep-python"], after
        assert after["coop-keep-python"][0] != before["coop-keep-python"][0]  # a new version of the group...
        assert after["coop-keep-python"][1] == before["coop-keep-python"][1]  # ...with every file in it
    context.set_offline(True)
    page.goto(root + "glossary.html")
    assert "(new edition)" in page.locator("h1").first.inner_text()
    page.goto(root + "management/m2-communication.html")  # Python, from the phone
    wait_for(page, "document.documentElement.dataset.cxRuntime === 'ready'")
    page.fill("#cx-pooled-pricing-f-advance", "2,100")
    wait_for(page, "document.documentElement.dataset.cxPython === 'ready'", timeout=90)
    assert context.console_errors == [], context.console_errors


def test_the_usb_copy_never_registers_a_service_worker(browser_context, file_root):
    context, watch = browser_context(file_root, **PHONE)
    context.add_init_script("""
        window.__registered = 0;
        if (navigator.serviceWorker) {
            const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
            navigator.serviceWorker.register = (...args) => { window.__registered += 1; return register(...args); };
        }""")
    page = context.new_page()
    for path in ["index.html", "lo/progress.html", "key-concepts/kc3-sell-alone-or-pool.html"]:
        page.goto(file_root + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)
        assert page.evaluate("window.__registered") == 0, path
        assert page.evaluate("document.querySelector('link[rel=manifest]')") is None, path
        assert page.locator(".coop-keep").evaluate_all("els => els.every(el => el.hidden)"), path
    assert watch.console_errors == [] and watch.blocked == []
