"""Python's files as the build stages them: the manifest names them truly, the snapshot is never stale.

manifest.json is what the page runtime, the USB copy and a service worker rely on for names; the
snapshot is remade whenever the exercises, the engine or the Pyodide pin change (Makefile, key).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import shutil
import subprocess
import tomllib
import zipfile

import pytest
from conftest import IN_CI, ROOT

from coopsite import assets


@pytest.fixture(scope="module")
def manifest(site_dir):
    return json.loads((site_dir / "assets" / "coop" / "manifest.json").read_text())


def test_the_manifest_names_the_files_the_site_serves(site_dir, manifest):
    for path, entry in manifest["files"].items():
        assert entry["url"] == assets.served(path) and entry["hash"] in entry["url"], path  # a name with its hash
        assert not (site_dir / "assets" / path).exists(), f"{path} is served under its plain name too"
        data = (site_dir / "assets" / entry["url"]).read_bytes()
        assert len(data) == entry["bytes"], path
        if path != "coop/pysnapshot.bin":  # named by its key (the hash of what it is made from)
            assert entry["hash"] == hashlib.sha256(data).hexdigest()[:16], path
        for suffix, key in ((".gz", "gzip"), (".br", "brotli")):
            if key in entry:
                assert (site_dir / "assets" / (entry["url"] + suffix)).stat().st_size == entry[key], path + suffix
    for path, entry in manifest["packs"].items():
        data = (site_dir / "assets" / entry["url"]).read_bytes()
        assert len(data) == entry["bytes"] and hashlib.sha256(data).hexdigest()[:16] in entry["url"], path
    for mode in ("http", "file"):
        for start in ("snapshot", "normal"):
            listed = manifest["files"] if mode == "http" else manifest["packs"]
            assert set(manifest["boot"][mode][start]) <= set(listed)


def test_the_compressed_copies_and_the_pack_hold_the_same_snapshot(site_dir, manifest):
    served = site_dir / "assets" / manifest["files"]["coop/pysnapshot.bin"]["url"]
    raw = served.read_bytes()
    assert gzip.decompress(served.with_name(served.name + ".gz").read_bytes()) == raw
    pack = (site_dir / "assets" / manifest["packs"]["coop/packs/pysnapshot.gz.b64.js"]["url"]).read_text()
    literal = re.fullmatch(r'\(self\.PYPACK\|\|\(self\.PYPACK=\{\}\)\)\["pysnapshot\.bin\.gz"\]="([^"]*)";\n', pack)
    assert literal and gzip.decompress(base64.b64decode(literal[1])) == raw
    assert assets.snapshot_key(served) == manifest["key"]


def test_a_stale_snapshot_stops_the_build(tmp_path, monkeypatch):
    """The MkDocs hook asks coopsite.assets.stale(): a snapshot of other exercises is named."""
    copy = tmp_path / "assets"
    (copy / "coop").mkdir(parents=True)
    staged = assets.ASSETS / "coop"
    shutil.copy(staged / "manifest.json", copy / "coop")
    shutil.copy(staged / "pysnapshot.bin", copy / "coop")
    monkeypatch.setattr(assets, "ASSETS", copy)
    monkeypatch.setattr(assets, "MANIFEST", copy / "coop" / "manifest.json")
    assert assets.stale() is None
    listed = json.loads(assets.MANIFEST.read_text())
    assets.MANIFEST.write_text(json.dumps({**listed, "key": "0123456789abcdef"}))
    assert "0123456789abcdef" in assets.stale()


@pytest.mark.parametrize(
    "changed",
    [
        "exercises/models/pooled_pricing.py",
        "exercises/pooled_pricing.py",
        "exercises/pooled_pricing.toml",
        "exercises/api.py",
        "exercises/core/engine.py",
        "exercises/locale/lo/LC_MESSAGES/exercises.po",
        "frontend/src/runtime/coop_boot.py",
        "package-lock.json",  # the Pyodide pin
        "requirements.lock",  # pygal and markupsafe
    ],
)
def test_make_remakes_the_snapshot_when_what_it_holds_changes(changed):
    assert (ROOT / changed).exists(), changed
    dry = ["make", "-n", "-C", str(ROOT), ".stamps/assets"]
    if "stage_assets.py" in subprocess.run(dry, capture_output=True, text=True, check=False).stdout:
        message = "the staged assets are not up to date (run `make assets`)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run([*dry, "-W", changed], capture_output=True, text=True, check=False)
    assert "scripts/stage_assets.py" in result.stdout, result.stdout + result.stderr


@pytest.mark.slow
def test_a_snapshot_larger_than_pyodides_default_memory_restores():
    """Pyodide issue 6254: 314.0.x restores into its 30 MB default memory without growing it."""
    result = subprocess.run(
        # the staged files (plain names; the site serves the same bytes under hashed names)
        ["node", str(ROOT / "tests" / "node" / "snapshot-heap.mjs"), str(assets.ASSETS)],
        capture_output=True,
        text=True,
        check=True,
    )
    outcome = json.loads(result.stdout)
    assert outcome["heap"] > 60_000_000
    assert outcome["ours"] == "ok"
    # While the bug is in the pinned Pyodide, the plain restore fails; when a new pin fixes it, this
    # line says so (and snapshot.js's memory growth may go).
    assert "out of bounds" in outcome["plain"], outcome["plain"]


def test_the_bundle_holds_every_word_file_as_json():
    """The browser reads an exercise's words as JSON (no tomllib in Python's memory snapshot): the same data."""
    bundle = ROOT / "overrides" / "assets" / "coop" / "pybundle.zip"
    if not bundle.exists():
        message = "no staged bundle (run `make assets`)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    with zipfile.ZipFile(bundle) as archive:
        names = set(archive.namelist())
        assert not [name for name in names if name.endswith(".toml")]
        for path in sorted((ROOT / "exercises").glob("*.toml")):
            packed = f"exercises/{path.stem}.words.json"
            assert packed in names, packed
            assert json.loads(archive.read(packed)) == tomllib.loads(path.read_text(encoding="utf-8")), path.name
