"""Printable editions and the course's PDFs: file names, print words, and the links on pages.

Every session prints as a learner worksheet or as a trainer edition (print.css; the switch on a
session page chooses). ``scripts/make_pdf.py`` prints every page of the course as the browser
prints it and makes these files under ``pdf/`` in the site, for every language of the registry:

    our-coffee-coop-<lang>-<part>-<edition>.pdf              a part, or the whole course (part "course")
    sessions/our-coffee-coop-<lang>-<session>-<edition>.pdf  one session
    kits/our-coffee-coop-<lang>-kit-<session>.pdf            a group kit: cards to cut out (docs/data/kits/)
    forms/our-coffee-coop-<lang>-form-<form>.pdf             a blank record form (docs/data/forms/)

The build writes the links with an empty label part (``<span class="coop-pdf-info">``);
``make_pdf`` fills in each file's pages and size once the files exist (``fill``), from
``pdf/pdfs.json``. The words are the site catalog's (coopsite/words.py: ``BOOK``, ``PARTS``, ``PRINT``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from markupsafe import Markup

from exercises.core.html import attrs, html, join
from exercises.core.languages import DEFAULT, LANGUAGES, codes, get

from . import DOCS, ROOT
from .words import BOOK, PRINT, site
from .words import PARTS as PART_WORDS

__all__ = [
    "EDITIONS",
    "PARTS",
    "decorate",
    "downloads_html",
    "fill",
    "form_pdf",
    "forms_html",
    "is_book",
    "is_session",
    "kit_pdf",
    "kits_html",
    "offline",
    "page_id",
    "page_language",
    "page_style",
    "page_title",
    "part_pages",
    "part_title",
    "pdf_name",
    "session_pdf",
    "sessions",
    "size_text",
    "words",
]

#: The printable parts, in order: the docs folder of each area, then "course" for the whole course.
PARTS = list(PART_WORDS)
EDITIONS = ["learner", "trainer"]
PREFIX = "our-coffee-coop"


@cache
def words(lang: str) -> dict[str, str]:
    """Every word of the printed files and their links, in ``lang`` (site catalog)."""
    t = site(lang)
    return {key: t(message) for key, message in {**BOOK, **PRINT}.items()}


def part_title(lang: str, part: str) -> str:
    """A part's title in ``lang`` (site catalog)."""
    return site(lang)(PART_WORDS[part])


def part_pages() -> dict[str, list[str]]:
    """The pages of each part (the area's overview first, then its sessions), in mkdocs.yml's nav order."""
    import yaml

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    parts: dict[str, list[str]] = {}
    for item in config["nav"]:
        for value in item.values():
            if isinstance(value, list):
                pages = [page_id(next(iter(v.values())) if isinstance(v, dict) else v) for v in value]
                if pages[0].split("/")[0] in PARTS:
                    parts[pages[0].split("/")[0]] = pages
    return parts


def sessions() -> dict[str, list[str]]:
    """The sessions of each part: every page of the part but its overview (``index``)."""
    return {part: [p for p in pages if not p.endswith("/index")] for part, pages in part_pages().items()}


def pdf_name(lang: str, part: str, edition: str) -> str:
    """File name of a part's (or the whole course's) PDF, under pdf/ in the site."""
    return f"{PREFIX}-{lang}-{part}-{edition}.pdf"


def session_pdf(lang: str, page: str, edition: str) -> str:
    """``page`` is the page's path without suffix, e.g. ``management/m2-communication``."""
    return f"sessions/{PREFIX}-{lang}-{page.rsplit('/', 1)[-1]}-{edition}.pdf"


def kit_pdf(lang: str, session: str) -> str:
    return f"kits/{PREFIX}-{lang}-kit-{session}.pdf"


def form_pdf(lang: str, form: str) -> str:
    return f"forms/{PREFIX}-{lang}-form-{form}.pdf"


_SUFFIX = re.compile(r"(\.(?:" + "|".join(map(re.escape, codes())) + r"))?\.md$")


def page_id(src_uri: str) -> str:
    """``management/m2-communication.lo.md`` → ``management/m2-communication``."""
    return _SUFFIX.sub("", src_uri)


@cache
def page_title(page: str, lang: str) -> str:
    """The ``# Title`` of a page's Markdown source, in one language."""
    text = (DOCS / f"{page}.{lang}.md").read_text(encoding="utf-8")
    match = re.search(r"^#\s+(.+?)(?:\s*\{[^}]*\})?\s*$", text, re.M)
    return match.group(1).strip() if match else page


def page_language(page_html: str) -> str:
    """The registry's language of a built page (its ``<html lang>``), the default one if it has none."""
    match = re.search(r'<html[^>]*\blang="([^"]+)"', page_html)
    return match.group(1) if match and match.group(1) in codes() else DEFAULT.code


def is_session(page_html: str) -> bool:
    return 'class="admonition facilitator"' in page_html


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'


def page_style(lang: str, title: str) -> str:
    """The words of the page footer and of the trainer mark on paper (print.css draws them)."""
    said = words(lang)
    footer, mark = _css_string(said["course"] + " · " + title), _css_string(said["trainer_mark"])
    # CSS strings with "<" escaped: nothing in them can close the <style> element
    return f"<style>@page{{@bottom-left{{content:{footer}}}}}@page coop-trainer{{@top-right{{content:{mark}}}}}</style>"


def is_book(name: str) -> bool:
    """A part or the whole course (the files at the top of pdf/): the offline copy leaves them out."""
    return "/" not in name


def _link(site_root: str, name: str, text: str, described: str | None = None, lang: str | None = None) -> Markup:
    """A link to a PDF; ``lang``: the language ``text`` is in, when not the page's (a language's name).
    Its pages and size (``fill``) are in the page's language."""
    return html(
        '<a{attributes}>{text}<span class="coop-pdf-info"></span></a>',
        attributes=attrs(
            class_="coop-book" if is_book(name) else None,
            href=f"{site_root}pdf/{name}",
            download=True,
            data_pdf=name,
            aria_describedby=described,
        ),
        text=html('<span lang="{lang}">{text}</span>', lang=lang, text=text) if lang else text,
    )


def decorate(page_html: str, lang: str, page: str, site_root: str, ui: dict[str, str], kit: bool) -> str:
    """Add the edition switch and the PDF links on top of a session page; mark its timing table."""
    page_html = re.sub(
        r'(<h2 id="time">.*?</h2>.*?<table)(?=[\s>])', r'\1 class="coop-timing"', page_html, count=1, flags=re.S
    )
    said, part = words(lang), page.split("/", maxsplit=1)[0]
    links = []
    if part in PARTS and not page.endswith("/index"):
        for edition in EDITIONS:
            label = f"coop-pdfs-{edition}"
            files = [
                (session_pdf(lang, page, edition), said["this_session"]),
                (pdf_name(lang, part, edition), said["this_part"].format(part=part_title(lang, part))),
                (pdf_name(lang, "course", edition), part_title(lang, "course")),
            ]
            links.append(
                html(
                    '<p class="coop-pdfs coop-pdf-{edition}"><span class="coop-pdfs-label" id="{label}">{heading}</span> '
                    "{anchors}</p>",
                    edition=edition,
                    label=label,
                    heading=said["download"].format(edition=ui["edition_" + edition]),
                    anchors=Markup(" ").join(_link(site_root, name, text, label) for name, text in files),
                )
            )
    if kit:
        name = kit_pdf(lang, page.rsplit("/", 1)[-1])
        links.append(html('<p class="coop-pdfs">{link}</p>', link=_link(site_root, name, said["kit"])))
    bar = html(
        '<div class="coop-edition" role="group" aria-label="{ui[edition]}" data-search-exclude>'
        '<span class="coop-edition-label coop-js">{ui[edition]}:</span>'
        '<button type="button" class="coop-js" data-edition="learner" aria-pressed="true">{ui[edition_learner]}</button>'
        '<button type="button" class="coop-js" data-edition="trainer" aria-pressed="false">{ui[edition_trainer]}</button>'
        '<button type="button" class="coop-js coop-print">{ui[print_page]}</button>'
        "{links}</div>",
        ui=ui,
        links=join(links),
    )
    return str(bar) + page_html


Row = tuple[str, list[tuple[str, str]]]  # a title, and (file name, its language) of each cell


def _table(site_root: str, first: str, rows: list[Row], editions: Markup | str = "", books: bool = False) -> Markup:
    """A table with a row per title, each file a link named by its language (in that language).

    ``first`` heads the titles' column ("Part", "Session", "Form"); ``editions``, a header row over
    the languages' columns, names the editions when the table has both.
    """
    body = join(
        html(
            '<tr><th scope="row">{title}</th>{cells}</tr>',
            title=title,
            cells=join(
                html("<td>{link}</td>", link=_link(site_root, name, get(code).name, lang=code)) for name, code in files
            ),
        )
        for title, files in rows
    )
    languages = join(
        html('<th scope="col" lang="{code}">{name}</th>', code=code, name=get(code).name)
        for _, code in (rows[0][1] if rows else [])
    )
    # In Material's scroll box, as its own tables: on a phone a wide table scrolls, the page does not.
    return html(
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="{kind}">'
        '<thead>{editions}<tr><th scope="col">{first}</th>{languages}</tr></thead><tbody>{body}</tbody></table>'
        "</div></div>",
        kind="coop-downloads coop-books" if books else "coop-downloads",
        editions=editions,
        first=first,
        languages=languages,
        body=body,
    )


def downloads_html(lang: str, site_root: str, ui: dict[str, str]) -> str:
    """Every part, the whole course and every session, in every language and edition (printing page)."""
    said = words(lang)
    both = [(edition, language.code) for edition in EDITIONS for language in LANGUAGES]
    parts: list[Row] = [(part_title(lang, part), [(pdf_name(c, part, e), c) for e, c in both]) for part in PARTS]
    rows: list[Row] = [
        (page_title(page, lang), [(session_pdf(c, page, e), c) for e, c in both])
        for pages in sessions().values()
        for page in pages
    ]
    editions = html(
        "<tr><td></td>{cells}</tr>",
        cells=join(
            html('<th scope="col" colspan="{span}">{name}</th>', span=len(LANGUAGES), name=ui["edition_" + edition])
            for edition in EDITIONS
        ),
    )
    return str(
        _table(site_root, said["part"], parts, editions, books=True)
        + _table(site_root, said["session"], rows, editions)
    )


def _every_language(site_root: str, first: str, rows: list[tuple[str, str]], name_of: Callable[[str, str], str]) -> str:
    """One row per (title, id), one column per language: the file ``name_of(language, id)``."""
    table = [
        (title, [(name_of(language.code, ident), language.code) for language in LANGUAGES]) for title, ident in rows
    ]
    return str(_table(site_root, first, table))


def kits_html(lang: str, site_root: str, kits: dict[str, str]) -> str:
    """Every group kit (``kits``: session slug → its page), in every language (printing page)."""
    rows = [(page_title(page, lang), kit) for kit, page in kits.items()]
    return _every_language(site_root, words(lang)["session"], rows, kit_pdf)


def forms_html(lang: str, site_root: str, forms: list[tuple[str, str]], table: bool) -> str:
    """Links to blank forms (``forms``: (id, title in ``lang``)): a line on a session page, or a table."""
    said = words(lang)
    if table:
        return _every_language(site_root, said["form"], [(title, form) for form, title in forms], form_pdf)
    return str(
        html(
            '<p class="coop-forms"><span class="coop-pdfs-label">{label}</span> {links}</p>',
            label=said["forms"],
            links=Markup(" ").join(_link(site_root, form_pdf(lang, form), title) for form, title in forms),
        )
    )


# ---- After the PDFs are made ------------------------------------------------------------------

_LINK = re.compile(r'(data-pdf="(?P<name>[^"]+)"[^>]*>(?:(?!</a>).)*?<span class="coop-pdf-info">)[^<]*(</span>)')


def size_text(size: int, lang: str) -> str:
    """Bytes as people read them, in the language's number format: 84 KB, 1.2 MB."""
    t = site(lang)
    return f"{t.dec(size / 1e6, 1)} MB" if size >= 1e6 else f"{t.int(max(1, round(size / 1e3)))} KB"


def fill(page_html: str, manifest: dict[str, dict], lang: str) -> str:
    """Put the pages and size of each linked PDF into its label: "This session (6 pages, 250 KB)"."""
    said, t = words(lang), site(lang)

    def label(match: re.Match[str]) -> str:
        info = manifest.get(match.group("name"))
        if info is None:
            return match.group(0)
        pages = said["one_page"] if info["pages"] == 1 else said["pages"].format(n=t.int(info["pages"]))
        return str(
            html(
                "{start} ({pages}, {size}){end}",
                start=Markup(match.group(1)),
                pages=pages,
                size=size_text(info["bytes"], lang),
                end=Markup(match.group(3)),
            )
        )

    return _LINK.sub(label, page_html)


_BOOK_LINK = re.compile(r'\s?<a class="coop-book"[^>]*>.*?</a>', re.S)
_BOOK_TABLE = re.compile(
    r'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
    r'<table class="coop-downloads coop-books">.*?</table></div></div>',
    re.S,
)


def offline(page_html: str, lang: str) -> str:
    """A page as the offline copy has it: without links to the books, which it leaves out."""
    note = html('<p class="coop-books-note">{text}</p>', text=words(lang)["books_online"])
    return _BOOK_LINK.sub("", _BOOK_TABLE.sub(lambda _: str(note), page_html))
