"""Parameters a learner can change: their type, default, bounds, unit, label and help.

A parameter turns the text a learner typed into a value, or explains in the learner's language
why it cannot. Parsing never raises on bad input: ``parse_all`` returns the values it could read
and a message for every field it could not, keyed by the field's path (``"advance"``,
``"deliveries.2.kg"``), so the page can show each message next to its field and keep what the
learner typed.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .i18n import N_, Translator
from .languages import DEFAULT, LANGUAGES

__all__ = [
    "Param",
    "Integer",
    "Number",
    "Percent",
    "Choice",
    "Text",
    "Table",
    "ParamError",
    "Problem",
    "problem",
    "parse_all",
    "raw_defaults",
]

#: Digits of every language of the course, read as 0–9.
_DIGITS = str.maketrans("".join(lang.digits for lang in LANGUAGES), "0123456789" * len(LANGUAGES))
_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^-?\d+(\.\d+)?$|^-?\.\d+$")


class ParamError(ValueError):
    """A value the learner typed cannot be used; ``message`` is an untranslated message id."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message)
        self.message = message
        self.values = values

    def text(self, t: Translator) -> str:
        """The message in the learner's language."""
        return t(self.message, **{k: _shown(v, t) for k, v in self.values.items()})


#: What a definition's ``validate(values)`` yields for each problem across fields: the path of the field
#: it is shown next to (a parameter's name, or ``"table.row.column"`` for a cell) and the error.
Problem = tuple[str, ParamError]


def problem(path: str, message: str, **values: object) -> Problem:
    """One problem for ``validate`` to yield: ``message`` (a message id, ``{placeholders}`` from ``values``) at ``path``."""
    return path, ParamError(message, **values)


def _shown(value: object, t: Translator) -> str:
    if isinstance(value, int):
        return t.int(value)
    if isinstance(value, (Fraction, Decimal)):
        return t.num(value, 4)
    return str(value)


def _number_text(raw: object) -> Fraction:
    """Read a number typed by a person: "2,500", "2 500", "1.25", Lao (or any course language's) digits, a minus sign."""
    text = str(raw).strip().translate(_DIGITS)
    text = text.replace("\u2212", "-").replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"(?<=\d) (?=\d{3}\b)", ",", text)
    if not text:
        raise ParamError(N_("This value is needed."))
    if _GROUPED.match(text):
        text = text.replace(",", "")
    elif not _PLAIN.match(text):
        if re.fullmatch(r"-?\d+,\d{1,2}", text):
            raise ParamError(N_("Use a point for decimals, for example 1.5."))
        raise ParamError(N_("Enter a number, for example 2,500."))
    return Fraction(text)


@dataclass(frozen=True, kw_only=True)
class Param:
    """What every parameter has: a name (the key in the model's inputs) and words for people.

    Every parameter of the form has a ``default``; a table's columns have none (its rows carry
    their values, and a row a learner adds starts empty).
    """

    name: str
    #: Words for people (message ids); a definition's come from its word file (wordfile.py).
    label: str = ""
    help: str = ""
    unit: str = ""
    default: Any = None

    def parse(self, raw: object) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def raw(self, value: Any, t: Translator) -> str:  # pragma: no cover - abstract
        """The text a form field shows for ``value`` (a default, as written in the definition)."""
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class Integer(Param):
    """A whole number, such as kip per kg or a number of kg."""

    default: int | None = None
    min: int | None = None
    max: int | None = None

    def parse(self, raw: object) -> int:
        value = _number_text(raw)
        if value.denominator != 1:
            raise ParamError(N_("Enter a whole number, without decimals."))
        _check_bounds(value, self.min, self.max)
        return int(value)

    def raw(self, value: int, t: Translator) -> str:
        return t.int(value).replace("−", "-")


@dataclass(frozen=True, kw_only=True)
class Number(Param):
    """A number that may have decimals, such as a price in US$ per lb or a conversion ratio."""

    default: str | int | None = None
    min: str | int | None = None
    max: str | int | None = None
    places: int = 2

    def parse(self, raw: object) -> Fraction:
        value = _number_text(raw)
        _check_bounds(value, _opt_fraction(self.min), _opt_fraction(self.max))
        if (value * 10**self.places).denominator != 1:
            raise ParamError(N_("Use at most {places} decimals."), places=self.places)
        return value

    def raw(self, value: Fraction | str | int, t: Translator) -> str:
        return t.num(Fraction(value), self.places).replace("−", "-")


@dataclass(frozen=True, kw_only=True)
class Percent(Param):
    """A share typed as a percentage ("10" means 10 %); the model receives the fraction 1/10."""

    default: str | int | None = None
    min: str | int = 0
    max: str | int = 100
    places: int = 1
    unit: str = "%"

    def parse(self, raw: object) -> Fraction:
        value = _number_text(str(raw).strip().rstrip("%"))
        _check_bounds(value, Fraction(self.min), Fraction(self.max))
        if (value * 10**self.places).denominator != 1:
            raise ParamError(N_("Use at most {places} decimals."), places=self.places)
        return value / 100

    def raw(self, value: Fraction | str | int, t: Translator) -> str:
        """``value`` is in percent, as written in the definition ("10" for 10 %)."""
        return t.num(Fraction(value), self.places)


@dataclass(frozen=True, kw_only=True)
class Choice(Param):
    """One option out of a few; ``options`` pairs each value with its label (a message id)."""

    default: str | None = None
    options: Sequence[tuple[str, str]] = ()

    def parse(self, raw: object) -> str:
        value = str(raw).strip()
        if value not in {key for key, _ in self.options}:
            raise ParamError(N_("Choose one of the options."))
        return value

    def raw(self, value: str, t: Translator) -> str:
        return value


@dataclass(frozen=True, kw_only=True)
class Text(Param):
    """A short piece of text, such as a member's name."""

    default: str | None = None
    max_length: int = 40

    def parse(self, raw: object) -> str:
        value = " ".join(str(raw).split())
        if not value:
            raise ParamError(N_("This value is needed."))
        if len(value) > self.max_length:
            raise ParamError(N_("Use at most {max} characters."), max=self.max_length)
        return value

    def raw(self, value: str, t: Translator) -> str:
        """Default texts are messages (such as a member's name), so they are translated."""
        return t(value) if value else value


@dataclass(frozen=True, kw_only=True)
class Table(Param):
    """Rows of values, one column per parameter (for example one row per delivery)."""

    columns: Sequence[Param]
    default: Sequence[Mapping[str, Any]] = ()
    min_rows: int = 1
    max_rows: int = 50
    #: A column whose values must all differ (a member's name, a week): a repeat is refused with
    #: ``key_message`` ({value} is the repeated value), next to the repeated cell.
    key_column: str | None = None
    key_message: str = N_("“{value}” is already in the table: each row needs its own.")
    #: Values every row gets for fields that have no column in the form (``{"grade": "A"}``, as parsed
    #: values): a preset that leaves a column out keeps the model's inputs whole.
    fixed: Mapping[str, Any] = field(default_factory=dict)

    def raw(self, value: Sequence[Mapping[str, Any]], t: Translator) -> list[dict[str, str]]:  # type: ignore[override]
        return [{col.name: col.raw(row[col.name], t) for col in self.columns} for row in value]


def _opt_fraction(value: str | int | None) -> Fraction | None:
    return None if value is None else Fraction(value)


def _check_bounds(value: Fraction, low: Fraction | int | None, high: Fraction | int | None) -> None:
    if low is not None and value < low:
        raise ParamError(N_("Use at least {min}."), min=_tidy(low))
    if high is not None and value > high:
        raise ParamError(N_("Use at most {max}."), max=_tidy(high))


def _tidy(value: Fraction | int) -> int | Fraction:
    value = Fraction(value)
    return int(value) if value.denominator == 1 else value


#: Formats defaults the way a form shows them, to parse them back (language does not matter).
_PLAIN_T = Translator(DEFAULT, gettext.NullTranslations())


def raw_defaults(params: Sequence[Param], t: Translator) -> dict[str, Any]:
    """The text each form field shows before the learner changes anything."""
    return {p.name: p.raw(p.default, t) for p in params}


def parse_all(params: Sequence[Param], raw: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, ParamError]]:
    """Parse every parameter; return the values and a ``ParamError`` per bad field path.

    Missing fields take their default, so a form from an older version of the page still works.
    """
    values: dict[str, Any] = {}
    errors: dict[str, ParamError] = {}
    for param in params:
        given = raw.get(param.name) if isinstance(raw, Mapping) else None
        if isinstance(param, Table):
            if given is not None and not isinstance(given, list):
                errors[param.name] = ParamError(N_("This table could not be read; press “Reset numbers”."))
                given = None
            rows = given if given is not None else param.raw(param.default, _PLAIN_T)
            values[param.name] = _parse_rows(param, rows, errors)
            continue
        if given is None:
            given = param.raw(param.default, _PLAIN_T)
        try:
            values[param.name] = param.parse(given)
        except ParamError as error:
            errors[param.name] = error
    return values, errors


def _parse_rows(table: Table, rows: list[Any], errors: dict[str, ParamError]) -> list[dict[str, Any]]:
    parsed: list[dict[str, Any]] = []
    if len(rows) < table.min_rows:
        errors[table.name] = ParamError(N_("Add at least {count} rows."), count=table.min_rows)
    if len(rows) > table.max_rows:
        errors[table.name] = ParamError(N_("Use at most {count} rows."), count=table.max_rows)
    for index, row in enumerate(rows[: table.max_rows]):
        row = row if isinstance(row, Mapping) else {}
        out: dict[str, Any] = dict(table.fixed)
        for col in table.columns:
            path = f"{table.name}.{index}.{col.name}"
            given = row.get(col.name)
            try:
                out[col.name] = col.parse("" if given is None else given)
            except ParamError as error:
                errors[path] = error
        parsed.append(out)
    if table.key_column:
        seen: set[object] = set()
        for index, row in enumerate(parsed):
            value = row.get(table.key_column)
            key = value.casefold() if isinstance(value, str) else value
            if value is None:
                continue
            if key in seen:
                errors.setdefault(
                    f"{table.name}.{index}.{table.key_column}", ParamError(table.key_message, value=value)
                )
            seen.add(key)
    return parsed
