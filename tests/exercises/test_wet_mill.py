"""The wet-mill model: worked examples and properties that must hold for any inputs."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
from conftest import same_in_any_order
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from exercises import api
from exercises.models.wet_mill import MAX_SEASONS, Mill, Week, run_season

#: The Phou Kaew season of the exercise's defaults (50,000 kg, busiest day 4,000 kg).
SEASON = [
    Week(w, kg, d)
    for w, kg, d in [
        (1, 500, 1),
        (2, 1_000, 2),
        (3, 1_500, 3),
        (4, 2_000, 2),
        (5, 3_000, 3),
        (6, 4_000, 2),
        (7, 5_000, 2),
        (8, 8_000, 2),
        (9, 7_000, 2),
        (10, 6_000, 2),
        (11, 4_000, 2),
        (12, 3_000, 3),
        (13, 2_000, 2),
        (14, 1_500, 3),
        (15, 1_000, 2),
        (16, 500, 1),
    ]
]


MILL = Mill(
    investment=60_000_000,
    pulper_kg_per_hour=500,
    hours_per_day=8,
    running_cost=100,
    fee=300,
    interest=Fraction(0),
    cherry_per_parchment=Fraction(5),
    cherry_price=2_500,
    parchment_price=16_000,
    delivered_share=Fraction(1),
)


def mill(**changes) -> Mill:
    return replace(MILL, **changes)


def test_worked_example_by_hand():
    """One week, small numbers: every figure can be checked with a pencil."""
    result = run_season(
        [Week(1, 3_000, 2)],  # 1,500 kg a day
        mill(
            investment=1_000_000,
            pulper_kg_per_hour=200,
            hours_per_day=5,
            running_cost=100,
            fee=300,
            cherry_price=2_000,
            parchment_price=15_000,
        ),
    )
    assert result.daily_capacity == 1_000
    assert result.over == 1_000  # 500 kg too much on each of 2 days
    assert result.pulped == 2_000
    assert result.parchment_kg == 400
    money = result.money
    assert money.parchment_sales == 6_000_000  # 400 kg × 15,000
    assert money.cherry_sales == 2_000_000  # 1,000 kg × 2,000
    assert money.fees == 600_000
    assert money.running_costs == 200_000
    assert money.for_the_mill == 400_000
    assert money.to_members == 6_000_000 - 600_000 + 2_000_000
    assert money.trader_only == 6_000_000
    assert [r.owed_end for r in result.schedule] == [600_000, 200_000, 0]
    assert result.schedule[-1].surplus == 200_000
    assert result.payback_seasons == 3
    assert result.break_even_kg == 5_000  # 1,000,000 ÷ (300 − 100)
    assert result.balance() == 0


def test_phou_kaew_story_numbers():
    """The numbers of sessions C2 and E1: 6 seasons, 300,000 kg, 2,900 kip, 8 hours on the busiest day."""
    result = run_season(SEASON, mill())
    assert result.brought == 50_000 and result.over == 0
    assert result.busiest_day == 4_000 and result.busiest_hours == 8
    assert result.money.for_the_mill == 10_000_000
    assert result.payback_seasons == 6
    assert result.break_even_kg == 300_000
    assert result.through_mill_per_kg == 2_900
    assert result.parchment_kg == 10_000
    assert result.money.parchment_sales == 160_000_000  # E1 question 1
    # E1 question 4: 75% of the promise → 8 seasons; C2 question 4: 60,000 kg → 5, 30,000 kg → 10.
    assert run_season(SEASON, mill(delivered_share=Fraction(3, 4))).payback_seasons == 8
    # (60,000 kg bring 4,800 kg on the busiest day and 4,200 on the next: more than 8 hours of pulping,
    # so 2 × 800 + 2 × 200 kg are sold as cherry, unless the team works longer days.)
    assert run_season(SEASON, mill(delivered_share=Fraction(6, 5))).over == 2_000
    assert run_season(SEASON, mill(delivered_share=Fraction(6, 5), hours_per_day=10)).payback_seasons == 5
    assert run_season(SEASON, mill(delivered_share=Fraction(3, 5))).payback_seasons == 10


def test_hand_pulper_loses_cherry_on_the_busiest_days():
    result = run_season(SEASON, mill(pulper_kg_per_hour=300))
    assert result.over == 6_800
    assert {w.week: w.over for w in result.weeks if w.over} == {7: 200, 8: 3_200, 9: 2_200, 10: 1_200}
    assert result.balance() == 0


def test_loan_at_twelve_percent_doubles_the_payback_time():
    result = run_season(SEASON, mill(interest=Fraction(12, 100)))
    owed = [r.owed_end for r in result.schedule]
    assert owed[:4] == [57_200_000, 54_064_000, 50_551_680, 46_617_882]
    assert owed[10] == 2_167_168
    assert result.payback_seasons == 12
    assert result.schedule[-1].interest == 260_060
    assert result.min_kg_per_season == 36_001  # 7,200,000 interest ÷ 200 kip per kg, and a little more
    assert result.balance() == 0


def test_interest_bigger_than_the_fees_never_pays_back():
    result = run_season(SEASON, mill(interest=Fraction(20, 100)))
    assert result.never_pays_back
    assert result.payback_seasons is None
    assert len(result.schedule) == MAX_SEASONS
    assert result.schedule[-1].owed_end > 60_000_000
    assert result.balance() == 0


def test_fee_below_running_cost_makes_the_debt_grow():
    result = run_season(SEASON, mill(fee=80))
    assert result.money.for_the_mill == -1_000_000
    assert result.schedule[0].owed_end == 61_000_000
    assert result.never_pays_back and result.payback_seasons is None
    assert result.break_even_kg is None and result.min_kg_per_season is None
    assert result.balance() == 0


def test_zero_inputs():
    empty = run_season([], mill())
    assert empty.brought == 0 and empty.busiest_day == 0 and empty.money.to_members == 0
    assert empty.payback_seasons is None and empty.never_pays_back
    assert empty.balance() == 0
    free = run_season(SEASON, mill(investment=0))
    assert free.schedule == [] and free.payback_seasons == 0 and not free.never_pays_back
    assert free.balance() == 0
    nothing_brought = run_season(SEASON, mill(delivered_share=Fraction(0)))
    assert nothing_brought.brought == 0 and nothing_brought.balance() == 0


def test_rejects_impossible_weeks():
    with pytest.raises(ValueError, match="days 1 to 7"):
        run_season([Week(1, 100, 0)], mill())
    with pytest.raises(ValueError, match="pulp something"):
        run_season(SEASON, mill(pulper_kg_per_hour=0))


# ---- Properties ---------------------------------------------------------------------------------

weeks = st.lists(
    st.builds(Week, st.integers(1, 52), st.integers(0, 200_000), st.integers(1, 7)),
    max_size=20,
    unique_by=lambda w: w.week,
)
mills = st.builds(
    mill,
    investment=st.integers(0, 10_000_000_000),
    pulper_kg_per_hour=st.integers(1, 5_000),
    hours_per_day=st.integers(1, 18),
    running_cost=st.integers(0, 2_000),
    fee=st.integers(0, 3_000),
    interest=st.fractions(Fraction(0), Fraction(1), max_denominator=1000),
    cherry_per_parchment=st.fractions(Fraction(1), Fraction(10), max_denominator=100),
    cherry_price=st.integers(0, 50_000),
    parchment_price=st.integers(0, 500_000),
    delivered_share=st.fractions(Fraction(0), Fraction(3), max_denominator=1000),
)


@settings(max_examples=300, deadline=None)
@given(weeks, mills)
def test_conservation_to_the_kip(ws, m):
    """Sales = members + running costs + fees left; fees left = paid back + surplus; debt adds up."""
    result = run_season(ws, m)
    assert result.balance() == 0
    assert result.brought == result.pulped + result.over
    money = result.money
    assert all(isinstance(x, int) for x in (money.parchment_sales, money.cherry_sales, money.fees, money.to_members))
    assert money.parchment_sales + money.cherry_sales == money.to_members + money.fees
    for row in result.schedule:
        assert row.paid + row.surplus == money.for_the_mill
        assert row.owed_end >= 0 and row.surplus >= 0


@settings(max_examples=300, deadline=None)
@given(weeks, mills, st.integers(0, 5_000), st.integers(0, 17))
def test_more_capacity_never_loses_more_cherry(ws, m, more_kg_per_hour, more_hours):
    before = run_season(ws, m)
    bigger = Mill(
        **{
            **m.__dict__,
            "pulper_kg_per_hour": m.pulper_kg_per_hour + more_kg_per_hour,
            "hours_per_day": min(18, m.hours_per_day + more_hours),
        }
    )
    after = run_season(ws, bigger)
    assert after.over <= before.over
    assert after.pulped >= before.pulped
    if m.fee > m.running_cost and before.payback_seasons is not None:
        assert after.payback_seasons is not None and after.payback_seasons <= before.payback_seasons


@settings(max_examples=200, deadline=None)
@given(weeks, mills, st.randoms(use_true_random=False))
def test_week_order_does_not_matter(ws, m, rng):
    assert same_in_any_order(lambda weeks: run_season(weeks, m), ws, rng)


@settings(max_examples=200, deadline=None)
@given(weeks, mills, st.integers(1, 50_000))
def test_more_cherry_never_pays_back_later_when_the_fee_covers_costs(ws, m, extra):
    """With a fee above the running costs and room at the mill, more cherry pays the mill back sooner."""
    assume(m.fee > m.running_cost)
    roomy = Mill(**{**m.__dict__, "pulper_kg_per_hour": 100_000, "hours_per_day": 18})
    before = run_season(ws, roomy)
    after = run_season([*ws, Week(53, extra, 7)], roomy)
    assert after.money.for_the_mill >= before.money.for_the_mill
    if before.payback_seasons is not None:
        assert after.payback_seasons is not None and after.payback_seasons <= before.payback_seasons


def test_extreme_numbers():
    ws = [Week(w, 10_000_000, 1) for w in range(1, 53)]
    result = run_season(
        ws,
        mill(
            investment=100_000_000_000,
            pulper_kg_per_hour=10_000,
            hours_per_day=18,
            interest=Fraction(1),
            fee=100_000,
            running_cost=0,
            parchment_price=5_000_000,
        ),
    )
    assert result.over == 52 * (10_000_000 - 180_000)
    assert result.balance() == 0


# ---- The exercise on the page ------------------------------------------------------------------


def test_the_exercise_takes_an_empty_season():
    assert api.update("wet-mill", "en", {"season": []})["ok"]
    assert api.update("wet-mill", "lo", {"fee": "50", "interest": "30"})["ok"]
