"""The languages of the course: the one place that names them and says how each one is written.

Everything that depends on a language reads it from here: the exercise engine (catalogs, number formats,
digits a learner may type), the build (site words, the language switcher's other language, the table of
PDFs, the USB copy's START-HERE page, search word breaks, fonts and typography) and the front end
(scripts/build-frontend.mjs gets ``as_json()`` through overrides/assets/coop/languages.json). Only
mkdocs.yml names the languages again, for mkdocs-static-i18n (a test keeps the two in step).

Adding a language (see ARCHITECTURE.md): an entry below, its block in mkdocs.yml, its catalogs
(``python scripts/catalogs.py update``, then translate), ``page.<code>.md`` for every page, and
Material's interface words in ``overrides/partials/languages/<code>.html`` unless Material has them.
The English messages are the source: English needs no catalog.

Importable on its own in Pyodide (standard library only).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field

__all__ = ["DEFAULT", "LANGUAGES", "Language", "SPACELESS", "as_json", "codes", "get", "other_languages"]


@dataclass(frozen=True)
class Language:
    """How one language is written, named and set on a page."""

    code: str  # BCP 47, as in mkdocs.yml and the pages' file names (page.<code>.md)
    name: str  # its name in itself, for the language switcher and START-HERE.html
    english_name: str
    material: str  # Material for MkDocs' interface language (overrides/partials/languages/<it>.html if ours)
    default: bool = False  # the source language: its pages are at the site root, its messages are the msgids
    script: str = "Latn"  # ISO 15924
    #: Letters of a script written without spaces between words (a regex character class body), or "".
    #: Search cuts runs of them into the pieces below, in the index and in the reader's query alike.
    spaceless: str = ""
    #: One syllable of such a run, by the language's spelling rules (a regex that Python and JavaScript
    #: both read). Search indexes these pieces, so a reader finds a word, a part of a compound or a
    #: run of words however they cut it. Without one, search uses the browser's word breaker below.
    syllable: str = ""
    segmenter: str = ""  # the word breaker's locale (Intl.Segmenter): the reader's "words"
    digits: str = "0123456789"  # the digits people write; a learner may type them in a form
    group: str = ","  # thousands: 16,500
    decimal: str = "."  # 1.80
    fonts: tuple[str, ...] = ("Noto Sans",)  # families its text needs, first choice first
    #: npm @fontsource packages and the subsets of their fonts the site serves (scripts/stage_assets.py)
    font_files: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Stacked vowels and tone marks need taller lines (overrides/assets/coop/languages.css)
    tall: bool = False

    @property
    def page_suffix(self) -> str:
        """The end of its pages' file names (``page.lo.md``: mkdocs-static-i18n's suffix structure)."""
        return f".{self.code}.md"


def _lao_syllable() -> str:
    """One Lao syllable: [preposed vowel] initial [cluster] [vowel signs] [tone] [following vowel] [final].

    Lao spells every vowel, so a consonant followed by a vowel sign, a tone mark or a following vowel
    (ະ າ ຳ ຽ) starts a syllable, and a final is one of ກ ງ ດ ນ ບ ມ ຍ ວ that does not. The few
    ambiguous spots (is ກ in ດີກວ່າ a final or the start of ກວ່າ?) are decided the same way on both
    sides of search; the query's first syllable is matched leniently for them (frontend/src/search/).
    Checked against Chromium's and ICU's word breaks on the course's pages (tests/test_search_lao.py).
    """
    consonant = "\u0e81-\u0eae\u0edc-\u0edf"
    tone = "[\u0ec8-\u0ecb]*"
    carrier = "[\u0eb0-\u0ebd\u0ec8-\u0ecd]"  # vowel signs, tone marks, ະ າ ຳ ຽ: what an initial carries
    open_ = f"(?!{carrier})"  # a consonant that carries nothing (a final, or a vowel letter ອ ວ ຍ)
    finals = "ກງດນບມຍວ"
    # a final, unless the next letters make it the start of a syllable (ກອນ, ສວນ, ກຣາມ); or a silenced ◌໌
    final = (
        f"(?:[{finals}]{open_}(?!ອ(?:[^ອ\u0eb0-\u0ebd\u0ec8-\u0ecd]|$))(?!ວ[{finals}])(?!ຣ{carrier})"
        f"|[{consonant}]\u0ecc)"
    )
    initial = f"(?:ຫ[ງຍນມລວຣ]|[{consonant}][ລຣວ](?={carrier})|[{consonant}])\u0ebc?"  # ຫຼ ຄວ ກຣ
    initial_after_vowel = f"(?:ຫ[ງຍນມລວຣ]|[{consonant}]ຣ{open_}|[{consonant}])\u0ebc?"  # ໂປຣ ແກຣມ
    return "|".join(
        [
            # ເ ແ ໂ before the initial: ເ◌ົາ ເ◌ືອ(F) ເ◌ັຍ ◌ັ(F) ເ◌ີຍ ເ◌ີ(F) ເ◌າະ ເ◌ະ ເ◌ຍ ◌(F)
            f"[ເແໂ]{initial_after_vowel}(?:ົ{tone}າ|ື{tone}ອ{open_}{final}?|ັ{tone}(?:ຍ{open_}|{final})?"
            f"|[ິີ]{tone}(?:ຍ{open_}|{final})?|{tone}(?:າະ|ະ|ຍ{open_}|{final})?)",
            # ໃ ໄ: no final
            f"[ໃໄ]{initial_after_vowel}{tone}(?:[{consonant}]\u0ecc)?",
            # the initial first: ◌ົວ ◌ົF ◌ັວF ◌ັF ◌ິ..◌ູ(F) ◌ໍ(າ) ◌ະ ◌ຳ ◌າ(F) ◌ຽ(F) ◌ອ(F) ◌ວF ◌F
            f"{initial}(?:ົ{tone}(?:ວ{open_}ະ?|{final})?|ັ{tone}(?:ວ{open_}{final}|{final})?"
            f"|[ິີຶືຸູ]{tone}{final}?|ໍ{tone}າ?"
            f"|{tone}(?:ະ|ຳ|າ{tone}{final}?|ຽ{tone}{final}?|ອ{open_}{tone}{final}?|ວ{open_}{final}|{final})?)",
            "[\u0ed0-\u0ed9]+",  # Lao digits
            "[\u0e80-\u0eff]",  # anything else of the script, one by one
        ]
    )


LANGUAGES: tuple[Language, ...] = (
    Language(
        code="en",
        name="English",
        english_name="English",
        material="en",
        default=True,
        font_files={"@fontsource/noto-sans": ("latin", "latin-ext")},
    ),
    Language(
        code="lo",
        name="ພາສາລາວ",
        english_name="Lao",
        material="lo",
        script="Laoo",
        spaceless="\u0e80-\u0eff",
        syllable=_lao_syllable(),
        segmenter="lo",
        digits="໐໑໒໓໔໕໖໗໘໙",
        fonts=("Noto Sans Lao", "Phetsarath OT", "Saysettha OT"),
        font_files={"@fontsource/noto-sans-lao": ("lao",)},
        tall=True,
    ),
)

DEFAULT: Language = next(language for language in LANGUAGES if language.default)
_BY_CODE = {language.code: language for language in LANGUAGES}
#: Every run of letters written without spaces, whatever the language (Lao now; Thai would add its own).
SPACELESS = re.compile(
    "[" + "".join(language.spaceless for language in LANGUAGES) + "]+"
    if any(language.spaceless for language in LANGUAGES)
    else r"(?!)"
)


def codes() -> tuple[str, ...]:
    """The language codes, the default first."""
    return tuple(language.code for language in LANGUAGES)


def get(code: str) -> Language:
    """The language ``code``; a ValueError names the known ones."""
    if code not in _BY_CODE:
        raise ValueError(f"unknown language {code!r}; expected one of {codes()}")
    return _BY_CODE[code]


def other_languages(code: str) -> tuple[Language, ...]:
    """Every language but ``code``, in registry order (e.g. the glossary's column of the other language)."""
    return tuple(language for language in LANGUAGES if language.code != code)


def spaceless_language(text: str) -> Language | None:
    """The language whose spaceless script ``text`` (a run of letters) is written in."""
    for language in LANGUAGES:
        if language.spaceless and re.fullmatch("[" + language.spaceless + "]+", text):
            return language
    return None


def as_json() -> str:
    """The registry for the front end's build (JSON)."""
    return json.dumps([asdict(language) for language in LANGUAGES], ensure_ascii=False, indent=1)
