"""What an exercise shows: result tables, bar charts, notices, and the key result.

``show(result, values, t)`` in an exercise definition returns ``Outputs``; ``render.py`` turns them
into HTML. Text in them is message ids (translated where they are shown) or ``Msg`` with values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal, get_args

__all__ = ["KINDS", "BarChart", "Column", "Kind", "Msg", "Notice", "Notices", "Outputs", "ResultTable"]

#: How a column's values are written: as text, or as numbers (kip, kg, counts rounded half up).
Kind = Literal["text", "int", "kip", "kg", "num", "pct", "usd"]
KINDS: tuple[Kind, ...] = get_args(Kind)


@dataclass(frozen=True)
class Column:
    """A column of a result table: its heading (a message id) and how to format its values."""

    label: str
    kind: Kind = "text"
    places: int = 2


@dataclass(frozen=True)
class ResultTable:
    """A table of results. Text cells are shown as written (and always escaped)."""

    id: str
    rows: Sequence[Sequence[Any]]
    #: The heading: from the word file's ``[tables.<id>]`` (wordfile.with_headings) unless the code
    #: gives it, as shared helpers such as ``amounts_table`` do for their columns.
    caption: str = ""
    columns: Sequence[Column] = ()
    footer: Sequence[Any] | None = None
    #: Message ids (not translated yet) may appear in "text" cells when wrapped in ``Msg``.


@dataclass(frozen=True)
class Msg:
    """A message id with values, to be translated where it is shown (in a table cell or notice)."""

    message: str
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BarChart:
    """A bar chart: one group of bars per label, one bar colour per series."""

    id: str
    labels: Sequence[str | Msg]
    series: Sequence[tuple[str | Msg, Sequence[int | float | Fraction]]]
    #: The titles: from the word file's ``[charts.<id>]`` (wordfile.with_headings).
    title: str = ""
    y_title: str = ""
    kind: Kind = "kip"
    horizontal: bool = False


@dataclass(frozen=True)
class Notice:
    """A short explanation shown above the tables ("info", "warning" or "success")."""

    level: Literal["info", "warning", "success"]
    message: str
    values: Mapping[str, Any] = field(default_factory=dict)


class Notices(list[Notice]):
    """The notices of a run, in order: ``notices.warning(N_("… {amount} …"), amount=t.kip(gap))``."""

    def info(self, message: str, **values: Any) -> None:
        self.append(Notice("info", message, values))

    def warning(self, message: str, **values: Any) -> None:
        self.append(Notice("warning", message, values))

    def success(self, message: str, **values: Any) -> None:
        self.append(Notice("success", message, values))


@dataclass(frozen=True)
class Outputs:
    """Everything an exercise shows for one set of inputs, plus key numbers for tests.

    ``key`` is the one result that matters most, in one short line ("Noy's final payment: 1,625,009
    kip"): the number the exercise's first question asks about. Pages show it first, above the form
    (on a phone it is all a learner may see at a glance); None when these numbers have none.
    """

    key: Msg | None = None
    tables: Sequence[ResultTable] = ()
    charts: Sequence[BarChart] = ()
    notices: Sequence[Notice] = ()
    numbers: Mapping[str, Any] = field(default_factory=dict)
