"""Session pages get an edition switch and a link to their printable PDF (see print.css).

A session page is a page with a facilitator box. Its timing table (the first table under
``## Time``) is marked ``coop-timing``: the learner worksheet leaves it out.
"""

from __future__ import annotations

import re
from html import escape

__all__ = ["PARTS", "pdf_name", "is_session", "decorate", "downloads_html"]

#: The printable parts, in order: the docs folder of each area, then "course" for the whole course.
PARTS = ["key-concepts", "conception", "establishment", "management", "course"]
EDITIONS = ["learner", "trainer"]
PART_TITLES = {
    "en": {"key-concepts": "Key concepts", "conception": "Conception", "establishment": "Establishment",
           "management": "Management", "course": "The whole course"},
    "lo": {"key-concepts": "ແນວຄິດພື້ນຖານ", "conception": "ການລິເລີ່ມ", "establishment": "ການສ້າງຕັ້ງ",
           "management": "ການຄຸ້ມຄອງ", "course": "ຫຼັກສູດທັງໝົດ"},
}


def pdf_name(lang: str, part: str, edition: str) -> str:
    """File name of one PDF, under pdf/ in the site."""
    return f"our-coffee-coop-{lang}-{part}-{edition}.pdf"


def is_session(html: str) -> bool:
    return 'class="admonition facilitator"' in html


def decorate(html: str, lang: str, part: str | None, site_root: str, ui: dict[str, str]) -> str:
    """Add the edition switch (and PDF links) on top of a session page; mark its timing table."""
    html = re.sub(r'(<h2 id="time">.*?</h2>.*?<table)(?=[\s>])', r'\1 class="coop-timing"', html, count=1, flags=re.S)
    links = ""
    if part:
        links = "".join(
            f'<a class="coop-pdf-{edition}" href="{site_root}pdf/{pdf_name(lang, part, edition)}" download>'
            f'{escape(ui["download_pdf"])} ({escape(ui["edition_" + edition])}, PDF)</a>'
            for edition in EDITIONS
        )
    bar = (
        f'<div class="coop-edition" role="group" aria-label="{escape(ui["edition"])}">'
        f'<span class="coop-edition-label coop-js">{escape(ui["edition"])}:</span>'
        f'<button type="button" class="coop-js" data-edition="learner" aria-pressed="true">{escape(ui["edition_learner"])}</button>'
        f'<button type="button" class="coop-js" data-edition="trainer" aria-pressed="false">{escape(ui["edition_trainer"])}</button>'
        f'<button type="button" class="coop-js coop-print">{escape(ui["print_page"])}</button>'
        f"{links}</div>"
    )
    return bar + html


def downloads_html(lang: str, site_root: str, ui: dict[str, str]) -> str:
    """A table of every PDF in both languages (for the printing page and the USB copy)."""
    rows = []
    for part in PARTS:
        cells = "".join(  # columns: learner en, learner lo, trainer en, trainer lo
            f'<td><a href="{site_root}pdf/{pdf_name(pdf_lang, part, edition)}" download>'
            f'{"English" if pdf_lang == "en" else "ລາວ"}</a></td>'
            for edition in EDITIONS for pdf_lang in ("en", "lo")
        )
        rows.append(f'<tr><th scope="row">{escape(PART_TITLES[lang][part])}</th>{cells}</tr>')
    head = (f'<tr><th scope="col"></th><th scope="col" colspan="2">{escape(ui["edition_learner"])}</th>'
            f'<th scope="col" colspan="2">{escape(ui["edition_trainer"])}</th></tr>')
    return f'<table class="coop-downloads"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
