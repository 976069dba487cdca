"""A village wet mill: what it costs, how much cherry it can pulp, and when it has paid for itself.

The season, step by step
------------------------
1. Members PROMISE cherry for each week of the harvest. In fact they bring only a share of it
   (``delivered_share``: 100% means everything they promised). Each week's kg are rounded to a
   whole kg.
2. Families often pick on the same days, so cherry comes in bursts: a week's cherry arrives on a
   few DAYS, the same amount each day.
3. The pulper handles ``pulper_kg_per_hour`` for ``hours_per_day``: that is the mill's DAILY
   CAPACITY. Cherry must be pulped within about 18 hours of picking, so it cannot wait for the
   next day. Cherry above the daily capacity goes back to the member, who sells it as cherry to
   a trader.
4. About 5 kg of cherry make 1 kg of parchment. The group sells the parchment. From the money it
   takes the MILL FEE, a number of kip for every kg of cherry pulped; the rest goes to members.
5. The fee pays the RUNNING COSTS (fuel, water, workers); what is left pays back the money the
   mill cost (the INVESTMENT), and interest on it if the money was borrowed. Interest is charged
   once a season on what is still owed. If the fee does not even cover the running costs, the
   shortfall is added to what is owed.
6. Every season is assumed to be like this one. The mill is PAID BACK in the season when nothing
   is owed any more; what the fees bring after that is a SURPLUS for the co-op.

Money is always a whole number of kip, rounded once, so the accounts add up to the kip:

    parchment sales + cherry sales = paid to members + running costs + fees left for the mill
    fees left for the mill = paid back (with interest) + surplus              (every season)
    investment + interest - paid back = still owed                             (at the end)

Try changing this file in the code editor: for example let cherry over capacity wait for the
next day, or charge the fee per kg of parchment instead of per kg of cherry.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import ceil, floor

from exercises.core.money import round_kip

#: A mill that needs longer than this to pay back does not pay back in practice.
MAX_SEASONS = 30


@dataclass(frozen=True)
class Week:
    """The cherry members promised for one week of the harvest, and on how many days it comes."""

    week: int
    kg: int  # kg of cherry promised for the week
    days: int  # days of the week on which cherry arrives (1 to 7)


@dataclass(frozen=True)
class Mill:
    """The mill, its fee, the prices, and how much of their promise members really bring."""

    investment: int  # kip: pulper, fermentation tanks, drying tables
    pulper_kg_per_hour: int  # kg of cherry the pulper handles in an hour
    hours_per_day: int  # hours the team runs the pulper each day
    running_cost: int  # kip per kg of cherry pulped: fuel, water, workers
    fee: int  # kip per kg of cherry pulped, charged to members
    interest: Fraction  # per season, on what is still owed for the mill (0 if paid with shares)
    cherry_per_parchment: Fraction  # kg of cherry for 1 kg of parchment
    cherry_price: int  # kip per kg: what a trader pays for cherry
    parchment_price: int  # kip per kg: what a buyer pays for parchment
    delivered_share: Fraction  # part of the promised cherry that members bring (1 = all)


@dataclass(frozen=True)
class WeekResult:
    """What happened at the mill in one week."""

    week: int
    kg: int  # cherry brought to the mill
    days: int
    pulped: int  # cherry the pulper handled in time
    over: int  # cherry above the daily capacity, sold as cherry

    @property
    def per_day(self) -> Fraction:
        return Fraction(self.kg, self.days)


@dataclass(frozen=True)
class SeasonMoney:
    """The money of one season."""

    parchment_sales: int  # the parchment made from the pulped cherry, sold
    cherry_sales: int  # cherry the mill could not pulp, sold to a trader by its owners
    fees: int  # mill fees: fee × kg pulped
    running_costs: int  # running cost × kg pulped
    to_members: int  # what members receive: parchment sales - fees + cherry sales
    trader_only: int  # what members would get by selling all their cherry to a trader

    @property
    def for_the_mill(self) -> int:
        """Fees left after running costs: what pays back the mill (below 0: a loss)."""
        return self.fees - self.running_costs


@dataclass(frozen=True)
class PaybackSeason:
    """One season of paying back the mill."""

    season: int
    owed_start: int
    interest: int
    paid: int  # paid back from the fees (below 0: borrowed again to pay running costs)
    surplus: int  # fees left for the mill after it is fully paid back

    @property
    def owed_end(self) -> int:
        return self.owed_start + self.interest - self.paid


@dataclass(frozen=True)
class MillResult:
    """The whole picture: the season week by week, its money, and the seasons of paying back."""

    mill: Mill
    weeks: list[WeekResult]
    money: SeasonMoney
    schedule: list[PaybackSeason]

    @property
    def daily_capacity(self) -> int:
        return self.mill.pulper_kg_per_hour * self.mill.hours_per_day

    @property
    def brought(self) -> int:
        return sum(w.kg for w in self.weeks)

    @property
    def pulped(self) -> int:
        return sum(w.pulped for w in self.weeks)

    @property
    def over(self) -> int:
        return sum(w.over for w in self.weeks)

    @property
    def parchment_kg(self) -> Fraction:
        return self.pulped / self.mill.cherry_per_parchment

    @property
    def busiest_day(self) -> Fraction:
        """The most cherry that arrives on one day of the season (kg)."""
        return max((w.per_day for w in self.weeks), default=Fraction(0))

    @property
    def busiest_hours(self) -> Fraction:
        """Hours the pulper needs on the busiest day."""
        return self.busiest_day / self.mill.pulper_kg_per_hour

    @property
    def payback_seasons(self) -> int | None:
        """The season in which the mill is paid back (0 if it cost nothing); None if not within MAX_SEASONS."""
        if self.mill.investment == 0:
            return 0
        for row in self.schedule:
            if row.owed_end == 0:
                return row.season
        return None

    @property
    def never_pays_back(self) -> bool:
        """True when what is owed does not go down at all: then it never will."""
        first = self.schedule[0] if self.schedule else None
        return first is not None and first.owed_end >= first.owed_start

    @property
    def through_mill_per_kg(self) -> Fraction:
        """What a member gets for 1 kg of cherry through the mill: its parchment's price minus the fee.

        This is also the cherry price above which selling cherry to a trader pays more.
        """
        return self.mill.parchment_price / self.mill.cherry_per_parchment - self.mill.fee

    @property
    def break_even_kg(self) -> int | None:
        """Kg of cherry the mill must pulp, over all seasons, to pay back the investment (without interest)."""
        margin = self.mill.fee - self.mill.running_cost
        if margin <= 0:
            return None
        return ceil(Fraction(self.mill.investment, margin))

    @property
    def min_kg_per_season(self) -> int | None:
        """The fewest kg a season must bring so that the mill's debt goes down in the first season.

        Below this, the fees left after running costs do not even pay the interest.
        """
        margin = self.mill.fee - self.mill.running_cost
        if margin <= 0:
            return None
        first_interest = round_kip(self.mill.investment * self.mill.interest)
        return floor(Fraction(first_interest, margin)) + 1

    def balance(self) -> int:
        """Everything that must add up, added as differences. Always 0: no kip appears or vanishes."""
        m = self.money
        season = (m.parchment_sales + m.cherry_sales) - (m.to_members + m.running_costs + m.for_the_mill)
        fees = sum(abs(m.for_the_mill - row.paid - row.surplus) for row in self.schedule)
        owed = self.schedule[-1].owed_end if self.schedule else 0
        debt = self.mill.investment + sum(r.interest for r in self.schedule) - sum(r.paid for r in self.schedule) - owed
        chain = sum(abs(a.owed_end - b.owed_start) for a, b in zip(self.schedule, self.schedule[1:], strict=False))
        return abs(season) + fees + abs(debt) + chain


def round_kg(amount: Fraction) -> int:
    """Round to a whole kg, halves up."""
    return floor(amount + Fraction(1, 2))


def run_season(weeks: list[Week], mill: Mill) -> MillResult:
    """Work out one season at the mill and the seasons it takes to pay the mill back."""
    if mill.pulper_kg_per_hour <= 0 or mill.hours_per_day <= 0:
        raise ValueError("the pulper must be able to pulp something")
    if mill.cherry_per_parchment <= 0:
        raise ValueError("the cherry for 1 kg of parchment must be more than 0")

    # 1–3. Week by week: cherry brought, cherry pulped in time, cherry over the daily capacity.
    capacity = mill.pulper_kg_per_hour * mill.hours_per_day
    results = []
    for w in sorted(weeks, key=lambda w: w.week):
        if w.kg < 0 or not 1 <= w.days <= 7:
            raise ValueError(f"week {w.week}: kg must be 0 or more and days 1 to 7")
        kg = round_kg(w.kg * mill.delivered_share)
        over = max(0, kg - w.days * capacity)
        results.append(WeekResult(w.week, kg, w.days, kg - over, over))
    pulped = sum(r.pulped for r in results)
    over = sum(r.over for r in results)

    # 4. The season's money (each amount rounded once).
    parchment_sales = round_kip(Fraction(pulped) / mill.cherry_per_parchment * mill.parchment_price)
    cherry_sales = over * mill.cherry_price
    fees = mill.fee * pulped
    running_costs = mill.running_cost * pulped
    money = SeasonMoney(
        parchment_sales=parchment_sales,
        cherry_sales=cherry_sales,
        fees=fees,
        running_costs=running_costs,
        to_members=parchment_sales - fees + cherry_sales,
        trader_only=(pulped + over) * mill.cherry_price,
    )

    # 5–6. Paying back the mill, season after season, each season like this one.
    schedule: list[PaybackSeason] = []
    owed = mill.investment
    for season in range(1, MAX_SEASONS + 1):
        if owed == 0:
            break
        interest = round_kip(owed * mill.interest)
        paid = min(money.for_the_mill, owed + interest)
        surplus = money.for_the_mill - paid
        row = PaybackSeason(season, owed, interest, paid, surplus)
        schedule.append(row)
        owed = row.owed_end
    return MillResult(mill, results, money, schedule)
