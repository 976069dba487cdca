"""Integer kip arithmetic: rounding once, on purpose, and sharing out remainders explicitly.

Every amount of money in the models is an ``int`` number of kip (LAK). Rates and prices may be
``Fraction`` or ``Decimal`` while a calculation runs, but each amount that is paid, received or kept
is rounded exactly once, here, so that totals can be checked to the kip.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

__all__ = ["LB_PER_KG", "allocate", "floor_kip", "per_kg", "round_kip"]

K = TypeVar("K", bound=Hashable)

#: Pounds in one kilogram (1 lb = 0.45359237 kg exactly, by international agreement).
LB_PER_KG = 1 / Fraction("0.45359237")


def round_kip(amount: int | Fraction | Decimal) -> int:
    """Round an exact amount to a whole kip, halves away from zero (the way people round money).

    Also for kg and other counts shown as whole numbers. Never Python's ``round()``: it rounds
    halves to the even number (``round(Fraction(5, 2)) == 2``).
    """
    exact = Fraction(amount)
    whole, rest = divmod(abs(exact.numerator), exact.denominator)
    if 2 * rest >= exact.denominator:
        whole += 1
    return whole if exact >= 0 else -whole


def per_kg(amount: int | Fraction, kg: int | Fraction) -> int | None:
    """An amount per kg, rounded to a whole kip like any amount (``round_kip``); None when there are no kg."""
    return round_kip(Fraction(amount) / kg) if kg else None


def floor_kip(amount: int | Fraction) -> int:
    """Round down to a whole kip (used where money is kept back, such as a reserve share)."""
    amount = Fraction(amount)
    return amount.numerator // amount.denominator


def allocate(total: int, weights: Mapping[K, int | Fraction]) -> dict[K, int]:
    """Share ``total`` kip in proportion to ``weights`` so that the parts add up to ``total`` exactly.

    Largest-remainder method: everyone first gets the rounded-down share; the kip left over go one
    by one to the largest remainders. Ties are broken by the larger weight, then by the key, so the
    result never depends on the order of the mapping. A negative total is shared the same way
    (everyone's part is negative). With all weights zero, nobody gets anything and ``total`` must be 0.

    >>> allocate(10, {"Noy": 1, "Vanh": 1, "Bounmy": 1})
    {'Noy': 3, 'Vanh': 3, 'Bounmy': 4}
    """
    if any(w < 0 for w in weights.values()):
        raise ValueError("weights must not be negative")
    weight_sum = sum((Fraction(w) for w in weights.values()), Fraction(0))
    if weight_sum == 0:
        if total != 0:
            raise ValueError("cannot share a non-zero amount between zero weights")
        return dict.fromkeys(weights, 0)
    sign = -1 if total < 0 else 1
    magnitude = abs(total)
    exact = {key: magnitude * Fraction(w) / weight_sum for key, w in weights.items()}
    parts = {key: floor_kip(value) for key, value in exact.items()}
    left_over = magnitude - sum(parts.values())
    order = sorted(
        weights,
        key=lambda k: (-(exact[k] - parts[k]), -Fraction(weights[k]), str(k)),
    )
    for key in order[:left_over]:
        parts[key] += 1
    return {key: sign * part for key, part in parts.items()}
