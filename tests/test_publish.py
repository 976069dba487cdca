"""The course on nginx with the shipped configuration (deploy/nginx.conf), as a real server sends it.

nginx is started exactly as README says (``nginx -p <repository> -c deploy/nginx.conf``, on
127.0.0.1:8080). It must run wherever the tests run: without nginx or its brotli module these tests
fail and say what to install (.ci/run installs both); they never skip.

* Headers: types, precompressed transfer, caching by kind of file, each page's security policy
  (the same as its <meta>, plus frame-ancestors), a 404 page per language; site/_headers (for static
  hosts) says what nginx sends.
* A learner's visit (Chromium): both home pages, a simulation's first result, search, a PDF, nothing
  from another origin; and a second visit, measured in nginx's own log: pages are revalidated (304)
  and Python's files are not sent again.
"""

from __future__ import annotations

import gzip
import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import brotli
import pytest
from conftest import wait_for, wait_numbers

from coopsite import editions, publish
from coopsite import nginx as nginx_server
from coopsite.chromium import CHROMIUM, FLAGS
from coopsite.nginx import ACCESS_LOG as LOG
from coopsite.nginx import URL
from coopsite.search import index_path
from exercises import EXERCISES, api
from exercises.core.i18n import translator
from exercises.core.languages import LANGUAGES
from exercises.core.params import raw_defaults

pytestmark = pytest.mark.slow

LESSON = "management/m2-communication.html"  # with the pooled-pricing simulation
NAME = "pooled-pricing"
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


@pytest.fixture(scope="session")
def nginx(site_dir):
    """nginx serving site/ with deploy/nginx.conf (coopsite/nginx.py): a missing nginx fails, never skips."""
    try:
        with nginx_server.serving() as url:
            yield url
    except RuntimeError as error:
        pytest.fail(str(error))


def get(path: str, encoding: str | None = "gzip, deflate, br", **headers):
    """GET ``path``: (status, headers, body as sent)."""
    request = urllib.request.Request(
        URL + path, headers={**headers, **({"Accept-Encoding": encoding} if encoding else {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def decoded(headers, body: bytes) -> bytes:
    return {"br": brotli.decompress, "gzip": gzip.decompress}.get(headers["Content-Encoding"], lambda b: b)(body)


def served(site_dir: Path, name: str) -> str:
    return "assets/" + json.loads((site_dir / "assets" / "coop" / "fingerprints.json").read_text())[name]


# ---- Headers ---------------------------------------------------------------------------------------


def test_types_and_precompressed_transfer(nginx, site_dir):
    wasm = served(site_dir, "pyodide/pyodide.asm.wasm")
    runtime = served(site_dir, "coop/runtime.js")
    css = next((site_dir / "assets" / "stylesheets").glob("main.*.min.css")).relative_to(site_dir).as_posix()
    font = "assets/fonts/noto-sans-lao-lao-400-normal.woff2"
    cases = [  # path, Accept-Encoding, Content-Type, Content-Encoding
        ("index.html", "gzip, deflate, br", "text/html; charset=utf-8", "br"),
        ("lo/index.html", "gzip", "text/html; charset=utf-8", "gzip"),
        (wasm, "gzip, deflate, br", "application/wasm", "br"),
        (wasm, "gzip", "application/wasm", "gzip"),
        (wasm, None, "application/wasm", None),
        (runtime, "gzip, deflate, br", "text/javascript; charset=utf-8", "br"),
        (served(site_dir, "pyodide/pyodide.asm.mjs"), "br", "text/javascript; charset=utf-8", "br"),
        (css, "br", "text/css; charset=utf-8", "br"),
        ("assets/coop/manifest.json", "gzip", "application/json; charset=utf-8", "gzip"),
        ("lo/manifest.webmanifest", "br", "application/manifest+json; charset=utf-8", "br"),
        (font, "gzip, deflate, br", "font/woff2", None),
        (served(site_dir, "coop/pybundle.zip"), "gzip, deflate, br", "application/zip", None),
        ("pdf/" + editions.form_pdf("en", "delivery-slip"), "gzip, deflate, br", "application/pdf", None),
    ]
    for path, accept, kind, encoding in cases:
        status, headers, body = get(path, accept)
        assert status == 200, path
        assert headers["Content-Type"] == kind, (path, headers["Content-Type"])
        assert headers["Content-Encoding"] == encoding, (path, accept, headers["Content-Encoding"])
        assert decoded(headers, body) == (site_dir / path).read_bytes(), path
        if encoding:
            assert "Accept-Encoding" in headers["Vary"], path
    # the wasm goes out as its brotli copy: about a third of its size
    assert len(get(wasm)[2]) < 0.4 * (site_dir / wasm).stat().st_size


def test_cache_headers_by_kind_of_file(nginx, site_dir):
    fingerprinted = [
        f"assets/{name}" for name in json.loads((site_dir / "assets/coop/fingerprints.json").read_text()).values()
    ] + [index_path(site_dir, language.code) for language in LANGUAGES]  # the search documents
    material = [
        p.relative_to(site_dir).as_posix()
        for p in (site_dir / "assets").rglob("*.min.*")
        if re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", p.name)  # Material's bundles
    ]
    assert len(fingerprinted) >= 18 and material
    for path in fingerprinted + material:
        status, headers, _ = get(path)
        assert status == 200 and headers["Cache-Control"] == publish.IMMUTABLE, path
    revalidated = [
        "index.html",
        "lo/index.html",
        "",  # the site's root: index.html
        "lo/",
        LESSON,
        "sw.js",
        "assets/coop/manifest.json",
        "assets/coop/fingerprints.json",
        "search/search_index.json",  # names the search documents
        "manifest.webmanifest",
        "lo/manifest.webmanifest",
        "assets/stylesheets/coop.css",
        "pdf/" + editions.form_pdf("en", "cash-book"),
    ]
    for path in revalidated:
        status, headers, _ = get(path)
        assert status == 200 and headers["Cache-Control"] == "no-cache", path
        # a browser whose copy is current gets a 304 and no body
        again = get(path, **{"If-None-Match": headers["ETag"]})
        assert again[0] == 304 and again[2] == b"", path
    # a name that is not there is not cached for a year
    missing = get("assets/coop/runtime.0123456789abcdef.js")
    assert missing[0] == 404 and "immutable" not in (missing[1]["Cache-Control"] or "")


@pytest.mark.parametrize(
    "path, lang, status",
    [
        ("", "en", 200),
        ("lo/", "lo", 200),
        (LESSON, "en", 200),
        ("lo/" + LESSON, "lo", 200),
        ("lo/glossary.html", "lo", 200),
        ("offline.html", "en", 200),
        ("no-such-page.html", "en", 404),
        ("lo/management/no-such-page.html", "lo", 404),
    ],
)
def test_each_page_has_its_policy_and_security_headers(nginx, path, lang, status):
    code, headers, body = get(path)
    html = decoded(headers, body).decode("utf-8")
    assert code == status
    assert re.search(f'<html lang="{lang}"', html), path  # a 404 page in the language of the address
    meta = META.search(html)
    assert meta, path
    assert headers["Content-Security-Policy"] == f"{meta.group(1)}; frame-ancestors 'self'"
    for name, value in publish.SECURITY.items():
        assert headers[name] == value, (path, name)


def test_scripts_get_security_headers_and_no_page_policy(nginx, site_dir):
    status, headers, _ = get(served(site_dir, "coop/py-worker.js"))
    assert status == 200 and headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] is None


def test_the_headers_file_for_static_hosts_says_what_nginx_sends(nginx, site_dir):
    rules: dict[str, dict[str, str]] = {}
    current = None
    for line in (site_dir / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            current = rules.setdefault(line, {})
        elif line.startswith("  ") and current is not None:
            name, value = line.strip().split(": ", 1)
            current[name] = value
    assert rules.pop("/*") == publish.SECURITY
    checked = 0
    for path, headers in rules.items():
        if not (site_dir / path.lstrip("/")).is_file():
            continue  # the same page without .html, for hosts with "pretty URLs"
        _, sent, _ = get(path.lstrip("/"))
        for name, value in headers.items():
            assert sent[name] == value, (path, name)
        checked += 1
    assert checked > 100  # every page, and every file with a hash in its name
    for private in ("_headers", "_headers.nginx", "_errors.nginx"):
        assert get(private)[0] == 404


# ---- A learner's visits ----------------------------------------------------------------------------


@pytest.mark.browser
def test_a_visit_to_the_course_on_nginx(nginx, browser_context, site_dir):
    context, watch = browser_context(URL)
    page = context.new_page()
    for path, lang in (("", "en"), ("lo/", "lo")):
        page.goto(URL + path)
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.locator("h1").first.is_visible()

    # a simulation's first result, computed by Python in the browser
    page.goto(URL + LESSON)
    wait_for(page, "document.documentElement.dataset.cxRuntime === 'ready'")
    raw = {**raw_defaults(EXERCISES[NAME].params, translator("en")), "advance": "2,100"}
    expected = api.update(NAME, "en", raw)["numbers"]
    page.fill(f"#cx-{NAME}-f-advance", "2,100")
    wait_numbers(page, f"#cx-{NAME}", lambda numbers: numbers == expected, timeout=90)

    # search
    page.goto(URL + "index.html?q=advance")
    assert wait_for(page, "document.querySelectorAll('.md-search-result__item').length", timeout=30) > 0

    # a PDF, downloaded from its link
    page.goto(URL + "management/m6-finance.html")
    with page.expect_download() as download:
        page.locator('a[href$="-m6-finance-learner.pdf"]').first.click()
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"

    assert watch.blocked == [], watch.blocked  # nothing from another origin
    assert watch.console_errors == [], watch.console_errors


def _log_lines(start: int) -> list[tuple[str, int, int]]:
    """(path, status, body bytes) of the requests nginx logged after byte ``start`` of its log."""
    lines = LOG.read_bytes()[start:].decode("utf-8", "replace").splitlines()
    found = [re.search(r'"GET (\S+) HTTP/[\d.]+" (\d{3}) (\d+)', line) for line in lines]
    return [(m[1], int(m[2]), int(m[3])) for m in found if m]


@pytest.mark.browser
def test_a_second_visit_revalidates_pages_and_sends_no_python_again(nginx, playwright_instance, site_dir, tmp_path):
    """No service worker here (blocked): what the browser's HTTP cache does with nginx's headers.
    (No request routing either: Playwright's routing turns the HTTP cache off.)"""
    context = playwright_instance.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=FLAGS, headless=True, service_workers="block"
    )
    try:
        origins = set()
        context.on("request", lambda request: origins.add(urlparse(request.url)._replace(path="", query="").geturl()))
        wasm = "/" + served(site_dir, "pyodide/pyodide.asm.wasm")
        raw = raw_defaults(EXERCISES[NAME].params, translator("en"))
        for visit, advance in ((1, "2,100"), (2, "2,200")):
            start = LOG.stat().st_size
            page = context.new_page()
            page.goto(URL + LESSON)
            wait_for(page, "document.documentElement.dataset.cxRuntime === 'ready'")
            expected = api.update(NAME, "en", {**raw, "advance": advance})["numbers"]
            page.fill(f"#cx-{NAME}-f-advance", advance)
            wait_numbers(page, f"#cx-{NAME}", lambda numbers, expected=expected: numbers == expected, timeout=90)
            page.close()
            requests = _log_lines(start)
            page_requests = [r for r in requests if r[0] == "/" + LESSON]
            python = [r for r in requests if r[0] == wasm]
            if visit == 1:
                assert page_requests[0][1] == 200 and python and python[0][2] > 2_000_000, requests
            else:
                assert page_requests and all(status == 304 for _, status, _ in page_requests), page_requests
                assert sum(sent for _, _, sent in python) == 0, python  # 0 bytes of wasm
                hashed = [r for r in requests if publish.HASHED.search(r[0])]
                assert sum(sent for _, _, sent in hashed) == 0, hashed
        assert {origin for origin in origins if origin.startswith("http")} == {URL.rstrip("/")}, origins
    finally:
        context.close()
