"""Messages in English and Lao, through gettext.

Message ids are the English text, written in the exercise files with ``N_("…")`` (a marker that
does nothing at import time; Babel's extractor finds it). They are translated when a page is
rendered, in the page's language, from ``exercises/locale/<lang>/LC_MESSAGES/exercises.mo``
(compiled from the ``.po`` catalog by ``make catalogs``; ``tests/test_catalog.py`` checks that
every message has a Lao translation with the same placeholders).
"""

from __future__ import annotations

import gettext
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path

__all__ = ["LANGUAGES", "N_", "Translator", "translator", "LOCALE_DIR", "DOMAIN"]

LANGUAGES = ("en", "lo")
DOMAIN = "exercises"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def N_(message: str) -> str:
    """Mark ``message`` for translation; it is translated later, in the reader's language."""
    return message


#: A number a translator can write (the method ``Translator.int`` hides the builtin in its class).
Number = int | Fraction | Decimal | float
Whole = int


class Translator:
    """Translate messages and format numbers for one language."""

    def __init__(self, lang: str, catalog: gettext.NullTranslations) -> None:
        self.lang = lang
        self._catalog = catalog

    def __call__(self, message: str, /, **values: object) -> str:
        """Translate ``message`` and fill in its ``{placeholders}``."""
        text = self._catalog.gettext(message) if message else ""
        return text.format(**values) if values else text

    # -- numbers ---------------------------------------------------------------------------------

    def int(self, value: Whole) -> str:
        """A whole number with comma grouping: 16,500 (the usual way in both languages)."""
        return f"{value:,}".replace("-", "−")

    def dec(self, value: Number, places: Whole = 2) -> str:
        """A number with a fixed number of decimals, halves rounded up: 1.80."""
        exact = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
        rounded = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
            Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP
        )
        return f"{rounded:,.{places}f}".replace("-", "−")

    def num(self, value: Number, places: Whole = 2) -> str:
        """A number with only as many decimals as it needs (up to ``places``): 6, 1.25, 0.8."""
        text = self.dec(value, places)
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text

    def kip(self, value: Whole) -> str:
        """An amount of money in kip: "16,500 kip" / "16,500 ກີບ"."""
        return self(N_("{amount} kip"), amount=self.int(value))

    def pct(self, value: Number, places: Whole = 1) -> str:
        """A share as a percentage: Fraction(1, 10) → "10%"."""
        return f"{self.num(Fraction(value) * 100, places)}%"


@cache
def translator(lang: str) -> Translator:
    """The translator for ``lang`` ("en" or "lo")."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    if lang == "en":
        return Translator(lang, gettext.NullTranslations())
    catalog = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=False)
    return Translator(lang, catalog)
