"""Word breaks for search in scripts written without spaces (Lao now; Thai would need only its registry entry).

Lao is written without spaces between words, so a search index that splits on spaces sees a whole
phrase as one "word". Both sides of search split such text with ICU — here ``icu4py`` (ICU 78), in
the browser ``Intl.Segmenter`` (also ICU) — with the word breaker of the language whose script the
run is in (``segmenter`` in exercises/core/languages.py), and then join back any run of pieces that
spells a project term: a glossary term, a loanword ICU cuts in two (ໄພທອນ → ໄພ|ທອນ), a name from the
case story. ``frontend/src/search-lao.js`` does the same join with the same list (``terms()``).
"""

from __future__ import annotations

from functools import lru_cache

from exercises.core.languages import LANGUAGES, SPACELESS, spaceless_language

__all__ = ["RUN", "ZWSP", "join_terms", "segment", "terms", "words"]

#: A run of letters of a script written without spaces (any language of the registry).
RUN = SPACELESS
ZWSP = "\u200b"

#: Lao words that must stay whole besides the glossary: names and places of the case story, and
#: loanwords the exercises use.
EXTRA_TERMS = [
    "ບຸນມີ",
    "ນ້ອຍ",
    "ຄຳລາ",
    "ວັນ",
    "ແສງດາວ",
    "ເພັດ",
    "ທອງດີ",
    "ສິດ",
    "ມະນີວັນ",
    "ພູແກ້ວ",
    "ນ້ຳໃສ",
    "ໂຄກໄມ້",
    "ປາກເຊ",
    "ປາກຊ່ອງ",
    "ບໍລະເວນ",
    "ຈຳປາສັກ",
    "ໄພທອນ",
    "ໂປຣແກຣມ",
    "ກິໂລ",
    "ກິໂລກຣາມ",
    "ຄອນເທນເນີ",
    "ເປີເຊັນ",
    "ໂດລາ",
]


@lru_cache(maxsize=1)
def terms() -> tuple[str, ...]:
    """Every project term, as written in Lao (each space-separated part of a glossary term)."""
    from .content import glossary

    found = set(EXTRA_TERMS)
    for entry in glossary():
        for language in LANGUAGES:
            if language.spaceless:
                found.update(part for part in str(entry[language.code]).split() if RUN.fullmatch(part))
    return tuple(sorted(found))


def join_terms(pieces: list[str], known: frozenset[str] | set[str] | None = None) -> list[str]:
    """Join consecutive pieces that spell a known term, longest match first, left to right."""
    known = set(terms()) if known is None else known
    longest = max((len(term) for term in known), default=1)
    out = []
    i = 0
    while i < len(pieces):
        taken, text, joined = 1, pieces[i], pieces[i]
        for j in range(i + 1, len(pieces)):
            joined += pieces[j]
            if len(joined) > longest:
                break
            if joined in known:
                taken, text = j - i + 1, joined
        out.append(text)
        i += taken
    return out


@lru_cache(maxsize=65536)
def words(run: str) -> tuple[str, ...]:
    """The words of a run of letters of a spaceless script, by the word breaker of its language."""
    from icu4py.breakers import WordBreaker
    from icu4py.locale import Locale

    language = spaceless_language(run)
    if language is None:
        return (run,)
    pieces = [piece for piece in WordBreaker(run, Locale(language.segmenter)) if piece]
    return tuple(join_terms(pieces, _known()))


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(terms())


def segment(text: str, separator: str = ZWSP) -> str:
    """``text`` with ``separator`` between the words of spaceless scripts (everything else unchanged)."""
    return RUN.sub(lambda match: separator.join(words(match.group(0))), text)
