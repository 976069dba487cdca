"""Performance of the built site, as JSON (`make bench`). Measurements, not pass/fail tests.

For http (scripts/serve.py, gzip like a real host) and for file:// (the unzipped USB copy), on a
lesson page with the pooled-pricing simulation, each in a fresh Chromium profile:

* python_ready_ms: from the learner's first change to Python ready with the exercises loaded;
* bare_pyodide_ready_ms: Pyodide alone, started the same way in the same browser run; and the ratio;
* warm_update_ms: a parameter change → new tables and chart on the page (median of 15, Python warm);
* restart_ms: Stop (terminate the worker) → Python ready again;
* bytes_before_python / bytes_after_python: what the page transferred (http: bytes on the wire,
  compressed; file://: bytes read from the copy) before the first change and after Python is ready;
* search: for the same lesson page in every language, the bytes before Python (search is not loaded
  then), what opening search adds (its worker and that language's index) and how long until it is
  ready to search;
* sizes: the site, the USB zip, the PDFs, and each language's search index (raw and gzip).

    python scripts/bench.py [--runs 3] [--out bench/results]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopsite.chromium import CHROMIUM, FLAGS, local_server  # noqa: E402
from coopsite.search import index_path  # noqa: E402
from exercises.core.languages import DEFAULT, LANGUAGES  # noqa: E402

PAGE = "key-concepts/kc3-sell-alone-or-pool.html"
FIELD = "#cx-pooled-pricing-f-advance"


def wait(page, expression: str, timeout: float = 120) -> None:
    end = time.time() + timeout
    while time.time() < end:
        if page.evaluate(expression):
            return
        time.sleep(0.02)
    raise TimeoutError(expression)


class Meter:
    """Bytes a page moves: on the wire for http (Playwright's encoded sizes), from disk for file://."""

    def __init__(self, context, root: str, course_dir: Path | None):
        self.total = 0
        self.seen = set()
        self.course_dir = course_dir
        context.on("requestfinished", self.count)

    def count(self, request) -> None:
        url = request.url
        if url.startswith("file:"):
            path = Path(url.split("?")[0][len("file://") :].replace("%20", " "))
            if path.is_file() and url not in self.seen:
                self.seen.add(url)
                self.total += path.stat().st_size
            return
        if not url.startswith("http"):
            return
        try:
            sizes = request.sizes()
            self.total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        except Exception:  # a request that never completed
            pass


def one_run(browser, root: str, course_dir: Path | None) -> dict:
    result = {}
    # Our page: first change → Python ready (with the exercises), then warm updates, then a restart.
    context = browser.new_context()
    meter = Meter(context, root, course_dir)
    page = context.new_page()
    page.goto(root + PAGE)
    wait(page, "document.documentElement.dataset.cxRuntime === 'ready'")
    page.wait_for_load_state("networkidle")
    result["bytes_before_python"] = meter.total
    start = time.perf_counter()
    page.fill(FIELD, "2,100")
    wait(page, "document.documentElement.dataset.cxPython === 'ready'")
    result["python_ready_ms"] = round((time.perf_counter() - start) * 1000)
    wait(
        page,
        "!document.querySelector('#cx-pooled-pricing .cx-results').classList.contains('cx-stale') && "
        "document.querySelector('#cx-pooled-pricing').dataset.numbers",
    )
    page.wait_for_timeout(300)
    result["bytes_after_python"] = meter.total
    updates = []
    for index in range(15):
        value = f"{2_000 + 10 * (index + 1):,}"
        updates.append(
            page.evaluate(
                """async ([selector, value]) => {
            const input = document.querySelector(selector);
            const results = input.closest('.cx').querySelector('.cx-results');
            const changed = new Promise(resolve => {
                const observer = new MutationObserver(() => { observer.disconnect(); resolve(); });
                observer.observe(results, {childList: true});
            });
            const start = performance.now();
            input.value = value;
            input.dispatchEvent(new Event('input', {bubbles: true}));
            await changed;
            return performance.now() - start;
        }""",
                [FIELD, value],
            )
        )
    result["warm_update_ms"] = round(statistics.median(updates), 1)
    result["warm_update_ms_max"] = round(max(updates), 1)
    restart = page.evaluate("""async () => {
        const python = window.__coopPython;
        const start = performance.now();
        python.halt('stopped');
        while (python.state !== 'ready') await new Promise(r => setTimeout(r, 10));
        return performance.now() - start;
    }""")
    result["restart_ms"] = round(restart)
    context.close()

    # Pyodide alone, the same way (worker, same files), in a fresh context of the same browser.
    context = browser.new_context()
    page = context.new_page()
    page.goto(root + PAGE)
    wait(page, "document.documentElement.dataset.cxRuntime === 'ready'")
    bare = page.evaluate("""async () => {
        const Runtime = window.__coopPython.constructor;
        const assets = new URL('../', document.querySelector('script[src$="coop/runtime.js"]').src).href;
        const python = new Runtime(assets, () => {});
        python.bare = true;
        const start = performance.now();
        await python.ensure();
        return performance.now() - start;
    }""")
    result["bare_pyodide_ready_ms"] = round(bare)
    context.close()
    return result


def search_run(browser, root: str, course_dir: Path | None, code: str) -> dict:
    """The lesson page in one language: bytes before Python; then search opened on it."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    meter = Meter(context, root, course_dir)
    page = context.new_page()
    page.goto(root + ("" if code == DEFAULT.code else f"{code}/") + PAGE)
    wait(page, "document.documentElement.dataset.cxRuntime === 'ready'")
    page.wait_for_load_state("networkidle")
    before = meter.total
    meta = ".md-search-result__meta"
    first = page.inner_text(meta)
    start = time.perf_counter()
    page.click("label.md-header__button[for=__search]")
    wait(page, f"document.querySelector('{meta}').textContent.trim() !== {json.dumps(first.strip())}")
    ready = round((time.perf_counter() - start) * 1000)
    page.wait_for_load_state("networkidle")
    context.close()
    return {"bytes_before_python": before, "search_open_bytes": meter.total - before, "search_ready_ms": ready}


def summarise(runs: list[dict]) -> dict:
    keys = runs[0].keys()
    summary = {key: statistics.median(run[key] for run in runs) for key in keys}
    if "python_ready_ms" in summary:
        summary["ratio_ready_to_bare"] = round(summary["python_ready_ms"] / summary["bare_pyodide_ready_ms"], 2)
    summary["runs"] = runs
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure the built site (JSON).")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    args = parser.parse_args()
    site = Path(args.site)
    zips = sorted((ROOT / "dist").glob("our-coffee-coop-*.zip"))
    from playwright.sync_api import sync_playwright

    report = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count()},
        "page": PAGE,
    }
    with local_server(site) as http_root, tempfile.TemporaryDirectory() as usb, sync_playwright() as playwright:
        course = None
        if zips:
            with zipfile.ZipFile(zips[-1]) as archive:
                archive.extractall(usb)
            course = Path(usb) / "course"
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            roots = {"http": (http_root, None)}
            if course:
                roots["file"] = (course.as_uri() + "/", course)
            for name, (root, folder) in roots.items():
                report[name] = summarise([one_run(browser, root, folder) for _ in range(args.runs)])
                report[name]["search"] = {
                    language.code: summarise(
                        [search_run(browser, root, folder, language.code) for _ in range(args.runs)]
                    )
                    for language in LANGUAGES
                }
        finally:
            browser.close()
    pdfs = {p.name: p.stat().st_size for p in sorted((site / "pdf").glob("*.pdf"))}
    report["sizes"] = {
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "usb_zip_bytes": zips[-1].stat().st_size if zips else None,
        "pdf_bytes_total": sum(pdfs.values()),
        "pdfs": pdfs,
        "search_index": {
            language.code: {"bytes": len(data), "gzip_bytes": len(gzip.compress(data, 6))}
            for language in LANGUAGES
            for data in [(site / index_path(language.code)).read_bytes()]
        },
        "search_settings_bytes": (site / "search" / "search_index.json").stat().st_size,
    }
    text = json.dumps(report, indent=2)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"bench-{report['date'][:10]}.json").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
