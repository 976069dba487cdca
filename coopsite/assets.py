"""Front-end files the site needs, staged into overrides/assets/ by ``make assets``.

They come from npm packages (Pyodide, fonts, the iframe-worker shim, CodeMirror) and from this
repository (frontend/ bundled by esbuild; exercises/ zipped for the browser). They are not
committed; ``scripts/stage_assets.py`` and ``scripts/build-frontend.mjs`` make them.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "overrides" / "assets"

REQUIRED = [
    "vendor/iframe-worker-shim.js",
    "fonts/noto-sans-latin-400-normal.woff2",
    "fonts/noto-sans-lao-lao-400-normal.woff2",
    "pyodide/pyodide.mjs",
    "pyodide/pyodide.asm.wasm",
    "pyodide/python_stdlib.zip",
    "pyodide/pyodide-lock.json",
    "pyodide/packs/wasm.gz.b64.js",
    "coop/pybundle.zip",
    "coop/packs/pybundle.b64.js",
    "coop/runtime.js",
    "coop/editor.js",
    "coop/app.js",
    "coop/page-head.iframe-worker.js",
]


def missing() -> list[str]:
    """Required files that are not there yet (relative to overrides/assets/)."""
    return [name for name in REQUIRED if not (ASSETS / name).exists()]


def compile_catalogs(force: bool = False) -> None:
    """Compile exercises/locale/*/LC_MESSAGES/*.po into .mo when the .po is newer (or always)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in (ROOT / "exercises" / "locale").glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        with mo.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
