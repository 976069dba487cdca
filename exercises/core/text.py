"""Values as people read them: the text of a table cell, of a value inside a message.

Plain text, not HTML (``render.py`` escapes it where it goes into a page). Numbers are formatted by
the page's ``Translator``; amounts of kip, kg and counts are rounded half up, once, here.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .i18n import Translator
from .money import round_kip
from .outputs import Msg, Notice

__all__ = ["cell_text", "msg_text", "text_of", "value_text"]


def cell_text(value: Any, kind: str, t: Translator, places: int = 2) -> str:
    """The text of one table cell."""
    if value is None:
        return ""
    if isinstance(value, Msg):
        return msg_text(value, t)
    if kind in ("int", "kip", "kg"):
        return t.int(round_kip(value))  # rounded half up, never cut: 7.69 → 8
    if kind == "pct":
        return t.pct(value, places)
    if kind == "usd":  # prices: always with their cents, 1.50
        return t.dec(value, places)
    if kind == "num":
        return t.num(value, places)
    return str(value)


def msg_text(message: Msg | Notice, t: Translator) -> str:
    """A message translated, with its values filled in."""
    return t(message.message, **{k: value_text(v, t) for k, v in message.values.items()})


def text_of(message: str | Msg, t: Translator) -> str:
    """A message id or a ``Msg``, translated (a chart's series name, the code tip)."""
    return t(message) if isinstance(message, str) else msg_text(message, t)


def value_text(value: Any, t: Translator) -> str:
    """A value inside a message: whole numbers grouped, fractions with up to 2 decimals."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return t.int(value)
    if isinstance(value, Fraction):
        return t.num(value, 2)
    if isinstance(value, Msg):
        return msg_text(value, t)
    return str(value)
