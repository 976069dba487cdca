"""Course data shown on pages: the glossary and the references (YAML files in docs/data/).

Both pages render from one data file, so the English and Lao pages always list the same terms
and the same sources, with the same anchors (``#term-<id>``, ``#ref-<id>``).
"""

from __future__ import annotations

from functools import cache
from html import escape
from pathlib import Path
from typing import Any

import yaml

__all__ = ["DATA_DIR", "glossary", "references", "glossary_html", "references_html", "lao_sort_key"]

DATA_DIR = Path(__file__).resolve().parent.parent / "docs" / "data"

_WORDS = {
    "en": {
        "term": "Term",
        "other": "ລາວ (Lao)",
        "meaning": "Meaning",
        "caption": "Glossary of co-operative and coffee terms",
        "used": "Used for:",
        "related": "See also:",
    },
    "lo": {
        "term": "ຄຳສັບ",
        "other": "English",
        "meaning": "ຄວາມໝາຍ",
        "caption": "ຄຳສັບກ່ຽວກັບສະຫະກອນ ແລະ ກາເຟ",
        "used": "ໃຊ້ສຳລັບ:",
        "related": "ເບິ່ງຕື່ມ:",
    },
}

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


def glossary_html(lang: str) -> str:
    """The glossary as a table, sorted in the page's language."""
    words = _WORDS[lang]
    other = "en" if lang == "lo" else "lo"
    entries = glossary()
    by_id = {entry["id"]: entry for entry in entries}
    key = (lambda e: lao_sort_key(e["lo"])) if lang == "lo" else (lambda e: e["en"].casefold())
    rows = []
    for entry in sorted(entries, key=key):
        related = ""
        if entry.get("related"):
            links = ", ".join(
                f'<a href="#term-{escape(rid)}">{escape(by_id[rid][lang])}</a>'
                for rid in entry["related"]
                if rid in by_id
            )
            related = f' <span class="coop-related">{words["related"]} {links}</span>'
        rows.append(
            f'<tr id="term-{escape(entry["id"])}"><th scope="row" lang="{lang}">{escape(entry[lang])}</th>'
            f'<td lang="{other}">{escape(entry[other])}</td>'
            f"<td>{escape(entry['def_' + lang])}{related}</td></tr>"
        )
    return (
        f'<div class="coop-glossary"><table><caption>{escape(words["caption"])}</caption>'
        f'<thead><tr><th scope="col">{words["term"]}</th><th scope="col">{escape(words["other"])}</th>'
        f'<th scope="col">{words["meaning"]}</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def references_html(lang: str) -> str:
    """The numbered reference list; every entry has the anchor ``ref-<id>``."""
    words = _WORDS[lang]
    items = []
    for ref in references():
        items.append(
            f'<li id="ref-{escape(ref["id"])}"><span class="coop-cite">{escape(ref["cite"])}</span> '
            f'<a class="coop-url" href="{escape(ref["url"])}">{escape(ref["url"])}</a>'
            f'<br><span class="coop-used">{words["used"]} {escape(ref["supports_" + lang])}</span></li>'
        )
    return f'<ol class="coop-references">{"".join(items)}</ol>'
