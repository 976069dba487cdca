"""The offline copy for USB sticks: dist/our-coffee-coop-<version>-<date>.zip

    python scripts/make_usb.py --version 0.1.0 [--site site] [--out dist]

Inside the zip:

    START-HERE.html     double-click: choose a language, then the course opens
    HOW-TO-OPEN.txt     the same in plain text, in every language
    course/             the whole site (works from file://: search and Python included)

Nothing in it needs the internet or a server. Of the printable PDFs it has every session (learner
and trainer), group kit and blank form; the books of whole parts and of the whole course stay on
the website: they are the same pages again, and with them the zip would pass 30 MB. Their links
are taken out of the copy's pages (coopsite/editions.py ``offline``).
Python's files for http (and their .gz/.br copies) are left out: from file:// the pages load
the same bytes as "packs" (see manifest.json).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopsite.editions import is_book, offline, page_language  # noqa: E402
from coopsite.words import BOOK, START, site, ui_strings  # noqa: E402
from exercises.core.html import escape, html  # noqa: E402
from exercises.core.languages import DEFAULT, LANGUAGES  # noqa: E402

STYLE = """
body { font-family: FONTS, sans-serif; margin: 0; background: #fbf8f4; color: #212121; }
main { max-width: 40rem; margin: 3rem auto; padding: 0 1.2rem; }
h1 { color: #5d4037; font-size: 1.7rem; line-height: 1.6; }
TALL { line-height: 1.9; }
a.choice { display: block; margin: 1rem 0; padding: 1.1rem 1.4rem; border: 2px solid #5d4037; border-radius: .5rem;
           background: #fff; color: #3e2723; text-decoration: none; font-size: 1.3rem; font-weight: 700; }
a.choice:hover, a.choice:focus { background: #efebe9; outline: 3px solid #f9a825; }
a.choice span { display: block; font-size: .95rem; font-weight: 400; color: #5d4037; }
p.small { font-size: .95rem; color: #4e342e; }
"""


def _font_faces() -> str:
    """@font-face rules for each language's first font, from the fonts the site serves (course/assets/fonts)."""
    rules = []
    for language in LANGUAGES:
        for package, subsets in language.font_files.items():
            prefix = package.split("/")[-1]
            for weight in (400, 700):
                rules.append(
                    f'@font-face {{ font-family: "{language.fonts[0]}"; font-weight: {weight}; '
                    f'src: url("course/assets/fonts/{prefix}-{subsets[0]}-{weight}-normal.woff2") format("woff2"); }}'
                )
    return "\n".join(rules)


def start_here(version: str, date: str) -> str:
    """START-HERE.html: one big link per language, each in its own language (site catalog)."""
    fonts = ", ".join(dict.fromkeys(f'"{font}"' for language in LANGUAGES for font in language.fonts))
    tall = ", ".join(f":lang({language.code})" for language in LANGUAGES if language.tall) or "p.never"
    style = STYLE.replace("FONTS", fonts).replace("TALL", tall)
    words = {language.code: site(language.code) for language in LANGUAGES}
    title = " / ".join([words[DEFAULT.code](BOOK["course"])] + [words[c](START["start_here"]) for c in words])
    names = "<br>".join(
        html('<span lang="{lang}">{name}</span>', lang=code, name=t(BOOK["course"])) for code, t in words.items()
    )
    choices = "\n".join(
        html(
            '<a class="choice" href="course/{path}index.html" lang="{lang}">{name}\n  <span>{open}</span></a>',
            path="" if language.default else f"{language.code}/",
            lang=language.code,
            name=language.name,
            open=words[language.code](START["open"]),
        )
        for language in LANGUAGES
    )
    notes = "\n".join(
        html(
            '<p class="small" lang="{lang}">{works} {version}</p>',
            lang=code,
            works=t(START["works_offline"]),
            version=t(START["version"], version=version, date=date),
        )
        for code, t in words.items()
    )
    return f"""<!doctype html>
<html lang="{DEFAULT.code}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src 'self'; img-src 'self'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>
{_font_faces()}
{style.strip()}
</style>
</head>
<body>
<main>
<h1>{names}</h1>
{choices}
{notes}
</main>
</body>
</html>
"""


def how_to_open(version: str, date: str) -> str:
    """HOW-TO-OPEN.txt: the same steps in every language, naming the progress buttons as the pages do."""
    blocks = []
    for language in LANGUAGES:
        t, ui = site(language.code), ui_strings(language.code)
        heading = (
            f"{t(BOOK['course'])} - {t(START['offline_copy'])} ({t(START['version'], version=version, date=date)})"
        )
        steps = [t(START[key]) for key in ("step_copy", "step_open", "step_choose")]
        lines = [heading, "=" * 58, "", *(f"{n}. {step}" for n, step in enumerate(steps, 1)), ""]
        lines += [
            t(START["no_internet"]),
            t(START["first_time"]),
            t(START["saved"], export=ui["progress_export"], load=ui["progress_import"]),
            t(START["phones"]),
        ]
        blocks.append("\n".join(lines) + "\n")
    return "\n\n".join(blocks)


#: What the build writes for web servers and static hosts (scripts/publish.py): nothing a USB copy needs.
FOR_HOSTS = {"_headers", "_headers.nginx", "_errors.nginx"}


def build_zip(site: Path, out: Path, version: str, date: str) -> Path:
    if not (site / "index.html").exists():
        raise SystemExit(f"{site}/index.html not found: run `make build` first")
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"our-coffee-coop-{version}-{date}.zip"
    for old in out.glob("our-coffee-coop-*.zip"):
        old.unlink()
    manifest = json.loads((site / "assets" / "coop" / "manifest.json").read_text(encoding="utf-8"))
    http_only = {f"assets/{file['url']}" for file in manifest["files"].values()}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr("START-HERE.html", start_here(version, date))
        archive.writestr("HOW-TO-OPEN.txt", how_to_open(version, date).replace("\n", "\r\n"))
        for path in sorted(site.rglob("*")):
            relative = path.relative_to(site).as_posix()
            if not path.is_file() or path.suffix in (".gz", ".br") or relative in http_only or relative in FOR_HOSTS:
                continue
            if relative.startswith("pdf/") and is_book(relative[len("pdf/") :]) and path.suffix == ".pdf":
                continue
            if path.suffix == ".html":
                page = path.read_text(encoding="utf-8")
                archive.writestr(f"course/{relative}", offline(page, page_language(page)))
            elif relative == "pdf/pdfs.json":
                listed = json.loads(path.read_text(encoding="utf-8"))
                listed["files"] = {name: info for name, info in listed["files"].items() if not is_book(name)}
                archive.writestr(f"course/{relative}", json.dumps(listed, indent=1) + "\n")
            else:
                archive.write(path, f"course/{relative}")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description="Make the offline USB copy.")
    parser.add_argument("--version", required=True)
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--out", default=str(ROOT / "dist"))
    parser.add_argument("--date", default=os.environ.get("SOURCE_DATE") or dt.date.today().isoformat())
    args = parser.parse_args()
    target = build_zip(Path(args.site), Path(args.out), args.version, args.date)
    print(
        f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: {target.stat().st_size / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
