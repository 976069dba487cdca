"""Course data shown on pages: the glossary and the references (YAML files in docs/data/).

Both pages render from one data file, so the English and Lao pages always list the same terms
and the same sources, with the same anchors (``#term-<id>``, ``#ref-<id>``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from exercises.core.html import html, join
from exercises.core.languages import Language, get, other_languages

from .words import WORDS, site

__all__ = ["DATA_DIR", "glossary", "references", "glossary_html", "references_html", "lao_sort_key"]

DATA_DIR = Path(__file__).resolve().parent.parent / "docs" / "data"

# Traditional Lao alphabetical order of the consonants (ສ comes after ຈ, unlike in Unicode).
_CONSONANTS = "ກຂຄງຈສຊຍດຕຖທນບປຜຝພຟມຢຣລວຫອຮ"
_LEADING_VOWELS = "ເແໂໃໄ"
_ORDER = {char: index for index, char in enumerate(_CONSONANTS)}


def lao_sort_key(text: str) -> tuple[int, ...]:
    """Sort Lao words the way a Lao dictionary does: by consonant first, leading vowels after it."""
    chars = list(text)
    for i in range(len(chars) - 1):
        if chars[i] in _LEADING_VOWELS and chars[i + 1] in _ORDER:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return tuple(_ORDER.get(c, 100 + ord(c)) for c in chars)


@cache
def _load(name: str) -> tuple[dict[str, Any], ...]:
    with (DATA_DIR / f"{name}.yml").open(encoding="utf-8") as handle:
        return tuple(yaml.safe_load(handle))


def glossary() -> tuple[dict[str, Any], ...]:
    """All glossary entries (id, en, lo, def_en, def_lo, optional also_en / related)."""
    return _load("glossary")


def references() -> tuple[dict[str, Any], ...]:
    """All references (id, cite, url, supports_en, supports_lo)."""
    return _load("references")


def sort_key(language: Language) -> Callable[[str], Any]:
    """How a dictionary in ``language`` orders its words (by script: Lao has its own consonant order)."""
    return lao_sort_key if language.script == "Laoo" else str.casefold


def glossary_html(lang: str) -> str:
    """The glossary as a table, sorted in the page's language; one column for each other language."""
    t = site(lang)
    others = other_languages(lang)
    entries = glossary()
    by_id = {entry["id"]: entry for entry in entries}
    order = sort_key(get(lang))
    rows = []
    for entry in sorted(entries, key=lambda e: order(e[lang])):
        related = ""
        if entry.get("related"):
            links = join(
                html('{comma}<a href="#term-{id}">{term}</a>', comma=", " if n else "", id=rid, term=by_id[rid][lang])
                for n, rid in enumerate(r for r in entry["related"] if r in by_id)
            )
            related = html(' <span class="coop-related">{see} {links}</span>', see=t(WORDS["related"]), links=links)
        rows.append(
            html(
                '<tr id="term-{id}"><th scope="row" lang="{lang}">{term}</th>{others}<td>{meaning}{related}</td></tr>',
                id=entry["id"],
                lang=lang,
                term=entry[lang],
                meaning=entry["def_" + lang],
                related=related,
                others=join(html('<td lang="{lang}">{term}</td>', lang=o.code, term=entry[o.code]) for o in others),
            )
        )
    return str(
        html(
            '<div class="coop-glossary"><table><caption>{caption}</caption><thead><tr><th scope="col">{term}</th>'
            '{others}<th scope="col">{meaning}</th></tr></thead><tbody>{rows}</tbody></table></div>',
            caption=t(WORDS["caption"]),
            term=t(WORDS["term"]),
            meaning=t(WORDS["meaning"]),
            rows=join(rows),
            others=join(html('<th scope="col" lang="{lang}">{name}</th>', lang=o.code, name=o.name) for o in others),
        )
    )


def references_html(lang: str) -> str:
    """The numbered reference list; every entry has the anchor ``ref-<id>``."""
    used = site(lang)(WORDS["used"])
    items = join(
        html(
            '<li id="ref-{id}"><span class="coop-cite">{cite}</span> <a class="coop-url" href="{url}">{url}</a>'
            '<br><span class="coop-used">{used} {supports}</span></li>',
            id=ref["id"],
            cite=ref["cite"],
            url=ref["url"],
            used=used,
            supports=ref["supports_" + lang],
        )
        for ref in references()
    )
    return str(html('<ol class="coop-references">{items}</ol>', items=items))
