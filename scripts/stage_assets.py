"""Stage the site's front-end files from npm packages and from this repository.

    python scripts/stage_assets.py

Writes (all ignored by git, all served from the site itself — never a CDN):

* ``overrides/assets/fonts/``   Noto Sans, Noto Sans Lao, Noto Sans Mono (SIL OFL 1.1), woff2
* ``overrides/assets/vendor/``  the iframe-worker shim (MIT), so search works from file://
* ``overrides/assets/pyodide/`` Pyodide's core files (MPL-2.0), for http(s)
* ``overrides/assets/pyodide/packs/`` the same bytes as classic-script "packs", for file://
  (browsers block fetch(), module workers and import() of file:// URLs; a classic <script> still loads)
* ``overrides/assets/coop/pybundle.zip`` the ``exercises`` package (with compiled catalogs)
  and the pure-Python libraries it needs in the browser (pygal), plus its pack
* ``overrides/assets/coop/manifest.json`` sizes and hashes, built into runtime.js by esbuild
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import importlib.util
import io
import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopsite.assets import ASSETS, compile_catalogs, languages_css  # noqa: E402

NODE = ROOT / "node_modules"
#: The code font; the text fonts come from the language registry (``font_files``): each subset in
#: weights 400 and 700, upright, and italic where the package has it.
CODE_FONTS = {
    "@fontsource/noto-sans-mono": [f"noto-sans-mono-{subset}-400-normal.woff2" for subset in ("latin", "latin-ext")]
}


def font_files() -> dict[str, list[str]]:
    """npm package → the .woff2 files the site serves."""
    from exercises.core.languages import LANGUAGES

    files = dict(CODE_FONTS)
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
    return files


PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]
#: Pure-Python libraries the exercises use in the browser (Pyodide's stdlib has the rest).
BROWSER_LIBRARIES = ["pygal", "markupsafe"]
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


def pack(key: str, literal: str) -> bytes:
    """A classic script that stores ``literal`` (a JS string literal) under ``PYPACK[key]``."""
    return f"(self.PYPACK||(self.PYPACK={{}}))[{json.dumps(key)}]={literal};\n".encode()


def stage_fonts() -> None:
    for package, names in font_files().items():
        for name in names:
            write_if_changed(ASSETS / "fonts" / name, (NODE / package / "files" / name).read_bytes())
    write_if_changed(ASSETS / "fonts" / "OFL.txt", (NODE / "@fontsource/noto-sans-lao/LICENSE").read_bytes())


def stage_shim() -> None:
    write_if_changed(ASSETS / "vendor" / "iframe-worker-shim.js", (NODE / "iframe-worker/shim/index.js").read_bytes())
    write_if_changed(ASSETS / "vendor" / "iframe-worker-LICENSE.txt", (NODE / "iframe-worker/LICENSE").read_bytes())


def stage_pyodide() -> dict[str, int]:
    source = NODE / "pyodide"
    version = json.loads((source / "package.json").read_text())["version"]
    if version != "314.0.7":
        raise SystemExit(f"expected pyodide 314.0.7 from npm, found {version}: run `npm ci`")
    sizes = {}
    for name in PYODIDE_FILES:
        data = (source / name).read_bytes()
        write_if_changed(ASSETS / "pyodide" / name, data)
        sizes[name] = len(data)
    licence = source / "LICENSE"
    if licence.exists():
        write_if_changed(ASSETS / "pyodide" / "LICENSE", licence.read_bytes())
    packs = ASSETS / "pyodide" / "packs"
    wasm = (source / "pyodide.asm.wasm").read_bytes()
    wasm_gz = gzip.compress(wasm, compresslevel=9, mtime=0)
    write_if_changed(
        packs / "wasm.gz.b64.js", pack("pyodide.asm.wasm.gz", json.dumps(base64.b64encode(wasm_gz).decode()))
    )
    write_if_changed(
        packs / "stdlib.b64.js",
        pack("python_stdlib.zip", json.dumps(base64.b64encode((source / "python_stdlib.zip").read_bytes()).decode())),
    )
    write_if_changed(
        packs / "lock.js", pack("pyodide-lock.json", json.dumps((source / "pyodide-lock.json").read_text()))
    )
    for name, key in (("pyodide.asm.mjs", "pyodide.asm.mjs"), ("pyodide.mjs", "pyodide.mjs")):
        text = (source / name).read_text(encoding="utf-8")
        write_if_changed(packs / f"{name}.src.js", pack(key, json.dumps(text).replace("</", "<\\/")))
    return sizes


def _library_root(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{name} is not installed in this Python: run `make setup`")
    origin = Path(spec.origin)
    return origin.parent if origin.name == "__init__.py" else origin


def stage_pybundle() -> dict[str, object]:
    """Zip the exercises package (with .mo catalogs) and the browser libraries, deterministically."""
    compile_catalogs()
    entries: dict[str, bytes] = {}
    for path in sorted((ROOT / "exercises").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in (".py", ".mo"):
            entries[str(path.relative_to(ROOT))] = path.read_bytes()
    for library in BROWSER_LIBRARIES:
        root = _library_root(library)
        base = root.parent
        files = [root] if root.is_file() else sorted(root.rglob("*.py")) + sorted(root.rglob("*.css"))
        for path in files:
            relative = path.relative_to(base)
            if "__pycache__" in relative.parts or "test" in relative.parts or "tests" in relative.parts:
                continue
            entries[str(relative)] = path.read_bytes()
    entries["importlib_metadata/__init__.py"] = IMPORTLIB_METADATA_SHIM
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, entries[name])
    data = buffer.getvalue()
    digest = hashlib.sha256(data).hexdigest()[:16]
    write_if_changed(ASSETS / "coop" / "pybundle.zip", data)
    write_if_changed(
        ASSETS / "coop" / "packs" / "pybundle.b64.js", pack("pybundle.zip", json.dumps(base64.b64encode(data).decode()))
    )
    return {"size": len(data), "hash": digest, "files": len(entries)}


def stage_languages() -> None:
    """The language registry (exercises/core/languages.py) for the front end's build, and its CSS."""
    from exercises.core.languages import as_json

    write_if_changed(ASSETS / "coop" / "languages.json", (as_json() + "\n").encode())
    write_if_changed(ASSETS / "coop" / "languages.css", languages_css().encode())


def main() -> None:
    stage_fonts()
    stage_languages()
    stage_shim()
    pyodide = stage_pyodide()
    bundle = stage_pybundle()
    packs = {
        path.name: path.stat().st_size
        for folder in (ASSETS / "pyodide" / "packs", ASSETS / "coop" / "packs")
        for path in sorted(folder.glob("*.js"))
    }
    manifest = {"pyodideVersion": "314.0.7", "pyodide": pyodide, "bundle": bundle, "packs": packs}
    write_if_changed(ASSETS / "coop" / "manifest.json", (json.dumps(manifest, indent=2) + "\n").encode())
    print(
        f"staged: pyodide {sum(pyodide.values()) / 1e6:.1f} MB, packs {sum(packs.values()) / 1e6:.1f} MB, "
        f"python bundle {bundle['size'] / 1e3:.0f} kB ({bundle['files']} files)"
    )


if __name__ == "__main__":
    main()
