"""What several exercises share: parameters, options, table columns, pieces of output and answers.

Not an exercise itself (there is no ``models/shared.py``). A definition uses a shared parameter as
it is, or with its own default or help: ``replace(KIP_PER_USD, default=8_900)``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any

from exercises.core import (
    N_,
    Case,
    ChoiceAnswer,
    Column,
    Integer,
    Msg,
    NoAnswer,
    Number,
    NumberAnswer,
    Percent,
    ResultTable,
    Table,
    Text,
    round_kip,
)

__all__ = [
    "ADVANCE",
    "CHERRY_PER_GREEN",
    "CHERRY_PER_PARCHMENT",
    "FAIRTRADE_PREMIUM",
    "KIP_PER_USD",
    "LOAN_INTEREST",
    "MEMBER",
    "MONTH",
    "ONE_ROW_PER_MEMBER",
    "ONE_ROW_PER_MONTH",
    "ONE_ROW_PER_WEEK",
    "ORGANIC_DIFFERENTIAL",
    "QUORUM",
    "TRADER_PRICE",
    "WEEK",
    "WHICH_MEMBER",
    "YES_NO",
    "amounts_table",
    "final_per_kg",
    "first_by",
    "highest",
    "in_kip",
    "in_kip_per_kg",
    "kip_amount",
    "kip_per_kg_of_cherry",
    "kip_per_usd",
    "lowest",
    "members_table",
    "names",
    "ratio",
    "trader_prices_table",
    "usd_per_lb",
    "weight_ratio",
]

#: Yes or no, "no" first: a new table row starts with the first option.
YES_NO = (("no", N_("No")), ("yes", N_("Yes")))


def weight_ratio(name: str, *, default: str, min: str, max: str, label: str = "", help: str = "") -> Number:
    """How many kg of one form of coffee make 1 kg of the next (cherry → parchment → green), to 2 places."""
    return Number(name=name, label=label, unit=N_("kg"), default=default, min=min, max=max, places=2, help=help)


CHERRY_PER_GREEN = weight_ratio(
    "cherry_per_green",
    label=N_("Cherry for 1 kg of green coffee"),
    default="6",
    min="3",
    max="12",
    help=N_("About 6 kg of cherry make 1 kg of green coffee (5 to 7)."),
)
CHERRY_PER_PARCHMENT = weight_ratio(
    "cherry_per_parchment",
    label=N_("Cherry for 1 kg of parchment"),
    default="5",
    min="1",
    max="10",
    help=N_("About 5 kg of fresh cherry make 1 kg of dry parchment."),
)


def kip_amount(name: str, default: int, label: str = "", help: str = "") -> Integer:
    """An amount of kip the co-op has, owes or pays (a fund, a cost, a loan): 0 to 100,000,000,000."""
    return Integer(name=name, label=label, unit=N_("kip"), default=default, min=0, max=100_000_000_000, help=help)


def kip_per_usd(name: str, default: int, label: str = "", help: str = "", max: int = 200_000) -> Integer:
    """An exchange rate, in kip for one US dollar: 1,000 to ``max``."""
    return Integer(name=name, label=label, unit=N_("kip per US$"), default=default, min=1_000, max=max, help=help)


KIP_PER_USD = kip_per_usd(
    "kip_per_usd",
    21_400,
    label=N_("Exchange rate"),
    help=N_("About 8,900 in 2020 and about 21,400 in May 2024."),
    max=100_000,
)


def kip_per_kg_of_cherry(name: str, default: int, label: str = "", help: str = "") -> Integer:
    """An amount in kip for each kg of cherry (a price, an advance, a cost): 0 to 1,000,000."""
    unit = N_("kip per kg of cherry")
    return Integer(name=name, label=label, unit=unit, default=default, min=0, max=1_000_000, help=help)


#: The advance a co-op pays members in cash when they bring their cherry.
ADVANCE = kip_per_kg_of_cherry("advance", 2_000, label=N_("Advance paid at delivery"))

#: What the co-op pays on the loan it takes to pay advances.
LOAN_INTEREST = Percent(
    name="interest_per_month",
    label=N_("Interest on the harvest loan"),
    unit=N_("% per month"),
    default="2",
    min=0,
    max=50,
    places=2,
)


def usd_per_lb(name: str, default: str, label: str = "", help: str = "") -> Number:
    """A price, or a part of one, in US$ per lb of green coffee: 0 to 5, to the cent."""
    return Number(name=name, label=label, unit=N_("US$ per lb"), default=default, min="0", max="5", help=help)


FAIRTRADE_PREMIUM = usd_per_lb("premium", "0.20", label=N_("Fairtrade premium"))
ORGANIC_DIFFERENTIAL = usd_per_lb("organic_differential", "0.40", label=N_("Organic differential"))

#: How many members must be present before a general assembly can decide.
QUORUM = Percent(name="quorum", label=N_("Quorum"), unit=N_("% of all members"), default="50", min=0, max=100, places=1)

# ---- Texts ------------------------------------------------------------------------------------


# ---- Table columns and their "each row needs its own" messages ---------------------------------

MEMBER = Text(name="member", label=N_("Member"))
MONTH = Text(name="month", label=N_("Month"))
WEEK = Integer(name="week", label=N_("Week"), min=1, max=52)
#: The trader's cash price for cherry, per week.
TRADER_PRICE = Integer(name="price", label=N_("Price"), unit=N_("kip per kg"), min=0, max=1_000_000)

ONE_ROW_PER_MEMBER = N_("{value} is already in the table: each member has one row.")
ONE_ROW_PER_WEEK = N_("Week {value} is already in the table: each week has one row.")
ONE_ROW_PER_MONTH = N_("{value} is already in the table: each month has one row.")


def members_table(**fields: Any) -> Table:
    """The table of members, one row each, found by the ``member`` column (``MEMBER`` or a replacement)."""
    return Table(name="members", key_column="member", key_message=ONE_ROW_PER_MEMBER, **fields)


def trader_prices_table(prices: Sequence[int], help: str = "") -> Table:
    """The trader's cash price for cherry, one row per week; ``prices`` are weeks 1, 2, 3 … of the harvest."""
    return Table(
        name="trader_prices",
        key_column="week",
        key_message=ONE_ROW_PER_WEEK,
        label=N_("Trader's cash price for cherry"),
        help=help,
        columns=[WEEK, TRADER_PRICE],
        default=[{"week": week, "price": price} for week, price in enumerate(prices, start=1)],
        min_rows=1,
        max_rows=52,
    )


# ---- Outputs -----------------------------------------------------------------------------------


def amounts_table(rows: Iterable[Sequence[Any]], footer: Sequence[Any] | None = None, id: str = "money") -> ResultTable:
    """Two columns, "Item" and "Amount (kip)": where money comes from and goes; the footer checks it balances.

    Each row is ``(item, amount)``; an item is a message id, or a ``Msg`` when it has values. The
    caption is the word file's, ``[tables.money]`` (or the ``id`` given).
    """

    def row(item: str | Msg, amount: Any) -> list[Any]:
        return [Msg(item) if isinstance(item, str) else item, amount]

    return ResultTable(
        id=id,
        columns=[Column(N_("Item")), Column(N_("Amount (kip)"), "kip")],
        rows=[row(*r) for r in rows],
        footer=row(*footer) if footer else None,
    )


def names(items: Callable[[Any], Iterable[Any]]) -> Callable[[Case], Sequence[tuple[str, str]]]:
    """Options of a choice question: the names of ``items(result)`` (members, villages …), as typed."""
    return lambda case: [(item.name, item.name) for item in items(case.result)]


def first_by(items: Iterable[Any], key: Callable[[Any], Any]) -> str:
    """The answer to a "who …?" question: the name of the item with the smallest ``key`` (ties: by name)."""
    return min(items, key=lambda item: (key(item), item.name)).name


#: A "who …?" question about the members: its options are their names.
WHICH_MEMBER = ChoiceAnswer(options=names(lambda result: result.members.values()))


# ---- Answers and their arithmetic --------------------------------------------------------------


def in_kip(within: int = 0, percent: int = 0) -> NumberAnswer:
    """An answer in kip, right within ``within`` kip or ``percent`` % of the reference (the larger)."""
    return NumberAnswer(unit=N_("kip"), tolerance=within, relative=Fraction(percent, 100))


def in_kip_per_kg(within: int = 0, percent: int = 0) -> NumberAnswer:
    """An answer in kip per kg, right within ``within`` kip or ``percent`` % of the reference (the larger)."""
    return NumberAnswer(unit=N_("kip per kg"), tolerance=within, relative=Fraction(percent, 100))


def ratio(part: int | Fraction, whole: int | Fraction) -> Fraction:
    """``part`` ÷ ``whole``, exact; 0 when there is no whole (an empty table, nobody present)."""
    return Fraction(part) / whole if whole else Fraction(0)


def final_per_kg(case: Case) -> int:
    """The answer "final payment per kg of cherry", from a result's ``final_per_kg`` (None: no cherry came)."""
    if case.result.final_per_kg is None:
        raise NoAnswer(N_("No cherry came to the co-op, so there is no final payment per kg to find."))
    return round_kip(case.result.final_per_kg)


def lowest(holds: Callable[[int], bool], low: int, high: int) -> int:
    """The lowest whole number from ``low`` to ``high`` at which ``holds`` is true, for a test that is false
    below some number and true from there on (``high`` when it is true nowhere below it). By halving: the
    model runs about log2(high − low) times."""
    return low + bisect.bisect_left(range(low, high), True, key=holds)


def highest(holds: Callable[[int], bool], low: int, high: int) -> int:
    """The highest whole number from ``low`` to ``high`` at which ``holds`` is true, for a test that is true
    up to some number and false above it (``low`` when it is true nowhere above it)."""
    return lowest(lambda number: not holds(number), low + 1, high + 1) - 1
