"""The harvest-finance model: worked examples and properties that must hold for any inputs."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.models.harvest_finance import Month, Plan, TraderLoan, plan_season, trader_credit

HALF = Fraction(1, 2)
PHOU_KAEW = [
    Month("October", 5_000, Fraction(0)),
    Month("November", 20_000, Fraction(0)),
    Month("December", 20_000, HALF),
    Month("January", 5_000, Fraction(0)),
    Month("February", 0, HALF),
]


PLAN = Plan(
    advance=2_000,
    sale_value=3_200,
    running_cost=100,
    interest_per_month=Fraction(2, 100),
    repay="asap",
    own_funds=0,
)


def plan(**changes) -> Plan:
    return replace(PLAN, **changes)


def test_worked_example_by_hand():
    """The Phou Kaew business plan (Establishment 1) with a harvest loan at 2 % a month."""
    season = plan_season(PHOU_KAEW, plan())
    assert [m.sales for m in season.months] == [0, 0, 80_000_000, 0, 80_000_000]
    assert [m.borrowed for m in season.months] == [10_500_000, 42_000_000, 0, 10_500_000, 0]
    # December: 38,000,000 comes in; 1,260,000 pays October's and November's interest, the rest repays.
    assert [m.loan for m in season.months] == [10_500_000, 52_500_000, 15_760_000, 26_260_000, 0]
    assert [m.interest for m in season.months] == [210_000, 1_050_000, 315_200, 525_200, 0]
    assert season.interest == 2_100_400
    assert season.peak.name == "November" and season.peak.loan == 52_500_000
    assert season.for_members == 160_000_000 - 100_000_000 - 5_000_000 - 2_100_400
    assert season.cash == season.for_members and season.still_owed == 0
    assert season.balance() == 0


def test_repaying_only_at_the_end_costs_more():
    season = plan_season(PHOU_KAEW, plan(repay="end"))
    assert [m.loan for m in season.months] == [10_500_000, 52_500_000, 52_500_000, 52_500_000, 0]
    assert season.interest == 210_000 + 3 * 1_050_000
    assert season.balance() == 0


def test_a_higher_advance_needs_a_bigger_loan():
    assert plan_season(PHOU_KAEW, plan(advance=2_500)).peak.loan == 65_000_000


def test_own_money_first():
    season = plan_season(PHOU_KAEW, plan(own_funds=12_500_000))
    assert season.peak.loan == 52_500_000 - 12_500_000
    assert season.cash - season.still_owed == 12_500_000 + season.for_members
    assert plan_season(PHOU_KAEW, plan(own_funds=60_000_000)).peak is None


def test_a_loan_the_sales_cannot_repay():
    season = plan_season(PHOU_KAEW, plan(sale_value=1_000))
    assert season.still_owed > 0
    assert season.for_members < 0
    assert season.balance() == 0


def test_shares_must_add_up_to_100_percent():
    with pytest.raises(ValueError, match="100%"):
        plan_season([Month("October", 100, HALF)], plan())
    assert plan_season([Month("October", 0, Fraction(0))], plan()).balance() == 0


def test_coffee_on_the_tree():
    """Mr Khamla (Key concepts 1, Establishment 2, Management 10): 2,000,000 kip in July, repaid with 1,250 kg
    of cherry in November, worth 3,000 kip per kg at harvest: 87.5 % in 4 months, 21.875 % (about 22 %) a month."""
    credit = trader_credit(TraderLoan("Khamla", 2_000_000, 1_250, 4), 3_000, Fraction(2, 100))
    assert credit.cherry_value == 3_750_000
    assert credit.cost == 1_750_000
    assert credit.rate_per_month == Fraction(7, 32)
    assert credit.same_at_bank == 160_000  # 2,000,000 × 2 % × 4: the trader's loan is about 11 times dearer
    # Mrs Vanh (Management 8 and 10): 1,000,000 kip in August, 500 kg in December: 50 % in 4 months
    vanh = trader_credit(TraderLoan("Vanh", 1_000_000, 500, 4), 3_000, Fraction(15, 1000))
    assert (vanh.cost, vanh.rate_per_month, vanh.same_at_bank) == (500_000, Fraction(1, 8), 60_000)
    with pytest.raises(ValueError):
        trader_credit(TraderLoan("Noy", 0, 10, 1), 2_500, Fraction(0))


# ---- Properties ---------------------------------------------------------------------------------

NAMES = ["October", "November", "December", "January", "February", "March"]


@st.composite
def seasons(draw):
    kgs = draw(st.lists(st.integers(0, 100_000), min_size=1, max_size=6))
    weights = draw(st.lists(st.integers(0, 10), min_size=len(kgs), max_size=len(kgs)))
    if sum(weights) == 0:
        weights[-1] = 1
    shares = [Fraction(w, sum(weights)) for w in weights]
    months = [Month(NAMES[i], kg, share) for i, (kg, share) in enumerate(zip(kgs, shares, strict=False))]
    p = Plan(
        advance=draw(st.integers(0, 10_000)),
        sale_value=draw(st.integers(0, 20_000)),
        running_cost=draw(st.integers(0, 2_000)),
        interest_per_month=draw(st.fractions(Fraction(0), Fraction(1, 5), max_denominator=1000)),
        repay=draw(st.sampled_from(["asap", "end"])),
        own_funds=draw(st.integers(0, 500_000_000)),
    )
    return months, p


@settings(max_examples=400, deadline=None)
@given(seasons())
def test_conservation_to_the_kip(case):
    """Own money + loans + sales = advances + running costs + interest paid + repaid + cash left."""
    months, p = case
    season = plan_season(months, p)
    assert season.balance() == 0
    assert season.sales == p.sale_value * sum(m.cherry_kg for m in months)
    assert season.cash - season.still_owed == p.own_funds + season.for_members
    assert season.borrowed - season.repaid == season.months[-1].loan
    for m in season.months:
        assert m.loan >= 0 and m.cash >= 0 and m.interest >= 0
        assert not (m.loan > 0 and m.cash > 0 and p.repay == "asap")  # cash is never kept while a loan is open


@settings(max_examples=200, deadline=None)
@given(seasons(), st.integers(1, 5_000))
def test_a_higher_advance_never_needs_a_smaller_loan(case, extra):
    months, p = case
    before = plan_season(months, p).peak
    after = plan_season(months, replace(p, advance=p.advance + extra)).peak
    assert (after.loan if after else 0) >= (before.loan if before else 0)


@settings(max_examples=200, deadline=None)
@given(seasons(), st.fractions(Fraction(0), Fraction(1, 10), max_denominator=1000))
def test_a_higher_rate_never_costs_less_interest(case, more):
    months, p = case
    before = plan_season(months, p).interest
    after = plan_season(months, replace(p, interest_per_month=p.interest_per_month + more)).interest
    assert after >= before


@settings(max_examples=200, deadline=None)
@given(seasons())
def test_without_interest_the_repayment_rule_does_not_matter(case):
    months, p = case
    free = replace(p, interest_per_month=Fraction(0))
    asap, end = plan_season(months, replace(free, repay="asap")), plan_season(months, replace(free, repay="end"))
    assert asap.for_members == end.for_members == asap.sales - asap.advances - asap.running
    assert asap.cash == end.cash


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 10**9),
    st.integers(0, 10**6),
    st.integers(1, 24),
    st.integers(0, 20_000),
    st.fractions(Fraction(0), Fraction(1, 5), max_denominator=1000),
)
def test_trader_credit_is_simple_interest(lent, kg, months, price, rate):
    credit = trader_credit(TraderLoan("Noy", lent, kg, months), price, rate)
    assert credit.cost == kg * price - lent
    assert credit.rate_per_month * lent * months == credit.cost
    assert credit.same_at_bank >= 0


def test_a_long_season_of_small_months():
    months = [Month(f"week {i}", 1_000 + 37 * i, Fraction(1, 24)) for i in range(24)]
    season = plan_season(months, plan())
    assert season.sales == 3_200 * sum(m.cherry_kg for m in months)
    assert season.balance() == 0


# ---- The exercise built on the model ------------------------------------------------------------


def test_the_exercise_checks_sales_and_the_lenders_limit():
    from exercises import api

    early = api.update(
        "harvest-finance",
        "en",
        {"months": [{"month": "A", "kg": "0", "sold": "100"}, {"month": "B", "kg": "10", "sold": "0"}]},
    )
    assert "months.0.sold" in early["errors"]
    shown = api.update("harvest-finance", "en", {})
    assert shown["ok"] and shown["numbers"]["peak"] == 52_500_000 and shown["numbers"]["balance"] == 0
    too_big = api.update("harvest-finance", "en", {"advance": "2,500"})
    assert "60,000,000" in too_big["html"]
