"""The Fairtrade premium at the general assembly: a costed menu, a vote, and what gets funded.

The rules, step by step
-----------------------
1. The PREMIUM is paid on every lb of Fairtrade green coffee sold: US$0.20 per lb (since 2023),
   changed into kip at the day's exchange rate. Of each US$0.20, US$0.05 per lb must go to
   PRODUCTIVITY OR QUALITY (the "earmarked" part): drying nets, pulpers, training, seedlings …
2. The general assembly decides the rest. It can decide only if enough members are present: the
   QUORUM (for example 50% of all members). Without a quorum nothing is decided and the whole
   premium waits for the next assembly.
3. Members vote on every project of the menu: one member, one vote, yes or no. A project is
   APPROVED when more than half of the members present vote for it.
4. Approved projects are funded IN ORDER OF VOTES (most votes first), each one fully or not at
   all, while the money lasts. Money for the earmarked part is KEPT BACK until projects for
   productivity or quality use it: a project of another kind is funded only if the money left
   after it still covers what the earmarked part still needs. A project that does not fit is
   skipped, and the next one is tried.
5. Whatever is not spent is CARRIED to next year; the part of the earmark that was not used stays
   earmarked for productivity or quality. That is Phou Kaew's own rule in its premium plan: the
   Fairtrade standard says US$0.05 per lb goes to productivity or quality, but we found no source
   on what happens to money not spent in the year (ask the certifier).

Money is always a whole number of kip; the premium is rounded once. Nothing appears or vanishes:

    premium = money for funded projects + money carried to next year     (exactly, to the kip)

Try changing this file in the code editor: for example fund the earmarked projects first, or let
a project that does not fit get part of its cost, and watch the plan change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from exercises.core.money import round_kip

# What can happen to a project (shown in words by the exercise).
FUNDED = "funded"
NO_QUORUM = "no_quorum"  # the assembly could not decide
NO_MAJORITY = "no_majority"  # not more than half of those present voted for it
NO_MONEY = "no_money"  # costs more than the money left
KEPT_FOR_QUALITY = "kept_for_quality"  # the money left is needed for the earmarked part


@dataclass(frozen=True)
class Assembly:
    """The premium and the general assembly that decides how to use it."""

    lb_sold: int  # lb of Fairtrade green coffee sold
    premium_per_lb: Fraction  # US$ per lb (0.20)
    quality_per_lb: Fraction  # US$ per lb that must go to productivity or quality (0.05)
    kip_per_usd: int  # exchange rate
    members: int  # all members of the co-op
    present: int  # members present at the assembly
    quorum: Fraction  # part of all members who must be present (0.5 = 50%)


@dataclass(frozen=True)
class Project:
    """One item of the premium menu."""

    name: str
    cost: int  # kip
    quality: bool  # True for productivity or quality
    votes: int  # members who voted for it


@dataclass(frozen=True)
class ProjectResult:
    """What the assembly's decision means for one project."""

    project: Project
    rank: int  # 1 for the project with the most votes
    status: str  # FUNDED, NO_QUORUM, NO_MAJORITY, NO_MONEY or KEPT_FOR_QUALITY
    funded: int  # kip given to it (its cost, or 0)


@dataclass(frozen=True)
class Decision:
    """The premium, the vote and the plan, with totals that must add up."""

    premium: int  # kip
    quality_required: int  # kip that must go to productivity or quality
    present_needed: int  # members who must be present for a quorum
    majority_needed: int  # votes a project needs to be approved
    quorum_met: bool
    projects: list[ProjectResult]  # in the order of the vote

    @property
    def spent(self) -> int:
        return sum(p.funded for p in self.projects)

    @property
    def spent_on_quality(self) -> int:
        return sum(p.funded for p in self.projects if p.project.quality)

    @property
    def carried(self) -> int:
        """Money carried to next year."""
        return self.premium - self.spent

    @property
    def carried_for_quality(self) -> int:
        """The part of the carried money still earmarked for productivity or quality."""
        return max(self.quality_required - self.spent_on_quality, 0)

    def balance(self) -> int:
        """Premium minus funded projects minus money carried. Always 0: no kip appears or vanishes."""
        return self.premium - (self.spent + self.carried)

    def result(self, name: str) -> ProjectResult:
        """The result of the project called ``name``."""
        for p in self.projects:
            if p.project.name == name:
                return p
        raise KeyError(name)


def premium_kip(lb: int, usd_per_lb: Fraction, kip_per_usd: int) -> int:
    """US$ per lb × lb × exchange rate, rounded once to a whole kip."""
    return round_kip(lb * Fraction(usd_per_lb) * kip_per_usd)


def vote_order(projects: list[Project]) -> list[Project]:
    """Most votes first; on equal votes the cheaper project first, then by name (never by row order)."""
    return sorted(projects, key=lambda p: (-p.votes, p.cost, p.name, not p.quality))


def decide(projects: list[Project], assembly: Assembly) -> Decision:
    """Work out the premium, check the quorum, and fund the approved projects in order of votes."""
    if assembly.lb_sold < 0 or assembly.premium_per_lb < 0 or assembly.kip_per_usd < 0:
        raise ValueError("lb sold, the premium and the exchange rate cannot be less than 0")
    if not 0 <= assembly.quality_per_lb <= assembly.premium_per_lb:
        raise ValueError("the part for productivity or quality must be between 0 and the whole premium")
    if not 0 <= assembly.present <= assembly.members:
        raise ValueError("the members present must be between 0 and all the members")
    if any(p.cost < 0 or p.votes < 0 for p in projects):
        raise ValueError("costs and votes cannot be less than 0")
    if any(p.votes > assembly.present for p in projects):
        raise ValueError("a project cannot have more votes than members present")

    # 1. The premium and its earmarked part, in kip.
    premium = premium_kip(assembly.lb_sold, assembly.premium_per_lb, assembly.kip_per_usd)
    quality_required = premium_kip(assembly.lb_sold, assembly.quality_per_lb, assembly.kip_per_usd)

    # 2. The quorum: present ≥ quorum × members (the smallest whole number of members that is enough).
    present_needed = math.ceil(Fraction(assembly.quorum) * assembly.members)
    quorum_met = assembly.present >= present_needed
    majority_needed = assembly.present // 2 + 1  # more than half of those present

    # 3 and 4. Approved projects, in order of votes, while the money lasts.
    left = premium
    quality_still_needed = quality_required
    results = []
    for rank, project in enumerate(vote_order(projects), start=1):
        if not quorum_met:
            status = NO_QUORUM
        elif project.votes < majority_needed:
            status = NO_MAJORITY
        elif project.cost > left:
            status = NO_MONEY
        elif not project.quality and project.cost > left - quality_still_needed:
            status = KEPT_FOR_QUALITY
        else:
            status = FUNDED
        funded = project.cost if status == FUNDED else 0
        left -= funded
        if project.quality:
            quality_still_needed = max(quality_still_needed - funded, 0)
        results.append(ProjectResult(project, rank, status, funded))

    return Decision(premium, quality_required, present_needed, majority_needed, quorum_met, results)
