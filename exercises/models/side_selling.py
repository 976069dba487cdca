"""The side-selling model: week by week, each member sells to the trader or brings cherry to the co-op.

The harvest is played in rounds (weeks). Every week, every member follows the same rule (no dice,
no luck, so a group can check each step with a pencil):

1. **Debts first.** Cherry a member owes the trader ("coffee on the tree": a loan taken before the
   harvest, repaid in cherry) goes to the trader first, for no cash.
2. **The co-op's forecast.** Before the week starts, the co-op works out how much cherry it now
   expects for the whole season: the cherry it has already received, plus the rest of the harvest of
   every member who did *not* sell to the trader last week (minus cherry they still owe the trader).
   In week 1 it counts on every member.
3. **The expected final payment.** Fixed costs do not shrink when less cherry comes in, so they are
   shared over the kilos the co-op expects:

       expected final payment per kg = buyer's price per kg − advance
                                       − fixed costs ÷ expected kg
                                       − penalty for the kilos promised to the buyer but missing ÷ expected kg

4. **The choice.** A member compares the trader's cash price with what the co-op pays for 1 kg:
   the advance plus the expected final payment. A member who needs cash now counts only the advance
   (the final payment comes months later). If the trader pays more than that by *more* than the
   member's trust margin, the member sells the week's cherry to the trader. If the co-op expects no
   cherry at all, no final payment can be expected, and only members who count the advance alone
   may still come.

When members leave, the co-op expects fewer kilos, each kilo carries more of the fixed costs, the
expected final payment falls, and more members leave the next week: a *death spiral*. A high trust
margin, a higher advance for members who need cash, or lower fixed costs can stop it.

At the end of the season the pool is settled like any pool: sales − fixed costs − penalty −
advances = final payments, shared by kg delivered, to the kip. Every member's income is compared
with what selling everything to the trader would have paid.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from exercises.core.money import allocate


@dataclass(frozen=True)
class Member:
    """One member family and how it decides."""

    name: str
    kg_per_week: int  # cherry picked each week of the harvest
    trust_margin: int  # kip per kg: how much more the trader must pay before the member leaves
    owed_kg: int = 0  # cherry owed to the trader, handed over first ("coffee on the tree")
    needs_cash: bool = False  # counts only the advance (cash today), not the later final payment


@dataclass(frozen=True)
class Season:
    """The co-op's terms and the trader's prices."""

    advance: int  # kip per kg of cherry, paid at delivery
    sale_value: int  # kip per kg of cherry: what the buyer pays, after costs per kg (processing, transport)
    fixed_costs: int  # kip for the whole season, however much cherry comes in
    contract_kg: int  # cherry the co-op promised its buyer
    penalty: int  # kip per kg of cherry promised but not delivered
    trader_prices: dict[int, int]  # week → trader's cash price, kip per kg of cherry


@dataclass(frozen=True)
class Week:
    """What happened in one week (one round)."""

    number: int
    trader_price: int
    expected_kg: int  # the co-op's forecast for the season, at the start of the week
    fixed_per_kg: Fraction | None  # None when the co-op expects no cherry at all
    penalty_per_kg: Fraction | None
    expected_final: Fraction | None  # kip per kg
    to_coop: dict[str, int]  # kg brought to the co-op
    to_trader: dict[str, int]  # kg sold to the trader for cash
    owed: dict[str, int]  # kg handed to the trader to repay a debt

    @property
    def coop_kg(self) -> int:
        return sum(self.to_coop.values())

    @property
    def trader_kg(self) -> int:
        """Everything the trader received this week: sold for cash and handed over for debts."""
        return sum(self.to_trader.values()) + sum(self.owed.values())

    @property
    def delivering(self) -> list[str]:
        """Members who brought cherry to the co-op this week."""
        return [name for name, kg in self.to_coop.items() if kg > 0]

    @property
    def side_sellers(self) -> list[str]:
        """Members who chose the trader's cash this week (not counting debts)."""
        return [name for name, kg in self.to_trader.items() if kg > 0]


@dataclass(frozen=True)
class MemberResult:
    """One member's season."""

    name: str
    harvest: int  # kg of cherry picked
    coop_kg: int
    trader_kg: int  # sold to the trader for cash
    owed_kg: int  # handed to the trader for a debt
    advance: int
    final: int
    trader_cash: int
    all_to_trader: int  # cash if every kg not owed had been sold to the trader

    @property
    def income(self) -> int:
        """Cash for the season's cherry: advance + final payment + trader's cash."""
        return self.advance + self.final + self.trader_cash

    @property
    def gain(self) -> int:
        """Income minus selling everything to the trader (below 0: loyalty cost this member)."""
        return self.income - self.all_to_trader


@dataclass(frozen=True)
class Settlement:
    """The whole season, and the co-op's final settlement."""

    weeks: list[Week]
    members: dict[str, MemberResult]
    sales: int
    fixed_costs: int
    penalty: int
    from_funds: int  # costs no cherry was left to carry, paid from the co-op's own funds

    @property
    def coop_kg(self) -> int:
        return sum(m.coop_kg for m in self.members.values())

    @property
    def advances(self) -> int:
        return sum(m.advance for m in self.members.values())

    @property
    def finals(self) -> int:
        return sum(m.final for m in self.members.values())

    @property
    def final_per_kg(self) -> Fraction | None:
        return Fraction(self.finals, self.coop_kg) if self.coop_kg else None

    def balance(self) -> int:
        """Money in (sales, own funds) minus money out (costs, penalty, advances, finals). Always 0."""
        return self.sales + self.from_funds - (self.fixed_costs + self.penalty + self.advances + self.finals)


def expected_final(expected_kg: int, season: Season) -> tuple[Fraction | None, Fraction | None, Fraction | None]:
    """Fixed cost per kg, penalty per kg and expected final payment per kg, for a forecast of kg."""
    if expected_kg <= 0:
        return None, None, None
    fixed = Fraction(season.fixed_costs, expected_kg)
    penalty = Fraction(season.penalty * max(0, season.contract_kg - expected_kg), expected_kg)
    return fixed, penalty, season.sale_value - season.advance - fixed - penalty


def simulate(members: list[Member], season: Season) -> Settlement:
    """Play the season week by week, then settle the pool."""
    names = [m.name for m in members]
    if len(set(names)) != len(names):
        raise ValueError("each member's name can appear only once")
    if any(m.kg_per_week < 0 or m.owed_kg < 0 for m in members):
        raise ValueError("kilos cannot be below 0")
    week_numbers = sorted(season.trader_prices)
    owed_left = {m.name: m.owed_kg for m in members}
    staying = set(names)  # members the co-op counts on: they did not sell to the trader last week
    received = 0
    weeks: list[Week] = []

    for index, number in enumerate(week_numbers):
        price = season.trader_prices[number]
        weeks_left = len(week_numbers) - index  # this week included
        # 2. The forecast, and 3. the final payment it promises.
        expected_kg = received + sum(
            max(0, m.kg_per_week * weeks_left - owed_left[m.name]) for m in members if m.name in staying
        )
        fixed, penalty, final = expected_final(expected_kg, season)
        to_coop, to_trader, owed = {}, {}, {}
        for m in members:
            # 1. Debts first.
            owed[m.name] = min(m.kg_per_week, owed_left[m.name])
            owed_left[m.name] -= owed[m.name]
            free = m.kg_per_week - owed[m.name]
            # 4. The choice.
            if m.needs_cash:
                coop_pays: Fraction | None = Fraction(season.advance)
            elif final is None:
                coop_pays = None  # nothing to expect: the fixed costs would fall on almost no cherry
            else:
                coop_pays = season.advance + final
            sells = free > 0 and (coop_pays is None or price - coop_pays > m.trust_margin)
            to_trader[m.name] = free if sells else 0
            to_coop[m.name] = 0 if sells else free
        week = Week(number, price, expected_kg, fixed, penalty, final, to_coop, to_trader, owed)
        weeks.append(week)
        received += week.coop_kg
        staying = {m.name for m in members if to_trader[m.name] == 0}

    # The settlement.
    coop_kg = {m.name: sum(w.to_coop[m.name] for w in weeks) for m in members}
    total_kg = sum(coop_kg.values())
    sales = season.sale_value * total_kg
    penalty_paid = season.penalty * max(0, season.contract_kg - total_kg)
    pool = sales - season.fixed_costs - penalty_paid - season.advance * total_kg
    if total_kg > 0:
        finals = allocate(pool, coop_kg)
        from_funds = 0
    else:  # no cherry: nobody to share the costs with, the co-op pays them from its own funds
        finals = dict.fromkeys(coop_kg, 0)
        from_funds = -pool

    results = {}
    for m in members:
        trader_cash = sum(w.to_trader[m.name] * w.trader_price for w in weeks)
        all_to_trader = sum((m.kg_per_week - w.owed[m.name]) * w.trader_price for w in weeks)
        results[m.name] = MemberResult(
            name=m.name,
            harvest=m.kg_per_week * len(weeks),
            coop_kg=coop_kg[m.name],
            trader_kg=sum(w.to_trader[m.name] for w in weeks),
            owed_kg=sum(w.owed[m.name] for w in weeks),
            advance=season.advance * coop_kg[m.name],
            final=finals[m.name],
            trader_cash=trader_cash,
            all_to_trader=all_to_trader,
        )
    return Settlement(weeks, results, sales, season.fixed_costs, penalty_paid, from_funds)
