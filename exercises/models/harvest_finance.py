"""The harvest-finance model: how much the co-op must borrow to pay advances, and what it costs.

Month by month:

1. Members bring cherry; the co-op pays the **advance** (kip per kg) and the **running costs** of the
   mill (kip per kg) in the same month.
2. The buyer pays for part of the season's coffee in some months (the **sales**; the shares of the
   season's coffee sold add up to 100 %).
3. The co-op first uses its own cash (for example members' shares). When that is not enough, it
   **borrows** the rest. When sales bring cash in, it pays the interest owed and **repays** the loan:
   at once ("as soon as money comes in") or only in the last month ("all at the end").
4. **Interest** for a month is the monthly rate × the loan owed at the end of that month. It is owed
   until sales pay it (no interest is charged on interest).

At the end: what is left after advances, running costs and interest is the money for members' final
payments. The co-op's cash must add up to the kip: own money + loans + sales = advances + running
costs + interest paid + loans repaid + cash left.

The trader's "coffee on the tree" credit is worked out the same way: a loan of ``lent`` kip before the
harvest, repaid with ``kg_owed`` kg of cherry worth ``price`` kip per kg at harvest, ``months`` later.
Its cost per month is (cherry's value − loan) ÷ loan ÷ months.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from exercises.core.money import allocate, round_kip

REPAY_RULES = ("asap", "end")


@dataclass(frozen=True)
class Month:
    """One month of the harvest."""

    name: str
    cherry_kg: int  # cherry members bring this month
    sold_share: Fraction  # share of the season's coffee the buyer pays for this month (0 to 1)


@dataclass(frozen=True)
class Plan:
    """The co-op's decisions and terms for the season."""

    advance: int  # kip per kg of cherry, paid at delivery
    sale_value: int  # kip per kg of cherry: what the buyer pays for the coffee made from 1 kg of cherry
    running_cost: int  # kip per kg of cherry, paid in the month of delivery
    interest_per_month: Fraction  # on the loan owed at the end of each month
    repay: str  # "asap" (repay as soon as money comes in) or "end" (repay in the last month)
    own_funds: int = 0  # the co-op's own cash at the start (shares, reserves)


@dataclass(frozen=True)
class MonthResult:
    """The money of one month."""

    name: str
    cherry_kg: int
    advances: int
    running: int
    sales: int
    borrowed: int
    interest_paid: int
    repaid: int
    loan: int  # owed at the end of the month
    interest: int  # charged for this month
    interest_owed: int  # interest charged but not paid yet, at the end of the month
    cash: int  # the co-op's cash at the end of the month


@dataclass(frozen=True)
class Season:
    """The whole harvest, and the totals that must balance."""

    months: list[MonthResult]
    own_funds: int

    def _sum(self, field: str) -> int:
        return sum(getattr(m, field) for m in self.months)

    @property
    def cherry_kg(self) -> int:
        return self._sum("cherry_kg")

    @property
    def advances(self) -> int:
        return self._sum("advances")

    @property
    def running(self) -> int:
        return self._sum("running")

    @property
    def sales(self) -> int:
        return self._sum("sales")

    @property
    def borrowed(self) -> int:
        return self._sum("borrowed")

    @property
    def repaid(self) -> int:
        return self._sum("repaid")

    @property
    def interest(self) -> int:
        """All interest charged over the season (paid or still owed)."""
        return self._sum("interest")

    @property
    def interest_paid(self) -> int:
        return self._sum("interest_paid")

    @property
    def cash(self) -> int:
        return self.months[-1].cash if self.months else self.own_funds

    @property
    def still_owed(self) -> int:
        """Loan and interest not repaid at the end of the last month."""
        if not self.months:
            return 0
        return self.months[-1].loan + self.months[-1].interest_owed

    @property
    def peak(self) -> MonthResult | None:
        """The month with the largest loan (the first, if several are equal); None if nothing is borrowed."""
        best = None
        for month in self.months:
            if month.loan > 0 and (best is None or month.loan > best.loan):
                best = month
        return best

    @property
    def for_members(self) -> int:
        """Left for members' final payments: sales − advances − running costs − interest."""
        return self.sales - self.advances - self.running - self.interest

    def balance(self) -> int:
        """Money in minus money out minus cash left. Always 0: no kip appears or vanishes."""
        money_in = self.own_funds + self.borrowed + self.sales
        money_out = self.advances + self.running + self.interest_paid + self.repaid
        return money_in - money_out - self.cash


def plan_season(months: list[Month], plan: Plan) -> Season:
    """Work out the loan month by month."""
    if plan.repay not in REPAY_RULES:
        raise ValueError(f"unknown repayment rule {plan.repay!r}")
    if any(m.cherry_kg < 0 for m in months):
        raise ValueError("kilos cannot be below 0")
    total_kg = sum(m.cherry_kg for m in months)
    total_sales = plan.sale_value * total_kg
    shares = {index: m.sold_share for index, m in enumerate(months)}
    if total_sales != 0 and sum(shares.values()) != 1:
        raise ValueError("the shares of the coffee sold must add up to 100%")
    sales = allocate(total_sales, shares) if total_sales != 0 else dict.fromkeys(shares, 0)

    cash, loan, interest_owed = plan.own_funds, 0, 0
    results = []
    for index, month in enumerate(months):
        advances = plan.advance * month.cherry_kg
        running = plan.running_cost * month.cherry_kg
        cash += sales[index] - advances - running
        borrowed = interest_paid = repaid = 0
        if cash < 0:  # not enough cash: borrow the rest
            borrowed = -cash
            loan += borrowed
            cash = 0
        last = index == len(months) - 1
        if cash > 0 and (plan.repay == "asap" or last):  # pay the interest owed, then the loan
            interest_paid = min(cash, interest_owed)
            cash -= interest_paid
            interest_owed -= interest_paid
            repaid = min(cash, loan)
            cash -= repaid
            loan -= repaid
        interest = round_kip(loan * plan.interest_per_month)
        interest_owed += interest
        results.append(
            MonthResult(
                month.name,
                month.cherry_kg,
                advances,
                running,
                sales[index],
                borrowed,
                interest_paid,
                repaid,
                loan,
                interest,
                interest_owed,
                cash,
            )
        )
    return Season(results, plan.own_funds)


@dataclass(frozen=True)
class TraderLoan:
    """Credit from a trader before the harvest, repaid in cherry ("coffee on the tree")."""

    name: str
    lent: int  # kip lent before the harvest
    kg_owed: int  # kg of cherry to hand over at harvest
    months: int  # from the loan to the harvest


@dataclass(frozen=True)
class TraderCredit:
    """What a trader's loan really costs, next to the same loan at the harvest-loan rate."""

    loan: TraderLoan
    cherry_value: int  # what the cherry handed over is worth at the harvest price
    cost: int  # cherry_value − lent
    rate_per_month: Fraction  # cost ÷ lent ÷ months (simple interest)
    same_at_bank: int  # interest on the same loan at the harvest-loan rate

    @property
    def times_dearer(self) -> Fraction | None:
        return Fraction(self.cost, self.same_at_bank) if self.same_at_bank > 0 else None


def trader_credit(loan: TraderLoan, price: int, interest_per_month: Fraction) -> TraderCredit:
    """The implied interest rate of a loan repaid in cherry."""
    if loan.lent <= 0 or loan.months <= 0:
        raise ValueError("a loan needs an amount and at least one month")
    value = loan.kg_owed * price
    cost = value - loan.lent
    return TraderCredit(
        loan=loan,
        cherry_value=value,
        cost=cost,
        rate_per_month=Fraction(cost, loan.lent * loan.months),
        same_at_bank=round_kip(loan.lent * interest_per_month * loan.months),
    )
