"""Honest loading on slow and dear connections: the learner sees what Python costs before paying it.

* On a slow link the progress counts every byte Python needs, so it moves while anything arrives.
* With Data Saver, a 2g/3g connection (both tested) or on a phone, the size comes first, with a button; no Python
  byte is fetched before the button is pressed, and the results built into the page stay.
* A download cut midway says so (in the page's language) and "Try again" starts it cleanly.
* From the USB copy, no page reads more than 600 kB before Python (an old laptop reads a slow stick).
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
import threading
import time
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import ROOT, wait_for, wait_numbers

from coopsite.words import ui_strings
from exercises import EXERCISES, api
from exercises.core.i18n import translator
from exercises.core.params import raw_defaults

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NAME = "pooled-pricing"
PAGE = "management/m2-communication.html"  # the full pooled-pricing preset (Key concepts 3 has the simple one)
ROOT_SEL = "#cx-pooled-pricing"


def connection(**values) -> str:
    """An init script: navigator.connection says ``values`` (Chromium's own cannot be set by a test)."""
    settings = {"saveData": False, "effectiveType": "4g", **values}
    return f"""Object.defineProperty(Navigator.prototype, "connection",
    {{ configurable: true, get: () => ({{ ...{json.dumps(settings)}, addEventListener() {{}} }}) }})"""


def python_requests(watch):
    return [url for url in watch.requests if "/assets/pyodide/" in url or "/assets/coop/py" in url]


def expected_numbers(lang="en", advance="2,300"):
    raw = {**raw_defaults(EXERCISES[NAME].params, translator(lang)), "advance": advance}
    return api.update(NAME, lang, raw)["numbers"]


def size_text(site_dir, lang):
    """The prompt, with the size computed from the files the site really serves (gzip copies)."""
    manifest = json.loads((site_dir / "assets" / "coop" / "manifest.json").read_text())
    total = 0
    for path in manifest["boot"]["http"]["snapshot"]:
        served = manifest["files"][path]["url"]  # the name with its hash
        copy = site_dir / "assets" / (served + ".gz")
        total += (copy if copy.exists() else site_dir / "assets" / served).stat().st_size
    return ui_strings(lang)["python_size"].format(size=f"{total / 1e6:.1f}")


def status(page):
    return page.inner_text(f"{ROOT_SEL} .cx-status-text")


def test_progress_moves_while_bytes_arrive_on_a_slow_link(browser_context, http_root):
    context, watch = browser_context(http_root)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",  # about 16 Mbit/s, 150 ms: a few seconds of download
        {"offline": False, "latency": 150, "downloadThroughput": 2_000_000, "uploadThroughput": 200_000},
    )
    page.goto(http_root + PAGE)
    wait_for(page, "document.documentElement.dataset.cxRuntime === 'ready'", timeout=30)
    page.fill(f"{ROOT_SEL}-f-advance", "2,300")
    samples = []
    deadline = time.time() + 120
    while time.time() < deadline and page.evaluate("document.documentElement.dataset.cxPython") != "ready":
        samples.append(
            page.evaluate(f"""[document.querySelector('{ROOT_SEL} .cx-status-text').textContent,
            document.querySelector('{ROOT_SEL} .cx-progress').getAttribute('value')]""")
        )
        time.sleep(0.1)
    counts = [(re.fullmatch(r"Downloading Python: ([\d.]+) of ([\d.]+) MB", text), bar) for text, bar in samples]
    downloading = [(float(m[1]), float(m[2]), float(bar)) for m, bar in counts if m]
    done = [d for d, _, _ in downloading]
    assert len(set(done)) >= 5, f"the count should move while the files arrive: {samples}"
    assert done == sorted(done)
    bars = [bar for _, _, bar in downloading]
    assert bars == sorted(bars) and bars[-1] > 80
    starting = [i for i, (text, _) in enumerate(samples) if text == "Starting Python…"]
    assert starting and all(not text.startswith("Downloading") for text, _ in samples[starting[0] :]), samples
    assert done[-1] >= 0.9 * downloading[-1][1], "“Starting” only once (nearly) every byte is there"
    wait_numbers(page, ROOT_SEL, lambda numbers: numbers == expected_numbers())
    assert watch.blocked == [] and watch.console_errors == []


@pytest.mark.parametrize(
    "lang, link",
    [("en", {"saveData": True}), ("lo", {"saveData": True}), ("en", {"effectiveType": "3g"})],
    ids=["data-saver-en", "data-saver-lo", "3g-en"],
)
def test_with_data_saver_the_size_comes_first_and_nothing_is_fetched_before_the_button(
    browser_context, http_root, site_dir, lang, link
):
    context, watch = browser_context(http_root)
    context.add_init_script(connection(**link))
    page = context.new_page()
    page.goto(http_root + ("lo/" if lang == "lo" else "") + PAGE)
    wait_for(page, "document.documentElement.dataset.cxRuntime === 'ready'", timeout=30)
    wait_for(page, f"document.querySelector('{ROOT_SEL} .cx-status-action') !== null")
    assert status(page) == size_text(site_dir, lang)
    built = page.inner_html(f"{ROOT_SEL} .cx-results")
    page.fill(f"{ROOT_SEL}-f-advance", "2,300")
    page.wait_for_timeout(2000)
    assert python_requests(watch) == [], "no Python byte before the button"
    assert page.inner_html(f"{ROOT_SEL} .cx-results") == built, "the results built into the page stay"
    assert page.inner_text(f"{ROOT_SEL} .cx-status-action") == ui_strings(lang)["python_start"]
    page.click(f"{ROOT_SEL} .cx-status-action")
    wait_numbers(page, ROOT_SEL, lambda numbers: numbers == expected_numbers(lang), timeout=90)
    assert python_requests(watch)
    assert watch.console_errors == []


def test_on_a_phone_the_size_comes_first(browser_context, http_root, site_dir):
    context, watch = browser_context(http_root, viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    page.goto(http_root + PAGE)
    wait_for(page, "document.documentElement.dataset.cxRuntime === 'ready'", timeout=30)
    wait_for(page, f"document.querySelector('{ROOT_SEL} .cx-status-action') !== null")
    assert status(page) == size_text(site_dir, "en")
    page.tap(f"{ROOT_SEL} .cx-status-action")
    wait_for(page, "document.documentElement.dataset.cxPython === 'ready'", timeout=90)
    assert status(page) == ui_strings("en")["ready"]
    # Python is kept now (once the worker's copy in the Cache Storage is written): the next page asks no more.
    wait_for(page, "window.__coopPython.bytesToDownload().then(bytes => bytes === 0)", timeout=30)
    page.goto(http_root + "key-concepts/kc3-sell-alone-or-pool.html")  # another page with the simulation
    wait_for(page, "document.documentElement.dataset.cxRuntime === 'ready'", timeout=30)
    page.wait_for_timeout(500)
    assert page.locator(".cx-status-action").count() == 0
    assert watch.blocked == [] and watch.console_errors == []


def cutting_server(site_dir, cuts):
    """scripts/serve.py, except that the first request for each name in `cuts` stops halfway."""
    spec = importlib.util.spec_from_file_location("serve", ROOT / "scripts" / "serve.py")
    serve = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serve)

    class Cutting(serve.Handler):
        def send_head(self):
            body = super().send_head()
            name = urlparse(self.path).path.rsplit("/", 1)[-1]
            if body is None or cuts.get(name, 0) <= 0:
                return body
            cuts[name] -= 1
            data = body.read()
            body.close()
            return io.BytesIO(data[: len(data) // 2])  # the headers promised all of it

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Cutting, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.mark.parametrize("lang", ["en", "lo"])
def test_a_download_cut_midway_says_so_and_try_again_works(browser_context, site_dir, lang):
    snapshot = json.loads((site_dir / "assets" / "coop" / "manifest.json").read_text())["files"]["coop/pysnapshot.bin"]
    server = cutting_server(site_dir, {snapshot["url"].rsplit("/", 1)[-1]: 1})
    root = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        context, watch = browser_context(root)
        page = context.new_page()
        page.goto(root + ("lo/" if lang == "lo" else "") + PAGE)
        wait_for(page, "document.documentElement.dataset.cxRuntime === 'ready'", timeout=30)
        page.fill(f"{ROOT_SEL}-f-advance", "2,300")
        wait_for(page, "document.documentElement.dataset.cxPython === 'failed'", timeout=60)
        ui = ui_strings(lang)
        assert status(page) == ui["download_failed"]
        assert page.inner_text(f"{ROOT_SEL} .cx-status-action") == ui["retry"]
        assert page.input_value(f"{ROOT_SEL}-f-advance") == "2,300", "what the learner typed is kept"
        page.click(f"{ROOT_SEL} .cx-status-action")
        wait_numbers(page, ROOT_SEL, lambda numbers: numbers == expected_numbers(lang), timeout=90)
        assert page.evaluate("document.documentElement.dataset.cxPythonPath") == "snapshot"
        assert [e for e in watch.console_errors if "Failed to load resource" not in e] == []
    finally:
        server.shutdown()


#: What a page may read from the USB copy before Python starts: the page, its styles, scripts and fonts.
FILE_BUDGET = 600_000


def test_no_page_reads_more_than_600_kb_from_the_usb_copy_before_python(browser_context, file_root, usb_dir):
    """Every page of the course, both languages, as a laptop opens it from the stick: the bytes of every
    file the browser reads (the heaviest are Lao lessons with several simulations)."""
    context, watch = browser_context(file_root)
    read: dict[str, int] = {}

    def count(request):
        path = Path(unquote(urlparse(request.url).path))
        if request.url.startswith("file:") and path.is_file():
            read[request.url] = path.stat().st_size

    context.on("requestfinished", count)
    page = context.new_page()
    course = usb_dir / "course"
    heavy, pages = [], 0
    for path in sorted(course.rglob("*.html")):
        relative = path.relative_to(course).as_posix()
        if relative.startswith(("assets/", "pdf/", "search/")) or path.name == "404.html":  # (404: for a host)
            continue
        read.clear()
        page.goto(path.as_uri())
        page.evaluate("document.fonts.ready.then(() => new Promise(done => setTimeout(done, 200)))")
        pages += 1
        assert any(url.endswith(".css") for url in read), relative  # the counting works
        if sum(read.values()) > FILE_BUDGET:
            heavy.append((relative, sum(read.values())))
    assert pages > 80
    assert heavy == []
    assert watch.blocked == []
