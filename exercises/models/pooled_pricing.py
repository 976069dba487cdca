"""Pooled pricing: how a coffee co-operative pays an advance, sells, and pays a final payment.

The season, step by step
------------------------
1. Members bring fresh cherry. The co-op weighs it, gives it a grade ("A" or "B") and pays an
   ADVANCE straight away: the same number of kip for every kg.
2. The co-op turns the cherry into green coffee (about 6 kg of cherry make 1 kg of green coffee)
   and sells the green coffee of each grade in lots over the season, at that day's price.
3. From the money of each grade (its POOL) the co-op pays the costs: processing and transport per
   kg, a share of the certification fee, and the interest on the loan that paid the advances.
4. It keeps a RESERVE: a share of what is left, if anything is left.
5. The rest belongs to the members who delivered that grade, shared by kg. Each member's share
   minus the advance already paid is the FINAL PAYMENT. If the advance was too high, the final
   payment is negative: the member has been paid more than the coffee earned.
6. To compare: what each member would have got by selling the same cherry to a trader, at the
   trader's price in the week they delivered; or, with a PRICE CARD (the price a buyer pays by the
   size of a lot, as in the selling game of Key concepts 3), by selling each delivery alone.

Money is always a whole number of kip. Whenever an amount is shared, the kip left over after
rounding are given out one by one (``allocate``), so nothing appears or disappears:

    sales = advances + final payments + costs + reserve      (exactly, to the kip)

Try changing this file in the code editor: for example pay for grade B the same as grade A, or
take the reserve before the costs, and watch the tables change.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from exercises.core.money import LB_PER_KG, allocate, floor_kip, round_kip

GRADES = ("A", "B")


@dataclass(frozen=True)
class Delivery:
    """Cherry a member brought: who, in which week of the harvest, which grade, how many kg."""

    member: str
    week: int
    grade: str
    kg: int


@dataclass(frozen=True)
class Lot:
    """A sale of green coffee: part (``share``, 0 to 1) of one grade's coffee, sold in ``week``."""

    grade: str
    week: int
    share: Fraction
    price: Fraction  # US$ per lb or kip per kg of green coffee, or kip per kg of cherry (Season.price_unit)


@dataclass(frozen=True)
class Season:
    """The co-op's decisions and the market for one season."""

    advance: int  # kip per kg of cherry, paid at delivery
    cherry_per_green: Fraction  # kg of cherry for 1 kg of green coffee
    price_unit: str  # "usd_lb" (US$ per lb), "kip_kg" (kip per kg) or "kip_kg_cherry" (kip per kg of cherry)
    kip_per_usd: int  # exchange rate
    processing_cost: int  # kip per kg of cherry
    transport_cost: int  # kip per kg of cherry
    certification_cost: int  # kip for the whole season
    interest_per_month: Fraction  # on the harvest loan that pays the advances
    loan_months: int
    reserve_share: Fraction  # part of what is left after costs
    trader_prices: dict[int, int]  # week → trader's cash price, kip per kg of cherry
    # The price card: lot of at least this many kg of cherry → kip per kg. When it has prices,
    # members are compared with selling each delivery alone at the card's price, not with the trader.
    alone_prices: dict[int, int]


@dataclass(frozen=True)
class GradePool:
    """What happened to the money of one grade."""

    grade: str
    cherry_kg: int
    green_kg: Fraction
    sales: int
    processing: int
    transport: int
    certification: int
    interest: int
    reserve: int
    for_members: int

    @property
    def costs(self) -> int:
        return self.processing + self.transport + self.certification + self.interest


@dataclass(frozen=True)
class MemberResult:
    """What one member delivered and received."""

    name: str
    kg: dict[str, int]  # grade → kg of cherry
    advance: int
    share: int  # advance + final payment: everything the co-op paid for this member's coffee
    final: int
    trader: int  # what the trader (or, with a price card, selling alone) would have paid for the same cherry

    @property
    def total_kg(self) -> int:
        return sum(self.kg.values())


@dataclass(frozen=True)
class Settlement:
    """The whole season: every pool, every member, and the totals that must balance."""

    pools: dict[str, GradePool]
    members: dict[str, MemberResult]
    reserve_drawn: int  # costs with no coffee to carry them, paid from the reserve

    @property
    def sales(self) -> int:
        return sum(p.sales for p in self.pools.values())

    @property
    def costs(self) -> int:
        return sum(p.costs for p in self.pools.values()) + self.reserve_drawn

    @property
    def reserve(self) -> int:
        return sum(p.reserve for p in self.pools.values()) - self.reserve_drawn

    @property
    def advances(self) -> int:
        return sum(m.advance for m in self.members.values())

    @property
    def finals(self) -> int:
        return sum(m.final for m in self.members.values())

    def balance(self) -> int:
        """Sales minus everything paid out or kept. Always 0: no kip appears or vanishes."""
        return self.sales - (self.advances + self.finals + self.costs + self.reserve)


def price_per_kg_green(lot: Lot, season: Season) -> Fraction:
    """The lot's price in kip per kg of green coffee."""
    if season.price_unit == "usd_lb":
        return lot.price * LB_PER_KG * season.kip_per_usd
    if season.price_unit == "kip_kg":
        return lot.price
    if season.price_unit == "kip_kg_cherry":  # 1 kg of green coffee is made from cherry_per_green kg of cherry
        return lot.price * season.cherry_per_green
    raise ValueError(f"unknown price unit {season.price_unit!r}")


def price_alone(kg: int, card: dict[int, int]) -> int:
    """The price card's price for a lot of ``kg``: the price of the biggest lot size it reaches."""
    sizes = [size for size in card if size <= kg]
    if not sizes:
        raise ValueError(f"the price card has no price for a lot of {kg} kg")
    return card[max(sizes)]


def settle(deliveries: list[Delivery], lots: list[Lot], season: Season) -> Settlement:
    """Work out the whole season: pools by grade, each member's advance and final payment."""
    # 1. Who delivered how much of each grade.
    kg: dict[str, dict[str, int]] = {}
    for d in deliveries:
        if d.grade not in GRADES:
            raise ValueError(f"unknown grade {d.grade!r}")
        if d.kg < 0:
            raise ValueError("a delivery cannot weigh less than 0 kg")
        member = kg.setdefault(d.member, dict.fromkeys(GRADES, 0))
        member[d.grade] += d.kg
    grade_kg = {g: sum(m[g] for m in kg.values()) for g in GRADES}
    total_kg = sum(grade_kg.values())

    # 2. Costs that are not per kg are shared between the grades by kg.
    total_advances = season.advance * total_kg
    interest = round_kip(total_advances * season.interest_per_month * season.loan_months)
    if total_kg > 0:
        certification = allocate(season.certification_cost, grade_kg)
        interest_by_grade = allocate(interest, grade_kg)
        reserve_drawn = 0
    else:  # nothing delivered: the fee is still due, and comes out of the reserve
        certification = dict.fromkeys(GRADES, 0)
        interest_by_grade = dict.fromkeys(GRADES, 0)
        reserve_drawn = season.certification_cost + interest

    # 3. Each grade's pool: sales, costs, reserve, and what is left for its members.
    pools: dict[str, GradePool] = {}
    shares: dict[str, int] = dict.fromkeys(kg, 0)
    for grade in GRADES:
        green_kg = Fraction(grade_kg[grade]) / season.cherry_per_green
        grade_lots = [lot for lot in lots if lot.grade == grade]
        if grade_kg[grade] > 0 and sum(lot.share for lot in grade_lots) != 1:
            raise ValueError(f"the lots of grade {grade} must sell all of it (shares must add up to 100%)")
        sales = sum(round_kip(green_kg * lot.share * price_per_kg_green(lot, season)) for lot in grade_lots)
        processing = season.processing_cost * grade_kg[grade]
        transport = season.transport_cost * grade_kg[grade]
        left = sales - processing - transport - certification[grade] - interest_by_grade[grade]
        reserve = floor_kip(left * season.reserve_share) if left > 0 else 0
        for_members = left - reserve
        pools[grade] = GradePool(
            grade,
            grade_kg[grade],
            green_kg,
            sales,
            processing,
            transport,
            certification[grade],
            interest_by_grade[grade],
            reserve,
            for_members,
        )
        # 4. Share the pool by kg delivered (to the kip, leftovers to the largest remainders).
        if grade_kg[grade] > 0:  # (a grade nobody delivered has no money: everything above is 0)
            for name, part in allocate(for_members, {n: m[grade] for n, m in kg.items()}).items():
                shares[name] += part

    # 5. Advance, final payment, and for comparison the trader's price (or each delivery sold alone).
    trader: dict[str, int] = dict.fromkeys(kg, 0)
    for d in deliveries:
        if season.alone_prices:
            trader[d.member] += d.kg * price_alone(d.kg, season.alone_prices)
            continue
        if d.week not in season.trader_prices:
            raise ValueError(f"no trader price for week {d.week}")
        trader[d.member] += d.kg * season.trader_prices[d.week]
    members = {}
    for name, by_grade in kg.items():
        advance = season.advance * sum(by_grade.values())
        members[name] = MemberResult(name, by_grade, advance, shares[name], shares[name] - advance, trader[name])
    return Settlement(pools, members, reserve_drawn)
