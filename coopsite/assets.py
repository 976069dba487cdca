"""Front-end files the site needs, staged into overrides/assets/ by ``make assets``.

They come from npm packages (Pyodide, fonts, the iframe-worker shim, CodeMirror) and from this
repository (frontend/ bundled by esbuild; exercises/ zipped for the browser). They are not
committed; ``scripts/stage_assets.py`` and ``scripts/build-frontend.mjs`` make them.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "overrides" / "assets"
#: What the Python files are (names, sizes, hashes, the snapshot's key): see scripts/stage_assets.py.
MANIFEST = ASSETS / "coop" / "manifest.json"
#: {plain name: served name} of the site's own bundles and Python files (scripts/build-frontend.mjs).
FINGERPRINTS = ASSETS / "coop" / "fingerprints.json"

REQUIRED = [
    "vendor/iframe-worker-shim.js",
    "fonts/noto-sans-latin-400-normal.woff2",
    "fonts/noto-sans-lao-lao-400-normal.woff2",
    "stylesheets/fonts.css",
    "coop/manifest.json",
    "coop/runtime.js",
    "coop/editor.js",
    "coop/app.js",
    "coop/worksheets.js",
    "coop/page-head.iframe-worker.js",
    "coop/languages.css",
    "coop/fingerprints.json",
]


def manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def fingerprints() -> dict[str, str]:
    return json.loads(FINGERPRINTS.read_text(encoding="utf-8"))


def served(path: str) -> str:
    """The name the built site serves a staged file under (``coop/runtime.js`` → ``coop/runtime.<hash>.js``),
    relative to ``assets/``; a file with no fingerprint keeps its name."""
    return fingerprints().get(path, path)


def rename_served(site: Path) -> int:
    """Give the site's copies of the staged files their served names, precompressed copies too
    (run after MkDocs copied them; a file already renamed is left alone). Returns how many moved."""
    moved = 0
    for plain, name in fingerprints().items():
        for suffix in ("", ".gz", ".br"):
            source = site / "assets" / (plain + suffix)
            if source.is_file():
                source.replace(site / "assets" / (name + suffix))
                moved += 1
    return moved


def missing() -> list[str]:
    """Required files that are not there yet (relative to overrides/assets/), Python's included."""
    absent = [name for name in REQUIRED if not (ASSETS / name).exists()]
    if not absent:
        listed = manifest()
        absent = [name for name in [*listed["files"], *listed["packs"]] if not (ASSETS / name).exists()]
    return absent


def snapshot_key(path: Path) -> str | None:
    """The key written in a snapshot file's header (frontend/src/runtime/snapshot.js), or None."""
    with path.open("rb") as handle:
        start = handle.read(16)
        if len(start) < 16 or start[:8] != b"COOPSNAP":
            return None
        header = handle.read(int.from_bytes(start[8:12], "little"))
    try:
        return json.loads(header)["key"]
    except (ValueError, KeyError):
        return None


def stale() -> str | None:
    """Why the staged snapshot does not match the staged exercises and Pyodide (None: it does)."""
    listed = manifest()
    found = snapshot_key(ASSETS / "coop" / "pysnapshot.bin")
    if found != listed["key"]:
        return f"coop/pysnapshot.bin was made for {found}, the exercises and Pyodide now need {listed['key']}"
    return None


def compile_catalogs(force: bool = False) -> None:
    """Compile {exercises,coopsite}/locale/*/LC_MESSAGES/*.po into .mo when the .po is newer (or always)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in [
        *(ROOT / "exercises" / "locale").glob("*/LC_MESSAGES/*.po"),
        *(ROOT / "coopsite" / "locale").glob("*/LC_MESSAGES/*.po"),
    ]:
        mo = po.with_suffix(".mo")
        if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        with mo.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)


#: The typography of a script with stacked vowels and tone marks (``tall`` in the language registry).
#: Noto Sans Lao needs a 1.65 em line box for them (ກີ່, ຖ້ຳ); Material's 1.6 body and 1.3–1.5 headings
#: are too tight, and its glyphs look smaller at the same size. Nothing gets a line-height below 1.65.
TALL_SCRIPT_CSS = """
{lang} .md-typeset {{
  font-size: 0.86rem;
  line-height: 1.9;
}}
{lang} .md-typeset h1 {{ line-height: 1.55; }}
{lang} .md-typeset h2 {{ line-height: 1.65; }}
{lang} .md-typeset h3,
{lang} .md-typeset h4 {{ line-height: 1.75; }}
{lang} .md-typeset table:not([class]),
{lang} .md-typeset .cx-table,
{lang} .md-typeset .admonition,
{lang} .md-typeset details {{ line-height: 1.8; }}
{lang} .md-nav,
{lang} .md-header,
{lang} .md-search-result,
{lang} .md-footer,
{lang} .md-typeset .admonition-title,
{lang} .md-typeset button,
{lang} .md-typeset input,
{lang} .md-typeset select {{ line-height: 1.7; }}
{lang} .md-nav {{ font-size: 0.75rem; }}
{lang} .md-header__topic {{ line-height: 1.7; }}
/* Lao has no spaces between words: the browser breaks lines with its dictionary. Never break-all. */
{lang} .md-typeset {{ word-break: normal; overflow-wrap: break-word; }}  /* not "anywhere": it lets table columns shrink to one letter */
/* On paper (print.css): 12 pt body for village handouts, a point more than Latin text */
@media print {{
  {lang} .md-typeset {{ font-size: 12pt; line-height: 1.8; }}
  {lang} .md-typeset h1, {lang} .md-typeset h2, {lang} .md-typeset h3 {{ line-height: 1.65; }}
  {lang} .md-typeset table:not([class]) {{ font-size: 11pt; line-height: 1.7; }}
  {lang} .md-typeset table.cx-table {{ font-size: 11pt; line-height: 1.7; }}
  {lang} .md-typeset .admonition, {lang} .md-typeset details {{ font-size: 12pt; line-height: 1.75; }}
}}
/* Handouts made for paper only (handouts.css: title pages, forms, kits) */
html.coop-handout{lang} {{ font-size: 12.5pt; line-height: 1.85; }}
html.coop-handout{lang} h1, html.coop-handout{lang} h2, html.coop-handout{lang} h3 {{ line-height: 1.7; }}
html.coop-form-doc{lang} {{ font-size: 11pt; line-height: 1.7; }}
html{lang} .f-table thead th {{ font-size: 10pt; line-height: 1.55; }}
html{lang} .k-steps {{ font-size: 11pt; line-height: 1.65; }}
html{lang} .k-inner {{ font-size: 14pt; line-height: 1.65; }}
html{lang} .k-title {{ line-height: 1.6; }}
html{lang} .k-label {{ font-size: 8pt; line-height: 1.6; }}
html{lang} .k-large .k-inner, html{lang} .k-half .k-inner {{ font-size: 14pt; }}
html{lang} .k-small .k-inner {{ font-size: 12.5pt; }}
html{lang} .k-board .k-inner {{ font-size: 16pt; }}
"""

#: The paper footer's and trainer mark's fonts (print.css draws them in the page margins, where the
#: page's own font-family does not reach).
PAGE_FONTS_CSS = """@page {{ @bottom-left {{ font-family: {fonts}, sans-serif; }} }}
@page coop-trainer {{ @top-right {{ font-family: {fonts}, sans-serif; }} }}"""


def languages_css() -> str:
    """assets/coop/languages.css: the text fonts of every language, and taller lines for tall scripts."""
    from exercises.core.languages import LANGUAGES

    fonts = ", ".join(dict.fromkeys(f'"{font}"' for language in LANGUAGES for font in language.fonts))
    parts = [
        "/* Made by coopsite/assets.py from exercises/core/languages.py: do not edit. */",
        f":root {{ --md-text-font: {fonts}; }}",
        PAGE_FONTS_CSS.format(fonts=fonts),
    ]
    parts += [TALL_SCRIPT_CSS.format(lang=f":lang({language.code})") for language in LANGUAGES if language.tall]
    return "\n".join(parts) + "\n"
