"""Printable PDFs, as the browser prints the pages: sessions, parts and the whole course (learner and
trainer editions), group kits and blank record forms, in every language of the course.

    python scripts/make_pdf.py [--site site] [--cache .cache/pdf] [--only <language code>] [--jobs 2]

1. Headless Chromium prints every page of the course (each part's overview and sessions) once per
   language and edition, the way "Print this page" does: the same page, print.css, the edition set
   as the switch sets it. Only links to other pages are taken out (in a PDF they would point into
   this machine). Kits and forms (coopsite/handouts.py) are printed from HTML made from their YAML.
2. coopsite/pdfbook.py (pikepdf) makes the files: a session is its page; a part and the whole course
   are a title page and contents, then their pages in nav order. Every page starts on a new sheet,
   so the contents know exactly where each chapter starts. Page numbers at the foot, an outline
   from the headings, object streams (half the size).
3. Nothing is printed or put together twice: each print is kept in the cache (.cache/pdf) under a
   hash of all it depends on (the page's printed part, the site's CSS, fonts and scripts, Chromium's
   version, the print settings), each file under a hash of its prints. A build where nothing
   changed prints nothing.
4. pdf/pdfs.json lists each file's pages and bytes; the links on the pages get them ("6 pages, 250 KB").
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopsite import editions, handouts, pdfbook, pdftext  # noqa: E402
from coopsite.chromium import CHROMIUM, FLAGS  # noqa: E402
from coopsite.editions import EDITIONS, PARTS, part_title  # noqa: E402
from exercises.core.languages import codes, get  # noqa: E402

# What every print does besides loading the page; part of every print's hash.
EDITION_SCRIPT = "try { localStorage.setItem('ourcoffeecoop/edition', %s) } catch (e) {}"
NO_NUMBER = "@page { @bottom-right { content: none } }"  # pdfbook puts the number of the whole file
# Every font face of the page loaded before printing: with font-display: swap, a face still loading
# would print in a fallback font, with other line breaks and page counts.
FONTS = "Promise.all([...document.fonts].map(face => face.load().catch(() => null))).then(() => document.fonts.ready)"
LOCAL_LINKS = """() => { for (const a of document.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href');
    if (!/^(#|https?:|mailto:)/.test(href)) a.removeAttribute('href'); } }"""
PDF_OPTIONS = {"prefer_css_page_size": True, "print_background": True, "tagged": False, "outline": False}
SETTINGS = json.dumps([EDITION_SCRIPT, NO_NUMBER, FONTS, LOCAL_LINKS, PDF_OPTIONS])


def digest(*parts: object) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
        sha.update(b"\0")
    return sha.hexdigest()[:24]


@dataclass
class Print:
    """One print by Chromium: a page of the site, or HTML made here (written next to the site's pages)."""

    key: str
    url: str
    edition: str
    html: str | None = None  # written to ``source`` before printing
    source: Path | None = None
    check: str | None = None  # a JavaScript function: returns a list of problems in the page (kits)


@dataclass
class Chapter:
    page: str  # "management/m2-communication"
    title: str
    headings: list[pdfbook.Heading]
    print: Print


@dataclass
class Output:
    name: str  # under pdf/
    key: str
    entries: list[pdfbook.Entry]
    front: Print | None = None
    skip: int = 0
    title: str = ""


class Cache:
    """Prints and files by hash; whatever a full build did not use is removed at its end."""

    def __init__(self, root: Path):
        self.root = root
        self.used: set[Path] = set()
        (root / "prints").mkdir(parents=True, exist_ok=True)
        (root / "files").mkdir(parents=True, exist_ok=True)

    def print_path(self, key: str) -> Path:
        path = self.root / "prints" / f"{key}.pdf"
        self.used.add(path)
        return path

    def file_path(self, key: str) -> Path:
        path = self.root / "files" / f"{key}.pdf"
        self.used.add(path)
        return path

    def clean(self) -> None:
        for path in self.root.glob("*/*.pdf"):
            if path not in self.used:
                path.unlink()


def tidy(data: bytes, target: Path) -> None:
    """Keep a print in the cache with its text as runs (coopsite/pdftext.py)."""
    import io

    import pikepdf

    with pikepdf.Pdf.open(io.BytesIO(data)) as pdf:
        pdftext.tidy(pdf)
        pdf.save(target.with_suffix(".part"), compress_streams=True)
    target.with_suffix(".part").replace(target)


def assets_digest(site: Path, handouts_only: bool = False) -> str:
    """Everything a printed page takes from the site besides its own HTML (Pyodide is not printed);
    or what only the handouts (title pages, forms, kits) take: handouts.css. Not the precompressed
    copies (.br, .gz): they are written after the PDFs, from the files counted here."""
    files = sorted(
        p
        for p in (site / "assets").rglob("*")
        if p.is_file()
        and "pyodide" not in p.parts
        and p.suffix not in (".br", ".gz")
        and (p.name == "handouts.css") == handouts_only
    )
    return digest(*(f"{p.relative_to(site)}:{hashlib.sha256(p.read_bytes()).hexdigest()}" for p in files))


def chromium_version() -> str:
    try:
        return subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.strip()
    except OSError:
        return "unknown"


def page_file(site: Path, lang: str, page: str) -> Path:
    return site / ("" if get(lang).default else lang) / f"{page}.html"  # the default language is at the root


def article(html: str) -> str:
    return re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S).group(1)


def printed_part(html: str) -> str:
    """What of a built page can reach paper: the <html> and <head> tags that style it and the article,
    without the labels of PDF links (not printed; make_pdf fills them in after printing, so a page
    must hash the same before and after)."""
    opening = re.search(r"<html[^>]*>", html).group(0)
    head = "".join(re.findall(r"<(?:link|script)\b[^>]*>", html.split("</head>", 1)[0]))
    return opening + head + re.sub(r'(<span class="coop-pdf-info">)[^<]*(</span>)', r"\1\2", article(html))


def headings(html: str) -> list[pdfbook.Heading]:
    """The page's title and section headings (h1-h3), for the outline of the PDFs."""
    found = []
    for level, ident, inner in re.findall(r'<h([1-3]) id="([^"]+)"[^>]*>(.*?)</h\1>', article(html), re.S):
        inner = re.sub(r'<a class="headerlink".*?</a>', "", inner, flags=re.S)
        found.append(pdfbook.Heading(ident, unescape(re.sub(r"<[^>]+>", "", inner)).strip(), int(level)))
    return found


#: What the printed pages are made from: the title pages' date is the last change to any of them.
PRINTED_SOURCES = ["docs", "overrides", "coopsite", "exercises", "mkdocs.yml", "pyproject.toml"]


def book_date() -> str:
    """The date on title pages: SOURCE_DATE, or the date of the last commit that changed what is printed.

    Never the build's own date: the same pages make the same bytes (a learner who kept the PDFs does
    not download them again). Outside a git checkout, without SOURCE_DATE: no date.
    """
    if os.environ.get("SOURCE_DATE"):
        return os.environ["SOURCE_DATE"]
    try:
        return subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", *PRINTED_SOURCES],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


class Builder:
    def __init__(self, site: Path, cache: Cache, jobs: int):
        self.site, self.cache, self.jobs = site, cache, jobs
        self.work = site / ".print"  # generated HTML lives in the site, so its relative links work
        self.base = digest(
            SETTINGS,
            assets_digest(site),
            chromium_version(),
            (ROOT / "coopsite" / "pdftext.py").read_text(encoding="utf-8"),
        )
        self.handouts_css = assets_digest(site, handouts_only=True)
        self.version = re.search(r'^version = "(.*)"', (ROOT / "pyproject.toml").read_text(), re.M).group(1)
        self.date = book_date()
        self.printed = 0
        self.assembled = 0
        self.browser = None
        self.contexts: dict = {}
        # tidying prints and putting files together: Python work, in parallel processes
        self.pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=jobs, mp_context=multiprocessing.get_context("spawn")
        )

    # ---- Prints ------------------------------------------------------------------------------------

    def chapter(self, lang: str, edition: str, page: str) -> Chapter:
        path = page_file(self.site, lang, page)
        html = path.read_text(encoding="utf-8")
        found = headings(html)
        title = found[0].text if found else page
        job = Print(digest(self.base, lang, edition, printed_part(html)), path.as_uri(), edition)
        return Chapter(page, title, found, job)

    def generated(self, name: str, html: str, edition: str = "learner", check: str | None = None) -> Print:
        source = self.work / f"{name}.html"
        return Print(digest(self.base, self.handouts_css, html), source.as_uri(), edition, html, source, check)

    async def run_prints(self, jobs: list[Print]) -> None:
        """Print what the cache does not have yet, ``self.jobs`` pages at a time, in one Chromium."""
        todo = list({job.key: job for job in jobs if not self.cache.print_path(job.key).exists()}.values())
        if not todo:
            return
        if self.browser is None:
            from playwright.async_api import async_playwright

            self.playwright = await async_playwright().start()
            self.browser = await self.playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
            for edition in EDITIONS:
                self.contexts[edition] = await self.browser.new_context()
                await self.contexts[edition].add_init_script(EDITION_SCRIPT % json.dumps(edition))
        self.work.mkdir(exist_ok=True)
        limit = asyncio.Semaphore(self.jobs)
        problems: list[str] = []

        async def one(job: Print) -> None:
            async with limit:
                if job.html is not None:
                    job.source.write_text(job.html, encoding="utf-8")
                page = await self.contexts[job.edition].new_page()
                try:
                    await page.goto(job.url, wait_until="load")
                    await page.emulate_media(media="print")
                    await page.evaluate(FONTS)
                    await page.add_style_tag(content=NO_NUMBER)
                    await page.evaluate(LOCAL_LINKS)
                    if job.check:
                        found = await page.evaluate(job.check)
                        if found:
                            problems.append(f"{job.source.name}: " + "; ".join(found))
                            return
                    target = self.cache.print_path(job.key)
                    data = await page.pdf(**PDF_OPTIONS)
                    await asyncio.get_running_loop().run_in_executor(self.pool, tidy, data, target)
                    self.printed += 1
                finally:
                    await page.close()
                    if job.source is not None:
                        job.source.unlink(missing_ok=True)

        await asyncio.gather(*(one(job) for job in todo))
        if problems:
            raise handouts.HandoutError("\n".join(problems))

    async def close(self) -> None:
        self.pool.shutdown()
        if self.browser is not None:
            await self.browser.close()
            await self.playwright.stop()
        shutil.rmtree(self.work, ignore_errors=True)

    # ---- Files -------------------------------------------------------------------------------------

    def front(self, lang: str, edition: str, part: str, chapters: list[Chapter], front_pages: int) -> Print:
        """The title page and contents of a book, for a front of ``front_pages`` pages."""
        entries, page, last_group = [], front_pages + 1, None
        for chapter in chapters:
            group = None
            if part == "course" and chapter.page.split("/")[0] != last_group:
                last_group = chapter.page.split("/")[0]
                group = part_title(lang, last_group)
            entries.append({"title": chapter.title, "page": page, "group": group})
            page += pdfbook.page_count(self.cache.print_path(chapter.print.key))
        title = part_title(lang, part)
        html = handouts.render(
            "front.html",
            lang=lang,
            edition=edition,
            title=title,
            words=editions.words(lang),
            version=self.version,
            date=self.date,
            entries=entries,
            root="../",
            style=editions.page_style(lang, title),
        )
        return self.generated(f"front-{lang}-{part}-{edition}", html, edition)

    async def books(self, chapters: dict[tuple[str, str], list[Chapter]]) -> list[Output]:
        """Each part and the whole course: front (title page, contents), then its chapters."""
        books = {}
        for (lang, edition), chapter_list in chapters.items():
            for part in PARTS:
                members = [c for c in chapter_list if part == "course" or c.page.split("/")[0] == part]
                books[(lang, edition, part)] = (members, 2)  # the front's pages, first guess: title + contents
        fronts = {}
        while books:  # the contents' own length moves every number: print again where the guess was wrong
            fronts.update({book: self.front(*book, *value) for book, value in books.items()})
            await self.run_prints([fronts[book] for book in books])
            books = {
                book: (members, count)
                for book, (members, pages) in books.items()
                if (count := pdfbook.page_count(self.cache.print_path(fronts[book].key))) != pages
            }
        outputs = []
        for (lang, edition), chapter_list in chapters.items():
            for part in PARTS:
                members = [c for c in chapter_list if part == "course" or c.page.split("/")[0] == part]
                front = fronts[(lang, edition, part)]
                entries = [
                    pdfbook.Entry(
                        self.cache.print_path(c.print.key),
                        c.title,
                        c.headings,
                        part_title(lang, c.page.split("/")[0]) if part == "course" else None,
                    )
                    for c in members
                ]
                key = digest("book", front.key, *(c.print.key for c in members), *(e.title for e in entries))
                outputs.append(
                    Output(
                        editions.pdf_name(lang, part, edition),
                        key,
                        entries,
                        front=front,
                        skip=1,
                        title=editions.words(lang)["contents"],
                    )
                )
        return outputs

    def assemble(self, outputs: list[Output]) -> dict[str, Path]:
        """Each output's file from the cache, or put together now (in parallel)."""
        source = (ROOT / "coopsite" / "pdfbook.py").read_text() + (ROOT / "coopsite" / "pdffonts.py").read_text()
        made, todo = {}, []
        for output in outputs:
            made[output.name] = target = self.cache.file_path(digest(output.key, source))
            if not target.exists() and target not in {t for _, t in todo}:
                todo.append((output, target))
        futures = [
            self.pool.submit(
                pdfbook.assemble,
                output.entries,
                target,
                skip=output.skip,
                front=self.cache.print_path(output.front.key) if output.front else None,
                front_title=output.title or None,
            )
            for output, target in todo
        ]
        for future in concurrent.futures.as_completed(futures):
            future.result()
        self.assembled += len(todo)
        return made


async def build(site: Path, cache_dir: Path, langs: list[str], jobs: int) -> dict:
    started = time.time()
    cache = Cache(cache_dir)
    builder = Builder(site, cache, jobs)
    parts = editions.part_pages()
    sessions = {page for pages in editions.sessions().values() for page in pages}

    chapters = {
        (lang, edition): [builder.chapter(lang, edition, page) for part in PARTS[:-1] for page in parts[part]]
        for lang in langs
        for edition in EDITIONS
    }
    handout_prints = {
        name: (title, builder.generated(name.replace("/", "-")[:-4], html, check=check))
        for name, title, html, check in handouts.documents(langs)
    }
    outputs = []
    try:
        await builder.run_prints(
            [c.print for cs in chapters.values() for c in cs] + [j for _, j in handout_prints.values()]
        )
        outputs += await builder.books(chapters)
        for (lang, edition), chapter_list in chapters.items():
            for chapter in chapter_list:
                if chapter.page in sessions:
                    entry = pdfbook.Entry(cache.print_path(chapter.print.key), chapter.title, chapter.headings)
                    outputs.append(
                        Output(
                            editions.session_pdf(lang, chapter.page, edition),
                            digest("session", chapter.print.key, chapter.title),
                            [entry],
                        )
                    )
        for name, (title, job) in handout_prints.items():
            outputs.append(
                Output(name, digest("handout", job.key, title), [pdfbook.Entry(cache.print_path(job.key), title)])
            )
        made = builder.assemble(outputs)
    finally:
        await builder.close()
    out = site / "pdf"
    shutil.rmtree(out, ignore_errors=True)
    manifest = {}
    for output in outputs:
        target = out / output.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(made[output.name], target)
        manifest[output.name] = {"pages": pdfbook.page_count(target), "bytes": target.stat().st_size}
    if set(langs) == set(codes()):
        cache.clean()
    stats = {
        "seconds": round(time.time() - started, 1),
        "printed": builder.printed,
        "assembled": builder.assembled,
        "files": len(manifest),
        "bytes": sum(m["bytes"] for m in manifest.values()),
    }
    (out / "pdfs.json").write_text(json.dumps({"build": stats, "files": manifest}, indent=1) + "\n", encoding="utf-8")
    fill_pages(site, manifest)
    return stats


def fill_pages(site: Path, manifest: dict) -> None:
    """Pages and size of every linked PDF into the links' labels, on every built page."""
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if 'data-pdf="' not in html:
            continue
        filled = editions.fill(html, manifest, editions.page_language(html))
        if filled != html:
            path.write_text(filled, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--cache", default=str(ROOT / ".cache" / "pdf"))
    parser.add_argument("--only", choices=codes(), default=None, help="one language (default: all of them)")
    parser.add_argument("--jobs", type=int, default=2, help="pages printed at the same time")
    args = parser.parse_args()
    langs = [args.only] if args.only else list(codes())
    try:
        stats = asyncio.run(build(Path(args.site), Path(args.cache), langs, args.jobs))
    except handouts.HandoutError as error:
        raise SystemExit(f"make_pdf: {error}") from None
    print(
        f"{stats['files']} PDFs in {args.site}/pdf ({stats['bytes'] / 1e6:.1f} MB, {stats['seconds']:.0f} s; "
        f"{stats['printed']} pages printed, {stats['assembled']} files put together)"
    )


if __name__ == "__main__":
    main()
