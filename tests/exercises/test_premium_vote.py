"""The premium-vote model: the session's assembly by hand, and properties that must hold for any inputs."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
from conftest import same_in_any_order
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises import api
from exercises.models.premium_vote import (
    FUNDED,
    KEPT_FOR_QUALITY,
    NO_MAJORITY,
    NO_MONEY,
    NO_QUORUM,
    Assembly,
    Project,
    decide,
)

MENU = [
    Project("Drying tables and nets", 30_000_000, True, 31),
    Project("Training on pruning and ripe picking", 15_000_000, True, 20),
    Project("Seedlings to replace old trees", 25_000_000, True, 12),
    Project("Clean water tank at Ban Kok Mai", 40_000_000, False, 34),
    Project("School books for members' children", 20_000_000, False, 25),
    Project("Cash for each of the 60 families", 60_000_000, False, 38),
    Project("Add to the harvest advance fund", 30_000_000, False, 27),
]


ASSEMBLY = Assembly(
    lb_sold=40_000,
    premium_per_lb=Fraction("0.20"),
    quality_per_lb=Fraction("0.05"),
    kip_per_usd=21_400,
    members=60,
    present=45,
    quorum=Fraction(1, 2),
)


def assembly(**changes) -> Assembly:
    return replace(ASSEMBLY, **changes)


def status(decision, name):
    return decision.result(name).status


def test_the_assembly_of_the_session_page():
    """Management 5: 171,200,000 kip of premium, 42,800,000 for productivity or quality."""
    d = decide(MENU, assembly())
    assert d.premium == 171_200_000
    assert d.quality_required == 42_800_000
    assert d.quorum_met and d.present_needed == 30 and d.majority_needed == 23
    assert [p.project.votes for p in d.projects] == [38, 34, 31, 27, 25, 20, 12]
    assert status(d, "Cash for each of the 60 families") == FUNDED
    assert status(d, "Clean water tank at Ban Kok Mai") == FUNDED
    assert status(d, "Drying tables and nets") == FUNDED
    assert status(d, "Add to the harvest advance fund") == KEPT_FOR_QUALITY  # 30M > 41.2M − 12.8M
    assert status(d, "School books for members' children") == FUNDED
    assert status(d, "Training on pruning and ripe picking") == NO_MAJORITY
    assert d.spent == 150_000_000
    assert d.carried == 21_200_000
    assert d.carried_for_quality == 12_800_000
    assert d.balance() == 0


def test_a_weaker_kip_changes_the_plan():
    d = decide(MENU, assembly(kip_per_usd=23_000))
    assert d.premium == 184_000_000 and d.quality_required == 46_000_000
    assert status(d, "Add to the harvest advance fund") == FUNDED
    assert status(d, "School books for members' children") == KEPT_FOR_QUALITY
    assert d.carried == 24_000_000


def test_no_quorum_nothing_is_decided():
    d = decide(MENU, assembly(quorum=Fraction(8, 10)))  # 48 needed, 45 present
    assert not d.quorum_met and d.present_needed == 48
    assert all(p.status == NO_QUORUM for p in d.projects)
    assert d.spent == 0 and d.carried == d.premium


def test_a_project_dearer_than_the_money_left():
    d = decide([Project("Pulper", 500_000_000, True, 40)], assembly())
    assert status(d, "Pulper") == NO_MONEY
    assert d.carried == d.premium


def test_quality_projects_use_the_earmark_first():
    menu = [Project("Cash", 150_000_000, False, 40), Project("Nets", 42_800_000, True, 30)]
    d = decide(menu, assembly())
    assert status(d, "Cash") == KEPT_FOR_QUALITY  # 150M > 171.2M − 42.8M
    assert status(d, "Nets") == FUNDED
    assert d.carried_for_quality == 0


def test_majority_is_more_than_half_of_those_present():
    d = decide([Project("A", 1, False, 23), Project("B", 1, False, 22)], assembly(present=44))
    assert status(d, "A") == FUNDED and status(d, "B") == NO_MAJORITY


def test_rejects_impossible_inputs():
    with pytest.raises(ValueError, match="more votes"):
        decide([Project("A", 1, False, 46)], assembly())
    with pytest.raises(ValueError, match="present"):
        decide(MENU, assembly(present=61))
    with pytest.raises(ValueError, match="whole premium"):
        decide(MENU, assembly(quality_per_lb=Fraction("0.30")))


def test_the_exercise_checks_who_is_present():
    assert api.update("premium-vote", "en", {"present": "70"})["errors"]["present"]
    assert api.update("premium-vote", "en", {"present": "20"})["errors"]["projects.0.votes"]


# ---- Properties ---------------------------------------------------------------------------------

NAMES = ["Nets", "Pulper", "Training", "Seedlings", "Water", "School", "Cash", "Fund", "Road", "Clinic"]


@st.composite
def assemblies_and_menus(draw):
    members = draw(st.integers(1, 200))
    present = draw(st.integers(0, members))
    premium = draw(st.fractions(Fraction(0), Fraction(1), max_denominator=100))
    a = Assembly(
        lb_sold=draw(st.integers(0, 2_000_000)),
        premium_per_lb=premium,
        quality_per_lb=premium * draw(st.fractions(Fraction(0), Fraction(1), max_denominator=20)),
        kip_per_usd=draw(st.integers(1_000, 30_000)),
        members=members,
        present=present,
        quorum=draw(st.fractions(Fraction(0), Fraction(1), max_denominator=100)),
    )
    names = draw(st.lists(st.sampled_from(NAMES), unique=True, max_size=len(NAMES)))
    menu = [
        Project(n, draw(st.integers(0, 200_000_000)), draw(st.booleans()), draw(st.integers(0, present))) for n in names
    ]
    return a, menu


@settings(max_examples=400, deadline=None)
@given(assemblies_and_menus())
def test_conservation_to_the_kip(case):
    """Premium = funded projects + money carried, exactly; the earmark is never spent elsewhere."""
    a, menu = case
    d = decide(menu, a)
    assert d.balance() == 0
    assert 0 <= d.spent <= d.premium
    assert d.carried >= d.carried_for_quality >= 0  # the earmarked money is always still there
    assert d.quality_required <= d.premium
    for p in d.projects:
        assert p.funded in (0, p.project.cost)
        assert (p.funded > 0) <= (p.status == FUNDED)
        if p.status == FUNDED:
            assert p.project.votes >= d.majority_needed and d.quorum_met


@settings(max_examples=200, deadline=None)
@given(assemblies_and_menus(), st.randoms(use_true_random=False))
def test_row_order_does_not_matter(case, rng):
    a, menu = case
    assert same_in_any_order(lambda projects: decide(projects, a), menu, rng)


@settings(max_examples=200, deadline=None)
@given(assemblies_and_menus())
def test_without_quorum_nothing_is_spent(case):
    a, menu = case
    d = decide(menu, a)
    if not d.quorum_met:
        assert d.spent == 0 and d.carried == d.premium


@settings(max_examples=200, deadline=None)
@given(assemblies_and_menus(), st.integers(1, 1_000_000))
def test_more_coffee_sold_never_means_less_premium(case, extra):
    a, menu = case
    more = Assembly(**{**a.__dict__, "lb_sold": a.lb_sold + extra})
    assert decide(menu, more).premium >= decide(menu, a).premium
    assert decide(menu, more).quality_required >= decide(menu, a).quality_required


def test_zero_premium_and_empty_menu():
    d = decide(MENU, assembly(lb_sold=0))
    assert d.premium == 0 and d.spent == 0
    assert all(p.status in (NO_MONEY, NO_MAJORITY) for p in d.projects)
    empty = decide([], assembly())
    assert empty.spent == 0 and empty.carried == empty.premium == 171_200_000


def test_thousands_of_members_and_projects():
    a = assembly(members=100_000, present=60_000, lb_sold=5_000_000)
    menu = [
        Project(f"project {i:04d}", 1_000_000 + (i * 7_919) % 50_000_000, i % 3 == 0, (i * 37) % 60_001)
        for i in range(3_000)
    ]
    d = decide(menu, a)
    assert len(d.projects) == 3_000
    assert d.balance() == 0 and d.carried >= d.carried_for_quality
