"""Printable PDFs of the course: per part and whole, learner and trainer editions, English and Lao.

    python scripts/make_pdf.py [--site site] [--out site/pdf] [--only <language code>]

For each language, part (key concepts, conception, establishment, management, whole course) and
edition, the built pages of that part are put into one "book" page — title page, table of contents
with page numbers, one chapter per session — and headless Chromium prints it to A4 with the site's
own print styles (overrides/assets/stylesheets/print.css), embedded Noto Sans / Noto Sans Lao fonts,
page numbers in the footer and a PDF outline.

Page numbers in the contents come from a first print: every chapter starts with an invisible
marker whose text pdftotext finds on its page; the second print fills the numbers in (the layout
does not change: the numbers have a fixed width).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopsite.chromium import CHROMIUM, FLAGS  # noqa: E402
from coopsite.editions import EDITIONS, PARTS, part_title, pdf_name  # noqa: E402
from coopsite.words import BOOK  # noqa: E402
from coopsite.words import site as site_words  # noqa: E402
from exercises.core.languages import codes, get  # noqa: E402


@dataclass
class Chapter:
    page: str  # "management/m6-finance"
    title: str
    body: str
    part: str


def nav_pages() -> dict[str, list[str]]:
    """The pages of each part, in the order of mkdocs.yml's nav."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    parts: dict[str, list[str]] = {}
    for item in config["nav"]:
        for value in item.values():
            if isinstance(value, list):
                pages = [next(iter(v.values())) if isinstance(v, dict) else v for v in value]
                area = pages[0].split("/")[0]
                if area in PARTS:
                    parts[area] = [p[: -len(".md")] for p in pages]
    return parts


def extract(site: Path, lang: str, page: str, part: str) -> Chapter:
    """The article of a built page, made self-contained for the book."""
    path = site / ("" if get(lang).default else lang) / f"{page}.html"  # the default language is at the root
    html = path.read_text(encoding="utf-8")
    body = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S).group(1)
    body = re.sub(r'<div class="coop-edition".*?</div>', "", body, count=1, flags=re.S)
    body = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", body, flags=re.S)
    title = unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S).group(1))).strip()
    body = re.sub(r"<script\b.*?</script>", "", body, flags=re.S)
    body = re.sub(r'<aside class="cx-progress-box.*?</aside>', "", body, flags=re.S)
    body = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", body, flags=re.S)
    body = re.sub(r'<a [^>]*class="md-content__button[^>]*>.*?</a>', "", body, flags=re.S)
    slug = page.replace("/", "--")
    body = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{slug}--{m.group(1)}"', body)
    body = re.sub(
        r'\b(for|aria-labelledby|aria-describedby)="([^"]+)"',
        lambda m: f'{m.group(1)}="' + " ".join(f"{slug}--{v}" for v in m.group(2).split()) + '"',
        body,
    )
    body = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{slug}--{m.group(1)}"', body)
    body = re.sub(r'href="(?!https?:|#|mailto:)[^"]*"', 'href="#"', body)  # other pages: not in this book
    return Chapter(page, title, body, part)


def book(
    chapters: list[Chapter], lang: str, part: str, edition: str, version: str, numbers: dict[str, int] | None
) -> str:
    t = site_words(lang)
    words = {key: t(message) for key, message in BOOK.items()}
    toc, last_part = [], None
    for index, chapter in enumerate(chapters):
        if part == "course" and chapter.part != last_part:
            toc.append(
                f'<li class="coop-toc-part"><span class="coop-toc-title">{escape(part_title(lang, chapter.part))}</span></li>'
            )
            last_part = chapter.part
        number = numbers.get(f"c{index}", 0) if numbers else 0
        shown = f"{number:>3}" if number else "   "
        toc.append(
            f'<li><span class="coop-toc-title"><a href="#chapter-{index}">{escape(chapter.title)}</a></span>'
            f'<span class="coop-toc-dots"></span><span class="coop-toc-page">{shown}</span></li>'
        )
    chapters_html = "".join(
        f'<section class="coop-chapter" id="chapter-{i}"><span class="coop-marker">@@c{i}@@</span>{c.body}</section>'
        for i, c in enumerate(chapters)
    )
    edition_class = " coop-trainer" if edition == "trainer" else ""
    return f"""<!doctype html>
<html lang="{lang}" class="coop-book{edition_class}">
<head><meta charset="utf-8"><title>{escape(words["course"])} — {escape(part_title(lang, part))}</title>
<link rel="stylesheet" href="../assets/stylesheets/main.css">
<link rel="stylesheet" href="../assets/stylesheets/fonts.css">
<link rel="stylesheet" href="../assets/stylesheets/coop.css">
<link rel="stylesheet" href="../assets/stylesheets/print.css">
<link rel="stylesheet" href="../assets/coop/languages.css">
</head>
<body><div class="md-typeset">
<section class="coop-title-page">
<h1>{escape(words["course"])}</h1>
<p class="coop-subtitle">{escape(part_title(lang, part))}<br>{escape(words[edition])}</p>
<p class="coop-meta">{escape(words["version"])} {escape(version)} · {dt.date.today().isoformat()}<br>{escape(words["note"])}</p>
</section>
<nav class="coop-toc"><h2>{escape(words["contents"])}</h2><ol>{"".join(toc)}</ol></nav>
{chapters_html}
</div></body></html>"""


def marker_pages(pdf: Path) -> dict[str, int]:
    """On which page each chapter marker is (pdftotext, page by page)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = {}
    for number, page_text in enumerate(text.split("\f"), 1):
        for marker in re.findall(r"@@(c\d+)@@", page_text):
            found.setdefault(marker, number)
    return found


def render(browser, html: str, target: Path, work: Path) -> None:
    source = work / f"{target.stem}.html"
    source.write_text(html, encoding="utf-8")
    page = browser.new_page()
    page.goto(source.as_uri())
    page.evaluate("document.fonts.ready")
    page.pdf(
        path=str(target),
        format="A4",
        print_background=True,
        prefer_css_page_size=True,
        outline=True,
        tagged=True,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template='<div style="width:100%;font-size:8pt;text-align:center;color:#555;">'
        '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
        margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
    )
    page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--out", default=None, help="default: <site>/pdf")
    parser.add_argument("--only", choices=codes(), default=None, help="one language (default: all of them)")
    args = parser.parse_args()
    site = Path(args.site)
    out = Path(args.out) if args.out else site / "pdf"
    out.mkdir(parents=True, exist_ok=True)
    version = re.search(r'^version = "(.*)"', (ROOT / "pyproject.toml").read_text(), re.M).group(1)
    parts = nav_pages()
    from playwright.sync_api import sync_playwright

    started = time.time()
    report = {}
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        browser = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=FLAGS, headless=True
        )
        work = site / "pdf-src"  # inside the site, so the book's relative links find the CSS and fonts
        work.mkdir(exist_ok=True)
        try:
            for lang in (args.only,) if args.only else codes():
                chapters_by_part = {p: [extract(site, lang, page, p) for page in pages] for p, pages in parts.items()}
                for part in PARTS:
                    chapters = (
                        [c for p in PARTS[:-1] for c in chapters_by_part[p]]
                        if part == "course"
                        else chapters_by_part[part]
                    )
                    for edition in EDITIONS:
                        target = out / pdf_name(lang, part, edition)
                        render(browser, book(chapters, lang, part, edition, version, None), target, work)
                        numbers = marker_pages(target)
                        render(browser, book(chapters, lang, part, edition, version, numbers), target, work)
                        report[target.name] = {"bytes": target.stat().st_size, "chapters": len(chapters)}
        finally:
            browser.close()
            for leftover in work.glob("*.html"):
                leftover.unlink()
            work.rmdir()
    (out / "pdfs.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(
        f"{len(report)} PDFs in {out} ({sum(r['bytes'] for r in report.values()) / 1e6:.1f} MB, {time.time() - started:.0f} s)"
    )


if __name__ == "__main__":
    main()
