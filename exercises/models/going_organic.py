"""Going organic: conversion years, certification costs, harvest and the organic differential.

The comparison, year by year
----------------------------
The co-op can STAY CONVENTIONAL: every year it sells the same lb of green coffee at the same price.

Or it can GO ORGANIC:
1. From the first year it pays for certification, inspection and training (the same kip every year).
2. During the CONVERSION years, farms follow the organic rules but the coffee cannot be sold as
   organic yet: it is sold at the conventional price, with no organic differential. The harvest may
   change (a fall is a change below zero).
3. After conversion, every lb earns the conventional price plus the ORGANIC DIFFERENTIAL (US$0.40
   per lb since 2023). The harvest may be different again.

Each year the DIFFERENCE is what going organic brought in minus the costs minus what staying
conventional would have brought in. The CUMULATIVE difference adds the years up. Going organic PAYS
BACK in the first year from which the cumulative difference is above zero and stays above zero; it may
never pay back.

Money is whole kip. Each year's sales are rounded once; the organic income is then split into
"conventional price" and "organic differential" with ``allocate``, so that over all the years

    organic income − costs − conventional income = cumulative difference      (exactly, to the kip)

Try changing this file in the code editor: for example let the costs fall after the first year, or
pay part of the differential during conversion, and watch the payback year move.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from exercises.core.money import allocate, round_kip

#: How far beyond the years shown the model looks for a later payback.
LOOK_AHEAD_YEARS = 100


@dataclass(frozen=True)
class Plan:
    """The co-op's sales and the organic option."""

    lb_per_year: int  # lb of green coffee sold in a year, staying conventional
    price: Fraction  # US$ per lb for conventional coffee (premium included)
    organic_differential: Fraction  # US$ per lb more for certified organic coffee
    conversion_years: int  # years before the coffee can be sold as organic
    yield_during: Fraction  # change in harvest during conversion (-1/10 is a 10% fall)
    yield_after: Fraction  # change in harvest after conversion
    yearly_costs: int  # kip a year: certification, inspection and training, from the first year
    kip_per_usd: int  # exchange rate
    years: int  # years to compare


@dataclass(frozen=True)
class Year:
    """One year of the comparison."""

    year: int  # 1, 2, 3 …
    converting: bool  # still in conversion (no organic differential)
    lb_organic: Fraction  # lb sold when going organic
    conventional: int  # kip from sales, staying conventional
    organic_at_price: int  # kip from sales going organic, at the conventional price …
    organic_differential: int  # … plus the organic differential
    costs: int  # certification, inspection and training
    cumulative: int  # difference added up to the end of this year

    @property
    def organic(self) -> int:
        """kip from sales, going organic."""
        return self.organic_at_price + self.organic_differential

    @property
    def difference(self) -> int:
        """What going organic brought this year, after costs, minus what staying conventional brought."""
        return self.organic - self.costs - self.conventional


@dataclass(frozen=True)
class Comparison:
    """Every year, the payback year, and the totals that must balance."""

    plan: Plan
    years: list[Year]
    payback_year: int | None  # None: no payback within the years shown
    later_payback_year: int | None  # when it would pay back if we looked further (None: never)
    yearly_after: int  # the difference in one year after conversion

    @property
    def conversion_cumulative(self) -> int:
        """The cumulative difference at the end of the conversion years (0 without conversion)."""
        shown = [y for y in self.years if y.converting]
        return shown[-1].cumulative if shown else 0

    def total(self, field: str) -> int:
        return sum(getattr(y, field) for y in self.years)

    @property
    def cumulative(self) -> int:
        return self.years[-1].cumulative if self.years else 0

    def balance(self) -> int:
        """Organic income − costs − conventional income − cumulative difference. Always 0."""
        return self.total("organic") - self.total("costs") - self.total("conventional") - self.cumulative


def one_year(plan: Plan, year: int, cumulative_before: int) -> Year:
    """Work out year number ``year`` (1, 2, 3 …), given the cumulative difference before it."""
    converting = year <= plan.conversion_years
    change = plan.yield_during if converting else plan.yield_after
    lb_organic = plan.lb_per_year * (1 + change)
    differential = Fraction(0) if converting else plan.organic_differential
    conventional = round_kip(plan.lb_per_year * plan.price * plan.kip_per_usd)
    organic = round_kip(lb_organic * (plan.price + differential) * plan.kip_per_usd)
    if organic:
        parts = allocate(organic, {"price": plan.price, "differential": differential})
    else:
        parts = {"price": 0, "differential": 0}
    difference = organic - plan.yearly_costs - conventional
    return Year(
        year,
        converting,
        lb_organic,
        conventional,
        parts["price"],
        parts["differential"],
        plan.yearly_costs,
        cumulative_before + difference,
    )


def compare(plan: Plan) -> Comparison:
    """Compare going organic with staying conventional, year by year."""
    if plan.years < 1:
        raise ValueError("compare at least one year")
    if plan.conversion_years < 0 or plan.lb_per_year < 0 or plan.yearly_costs < 0:
        raise ValueError("conversion years, lb and costs cannot be below zero")
    if plan.yield_during < -1 or plan.yield_after < -1:
        raise ValueError("a harvest cannot fall by more than 100%")
    if plan.price < 0 or plan.organic_differential < 0:
        raise ValueError("prices cannot be below zero")
    years: list[Year] = []
    cumulative = 0
    for number in range(1, plan.years + 1):
        year = one_year(plan, number, cumulative)
        cumulative = year.cumulative
        years.append(year)

    # Pays back: the first year from which the cumulative difference stays above zero.
    payback = None
    for year in reversed(years):
        if year.cumulative <= 0:
            break
        payback = year.year

    # After conversion every year is the same, so look further ahead only if those years gain.
    after = one_year(plan, plan.conversion_years + 1, 0).difference
    later = payback
    if later is None and after > 0:
        number = plan.years
        while cumulative <= 0 and number < plan.years + LOOK_AHEAD_YEARS:
            number += 1
            cumulative = one_year(plan, number, cumulative).cumulative
        later = number if cumulative > 0 else None
    return Comparison(plan, years, payback, later, after)
