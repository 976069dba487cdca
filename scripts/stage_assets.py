"""Stage the site's front-end files from npm packages and from this repository.

    python scripts/stage_assets.py

Writes (all ignored by git, all served from the site itself — never a CDN):

* ``overrides/assets/fonts/``   Noto Sans, Noto Sans Lao, Noto Sans Mono (SIL OFL 1.1), woff2
* ``overrides/assets/stylesheets/fonts.css`` an ``@font-face`` for each of those files
* ``overrides/assets/vendor/``  the iframe-worker shim (MIT), so search works from file://
* ``overrides/assets/pyodide/`` Pyodide's core files (MPL-2.0), for http(s), each with ``.gz`` and ``.br``
  copies for hosts that serve precompressed files (nginx ``gzip_static``/``brotli_static``)
* ``overrides/assets/coop/pybundle.zip`` the ``exercises`` package (with compiled catalogs and word files), the
  pure-Python libraries it needs in the browser (pygal, markupsafe) and the worker's start-up code (``coop_boot``)
* ``overrides/assets/coop/pysnapshot.bin`` Python's memory after start-up, made from the bundle by
  scripts/make-snapshot.mjs (with ``.gz`` and ``.br`` copies): the fast way to start Python
* ``…/packs/*.js`` the same bytes as classic-script "packs" for file:// (browsers block fetch() of
  file:// URLs; see frontend/src/runtime/python.js)
* ``overrides/assets/coop/manifest.json`` what all these files are (below); esbuild builds it into
  runtime.js, so the page and the worker never hard-code a file name

The manifest (paths are relative to the site's ``assets/`` folder)::

    pyodideVersion  "314.0.7"
    key             hash of everything the snapshot holds (Pyodide's files, the bundle, the
                    snapshot code): the worker restores only a snapshot made with this key
    lock            the Pyodide lock file the worker passes (no packages: the site loads none)
    files           {path: {bytes, hash, url, gzip?, brotli?}} every Python file served over http;
                    ``url`` is the name the built site serves it under, with ``hash`` in it
                    (``pyodide/pyodide.asm.<hash>.wasm``: cached for a year, never stale);
                    ``gzip``/``brotli`` are the sizes of the precompressed copies ``url.gz``/``url.br``
    packs           {path: {bytes, key, url}} the same for file://: a classic script that sets PYPACK[key]
    boot            {"http"|"file": {"snapshot"|"normal": [paths]}}: what each way of starting
                    Python loads, in that order (the normal start is the fallback)

Files are staged here under their plain names (``path``); the site build renames each to its
``url`` (hooks/site_assets.py, coopsite/assets.py ``rename_served``). A service worker that keeps
Python for offline use caches ``boot.http.snapshot`` (and, to survive a refused snapshot offline,
``boot.http.normal``), by their ``url``.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli
import zopfli.gzip

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopsite.assets import ASSETS, MANIFEST, compile_catalogs, languages_css  # noqa: E402

NODE = ROOT / "node_modules"
PYODIDE_VERSION = "314.0.7"
#: The code font; the text fonts come from the language registry (``font_files``): each subset in
#: weights 400 and 700, upright, and italic where the package has it.
CODE_FONTS = {
    "@fontsource/noto-sans-mono": [f"noto-sans-mono-{subset}-400-normal.woff2" for subset in ("latin", "latin-ext")]
}


def font_files() -> dict[str, list[str]]:
    """npm package → the .woff2 files the site serves: every language's, then the code font."""
    from exercises.core.languages import LANGUAGES

    files = {}
    for language in LANGUAGES:
        for package, subsets in language.font_files.items():
            prefix = package.split("/")[-1]
            names = [
                f"{prefix}-{subset}-{weight}-{style}.woff2"
                for subset in subsets
                for weight in (400, 700)
                for style in ("normal", "italic")
            ]
            files[package] = [name for name in names if "normal" in name or (NODE / package / "files" / name).exists()]
    return files | CODE_FONTS


FONTS_CSS_HEAD = """/*
 * Self-hosted fonts (SIL Open Font License 1.1, see ../fonts/OFL.txt), from the npm packages
 * {packages}.
 * Material's Google Fonts are off (theme.font: false): the site makes no request to another origin.
 * Each face covers only its unicode-range, so a page downloads only the files its text needs.
 */
"""
FONT_FACE = """
@font-face {{
  font-family: "{family}";
  font-style: {style};
  font-weight: {weight};
  font-display: swap;
  src: url("../fonts/{name}") format("woff2");
  unicode-range: {unicode_range};
}}
"""


def font_face(package: str, name: str) -> tuple[str, str]:
    """The family and the ``@font-face`` rule of one font file, from fontsource's stylesheet of its
    weight and style (``400-italic.css``), whose comment names each face (``/* noto-sans-latin-400-italic */``)."""
    stem = name.removesuffix(".woff2")
    weight, style = stem.split("-")[-2:]
    sheet = (NODE / package / f"{weight}{'-italic' if style == 'italic' else ''}.css").read_text(encoding="utf-8")
    rule = re.search(rf"/\* {re.escape(stem)} \*/\s*@font-face \{{(.*?)\}}", sheet, re.S)
    family = rule and re.search(r"font-family: '([^']+)'", rule[1])
    unicode_range = rule and re.search(r"unicode-range: ([^;]+);", rule[1])
    if not (family and unicode_range):
        raise SystemExit(
            f"{package}: no @font-face with a family and unicode-range for {name} in its {weight} {style} stylesheet"
        )
    face = FONT_FACE.format(family=family[1], style=style, weight=weight, name=name, unicode_range=unicode_range[1])
    return family[1], face


def fonts_css(files: dict[str, list[str]]) -> str:
    """assets/stylesheets/fonts.css: the faces of ``files`` (``font_files()``), the code font's last. The
    stylesheet is made here, not kept in git (a language's fonts are named once, in its registry entry);
    prints and the service worker hash it, so it is written the same, byte for byte, while the fonts are."""
    faces = [font_face(package, name) for package, names in files.items() for name in names]
    *others, last = files
    packages = f"{', '.join(others)} and {last}" if others else last
    code_font = faces[-1][0]
    body = "".join(face for _, face in faces)
    return f'{FONTS_CSS_HEAD.format(packages=packages)}{body}\n:root {{\n  --md-code-font: "{code_font}";\n}}\n'


PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]
#: Files hosts get precompressed copies of (.gz, .br beside them); the zips are compressed already.
PRECOMPRESSED = ["pyodide/pyodide.mjs", "pyodide/pyodide.asm.mjs", "pyodide/pyodide.asm.wasm", "coop/pysnapshot.bin"]
#: COOP_QUICK_COMPRESSION=1 (tests that rebuild in a scratch copy): the same files, sooner, a bit larger.
QUICK = os.environ.get("COOP_QUICK_COMPRESSION") == "1"
#: Pure-Python libraries the exercises use in the browser (Pyodide's stdlib has the rest).
BROWSER_LIBRARIES = ["pygal", "markupsafe"]
#: The worker's Python start-up code, packed into the bundle as a top-level module.
BOOT_MODULE = ROOT / "frontend" / "src" / "runtime" / "coop_boot.py"
#: What makes the snapshot besides the bundle and Pyodide (a change to them is a new snapshot).
SNAPSHOT_CODE = [ROOT / "frontend" / "src" / "runtime" / "snapshot.js", ROOT / "scripts" / "make-snapshot.mjs"]
#: pygal imports the ``importlib_metadata`` backport only for ``entry_points`` (map plugins). On
#: Pyodide's Python 3.14 the standard library has it; the backport itself pulls more packages.
IMPORTLIB_METADATA_SHIM = b"""\"\"\"Stand-in for the importlib_metadata backport: Python 3.14 has it all in the stdlib.\"\"\"
from importlib.metadata import *  # noqa: F401,F403
from importlib.metadata import entry_points  # noqa: F401
"""


def write_if_changed(path: Path, data: bytes) -> None:
    """Write ``data`` unless the file already holds exactly it (keeps mtimes, and rebuilds, quiet)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_bytes() == data:
        return
    path.write_bytes(data)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def hashed_name(path: str, hash: str) -> str:
    """``pyodide/pyodide.asm.wasm`` → ``pyodide/pyodide.asm.<hash>.wasm``: the name the site serves."""
    folder, _, name = path.rpartition("/")
    stem, dot, suffix = name.rpartition(".")
    return f"{folder}/{stem}.{hash}.{suffix}" if dot else f"{folder}/{name}.{hash}"


def add_file(files: dict, path: str, data: bytes, **extra) -> None:
    """List a staged Python file with its size, content hash and the hashed name the site serves."""
    hash = digest(data)
    files[path] = {"bytes": len(data), "hash": hash, "url": hashed_name(path, hash), **extra}


def write_pack(path: str, key: str, literal: str, packs: dict) -> None:
    """A classic script at ``assets/path`` that stores ``literal`` (a JS string literal) in ``PYPACK[key]``."""
    data = f"(self.PYPACK||(self.PYPACK={{}}))[{json.dumps(key)}]={literal};\n".encode()
    write_if_changed(ASSETS / path, data)
    packs[path] = {"bytes": len(data), "key": key, "url": hashed_name(path, digest(data))}


def base64_literal(data: bytes) -> str:
    return json.dumps(base64.b64encode(data).decode())


def stage_fonts() -> None:
    files = font_files()
    for package, names in files.items():
        for name in names:
            write_if_changed(ASSETS / "fonts" / name, (NODE / package / "files" / name).read_bytes())
    write_if_changed(ASSETS / "stylesheets" / "fonts.css", fonts_css(files).encode())
    write_if_changed(ASSETS / "fonts" / "OFL.txt", (NODE / "@fontsource/noto-sans-lao/LICENSE").read_bytes())


def stage_shim() -> None:
    write_if_changed(ASSETS / "vendor" / "iframe-worker-shim.js", (NODE / "iframe-worker/shim/index.js").read_bytes())
    write_if_changed(ASSETS / "vendor" / "iframe-worker-LICENSE.txt", (NODE / "iframe-worker/LICENSE").read_bytes())


def stage_pyodide(files: dict, packs: dict) -> dict:
    """Pyodide's files and their packs; returns the lock file the worker passes to Pyodide."""
    source = NODE / "pyodide"
    version = json.loads((source / "package.json").read_text())["version"]
    if version != PYODIDE_VERSION:
        raise SystemExit(f"expected pyodide {PYODIDE_VERSION} from npm, found {version}: run `npm ci`")
    for name in PYODIDE_FILES:
        data = (source / name).read_bytes()
        write_if_changed(ASSETS / "pyodide" / name, data)
        add_file(files, f"pyodide/{name}", data)
    licence = source / "LICENSE"
    if licence.exists():
        write_if_changed(ASSETS / "pyodide" / "LICENSE", licence.read_bytes())
    write_pack(
        "pyodide/packs/stdlib.b64.js",
        "python_stdlib.zip",
        base64_literal((source / "python_stdlib.zip").read_bytes()),
        packs,
    )
    for name in ("pyodide.asm.mjs", "pyodide.mjs"):
        text = (source / name).read_text(encoding="utf-8")
        write_pack(f"pyodide/packs/{name}.src.js", name, json.dumps(text).replace("</", "<\\/"), packs)
    # The site loads no Pyodide packages: the lock file needs only its header (saves 119 kB).
    info = json.loads((source / "pyodide-lock.json").read_text())["info"]
    return {"info": info, "packages": {}}


def _library_root(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{name} is not installed in this Python: run `make setup`")
    origin = Path(spec.origin)
    return origin.parent if origin.name == "__init__.py" else origin


def bundle_entries() -> dict[str, bytes]:
    """The bundle's files: the exercises package (with .mo catalogs, and the word files as JSON), the
    browser libraries, coop_boot."""
    from exercises.core import wordfile

    compile_catalogs()
    entries: dict[str, bytes] = {}
    for path in sorted((ROOT / "exercises").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in (".py", ".mo"):
            entries[str(path.relative_to(ROOT))] = path.read_bytes()
        elif path.suffix == ".toml":  # word files as JSON: the browser reads them without tomllib (wordfile.py)
            words = wordfile.read(str(path.with_suffix(".py"))).data
            packed = json.dumps(words, ensure_ascii=False, separators=(",", ":"))
            entries[str(path.relative_to(ROOT).with_suffix(wordfile.PACKED_SUFFIX))] = packed.encode()
    for library in BROWSER_LIBRARIES:
        root = _library_root(library)
        base = root.parent
        found = [root] if root.is_file() else sorted(root.rglob("*.py")) + sorted(root.rglob("*.css"))
        for path in found:
            relative = path.relative_to(base)
            if "__pycache__" in relative.parts or "test" in relative.parts or "tests" in relative.parts:
                continue
            entries[str(relative)] = path.read_bytes()
    entries["importlib_metadata/__init__.py"] = IMPORTLIB_METADATA_SHIM
    entries["coop_boot.py"] = BOOT_MODULE.read_bytes()
    return entries


def stage_pybundle(files: dict, packs: dict) -> None:
    """Zip the bundle deterministically, with its pack."""
    entries = bundle_entries()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, entries[name])
    data = buffer.getvalue()
    write_if_changed(ASSETS / "coop" / "pybundle.zip", data)
    add_file(files, "coop/pybundle.zip", data, entries=len(entries))
    write_pack("coop/packs/pybundle.b64.js", "pybundle.zip", base64_literal(data), packs)


def snapshot_key(files: dict, lock: dict) -> str:
    """The hash of everything the snapshot holds or is made with."""
    parts = [PYODIDE_VERSION, json.dumps(lock, sort_keys=True)]
    parts += [f"{path}:{entry['hash']}" for path, entry in sorted(files.items())]
    parts += [digest(path.read_bytes()) for path in SNAPSHOT_CODE]
    return digest("\n".join(parts).encode())


def make_snapshot(key: str, lock: dict, files: dict) -> None:
    """Run scripts/make-snapshot.mjs (Node): Python's memory snapshot, remade only for a new key."""
    result = subprocess.run(
        [
            "node",
            str(ROOT / "scripts" / "make-snapshot.mjs"),
            "--assets",
            str(ASSETS),
            "--key",
            key,
            "--lock",
            json.dumps(lock),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        check=True,
    )
    # named by its key: the hash of everything the snapshot is made from
    url = hashed_name("coop/pysnapshot.bin", key)
    files["coop/pysnapshot.bin"] = {"bytes": json.loads(result.stdout)["bytes"], "hash": key, "url": url}


def compress(source: Path, suffix: str) -> int:
    """Write ``source`` + suffix (.gz: zopfli, 4 % smaller than gzip -9; .br: brotli 11) unless it is
    newer than the source; return its size. Both are libraries, not hand-written compressors."""
    target = source.with_name(source.name + suffix)
    if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
        data = source.read_bytes()
        if suffix == ".gz":
            packed = gzip.compress(data, 6, mtime=0) if QUICK else zopfli.gzip.compress(data, numiterations=1)
        else:
            packed = brotli.compress(data, quality=5 if QUICK else 11, lgwin=24)
        target.write_bytes(packed)
    return target.stat().st_size


def precompress(files: dict) -> None:
    """The .gz and .br copies of PRECOMPRESSED, two at a time."""
    jobs = [(path, suffix) for path in PRECOMPRESSED for suffix in (".gz", ".br")]
    with ThreadPoolExecutor(max_workers=2) as pool:
        sizes = pool.map(lambda job: compress(ASSETS / job[0], job[1]), jobs)
    for (path, suffix), size in zip(jobs, sizes, strict=True):
        files[path]["gzip" if suffix == ".gz" else "brotli"] = size


def prune(files: dict, packs: dict) -> None:
    """Remove Python files an earlier build staged and this one does not (they would be served)."""
    listed = {ASSETS / name for name in [*files, *packs]}
    listed |= {path.with_name(path.name + suffix) for path in listed for suffix in (".gz", ".br")}
    for folder in ("pyodide", "pyodide/packs", "coop/packs"):
        for path in (ASSETS / folder).glob("*"):
            if path.is_file() and path not in listed and path.name != "LICENSE":
                path.unlink()


def stage_languages() -> None:
    """The language registry (exercises/core/languages.py) for the front end's build, and its CSS."""
    from exercises.core.languages import as_json

    write_if_changed(ASSETS / "coop" / "languages.json", (as_json() + "\n").encode())
    write_if_changed(ASSETS / "coop" / "languages.css", languages_css().encode())


def main() -> None:
    stage_fonts()
    stage_languages()
    stage_shim()
    files: dict = {}
    packs: dict = {}
    lock = stage_pyodide(files, packs)
    stage_pybundle(files, packs)
    key = snapshot_key(files, lock)
    make_snapshot(key, lock, files)
    precompress(files)
    for pack, name in (
        ("pyodide/packs/wasm.gz.b64.js", "pyodide/pyodide.asm.wasm"),
        ("coop/packs/pysnapshot.gz.b64.js", "coop/pysnapshot.bin"),
    ):
        write_pack(pack, Path(name).name + ".gz", base64_literal((ASSETS / (name + ".gz")).read_bytes()), packs)
    prune(files, packs)
    engine = ["pyodide/pyodide.mjs", "pyodide/pyodide.asm.mjs", "pyodide/pyodide.asm.wasm"]
    engine_packs = [
        "pyodide/packs/pyodide.mjs.src.js",
        "pyodide/packs/pyodide.asm.mjs.src.js",
        "pyodide/packs/wasm.gz.b64.js",
    ]
    manifest = {
        "pyodideVersion": PYODIDE_VERSION,
        "key": key,
        "lock": lock,
        "files": files,
        "packs": packs,
        "boot": {
            "http": {
                "snapshot": [*engine, "coop/pysnapshot.bin"],
                "normal": [*engine, "pyodide/python_stdlib.zip", "coop/pybundle.zip"],
            },
            "file": {
                "snapshot": [*engine_packs, "coop/packs/pysnapshot.gz.b64.js"],
                "normal": [*engine_packs, "pyodide/packs/stdlib.b64.js", "coop/packs/pybundle.b64.js"],
            },
        },
    }
    write_if_changed(MANIFEST, (json.dumps(manifest, indent=2) + "\n").encode())
    snapshot = files["coop/pysnapshot.bin"]
    print(
        f"staged: python bundle {files['coop/pybundle.zip']['bytes'] / 1e3:.0f} kB; snapshot {snapshot['bytes'] / 1e6:.1f} MB "
        f"(gzip {snapshot['gzip'] / 1e6:.2f} MB, brotli {snapshot['brotli'] / 1e6:.2f} MB), key {key}"
    )


if __name__ == "__main__":
    main()
