"""Voting at a general assembly: quorum, simple and qualified majority, and who has how much say.

The meeting, step by step
-------------------------
1. The QUORUM: the assembly can decide only if at least a given share of ALL members is present
   (for example 50%). Counted in people, always, and at least one person must be there.
2. The members present vote YES, NO or BLANK (they abstain). Absent members do not vote.
3. The MAJORITY is counted out of a BASE, which the by-laws choose:
   * "cast": the yes and no votes (blank votes do not count), or
   * "present": everyone present (a blank vote then works like a no).
4. An ORDINARY decision needs a SIMPLE MAJORITY: more than half of the base. Exactly half is not
   enough. A change to the BY-LAWS (or merging, or closing) needs a QUALIFIED MAJORITY: at least
   two-thirds or three-quarters of the base.
5. The same votes are counted three ways, to compare:
   * "member": one member, one vote (the co-operative way, ICA principle 2);
   * "shares": each member's vote weighs as many shares as they hold;
   * "kg": each member's vote weighs the kg of cherry they bring.

Every vote is counted exactly once, in every way of counting:

    yes + no + blank + absent = all the votes of the co-op      (members, shares or kg)

Try changing this file in the code editor: for example let absent members vote by proxy, or
count the quorum in shares instead of in people.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import ceil

#: The ways of counting votes: one member one vote, by shares, by kg of cherry.
METHODS = ("member", "shares", "kg")
VOTES = ("yes", "no", "abstain")


@dataclass(frozen=True)
class Member:
    """One member: where they live, their shares and cherry, and what they did at the meeting."""

    name: str
    village: str
    shares: int  # shares held
    kg: int  # kg of cherry brought in a season
    present: bool
    vote: str  # "yes", "no" or "abstain" (a blank vote); ignored when the member is absent

    def weight(self, method: str) -> int:
        """How much this member's vote weighs when votes are counted by ``method``."""
        if method == "member":
            return 1
        if method == "shares":
            return self.shares
        if method == "kg":
            return self.kg
        raise ValueError(f"unknown way of counting {method!r}")


@dataclass(frozen=True)
class Rules:
    """The by-law rules for this meeting and this proposal."""

    quorum: Fraction  # part of all members who must be present (1/2 = 50%)
    base: str  # the majority is counted out of "cast" (yes + no) or "present" (everyone present)
    qualified: Fraction  # qualified majority: 2/3 or 3/4
    proposal: str  # "ordinary" (simple majority) or "bylaws" (qualified majority)


@dataclass(frozen=True)
class Count:
    """The votes counted one way (by members, by shares or by kg)."""

    method: str
    yes: int
    no: int
    abstain: int  # blank votes of members present
    absent: int  # the weight of members who did not come
    base: int  # what the majority is counted out of
    needed_simple: int  # the fewest yes that are more than half of the base
    needed_qualified: int  # the fewest yes that are at least the qualified share of the base

    @property
    def present(self) -> int:
        return self.yes + self.no + self.abstain

    @property
    def total(self) -> int:
        return self.present + self.absent

    @property
    def yes_share(self) -> Fraction:
        """Yes as a part of the base (0 when the base is 0)."""
        return Fraction(self.yes, self.base) if self.base else Fraction(0)

    @property
    def simple_passes(self) -> bool:
        return self.yes >= self.needed_simple

    @property
    def qualified_passes(self) -> bool:
        return self.yes >= self.needed_qualified


@dataclass(frozen=True)
class VillageCount:
    """Members of one village at the meeting (one member, one vote)."""

    village: str
    members: int
    present: int
    yes: int
    no: int
    abstain: int


@dataclass(frozen=True)
class Meeting:
    """The outcome: is the meeting quorate, and does the proposal pass, counted each way?"""

    rules: Rules
    members: int  # all members of the co-op
    present: int  # members present
    quorum_needed: int  # the fewest members present for a valid meeting
    counts: dict[str, Count]
    villages: dict[str, VillageCount]
    totals: dict[str, int]  # all the votes of the co-op, counted each way (members, shares, kg)

    @property
    def quorate(self) -> bool:
        return self.present >= self.quorum_needed

    def needed(self, method: str) -> int:
        """The fewest yes votes (members, shares or kg) the proposal needs, counted by ``method``."""
        count = self.counts[method]
        return count.needed_simple if self.rules.proposal == "ordinary" else count.needed_qualified

    def passes(self, method: str) -> bool:
        """The proposal passes: the meeting is quorate and enough votes are yes."""
        return self.quorate and self.counts[method].yes >= self.needed(method)

    def balance(self) -> int:
        """Votes counted twice or lost, in all ways of counting together. Always 0."""
        return sum(abs(c.total - self.totals[m]) for m, c in self.counts.items())


def needed_more_than_half(base: int) -> int:
    """The fewest whole votes that are more than half of ``base`` (exactly half is not enough)."""
    return base // 2 + 1


def needed_at_least(share: Fraction, base: int) -> int:
    """The fewest whole votes that are at least ``share`` of ``base`` (and at least 1)."""
    return max(1, ceil(share * base))


def count_votes(members: list[Member], rules: Rules) -> Meeting:
    """Check the quorum and count the votes on one proposal, one member one vote, by shares and by kg."""
    if rules.base not in ("cast", "present"):
        raise ValueError(f"unknown majority base {rules.base!r}")
    if rules.proposal not in ("ordinary", "bylaws"):
        raise ValueError(f"unknown kind of proposal {rules.proposal!r}")
    for m in members:
        if m.vote not in VOTES:
            raise ValueError(f"{m.name}: unknown vote {m.vote!r}")
        if m.shares < 0 or m.kg < 0:
            raise ValueError(f"{m.name}: shares and kg cannot be below 0")

    # 1. The quorum, in people.
    present = [m for m in members if m.present]
    quorum_needed = max(1, ceil(rules.quorum * len(members)))

    # 2–5. The votes, counted each way.
    counts = {}
    for method in METHODS:
        by_vote = {vote: sum(m.weight(method) for m in present if m.vote == vote) for vote in VOTES}
        absent = sum(m.weight(method) for m in members if not m.present)
        base = by_vote["yes"] + by_vote["no"] + (by_vote["abstain"] if rules.base == "present" else 0)
        counts[method] = Count(
            method,
            by_vote["yes"],
            by_vote["no"],
            by_vote["abstain"],
            absent,
            base,
            needed_more_than_half(base),
            needed_at_least(rules.qualified, base),
        )

    # Village by village (one member, one vote).
    villages: dict[str, VillageCount] = {}
    for village in sorted({m.village for m in members}):
        own = [m for m in members if m.village == village]
        here = [m for m in own if m.present]
        villages[village] = VillageCount(
            village,
            len(own),
            len(here),
            *(sum(1 for m in here if m.vote == vote) for vote in VOTES),
        )

    totals = {method: sum(m.weight(method) for m in members) for method in METHODS}
    return Meeting(rules, len(members), len(present), quorum_needed, counts, villages, totals)
