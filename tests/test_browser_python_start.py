"""How Python starts in the browser: from the build's memory snapshot, or — when the snapshot cannot
be used — the normal way, with no error the learner can see.

The fallback matrix: a snapshot that is missing, cut short, a broken gzip, made for other exercises
(stale key), or made by another Pyodide build (its restore throws) — over http; and a broken pack on
the USB copy. Each time: the normal start, the right numbers, one console line, no console error.
Also: fresh random numbers on every start, sys.exit() in learner code said as such, and a changed
exercise message reaches the page through a rebuilt snapshot, never an old one.
"""

from __future__ import annotations

import gzip
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, wait_for, wait_numbers

from coopsite import assets
from coopsite.chromium import local_server
from exercises import EXERCISES, api
from exercises.core.i18n import translator
from exercises.core.params import raw_defaults

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NAME = "pooled-pricing"
PAGE = "management/m2-communication.html"  # the full pooled-pricing preset (Key concepts 3 has the simple one)
ROOT_SEL = "#cx-pooled-pricing"
SNAPSHOT = "coop/pysnapshot.bin"  # served as coop/pysnapshot.<key>.bin (manifest "url")
FINGERPRINTS = "assets/coop/fingerprints.json"


def open_page(browser_context, root, lang="en", start=None):
    context, watch = browser_context(root)
    if start:
        context.add_init_script(f"window.COOP_PYTHON_START = '{start}'")
    warnings = []
    context.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    return context, watch, warnings


def change_and_check(context, root, lang="en"):
    """Change the advance; the page must show what CPython computes. Returns the page."""
    page = context.new_page()
    page.goto(root + ("lo/" if lang == "lo" else "") + PAGE)
    wait_for(page, "document.documentElement.dataset.cxRuntime === 'ready'", timeout=20)
    raw = {**raw_defaults(EXERCISES[NAME].params, translator(lang)), "advance": "2,300"}
    expected = api.update(NAME, lang, raw)
    page.fill(f"{ROOT_SEL}-f-advance", "2,300")
    wait_numbers(page, ROOT_SEL, lambda numbers: numbers == expected["numbers"], timeout=90)
    return page


def snapshot_parts(site: Path) -> tuple[bytes, int]:
    """The snapshot file and where Pyodide's own snapshot starts in it (after our header)."""
    data = (site / "assets" / assets.served(SNAPSHOT)).read_bytes()
    return data, 16 + int.from_bytes(data[8:12], "little")


def bad_snapshots(site: Path) -> dict[str, tuple[int, bytes]]:
    data, payload = snapshot_parts(site)
    key = json.loads(data[16:payload])["key"]
    foreign = bytearray(data)
    foreign[payload + 16] ^= 0xFF  # Pyodide's build id: "another Pyodide build"
    return {
        "missing": (404, b""),
        "truncated": (200, data[: len(data) // 30]),
        "broken gzip": (200, gzip.compress(data, 6)[:2_000_000]),
        "stale": (200, gzip.compress(data.replace(key.encode(), b"0" * len(key), 1), 6)),
        "another Pyodide": (200, gzip.compress(bytes(foreign), 6)),
    }


@pytest.mark.parametrize("case", ["missing", "truncated", "broken gzip", "stale", "another Pyodide"])
def test_a_bad_snapshot_means_a_normal_start(browser_context, http_root, site_dir, case):
    status, body = bad_snapshots(site_dir)[case]
    context, watch, warnings = open_page(browser_context, http_root)
    context.route(
        re.compile(r"/pysnapshot\.[0-9a-f]{16}\.bin$"),
        lambda route, request: route.fulfill(
            status=status, body=body, headers={"Content-Type": "application/octet-stream"}
        ),
    )
    page = change_and_check(context, http_root)
    assert page.evaluate("document.documentElement.dataset.cxPythonPath") == "normal"
    assert page.inner_text(f"{ROOT_SEL} .cx-status-text") == ""  # nothing went wrong (the key result says what changed)
    assert len(warnings) == 1 and "snapshot was not used" in warnings[0], warnings
    assert watch.blocked == [] and watch.console_errors == []


@pytest.mark.parametrize("case", ["cut short", "missing"])
def test_a_bad_snapshot_on_the_usb_copy_means_a_normal_start(browser_context, usb_dir, tmp_path, case):
    copy = tmp_path / "usb"
    shutil.copytree(usb_dir, copy)
    pack = next((copy / "course" / "assets" / "coop" / "packs").glob("pysnapshot.gz.b64.*.js"))
    if case == "missing":
        pack.unlink()
    else:
        text = pack.read_text()
        pack.write_text(text[: len(text) // 2] + '";\n')  # a copy that stopped halfway
    root = (copy / "course").as_uri() + "/"
    context, watch, warnings = open_page(browser_context, root)
    page = change_and_check(context, root)
    assert page.evaluate("document.documentElement.dataset.cxPythonPath") == "normal"
    assert len(warnings) == 1 and "snapshot was not used" in warnings[0], warnings
    # (a missing file also gets the browser's own "Failed to load resource" line)
    assert watch.blocked == [] and [e for e in watch.console_errors if "Failed to load resource" not in e] == []


def run_code(page, code):
    page.click(f"{ROOT_SEL} .cx-mode[data-mode=code]")
    wait_for(page, f"document.querySelector('{ROOT_SEL} .cm-content') !== null", timeout=20)
    page.click(f"{ROOT_SEL} .cm-content")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)
    page.click(f"{ROOT_SEL} .cx-run")


#: The code the editor opens with (its own file, assets/coop/models/, loaded when code mode opens).
MODEL_SOURCE = inspect.getsource(EXERCISES[NAME].model)


def test_every_start_from_the_snapshot_draws_its_own_random_numbers(browser_context, http_root):
    drawn = []
    for _ in range(2):
        context, watch, _ = open_page(browser_context, http_root)
        page = change_and_check(context, http_root)
        assert page.evaluate("document.documentElement.dataset.cxPythonPath") == "snapshot"
        run_code(page, MODEL_SOURCE + "\nimport random\nprint(random.random(), random.getrandbits(64))\n")
        drawn.append(wait_for(page, f"document.querySelector('{ROOT_SEL} .cx-output').textContent", timeout=30))
        assert watch.console_errors == []
        context.close()
    assert drawn[0] != drawn[1], drawn


def test_sys_exit_in_learner_code_is_said_as_such(browser_context, http_root):
    context, watch, _ = open_page(browser_context, http_root, "lo")
    page = change_and_check(context, http_root, "lo")
    run_code(page, MODEL_SOURCE + "\nimport sys\nsys.exit(3)\n")
    wait_for(page, f"!document.querySelector('{ROOT_SEL} .cx-problem').hidden", timeout=30)
    t = translator("lo")
    assert page.inner_text(f"{ROOT_SEL} .cx-problem-heading").startswith(t("Your code asked Python to stop"))
    assert page.inner_text(f"{ROOT_SEL} .cx-problem-message") == t(
        "sys.exit() or exit() ends the program before the exercise gets its results. Take it out and run the code again."
    )
    assert page.evaluate("document.documentElement.dataset.cxPython") == "ready"  # no restart, no "too much memory"
    assert watch.console_errors == []


def test_a_learner_can_import_what_the_snapshot_does_not_hold(browser_context, http_root):
    """From the snapshot, neither the standard library nor the exercise bundle is downloaded to start;
    the standard library comes on demand (coop_boot._StdlibOnDemand), once, only then."""
    context, watch, _ = open_page(browser_context, http_root)
    page = change_and_check(context, http_root)
    assert page.evaluate("document.documentElement.dataset.cxPythonPath") == "snapshot"
    assert not any(name in url for url in watch.requests for name in ("/python_stdlib.", "/pybundle."))
    run_code(page, MODEL_SOURCE + "\nimport csv, io\nprint(next(csv.reader(io.StringIO('a,b'))))\n")
    output = wait_for(page, f"document.querySelector('{ROOT_SEL} .cx-output').textContent", timeout=30)
    assert output.startswith("['a', 'b']")
    assert sum("/python_stdlib." in url for url in watch.requests) == 1
    assert not any("/pybundle." in url for url in watch.requests)


# ---- A changed exercise reaches the page ----------------------------------------------------------

CHANGED = ('caption = "Each member"', 'caption = "Each member, counted again"')


def scratch_build(tmp_path: Path) -> Path:
    """The front-end build (stage_assets.py, make-snapshot.mjs, build-frontend.mjs) in a copy of the
    repository where one exercise message (a table's caption in a word file) changed. Returns the copy."""
    scratch = tmp_path / "repo"
    for name in ("exercises", "frontend", "coopsite", "scripts", "docs/data"):
        shutil.copytree(ROOT / name, scratch / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides" / "assets", scratch / "overrides" / "assets")  # Pyodide's copies stay fresh
    shutil.copy(ROOT / "package.json", scratch)
    (scratch / "node_modules").symlink_to(ROOT / "node_modules")
    source = scratch / "exercises" / "pooled_pricing.toml"
    source.write_text(source.read_text(encoding="utf-8").replace(*CHANGED), encoding="utf-8")
    env = {**os.environ, "COOP_QUICK_COMPRESSION": "1"}
    subprocess.run([sys.executable, "scripts/stage_assets.py"], cwd=scratch, check=True, env=env, capture_output=True)
    subprocess.run(["node", "scripts/build-frontend.mjs"], cwd=scratch, check=True, capture_output=True)
    return scratch


def test_a_changed_exercise_is_on_the_page_never_the_old_one(browser_context, site_dir, tmp_path, monkeypatch):
    scratch = scratch_build(tmp_path)
    old = json.loads((site_dir / "assets" / "coop" / "manifest.json").read_text())
    new = json.loads((scratch / "overrides" / "assets" / "coop" / "manifest.json").read_text())
    assert new["key"] != old["key"], "the snapshot key must follow the exercises"

    site = tmp_path / "site"
    shutil.copytree(site_dir, site, ignore=shutil.ignore_patterns("pdf", "pdf-src"))
    for folder in ("coop", "pyodide"):
        shutil.rmtree(site / "assets" / folder)
        shutil.copytree(scratch / "overrides" / "assets" / folder, site / "assets" / folder)
    # what the site build does with new assets: served names with their new hashes, in files and pages
    monkeypatch.setattr(assets, "FINGERPRINTS", scratch / "overrides" / "assets" / "coop" / "fingerprints.json")
    assets.rename_served(site)
    renamed = {was: assets.served(plain) for plain, was in json.loads((site_dir / FINGERPRINTS).read_text()).items()}
    page = site / PAGE
    page.write_text(
        re.sub("|".join(map(re.escape, renamed)), lambda m: renamed[m[0]], page.read_text("utf-8")), "utf-8"
    )
    changed = CHANGED[1].split('"')[1]

    with local_server(site) as root:
        context, watch, warnings = open_page(browser_context, root)
        page = change_and_check(context, root)
        assert page.evaluate("document.documentElement.dataset.cxPythonPath") == "snapshot"
        assert changed in page.inner_text(f"{ROOT_SEL} .cx-results")
        assert warnings == [] and watch.console_errors == []
        context.close()

        # The old snapshot (made from the old exercises) left in place: refused, never served.
        for suffix in ("", ".gz", ".br"):
            old_copy, new_copy = (m["files"][SNAPSHOT]["url"] + suffix for m in (old, new))
            shutil.copy(site_dir / "assets" / old_copy, site / "assets" / new_copy)
        context, watch, warnings = open_page(browser_context, root)
        page = change_and_check(context, root)
        assert page.evaluate("document.documentElement.dataset.cxPythonPath") == "normal"
        assert changed in page.inner_text(f"{ROOT_SEL} .cx-results")
        assert len(warnings) == 1 and "another build" in warnings[0], warnings
        assert watch.console_errors == []

    # And the build itself will not bundle a page runtime with a snapshot of other exercises.
    shutil.copy(site_dir / "assets" / old["files"][SNAPSHOT]["url"], scratch / "overrides" / "assets" / SNAPSHOT)
    result = subprocess.run(
        ["node", "scripts/build-frontend.mjs"], cwd=scratch, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "does not fit manifest.json" in result.stderr
