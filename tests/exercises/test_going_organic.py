"""The going-organic model: worked examples and properties that must hold for any inputs."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.models.going_organic import Plan, compare

F = Fraction


PLAN = Plan(
    lb_per_year=40_000,
    price=F("2.00"),
    organic_differential=F("0.40"),
    conversion_years=3,
    yield_during=F(0),
    yield_after=F(0),
    yearly_costs=50_000_000,
    kip_per_usd=21_400,
    years=10,
)


def plan(**changes) -> Plan:
    return replace(PLAN, **changes)


def test_worked_example_of_session_m5():
    """Case a: 3 years × 50,000,000 kip, then 342,400,000 − 50,000,000 kip a year; pays back in year 4."""
    result = compare(plan())
    assert [y.difference for y in result.years[:4]] == [-50_000_000] * 3 + [292_400_000]
    assert result.conversion_cumulative == -150_000_000
    assert result.yearly_after == 292_400_000
    assert result.years[3].organic_differential == 342_400_000  # 40,000 × 0.40 × 21,400
    assert result.years[3].cumulative == 142_400_000
    assert result.payback_year == 4
    assert result.cumulative == -150_000_000 + 7 * 292_400_000
    assert result.balance() == 0


def test_case_b_the_harvest_falls_to_34000_lb():
    result = compare(plan(yield_after=F(-15, 100)))
    assert result.years[3].lb_organic == 34_000
    assert result.yearly_after == -15_760_000  # 34,000 × 2.40 × 21,400 − 40,000 × 2.00 × 21,400 − 50,000,000
    assert result.payback_year is None
    assert result.later_payback_year is None


def test_break_even_fall_is_between_13_1_and_13_2_percent():
    assert compare(plan(yield_after=F(-131, 1000))).payback_year == 10
    late = compare(plan(yield_after=F(-132, 1000)))
    assert late.payback_year is None
    assert late.later_payback_year == 11


def test_fall_during_conversion_costs_sales_too():
    result = compare(plan(yield_during=F(-1, 10)))
    first = result.years[0]
    assert first.lb_organic == 36_000
    assert first.organic_differential == 0
    assert first.difference == -4_000 * 2 * 21_400 - 50_000_000  # 4,000 lb less at US$2.00, and the costs
    # 3 × −221,200,000 = −663,600,000; + 292,400,000 a year: −371,200,000, −78,800,000, +213,600,000
    assert result.payback_year == 6


def test_no_conversion_and_no_costs_is_ahead_from_year_one():
    result = compare(plan(conversion_years=0, yearly_costs=0))
    assert result.payback_year == 1
    assert result.conversion_cumulative == 0


def test_nothing_to_gain_never_pays_back():
    result = compare(plan(organic_differential=F(0), yearly_costs=0))
    assert all(y.difference == 0 for y in result.years)
    assert result.payback_year is None and result.later_payback_year is None


def test_whole_harvest_lost_and_zero_prices():
    lost = compare(plan(yield_after=F(-1)))
    assert lost.years[-1].organic == 0 and lost.balance() == 0
    free = compare(plan(price=F(0), organic_differential=F(0)))
    assert free.years[-1].organic == 0 and free.balance() == 0


def test_conversion_longer_than_the_years_shown():
    result = compare(plan(conversion_years=5, years=3))
    assert all(y.converting for y in result.years)
    assert result.payback_year is None
    # −250,000,000 after the 5 conversion years; year 6: −250,000,000 + 292,400,000 = 42,400,000 > 0
    assert result.later_payback_year == 6


def test_rejects_impossible_inputs():
    with pytest.raises(ValueError, match="more than 100%"):
        compare(plan(yield_after=F(-2)))
    with pytest.raises(ValueError, match="at least one year"):
        compare(plan(years=0))


# ---- Properties ---------------------------------------------------------------------------------

changes = st.fractions(F(-1), F(1), max_denominator=1000)


@st.composite
def plans(draw) -> Plan:
    return Plan(
        lb_per_year=draw(st.integers(0, 10_000_000)),
        price=draw(st.fractions(F(0), F(6), max_denominator=100)),
        organic_differential=draw(st.fractions(F(0), F(2), max_denominator=100)),
        conversion_years=draw(st.integers(0, 10)),
        yield_during=draw(changes),
        yield_after=draw(changes),
        yearly_costs=draw(st.integers(0, 10_000_000_000)),
        kip_per_usd=draw(st.integers(1_000, 100_000)),
        years=draw(st.integers(1, 30)),
    )


def later(payback: int | None) -> float:
    return float("inf") if payback is None else payback


@settings(max_examples=300, deadline=None)
@given(plans())
def test_conservation_to_the_kip(p):
    """Organic income − costs − conventional income = cumulative difference, exactly, for any plan."""
    result = compare(p)
    assert result.balance() == 0
    running = 0
    for year in result.years:
        running += year.organic - year.costs - year.conventional
        assert year.cumulative == running
        assert year.organic_differential >= 0 and year.organic_at_price >= 0
        if year.converting:
            assert year.organic_differential == 0


@settings(max_examples=300, deadline=None)
@given(plans())
def test_payback_year_means_ahead_from_then_on(p):
    result = compare(p)
    if result.payback_year is None:
        assert result.cumulative <= 0
    else:
        assert all(y.cumulative > 0 for y in result.years if y.year >= result.payback_year)
        if result.payback_year > 1:
            assert result.years[result.payback_year - 2].cumulative <= 0
        assert result.later_payback_year == result.payback_year


@settings(max_examples=300, deadline=None)
@given(plans(), st.fractions(F(0), F(1), max_denominator=100))
def test_a_higher_differential_never_delays_payback(p, more):
    higher = Plan(**{**p.__dict__, "organic_differential": p.organic_differential + more})
    a, b = compare(p), compare(higher)
    assert later(b.payback_year) <= later(a.payback_year)
    assert all(y2.cumulative >= y1.cumulative for y1, y2 in zip(a.years, b.years, strict=False))


@settings(max_examples=300, deadline=None)
@given(plans(), st.integers(0, 1_000_000_000), st.integers(0, 5))
def test_higher_costs_or_longer_conversion_never_help(p, extra_cost, extra_years):
    dearer = compare(Plan(**{**p.__dict__, "yearly_costs": p.yearly_costs + extra_cost}))
    base = compare(p)
    assert later(dearer.payback_year) >= later(base.payback_year)
    # With the same harvest in and after conversion, a longer conversion only delays the differential.
    same_harvest = Plan(**{**p.__dict__, "yield_during": p.yield_after})
    shorter = compare(same_harvest)
    longer = compare(Plan(**{**same_harvest.__dict__, "conversion_years": p.conversion_years + extra_years}))
    assert all(y2.cumulative <= y1.cumulative for y1, y2 in zip(shorter.years, longer.years, strict=False))
    assert later(longer.payback_year) >= later(shorter.payback_year)


@settings(max_examples=300, deadline=None)
@given(plans(), st.fractions(F(0), F(1), max_denominator=100))
def test_a_better_harvest_after_conversion_never_hurts(p, more):
    better = Plan(**{**p.__dict__, "yield_after": min(p.yield_after + more, F(1))})
    assert all(y2.cumulative >= y1.cumulative for y1, y2 in zip(compare(p).years, compare(better).years, strict=False))


def test_thirty_years_of_a_big_co_op():
    result = compare(plan(lb_per_year=100_000_000, years=30, kip_per_usd=100_000))
    assert len(result.years) == 30
    assert result.balance() == 0
