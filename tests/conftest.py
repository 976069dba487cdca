"""Shared fixtures: the built site, the unzipped USB copy, a local web server, and Chromium.

Browser tests use Debian's Chromium (/usr/bin/chromium) through Playwright, started with the
project's flags and a fresh profile each time. Every request that leaves the site (or the local
server) is aborted and recorded, so a test can assert that nothing tried to reach another origin.
Without Chromium the browser tests are skipped — except in CI (CI=true), where they fail.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from coopsite.chromium import CHROMIUM, FLAGS, local_server

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
DIST = ROOT / "dist"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


#: Fixtures that need `make build` / `make usb`: a test using one is slow (not in `make test-fast`).
BUILT = {"site_dir", "usb_zip", "usb_dir", "http_root", "file_root", "origin"}


def pytest_collection_modifyitems(config, items):
    browser_tests = [item for item in items if "browser" in item.keywords]
    if browser_tests and IN_CI and not Path(CHROMIUM).exists():  # an xfail would pass: CI must run them
        raise pytest.UsageError(f"CI: {CHROMIUM} not found, and the {len(browser_tests)} browser tests must run")
    for item in items:
        if BUILT & set(getattr(item, "fixturenames", ())) and "slow" not in item.keywords:
            item.add_marker(pytest.mark.slow)
        if item in browser_tests and not Path(CHROMIUM).exists():
            item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} not found (apt-get install chromium)"))


# ---- Built outputs ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run the tests with `make test` (or `make build` first)")
    return SITE


@pytest.fixture(scope="session")
def usb_zip() -> Path:
    zips = sorted(DIST.glob("our-coffee-coop-*.zip"))
    if not zips:
        pytest.fail("no USB copy in dist/: run the tests with `make test` (or `make usb` first)")
    return zips[-1]


@pytest.fixture(scope="session")
def usb_dir(usb_zip, tmp_path_factory) -> Path:
    """The USB copy unzipped into a fresh folder, as a trainer would."""
    target = tmp_path_factory.mktemp("usb stick")  # a space in the path, as on real machines
    with zipfile.ZipFile(usb_zip) as archive:
        archive.extractall(target)
    return target


# ---- A local web server -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def http_root(site_dir) -> str:
    """The built site served over http by scripts/serve.py (gzip, like a real host)."""
    with local_server(site_dir) as root:
        yield root


@pytest.fixture(scope="session")
def file_root(usb_dir) -> str:
    return (usb_dir / "course").as_uri() + "/"


# ---- Chromium -----------------------------------------------------------------------------------


@dataclass
class Watch:
    """What a page did: console errors, off-origin requests (aborted), every request."""

    allowed_prefix: str
    console_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def _local(url: str, allowed_prefix: str) -> bool:
    scheme = urlparse(url).scheme
    if scheme in ("data", "blob", "about"):
        return True
    if allowed_prefix.startswith("file:"):
        return scheme == "file"
    return url.startswith(allowed_prefix)


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture
def browser_context(playwright_instance, tmp_path):
    """A fresh Chromium (own profile) with every off-origin request aborted and counted."""
    contexts = []

    def open_context(allowed_prefix: str, **options):
        profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=tmp_path)
        context = playwright_instance.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=FLAGS, headless=True, accept_downloads=True, **options
        )
        watch = Watch(allowed_prefix)

        def route(route_, request):
            watch.requests.append(request.url)
            if _local(request.url, allowed_prefix):
                route_.continue_()
            else:
                watch.blocked.append(request.url)
                route_.abort()

        context.route("**/*", route)
        context.on("console", lambda message: message.type == "error" and watch.console_errors.append(message.text))
        context.on("weberror", lambda error: watch.console_errors.append(f"uncaught: {error.error}"))
        contexts.append(context)
        return context, watch

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture(params=["http", "file"])
def origin(request, http_root, file_root):
    """Run a browser test twice: over http (local server) and over file:// (unzipped USB copy)."""
    return request.param, (http_root if request.param == "http" else file_root)


def done_m2_record(raw: dict) -> dict:
    """Work saved by the older version (schema 1): the full pooled-pricing simulation (m2) done, every
    question answered right, with the numbers ``raw`` (language → params)."""
    questions = ["read-final", "advance-up", "best-gain", "reserve-20", "break-even"]
    answers = {q: {"value": "x", "status": "correct", "attempts": 1, "lang": "en", "feedback": ""} for q in questions}
    record = {"raw": raw, "code": None, "answers": answers, "done": True}
    return {"site": "our-coffee-coop", "schema": 1, "updated": "", "exercises": {"pooled-pricing": record}}


def wait_for(page, expression: str, timeout: float = 60.0, interval: float = 0.1):
    """Poll ``expression`` in the page until it is truthy (wait_for_function breaks under CSP)."""
    deadline = time.time() + timeout
    value = None
    while time.time() < deadline:
        value = page.evaluate(expression)
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for: {expression} (last value {value!r})")


def wait_numbers(page, selector: str, predicate, timeout: float = 60.0):
    """Wait until the exercise at ``selector`` shows key numbers for which ``predicate`` is true.

    An exercise publishes the key numbers of its latest results in ``data-numbers``.
    """
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        value = page.evaluate(f"document.querySelector('{selector}').dataset.numbers || null")
        last = json.loads(value) if value else None
        if last and predicate(last):
            return last
        time.sleep(0.1)
    status = page.evaluate(f"document.querySelector('{selector} .cx-status-text')?.textContent")
    raise AssertionError(f"{selector}: numbers never matched; last {last}, status {status!r}")


def same_in_any_order(run, items: list, rng) -> bool:
    """Does ``run(items)`` give the same with the items shuffled by ``rng`` (hypothesis' ``st.randoms()``)?

    The models' property "the order of the rows never changes a result" (no kip moves with the order).
    """
    return run(items) == run(rng.sample(items, len(items)))


def kip_exact(result, *amounts: str) -> bool:
    """No kip appears or vanishes (``result.balance()`` is 0) and each member's final payment, and
    every other amount named, is a whole number of kip."""
    members = result.members.values()
    return result.balance() == 0 and all(isinstance(getattr(m, a), int) for m in members for a in ("final", *amounts))


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is (the context needs ``bypass_csp=True``)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
