"""Messages in every language of the course, through gettext, and numbers written the way each language writes them.

Message ids are the English text, written in the code with ``N_("…")`` (a marker that does nothing at
import time; Babel's extractor finds it). They are translated when a page is rendered, in the page's
language, from ``exercises/locale/<lang>/LC_MESSAGES/<domain>.mo`` (compiled from the ``.po`` catalogs
by ``make catalogs``; ``tests/test_catalog.py`` checks that every message is translated with the same
placeholders). Two domains:

* ``exercises`` — what the exercises say (shipped to the browser with the engine);
* ``site`` — the words of the site around them (the page runtime, glossary headings, PDF title pages,
  the USB copy's START-HERE page), used at build time only: coopsite/words.py, with its catalogs in
  coopsite/locale/.

The languages, their separators and digits come from ``languages.py``; the default (source) language
needs no catalog.
"""

from __future__ import annotations

import gettext
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path

from .languages import Language, codes, get

__all__ = ["DOMAIN", "LANGUAGES", "LOCALE_DIR", "N_", "Translator", "translator"]

DOMAIN = "exercises"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def N_(message: str) -> str:
    """Mark ``message`` for translation; it is translated later, in the reader's language."""
    return message


#: A number a translator can write (the method ``Translator.int`` hides the builtin in its class).
Number = int | Fraction | Decimal | float
Whole = int


class Translator:
    """Translate messages and write numbers for one language."""

    def __init__(self, language: Language, catalog: gettext.NullTranslations) -> None:
        self.language = language
        self.lang = language.code
        self._catalog = catalog

    def __call__(self, message: str, /, **values: object) -> str:
        """Translate ``message`` and fill in its ``{placeholders}``."""
        text = self._catalog.gettext(message) if message else ""
        return text.format(**values) if values else text

    # -- numbers ---------------------------------------------------------------------------------

    def _separators(self, text: str) -> str:
        """Python's 1,234.5 written with the language's separators, and a real minus sign."""
        marks = {",": self.language.group, ".": self.language.decimal, "-": "−"}
        return "".join(marks.get(char, char) for char in text)

    def int(self, value: Whole) -> str:
        """A whole number with its thousands grouped: 16,500."""
        return self._separators(f"{value:,}")

    def dec(self, value: Number, places: Whole = 2) -> str:
        """A number with a fixed number of decimals, halves rounded up: 1.80."""
        exact = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
        rounded = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
            Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP
        )
        return self._separators(f"{rounded:,.{places}f}")

    def num(self, value: Number, places: Whole = 2) -> str:
        """A number with only as many decimals as it needs (up to ``places``): 6, 1.25, 0.8."""
        text = self.dec(value, places)
        if self.language.decimal in text:
            text = text.rstrip("0").rstrip(self.language.decimal)
        return text

    def kip(self, value: Whole) -> str:
        """An amount of money in kip: "16,500 kip" / "16,500 ກີບ"."""
        return self(N_("{amount} kip"), amount=self.int(value))

    def pct(self, value: Number, places: Whole = 1) -> str:
        """A share as a percentage: Fraction(1, 10) → "10%"."""
        return f"{self.num(Fraction(value) * 100, places)}%"


@cache
def translator(lang: str, domain: str = DOMAIN, locale_dir: Path = LOCALE_DIR) -> Translator:
    """The translator for language ``lang``, with the catalog of ``domain`` in ``locale_dir``."""
    language = get(lang)
    if language.default:
        return Translator(language, gettext.NullTranslations())
    return Translator(language, gettext.translation(domain, locale_dir, languages=[lang], fallback=False))


#: The language codes, the default first (``languages.codes()``), for code that loops over them.
LANGUAGES = codes()
