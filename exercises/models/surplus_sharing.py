"""Sharing the year-end surplus: reserve, interest on shares, a fund, and refunds by kg delivered.

What a surplus is
-----------------
During the year the co-op charges its members for its services (a deduction per kg of coffee).
If the real costs turn out lower than what was charged, the difference is the SURPLUS. It is the
members' money, charged too much, and the general assembly decides what happens to it. The
co-operative principles (ICA 1995, principle 3) allow three uses: building reserves (at least part
of them indivisible), giving back to members in proportion to their business with the co-op, and
activities the members approve. Interest on share capital, if any, is limited.

The steps, in order
-------------------
1. RESERVE: a share of the surplus goes to the indivisible reserve. It belongs to the co-op as a
   whole and is never shared out, not even when a member leaves.
2. FUND: a share of the surplus goes to an education and community fund.
3. INTEREST on shares: a limited rate on each member's share capital (shares × value of a share).
   It is paid only from what is left after steps 1 and 2; if that is not enough, the interest is
   cut down to what is left.
4. REFUNDS: the rest goes back to the members IN PROPORTION TO THE KG THEY DELIVERED, because the
   surplus came from a charge on every kg.

For comparison the model also works out step 4 the other way: the rest shared IN PROPORTION TO
SHARES held. When every member holds one share, that is the same as sharing it equally.

A row of the members' table can stand for several families (for example "all the other
members"); its kg and shares are then those of all its families together.

Money is always a whole number of kip. The reserve and the fund are rounded down (money kept
back); the interest and the refunds are shared out with ``allocate``, so the parts add up:

    surplus = reserve + fund + interest + refunds        (exactly, to the kip)

Try changing this file in the code editor: for example pay the interest before the reserve, or
share half of the refunds by kg and half equally, and watch the tables change.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from exercises.core.money import allocate, floor_kip, round_kip


@dataclass(frozen=True)
class Member:
    """One row of the members' table: one family, or several families counted together."""

    name: str
    kg: int  # kg of coffee delivered to the co-op this year
    shares: int  # shares held (each share is worth Rules.share_value kip)
    families: int = 1  # how many member families this row stands for


@dataclass(frozen=True)
class Rules:
    """What the general assembly decided (within its by-laws)."""

    surplus: int  # kip to share
    reserve_share: Fraction  # part of the surplus for the indivisible reserve (0 to 1)
    fund_share: Fraction  # part of the surplus for the education and community fund (0 to 1)
    share_value: int  # kip per share
    interest_rate: Fraction  # interest on share capital for the year (0.05 = 5%)


@dataclass(frozen=True)
class MemberResult:
    """What one row of the table receives in cash, and what it would receive by shares."""

    name: str
    kg: int
    shares: int
    families: int
    interest: int  # interest on this row's shares
    refund: int  # refund in proportion to kg delivered
    refund_by_shares: int  # the same money shared in proportion to shares instead

    @property
    def cash(self) -> int:
        """Cash paid out: interest plus refund by kg."""
        return self.interest + self.refund

    @property
    def cash_by_shares(self) -> int:
        """Cash if the refunds were shared by shares instead."""
        return self.interest + self.refund_by_shares

    @property
    def difference(self) -> int:
        """By shares minus by kg: above zero, this row would gain if the surplus went by shares."""
        return self.cash_by_shares - self.cash


@dataclass(frozen=True)
class Sharing:
    """The whole decision: every amount, every member, and totals that must add up."""

    surplus: int
    reserve: int  # the reserve share of the surplus
    fund: int
    interest_due: int  # interest on all shares at the full rate
    interest: int  # interest actually paid (less if the surplus was too small)
    refund_pool: int  # what is left for refunds
    unrefunded: int  # refund money with no kg to share it by: it stays in the reserve
    unrefunded_by_shares: int  # the same, for the comparison by shares
    members: dict[str, MemberResult]

    @property
    def total_kg(self) -> int:
        return sum(m.kg for m in self.members.values())

    @property
    def total_shares(self) -> int:
        return sum(m.shares for m in self.members.values())

    @property
    def families(self) -> int:
        return sum(m.families for m in self.members.values())

    @property
    def refunds(self) -> int:
        return sum(m.refund for m in self.members.values())

    @property
    def refunds_by_shares(self) -> int:
        return sum(m.refund_by_shares for m in self.members.values())

    @property
    def reserve_total(self) -> int:
        """Everything that stays in the reserve (its share, plus refunds nobody could receive)."""
        return self.reserve + self.unrefunded

    @property
    def interest_cut(self) -> bool:
        return self.interest < self.interest_due

    def balance(self) -> int:
        """Surplus minus everything shared out or kept. Always 0: no kip appears or vanishes."""
        return self.surplus - (self.reserve_total + self.fund + self.interest + self.refunds)

    def balance_by_shares(self) -> int:
        """The same check for the comparison (refunds by shares). Always 0 too."""
        return self.surplus - (
            self.reserve + self.unrefunded_by_shares + self.fund + self.interest + self.refunds_by_shares
        )


def share_surplus(members: list[Member], rules: Rules) -> Sharing:
    """Share the surplus: reserve, fund, interest on shares, then refunds by kg (and by shares)."""
    names = [m.name for m in members]
    if len(set(names)) != len(names):
        raise ValueError("each member can appear only once")
    if any(m.kg < 0 or m.shares < 0 or m.families < 0 for m in members):
        raise ValueError("kg, shares and families cannot be less than 0")
    if rules.surplus < 0:
        raise ValueError("a surplus cannot be less than 0 (a loss is not shared out)")
    if rules.reserve_share < 0 or rules.fund_share < 0 or rules.reserve_share + rules.fund_share > 1:
        raise ValueError("the reserve and the fund together cannot take more than 100% of the surplus")

    # 1 and 2. The reserve and the fund: shares of the whole surplus, rounded down (money kept back).
    reserve = floor_kip(rules.surplus * rules.reserve_share)
    fund = floor_kip(rules.surplus * rules.fund_share)
    left = rules.surplus - reserve - fund

    # 3. Limited interest on share capital, paid only from what is left.
    total_shares = sum(m.shares for m in members)
    interest_due = round_kip(total_shares * rules.share_value * rules.interest_rate)
    interest = min(interest_due, left)
    interest_by_member = allocate(interest, {m.name: m.shares for m in members})

    # 4. The rest goes back by kg delivered (and, to compare, by shares held).
    refund_pool = left - interest
    total_kg = sum(m.kg for m in members)
    if total_kg > 0:
        refunds = allocate(refund_pool, {m.name: m.kg for m in members})
        unrefunded = 0
    else:  # nobody delivered: there is nothing to refund by, so the money stays in the reserve
        refunds = {m.name: 0 for m in members}
        unrefunded = refund_pool
    if total_shares > 0:
        by_shares = allocate(refund_pool, {m.name: m.shares for m in members})
        unrefunded_by_shares = 0
    else:
        by_shares = {m.name: 0 for m in members}
        unrefunded_by_shares = refund_pool

    results = {
        m.name: MemberResult(
            m.name, m.kg, m.shares, m.families, interest_by_member[m.name], refunds[m.name], by_shares[m.name]
        )
        for m in members
    }
    return Sharing(
        rules.surplus, reserve, fund, interest_due, interest, refund_pool, unrefunded, unrefunded_by_shares, results
    )
