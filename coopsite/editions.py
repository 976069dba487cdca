"""Printable editions and the course's PDFs: file names, print words, and the links on pages.

Every session prints as a learner worksheet or as a trainer edition (print.css; the switch on a
session page chooses). ``scripts/make_pdf.py`` prints every page of the course as the browser
prints it and makes these files under ``pdf/`` in the site:

    our-coffee-coop-<lang>-<part>-<edition>.pdf              a part, or the whole course (part "course")
    sessions/our-coffee-coop-<lang>-<session>-<edition>.pdf  one session
    kits/our-coffee-coop-<lang>-kit-<session>.pdf            a group kit: cards to cut out (docs/data/kits/)
    forms/our-coffee-coop-<lang>-form-<form>.pdf             a blank record form (docs/data/forms/)

The build writes the links with an empty label part (``<span class="coop-pdf-info">``);
``make_pdf`` fills in each file's pages and size once the files exist (``fill``), from
``pdf/pdfs.json``. All words that print machinery shows, in both languages, are in ``WORDS``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Callable

__all__ = ["PARTS", "EDITIONS", "PART_TITLES", "WORDS", "pdf_name", "session_pdf", "kit_pdf", "form_pdf",
           "part_pages", "sessions", "page_id", "page_title", "is_session", "page_style", "decorate", "downloads_html", "forms_html",
           "kits_html", "fill", "size_text", "is_book", "offline"]

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

#: The printable parts, in order: the docs folder of each area, then "course" for the whole course.
PARTS = ["key-concepts", "conception", "establishment", "management", "course"]
EDITIONS = ["learner", "trainer"]
LANGS = ["en", "lo"]
PART_TITLES = {
    "en": {"key-concepts": "Key concepts", "conception": "Conception", "establishment": "Establishment",
           "management": "Management", "course": "The whole course"},
    "lo": {"key-concepts": "ແນວຄິດພື້ນຖານ", "conception": "ການລິເລີ່ມ", "establishment": "ການສ້າງຕັ້ງ",
           "management": "ການຄຸ້ມຄອງ", "course": "ຫຼັກສູດທັງໝົດ"},
}
WORDS = {
    "en": {
        "course": "Our Coffee Co-op",
        "contents": "Contents",
        "learner": "Learner worksheets",
        "trainer": "Trainer edition (with facilitator notes and answers)",
        "trainer_mark": "Trainer edition: with answers",
        "note": "An independent adaptation inspired by the ILO's Our.COOP approach; not an ILO publication. "
                "Course text CC BY-SA 4.0.",
        "version": "Version",
        "download": "Download for printing, {edition} (PDF):",
        "this_session": "This session",
        "this_part": "This part: {part}",
        "whole_course": "The whole course",
        "kit": "Group kit: cards to cut out (PDF)",
        "forms": "Blank forms to print (PDF):",
        "pages": "{n} pages",
        "one_page": "1 page",
        "session": "Session",
        "part": "Part",
        "form": "Form",
        "language": {"en": "English", "lo": "Lao"},
        "coop_name": "Co-operative",
        "books_online": "The books of a whole part and of the whole course are on the course's website; this "
                        "offline copy has every session, group kit and form.",
        "kit_title": "Group kit",
        "cut": "Cut along the dashed lines",
        "date": "Date",
    },
    "lo": {
        "course": "ສະຫະກອນກາເຟຂອງພວກເຮົາ",
        "contents": "ສາລະບານ",
        "learner": "ແຜ່ນວຽກຂອງຜູ້ຮຽນ",
        "trainer": "ສະບັບຄູຝຶກ (ມີບັນທຶກສຳລັບຜູ້ອຳນວຍຄວາມສະດວກ ແລະ ຄຳຕອບ)",
        "trainer_mark": "ສະບັບຄູຝຶກ: ມີຄຳຕອບ",
        "note": "ເປັນການດັດແປງຢ່າງເປັນອິດສະຫຼະ ໂດຍໄດ້ແນວຄິດຈາກວິທີ Our.COOP ຂອງ ILO; ບໍ່ແມ່ນເອກະສານຂອງ ILO. "
                "ເນື້ອໃນຫຼັກສູດ CC BY-SA 4.0.",
        "version": "ສະບັບ",
        "download": "ດາວໂຫຼດເພື່ອພິມ {edition} (PDF):",
        "this_session": "ບົດຮຽນນີ້",
        "this_part": "ພາກນີ້: {part}",
        "whole_course": "ຫຼັກສູດທັງໝົດ",
        "kit": "ຊຸດອຸປະກອນສຳລັບກຸ່ມ: ບັດສຳລັບຕັດອອກ (PDF)",
        "forms": "ແບບຟອມເປົ່າ ສຳລັບພິມ (PDF):",
        "pages": "{n} ໜ້າ",
        "one_page": "1 ໜ້າ",
        "session": "ບົດຮຽນ",
        "part": "ພາກ",
        "form": "ແບບຟອມ",
        "language": {"en": "ອັງກິດ", "lo": "ລາວ"},
        "coop_name": "ສະຫະກອນ",
        "books_online": "ປຶ້ມຂອງທັງພາກ ແລະ ຂອງຫຼັກສູດທັງໝົດ ຢູ່ໃນເວັບໄຊຂອງຫຼັກສູດ; ສະບັບນີ້ ທີ່ໃຊ້ໂດຍບໍ່ມີອິນເຕີເນັດ "
                        "ມີທຸກບົດຮຽນ ທຸກຊຸດອຸປະກອນສຳລັບກຸ່ມ ແລະ ທຸກແບບຟອມ.",
        "kit_title": "ຊຸດອຸປະກອນສຳລັບກຸ່ມ",
        "cut": "ຕັດຕາມເສັ້ນຂີດ",
        "date": "ວັນທີ",
    },
}
PREFIX = "our-coffee-coop"


def part_pages() -> dict[str, list[str]]:
    """The pages of each part (the area's overview first, then its sessions), in mkdocs.yml's nav order."""
    import yaml

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    parts: dict[str, list[str]] = {}
    for item in config["nav"]:
        for value in item.values():
            if isinstance(value, list):
                pages = [page_id(list(v.values())[0] if isinstance(v, dict) else v) for v in value]
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


def page_id(src_uri: str) -> str:
    """``management/m2-communication.lo.md`` → ``management/m2-communication``."""
    return re.sub(r"(\.(en|lo))?\.md$", "", src_uri)


@lru_cache(maxsize=None)
def page_title(page: str, lang: str) -> str:
    """The ``# Title`` of a page's Markdown source, in one language."""
    text = (DOCS / f"{page}.{lang}.md").read_text(encoding="utf-8")
    match = re.search(r"^#\s+(.+?)(?:\s*\{[^}]*\})?\s*$", text, re.M)
    return match.group(1).strip() if match else page


def is_session(html: str) -> bool:
    return 'class="admonition facilitator"' in html


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'


def page_style(lang: str, title: str) -> str:
    """The words of the page footer and of the trainer mark on paper (print.css draws them)."""
    words = WORDS[lang]
    return (f"<style>@page{{@bottom-left{{content:{_css_string(words['course'] + ' · ' + title)}}}}}"
            f"@page coop-trainer{{@top-right{{content:{_css_string(words['trainer_mark'])}}}}}</style>")


def is_book(name: str) -> bool:
    """A part or the whole course (the files at the top of pdf/): the offline copy leaves them out."""
    return "/" not in name


def _link(href: str, name: str, text: str, extra: str = "") -> str:
    book = ' class="coop-book"' if is_book(name) else ""
    return (f'<a{book} href="{href}" download data-pdf="{name}"{extra}>{escape(text)}'
            f'<span class="coop-pdf-info"></span></a>')


def decorate(html: str, lang: str, page: str, site_root: str, ui: dict[str, str], kit: bool) -> str:
    """Add the edition switch and the PDF links on top of a session page; mark its timing table."""
    html = re.sub(r'(<h2 id="time">.*?</h2>.*?<table)(?=[\s>])', r'\1 class="coop-timing"', html, count=1, flags=re.S)
    words, part = WORDS[lang], page.split("/")[0]
    links = []
    if part in PARTS and not page.endswith("/index"):
        for edition in EDITIONS:
            label = f"coop-pdfs-{edition}"
            described = f' aria-describedby="{label}"'
            files = [(session_pdf(lang, page, edition), words["this_session"]),
                     (pdf_name(lang, part, edition), words["this_part"].format(part=PART_TITLES[lang][part])),
                     (pdf_name(lang, "course", edition), words["whole_course"])]
            anchors = " ".join(_link(f"{site_root}pdf/{name}", name, text, described) for name, text in files)
            heading = words["download"].format(edition=ui["edition_" + edition])
            links.append(f'<p class="coop-pdfs coop-pdf-{edition}"><span class="coop-pdfs-label" id="{label}">'
                         f"{escape(heading)}</span> {anchors}</p>")
    if kit:
        name = kit_pdf(lang, page.rsplit("/", 1)[-1])
        links.append(f'<p class="coop-pdfs">{_link(site_root + "pdf/" + name, name, words["kit"])}</p>')
    bar = (
        f'<div class="coop-edition" role="group" aria-label="{escape(ui["edition"])}">'
        f'<span class="coop-edition-label coop-js">{escape(ui["edition"])}:</span>'
        f'<button type="button" class="coop-js" data-edition="learner" aria-pressed="true">{escape(ui["edition_learner"])}</button>'
        f'<button type="button" class="coop-js" data-edition="trainer" aria-pressed="false">{escape(ui["edition_trainer"])}</button>'
        f'<button type="button" class="coop-js coop-print">{escape(ui["print_page"])}</button>'
        f"{''.join(links)}</div>"
    )
    return bar + html


def _table(lang: str, site_root: str, head: str, columns: list[str], rows: list[tuple[str, list[tuple[str, str]]]],
           books: bool = False) -> str:
    """Rows of (title, [(file name, its language)]): each file a link named by its language."""
    language = WORDS[lang]["language"]
    body = "".join(
        f'<tr><th scope="row">{escape(title)}</th>'
        + "".join(f"<td>{_link(site_root + 'pdf/' + name, name, language[pdf_lang])}</td>" for name, pdf_lang in files)
        + "</tr>"
        for title, files in rows
    )
    cells = "".join(f'<th scope="col">{escape(column)}</th>' for column in columns)
    kind = "coop-downloads coop-books" if books else "coop-downloads"
    # In Material's scroll box, as its own tables: on a phone a wide table scrolls, the page does not.
    return (f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="{kind}">'
            f"<thead>{head}<tr>{cells}</tr></thead><tbody>{body}</tbody></table></div></div>")


def downloads_html(lang: str, site_root: str, ui: dict[str, str]) -> str:
    """Every part, the whole course and every session, in both languages and editions (printing page)."""
    words = WORDS[lang]
    head = (f'<tr><td></td><th scope="col" colspan="2">{escape(ui["edition_learner"])}</th>'
            f'<th scope="col" colspan="2">{escape(ui["edition_trainer"])}</th></tr>')
    languages = [words["language"][pdf_lang] for _ in EDITIONS for pdf_lang in LANGS]
    both = [(edition, pdf_lang) for edition in EDITIONS for pdf_lang in LANGS]
    parts = [(PART_TITLES[lang][part], [(pdf_name(l, part, e), l) for e, l in both]) for part in PARTS]
    rows = [(page_title(page, lang), [(session_pdf(l, page, e), l) for e, l in both])
            for pages in sessions().values() for page in pages]
    return (_table(lang, site_root, head, [words["part"], *languages], parts, books=True)
            + _table(lang, site_root, head, [words["session"], *languages], rows))


def _two_languages(lang: str, site_root: str, first: str, rows: list[tuple[str, str]],
                   name_of: Callable[[str, str], str]) -> str:
    """One row per (title, id), one column per language: the file ``name_of(language, id)``."""
    columns = [first] + [WORDS[lang]["language"][pdf_lang] for pdf_lang in LANGS]
    return _table(lang, site_root, "", columns, [(title, [(name_of(l, ident), l) for l in LANGS]) for title, ident in rows])


def kits_html(lang: str, site_root: str, kits: dict[str, str]) -> str:
    """Every group kit (``kits``: session slug → its page), in both languages (printing page)."""
    rows = [(page_title(page, lang), kit) for kit, page in kits.items()]
    return _two_languages(lang, site_root, WORDS[lang]["session"], rows, kit_pdf)


def forms_html(lang: str, site_root: str, forms: list[tuple[str, str]], table: bool) -> str:
    """Links to blank forms (``forms``: (id, title in ``lang``)): a line on a session page, or a table."""
    words = WORDS[lang]
    if table:
        return _two_languages(lang, site_root, words["form"], [(title, form) for form, title in forms], form_pdf)
    links = " ".join(_link(f"{site_root}pdf/{form_pdf(lang, form)}", form_pdf(lang, form), title) for form, title in forms)
    return f'<p class="coop-forms"><span class="coop-pdfs-label">{escape(words["forms"])}</span> {links}</p>'


# ---- After the PDFs are made ------------------------------------------------------------------

_LINK = re.compile(r'(data-pdf="(?P<name>[^"]+)"[^>]*>[^<]*<span class="coop-pdf-info">)[^<]*(</span>)')


def size_text(size: int) -> str:
    """Bytes as people read them: 84 KB, 1.2 MB."""
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} KB"


def fill(html: str, manifest: dict[str, dict], lang: str) -> str:
    """Put the pages and size of each linked PDF into its label: "This session (6 pages, 250 KB)"."""
    words = WORDS[lang]

    def label(match: re.Match[str]) -> str:
        info = manifest.get(match.group("name"))
        if info is None:
            return match.group(0)
        pages = words["one_page"] if info["pages"] == 1 else words["pages"].format(n=info["pages"])
        return f"{match.group(1)} ({pages}, {size_text(info['bytes'])}){match.group(3)}"

    return _LINK.sub(label, html)


_BOOK_LINK = re.compile(r'\s?<a class="coop-book"[^>]*>.*?</a>', re.S)
_BOOK_TABLE = re.compile(r'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
                         r'<table class="coop-downloads coop-books">.*?</table></div></div>', re.S)


def offline(html: str, lang: str) -> str:
    """A page as the offline copy has it: without links to the books, which it leaves out."""
    html = _BOOK_TABLE.sub(f'<p class="coop-books-note">{escape(WORDS[lang]["books_online"])}</p>', html)
    return _BOOK_LINK.sub("", html)
