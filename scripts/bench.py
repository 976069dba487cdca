"""Performance of the built site, as JSON (`make bench`). Measurements, not pass/fail tests.

For http (scripts/serve.py, sending the precompressed brotli/gzip copies like a real host) and for
file:// (the unzipped USB copy), on a lesson page with the pooled-pricing simulation, in one browser
run, each measurement in a fresh context (cold: nothing kept), medians of ``--runs`` runs:

* first_result_ms: from the learner's first change to the new results on the page, Python started
  from the build's memory snapshot (``snapshot``) and started the normal way (``normal``);
* bare_pyodide_ms: Pyodide alone (no exercises), started by the same worker; ``ratio`` is
  first_result_ms ÷ bare_pyodide_ms (the goal: at most 0.5);
* warm_update_ms: a parameter change → new tables and chart on the page (median of 15, Python warm);
* restart_ms: Stop (terminate the worker) → Python ready again (median of 3 per run);
* bytes_before_python / bytes_after_python: what the page transferred (http: bytes on the wire,
  compressed; file://: bytes read from the copy) before the first change and once the results are
  there; over http also with a host that sends gzip only (``http_gzip_only``);
* spare_worker_bytes: what a second, idle Python worker (a "warm spare" that would make Stop instant)
  adds to the browser's memory (PSS of all its processes, http);
* sizes: Python's files (the snapshot raw / gzip / brotli), the site, the USB zip, the PDFs (each
  file's bytes and pages, totals per kind);
* build: a full build where nothing changed (MkDocs, then make_pdf with its cache), timed, into a
  scratch folder; and what the last real PDF build did (pdf/pdfs.json: seconds, pages printed).
* search: for the same lesson page in every language, the bytes before Python (search is not loaded
  then), what opening search adds (its worker and that language's index) and how long until it is
  ready to search; sizes also hold each language's search index (raw and gzip);

On a phone (390x844, touch), over http only:

* offline_bytes: what a phone downloads to keep one language for use without internet — the first
  visit (its page, then what the service worker keeps: pages, CSS, JS, fonts, search), then
  "Keep this course on this phone" with Python only (the PDFs are counted apart, from their sizes);
* cls_kc3: layout shift on the pooled-pricing page (Lighthouse's "CLS", summed layout-shift
  entries) on a slow phone link (1.6 Mbit/s, 150 ms, CPU 4x slower), and with the page's scripts
  arriving 1.5 s late (patchy signal).

The Python timings above run without the service worker (a first visit, undisturbed by its
background downloads).

    python scripts/bench.py [--runs 3] [--out bench/results] [--no-build]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopsite.chromium import CHROMIUM, FLAGS, local_server  # noqa: E402
from coopsite.editions import is_book  # noqa: E402
from coopsite.search import index_path  # noqa: E402
from exercises.core.languages import DEFAULT, LANGUAGES  # noqa: E402

PAGE = "management/m2-communication.html"  # the full pooled-pricing preset (Key concepts 3 has the simple one)
KC3 = "key-concepts/kc3-sell-alone-or-pool.html"  # where the issue measured layout shift
FIELD = "#cx-pooled-pricing-f-advance"
RESULTS = "#cx-pooled-pricing"


def wait(page, expression: str, timeout: float = 120) -> None:
    end = time.time() + timeout
    while time.time() < end:
        if page.evaluate(expression):
            return
        time.sleep(0.01)
    raise TimeoutError(expression)


class Meter:
    """Bytes a page moves: on the wire for http (Playwright's encoded sizes), from disk for file://."""

    def __init__(self, context):
        self.total = 0
        self.seen = set()
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


def open_page(browser, root: str, start: str | None = None):
    context = browser.new_context(service_workers="block")
    if start:
        context.add_init_script(f"window.COOP_PYTHON_START = '{start}'")
    meter = Meter(context)
    page = context.new_page()
    page.goto(root + PAGE)
    wait(page, "document.documentElement.dataset.cxRuntime === 'ready'")
    page.wait_for_load_state("networkidle")
    return context, meter, page


def first_result(browser, root: str, start: str, warm: bool = False) -> dict:
    """The learner's first change → its results; then (``warm``) warm updates and restarts."""
    context, meter, page = open_page(browser, root, start)
    result = {"bytes_before_python": meter.total}
    began = time.perf_counter()
    page.fill(FIELD, "2,100")
    wait(
        page,
        f"document.querySelector('{RESULTS}').dataset.numbers && "
        f"!document.querySelector('{RESULTS} .cx-results').classList.contains('cx-stale')",
    )
    result["first_result_ms"] = round((time.perf_counter() - began) * 1000)
    result["path"] = page.evaluate("document.documentElement.dataset.cxPythonPath")
    page.wait_for_timeout(300)
    result["bytes_after_python"] = meter.total
    if warm:
        result["warm_update_ms"] = warm_updates(page)
        result["restart_ms"] = statistics.median(restart(page) for _ in range(3))
    context.close()
    return result


def warm_updates(page) -> float:
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
    return round(statistics.median(updates), 1)


def restart(page) -> float:
    return round(
        page.evaluate("""async () => {
        const python = window.__coopPython;
        const start = performance.now();
        python.halt('stopped');
        while (python.state !== 'ready') await new Promise(r => setTimeout(r, 5));
        return performance.now() - start;
    }""")
    )


def start_runtime(page, bare: bool) -> float:
    """A second PythonRuntime on the page (Pyodide alone if ``bare``): ms until it is ready."""
    return round(
        page.evaluate(
            """async (bare) => {
        const Runtime = window.__coopPython.constructor;
        const assets = new URL('../', document.querySelector('script[src*="coop/runtime."]').src).href;
        const python = new Runtime(assets, () => {});
        python.bare = bare;
        window.__coopSpare = python;
        const start = performance.now();
        await python.ensure();
        return performance.now() - start;
    }""",
            bare,
        )
    )


def bare_pyodide(browser, root: str) -> int:
    """Pyodide alone, the same way (worker, same files), in a fresh context of the same browser."""
    context, _, page = open_page(browser, root)
    ms = start_runtime(page, bare=True)
    context.close()
    return ms


def browser_pss(marker: str) -> int:
    """Proportional memory (PSS) of the browser started with ``marker`` and all its processes."""
    parents, commands = {}, {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:  # processes come and go while we read
                parents[proc.name] = (proc / "stat").read_text().rsplit(")", 1)[1].split()[1]
                commands[proc.name] = (proc / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
    tree = {pid for pid, command in commands.items() if marker in command}
    while True:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        if not more:
            break
        tree |= more
    total = 0
    for pid in tree:
        try:
            for line in (Path("/proc") / pid / "smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def spare_worker_bytes(browser, root: str, marker: str) -> int:
    """Memory a warm spare worker (a second Python, started from the snapshot, idle) adds."""
    context, _, page = open_page(browser, root)
    page.fill(FIELD, "2,100")
    wait(page, "document.documentElement.dataset.cxPython === 'ready'")
    page.wait_for_timeout(2000)
    before = browser_pss(marker)
    start_runtime(page, bare=False)
    page.wait_for_timeout(2000)
    after = browser_pss(marker)
    context.close()
    return after - before


PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
#: Each language's home page (the default language's is at the root).
HOMES = {language.code: ("" if language.default else f"{language.code}/") + "index.html" for language in LANGUAGES}
SW_BYTES = "performance.getEntriesByType('resource').reduce((sum, e) => sum + e.transferSize, 0)"


def offline_bytes(browser, root: str, lang: str) -> dict:
    """Bytes on the wire to keep one language: first visit + the worker's downloads, then Python."""
    context = browser.new_context(**PHONE)
    page_bytes = 0  # the page's own requests; the worker's are counted by the worker (Resource Timing)

    def count(request) -> None:
        nonlocal page_bytes
        if request.service_worker is None and request.url.startswith("http"):
            sizes = request.sizes()
            page_bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]

    context.on("requestfinished", count)
    page = context.new_page()
    page.goto(root + HOMES[lang])
    wait(page, "document.documentElement.dataset.coopOffline === 'ready'")
    page.wait_for_load_state("networkidle")
    context.remove_listener("requestfinished", count)  # from here the worker answers the page
    worker = context.service_workers[0]
    kept = worker.evaluate(SW_BYTES)
    panel = page.locator(".coop-keep").first
    panel.locator('input[name="pdf"]').uncheck()
    panel.locator(".coop-keep-button").click()
    wait(page, "!document.querySelector('.coop-keep-remove').hidden")
    python = worker.evaluate(SW_BYTES) - kept
    context.close()
    return {
        "first_visit_page": page_bytes,
        "without_python": page_bytes + kept,
        "python": python,
        "with_python": page_bytes + kept + python,
    }


SHIFTS = """window.__cls = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
  .observe({type: 'layout-shift', buffered: true});"""


def layout_shift(browser, root: str, late_scripts: bool) -> float:
    """Summed layout shifts of a cold load of kc3 on a slow phone (or with late scripts)."""
    context = browser.new_context(**PHONE, service_workers="block")
    context.add_init_script(SHIFTS)
    page = context.new_page()
    if late_scripts:
        context.route("**/assets/coop/*.js", lambda route, request: (time.sleep(1.5), route.continue_()))
    else:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8},
        )
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(root + KC3, timeout=120_000)
    wait(page, "document.documentElement.dataset.cxRuntime === 'ready'")
    page.wait_for_timeout(2000)
    value = page.evaluate("window.__cls")
    context.close()
    return round(value, 4)


def phone_runs(browser, root: str, runs: int) -> dict:
    offline = {lang: [offline_bytes(browser, root, lang) for _ in range(runs)] for lang in HOMES}
    return {
        "offline_bytes": {
            lang: {key: statistics.median(run[key] for run in results) for key in results[0]}
            for lang, results in offline.items()
        },
        "cls_kc3": {
            "slow_phone": statistics.median(layout_shift(browser, root, False) for _ in range(runs)),
            "late_scripts": statistics.median(layout_shift(browser, root, True) for _ in range(runs)),
        },
    }


def search_run(browser, root: str, code: str) -> dict:
    """The lesson page in one language on a phone: bytes before Python; then search opened on it."""
    context = browser.new_context(**PHONE, service_workers="block")
    meter = Meter(context)
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
    summary = {
        key: statistics.median(run[key] for run in runs if key in run)
        for key in runs[0]
        if isinstance(runs[0][key], (int, float))
    }
    summary["runs"] = runs
    return summary


def measure(browser, root: str, runs: int) -> dict:
    report = {}
    for start in ("snapshot", "normal"):
        report[start] = summarise([first_result(browser, root, start, warm=start == "snapshot") for _ in range(runs)])
    report["bare_pyodide_ms"] = statistics.median(bare_pyodide(browser, root) for _ in range(runs))
    for start in ("snapshot", "normal"):
        report[start]["ratio"] = round(report[start]["first_result_ms"] / report["bare_pyodide_ms"], 2)
    return report


def sizes(site: Path, zips: list[Path]) -> dict:
    manifest = json.loads((site / "assets" / "coop" / "manifest.json").read_text())
    python = {}
    for start, paths in manifest["boot"]["http"].items():
        python[start] = {
            kind: sum(manifest["files"][path].get(kind, manifest["files"][path]["bytes"]) for path in paths)
            for kind in ("bytes", "gzip", "brotli")
        }
    files = json.loads((site / "pdf" / "pdfs.json").read_text(encoding="utf-8"))["files"]
    return {
        "snapshot": {kind: manifest["files"]["coop/pysnapshot.bin"][kind] for kind in ("bytes", "gzip", "brotli")},
        "python_download": python,
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        # what "Keep this course" adds with the PDFs ticked: the language's sessions, kits and forms (not the books)
        "pdf_bytes_per_language": {
            lang: sum(info["bytes"] for name, info in files.items() if f"-{lang}-" in name and not is_book(name))
            for lang in HOMES
        },
        "usb_zip_bytes": zips[-1].stat().st_size if zips else None,
        **pdf_sizes(site),
        "search_index": {
            language.code: {"bytes": len(data), "gzip_bytes": len(gzip.compress(data, 6))}
            for language in LANGUAGES
            for data in [(site / index_path(site, language.code)).read_bytes()]
        },
        "search_settings_bytes": (site / "search" / "search_index.json").stat().st_size,
    }


def pdf_sizes(site: Path) -> dict:
    """Bytes and pages of every PDF, and totals for each kind (sessions, books, kits, forms)."""
    listed = json.loads((site / "pdf" / "pdfs.json").read_text(encoding="utf-8"))
    kinds: dict[str, dict] = {}
    for name, info in listed["files"].items():
        kind = name.split("/")[0] if "/" in name else "books"
        total = kinds.setdefault(kind, {"files": 0, "bytes": 0, "pages": 0})
        total["files"] += 1
        total["bytes"] += info["bytes"]
        total["pages"] += info["pages"]
    return {
        "pdf_bytes_total": sum(k["bytes"] for k in kinds.values()),
        "pdf_kinds": kinds,
        "pdfs": listed["files"],
        "last_pdf_build": listed["build"],
    }


def nothing_changed_build() -> dict:
    """MkDocs, the stylesheets and make_pdf into a scratch folder (as the Makefile builds the site), with
    the PDF cache of earlier builds: nothing to print."""
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict", "--quiet", "-d", out],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        subprocess.run(["node", "scripts/slim-css.mjs", out], cwd=ROOT, check=True, capture_output=True)
        built = time.perf_counter()
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "make_pdf.py"), "--site", out], check=True, capture_output=True
        )
        done = time.perf_counter()
        stats = json.loads((Path(out) / "pdf" / "pdfs.json").read_text(encoding="utf-8"))["build"]
    return {
        "mkdocs_s": round(built - started, 1),
        "pdf_s": round(done - built, 1),
        "total_s": round(done - started, 1),
        "pdf_pages_printed": stats["printed"],
        "pdf_files_assembled": stats["assembled"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure the built site (JSON).")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    parser.add_argument("--no-build", action="store_true", help="skip timing a build where nothing changed")
    args = parser.parse_args()
    site = Path(args.site)
    zips = sorted((ROOT / "dist").glob("our-coffee-coop-*.zip"))
    from playwright.sync_api import sync_playwright

    report = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count()},
        "page": PAGE,
        "runs": args.runs,
    }
    marker = f"--coop-bench={uuid.uuid4().hex}"  # finds this browser's processes for the memory count
    with (
        local_server(site) as http_root,
        local_server(site, brotli=False) as gzip_root,
        tempfile.TemporaryDirectory() as usb,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*FLAGS, marker], headless=True)
        try:
            report["http"] = measure(browser, http_root, args.runs)
            report["http_gzip_only"] = {
                "bytes_after_python": first_result(browser, gzip_root, "snapshot")["bytes_after_python"]
            }
            report["http"]["spare_worker_bytes"] = statistics.median(
                spare_worker_bytes(browser, http_root, marker) for _ in range(args.runs)
            )
            report["phone"] = phone_runs(browser, http_root, args.runs)
            if zips:
                with zipfile.ZipFile(zips[-1]) as archive:
                    archive.extractall(usb)
                report["file"] = measure(browser, (Path(usb) / "course").as_uri() + "/", args.runs)
            roots = {"http": http_root, **({"file": (Path(usb) / "course").as_uri() + "/"} if zips else {})}
            for name, root in roots.items():
                report[name]["search"] = {
                    language.code: summarise([search_run(browser, root, language.code) for _ in range(args.runs)])
                    for language in LANGUAGES
                }
        finally:
            browser.close()
    report["sizes"] = sizes(site, zips)
    if not args.no_build:
        report["build"] = {"nothing_changed": nothing_changed_build(), "cpus": os.cpu_count()}
    text = json.dumps(report, indent=2)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"bench-{report['date'][:10]}.json").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
