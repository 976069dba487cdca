"""Fairtrade price: the minimum price, the market price, the premium and the organic differential.

The rule, for each lb of green coffee sold on Fairtrade terms
--------------------------------------------------------------
1. Start from the MARKET price (the New York "C" price for arabica) plus the DIFFERENTIAL the
   buyer and the co-op agreed for this coffee's quality and origin (it can be below zero).
2. The buyer pays that, or the Fairtrade MINIMUM price, whichever is HIGHER. The minimum is a
   floor: it counts only when the market price is lower.
3. The Fairtrade PREMIUM is always added on top. It goes to the co-op's premium fund: part of it
   (US$0.05 of the US$0.20 since 2023) must go to productivity or quality; the general assembly
   decides how to use the rest.
4. Certified ORGANIC coffee also gets the ORGANIC DIFFERENTIAL on top.

    paid = max(minimum, market + differential) + premium + organic differential (if organic)

Prices are in US$ per lb (1 kg = 2.2046 lb), as the trade uses them. The co-op receives kip: each
sale's amount is rounded to a whole kip once, and then split into its parts (market price, what
the minimum added, organic differential, the two parts of the premium) with ``allocate``, so that

    received = market part + minimum part + organic part + premium parts      (exactly, to the kip)

Try changing this file in the code editor: for example pay the premium only when the market price
is below the minimum, or make the minimum count only for organic coffee, and compare the tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from exercises.core.money import LB_PER_KG, allocate, round_kip

PARTS = ("market", "minimum", "organic", "premium_quality", "premium_other")


@dataclass(frozen=True)
class Terms:
    """The Fairtrade terms and the co-op's contract (all prices in US$ per lb of green coffee)."""

    minimum: Fraction  # Fairtrade minimum price (washed arabica: 1.80 since Aug 2023, 1.40 in 2011–2023)
    premium: Fraction  # Fairtrade premium (0.20)
    quality_part: Fraction  # part of the premium that must go to productivity or quality (0.05)
    organic_differential: Fraction  # extra for certified organic coffee (0.40 since Aug 2023, 0.30 before)
    differential: Fraction  # added to the market price for quality or origin; can be below zero
    organic: bool  # is the coffee certified organic?


@dataclass(frozen=True)
class Sale:
    """One sale of green coffee: when (a label such as a month), the market price, how many lb."""

    label: str
    market: Fraction  # market ("C") price, US$ per lb
    lb: int


@dataclass(frozen=True)
class PricePerLb:
    """What one lb is paid, piece by piece (US$)."""

    market: Fraction  # market price + differential
    base: Fraction  # the higher of the minimum and market + differential
    premium: Fraction
    organic: Fraction

    @property
    def paid(self) -> Fraction:
        return self.base + self.premium + self.organic

    @property
    def from_market(self) -> Fraction:
        """The part of the base price the market pays (never below zero)."""
        return max(self.market, Fraction(0))

    @property
    def from_minimum(self) -> Fraction:
        """What the minimum price adds to the market price (0 when the market price is higher)."""
        return self.base - self.from_market

    @property
    def minimum_counts(self) -> bool:
        return self.from_minimum > 0


@dataclass(frozen=True)
class SaleResult:
    """One sale in US$ per lb and in kip."""

    sale: Sale
    price: PricePerLb
    kip_per_kg_green: int
    kip_per_kg_cherry: int
    received: int  # kip for the whole sale
    parts: dict[str, int]  # received, split into PARTS

    def balance(self) -> int:
        """Received minus its parts. Always 0."""
        return self.received - sum(self.parts.values())


@dataclass(frozen=True)
class Year:
    """All the sales of a year, their totals, and the paid price for a range of market prices."""

    sales: list[SaleResult]
    curve: list[tuple[Fraction, PricePerLb]]  # (market price, what is paid) for the chart

    @property
    def received(self) -> int:
        return sum(s.received for s in self.sales)

    def total(self, part: str) -> int:
        return sum(s.parts[part] for s in self.sales)

    @property
    def premium(self) -> int:
        return self.total("premium_quality") + self.total("premium_other")

    @property
    def lb(self) -> int:
        return sum(s.sale.lb for s in self.sales)

    def balance(self) -> int:
        """Everything received minus all its parts. Always 0: no kip appears or vanishes."""
        return self.received - sum(self.total(part) for part in PARTS)


def price_per_lb(market: Fraction, terms: Terms) -> PricePerLb:
    """The Fairtrade rule for one lb at one market price."""
    with_differential = market + terms.differential
    return PricePerLb(
        market=with_differential,
        base=max(terms.minimum, with_differential),
        premium=terms.premium,
        organic=terms.organic_differential if terms.organic else Fraction(0),
    )


def settle(
    sales: Sequence[Sale],
    terms: Terms,
    kip_per_usd: int,
    cherry_per_green: Fraction,
    curve_markets: Sequence[Fraction] = (),
) -> Year:
    """Work out every sale in US$ and kip, and the paid price for each of ``curve_markets``."""
    if not 0 <= terms.quality_part <= terms.premium:
        raise ValueError("the quality part must be between 0 and the whole premium")
    if terms.minimum < 0 or terms.organic_differential < 0:
        raise ValueError("the minimum price and the organic differential cannot be below zero")
    if cherry_per_green <= 0:
        raise ValueError("kg of cherry per kg of green coffee must be above zero")
    results = []
    for sale in sales:
        if sale.lb < 0 or sale.market < 0:
            raise ValueError("a sale cannot have less than 0 lb or a price below zero")
        price = price_per_lb(sale.market, terms)
        kip_per_kg = price.paid * LB_PER_KG * kip_per_usd
        received = round_kip(price.paid * sale.lb * kip_per_usd)
        parts = allocate(
            received,
            {
                "market": price.from_market,
                "minimum": price.from_minimum,
                "organic": price.organic,
                "premium_quality": terms.quality_part,
                "premium_other": terms.premium - terms.quality_part,
            },
        )
        results.append(
            SaleResult(sale, price, round_kip(kip_per_kg), round_kip(kip_per_kg / cherry_per_green), received, parts)
        )
    return Year(results, [(m, price_per_lb(m, terms)) for m in curve_markets])
