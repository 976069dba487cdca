"""The Fairtrade price model: worked examples and properties that must hold for any inputs."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.models.floor_price import PARTS, Sale, Terms, price_per_lb, settle

F = Fraction


TERMS = Terms(
    minimum=F("1.80"),
    premium=F("0.20"),
    quality_part=F("0.05"),
    organic_differential=F("0.40"),
    differential=F(0),
    organic=False,
)


def terms(**changes) -> Terms:
    return replace(TERMS, **changes)


YEAR = [
    Sale("January", F("1.50"), 5_000),
    Sale("February", F("1.60"), 5_000),
    Sale("March", F("1.75"), 10_000),
    Sale("April", F("1.90"), 10_000),
    Sale("May", F("2.20"), 5_000),
    Sale("June", F("2.60"), 5_000),
]


def test_the_three_sales_of_session_m5():
    """Sale A: 1.50 → 2.00; sale B: 2.60 → 2.80; sale C: 1.50 organic → 2.40 (US$ per lb)."""
    assert price_per_lb(F("1.50"), terms()).paid == F("2.00")
    assert price_per_lb(F("2.60"), terms()).paid == F("2.80")
    assert price_per_lb(F("1.50"), terms(organic=True)).paid == F("2.40")
    assert price_per_lb(F("1.50"), terms()).minimum_counts
    assert not price_per_lb(F("2.60"), terms()).minimum_counts


def test_worked_year_by_hand():
    year = settle(YEAR, terms(), 21_400, F(6))
    assert year.lb == 40_000
    assert year.premium == 171_200_000  # 40,000 × 0.20 × 21,400
    assert year.total("premium_quality") == 42_800_000  # 40,000 × 0.05 × 21,400
    assert year.total("minimum") == 64_200_000  # (1,500 + 1,000 + 500) US$ × 21,400
    assert year.total("organic") == 0
    assert year.received == 87_000 * 21_400
    january = year.sales[0]
    assert january.received == 214_000_000  # 5,000 lb × 2.00 × 21,400
    assert january.parts["minimum"] == 32_100_000  # 5,000 × 0.30 × 21,400
    assert january.kip_per_kg_green == 94_358  # 2.00 × 2.2046 × 21,400
    assert january.kip_per_kg_cherry == 15_726  # ÷ 6
    assert year.balance() == 0


def test_old_rules_2011_to_2023():
    year = settle(YEAR, terms(minimum=F("1.40"), organic_differential=F("0.30")), 21_400, F(6))
    assert year.total("minimum") == 0
    assert year.sales[0].price.paid == F("1.70")


def test_negative_differential_lets_the_minimum_count_more_often():
    april = price_per_lb(F("1.90"), terms(differential=F("-0.20")))
    assert april.market == F("1.70") and april.base == F("1.80") and april.minimum_counts


def test_differential_far_below_zero_never_gives_a_negative_part():
    year = settle([Sale("x", F("0.10"), 1_000)], terms(differential=F(-2), minimum=F(0)), 21_400, F(6))
    sale = year.sales[0]
    assert sale.price.base == 0 and sale.price.paid == F("0.20")
    assert all(part >= 0 for part in sale.parts.values())
    assert year.balance() == 0


def test_zero_and_empty():
    assert settle([], terms(), 21_400, F(6)).received == 0
    year = settle([Sale("x", F(0), 0)], terms(), 21_400, F(6))
    assert year.received == 0 and year.balance() == 0
    free = settle([Sale("x", F(0), 1_000)], terms(minimum=F(0), premium=F(0), quality_part=F(0)), 21_400, F(6))
    assert free.received == 0 and free.balance() == 0


def test_rejects_a_quality_part_bigger_than_the_premium():
    with pytest.raises(ValueError, match="quality part"):
        settle(YEAR, terms(quality_part=F("0.30")), 21_400, F(6))


def test_curve():
    year = settle([], terms(), 21_400, F(6), [F(1), F(2), F(3)])
    assert [p.paid for _, p in year.curve] == [F(2), F("2.20"), F("3.20")]


# ---- Properties ---------------------------------------------------------------------------------

prices = st.fractions(F(0), F(6), max_denominator=100)
small = st.fractions(F(0), F(1), max_denominator=100)


@st.composite
def any_terms(draw) -> Terms:
    premium = draw(small)
    return Terms(
        minimum=draw(prices),
        premium=premium,
        quality_part=draw(st.fractions(F(0), premium, max_denominator=100)),
        organic_differential=draw(small),
        differential=draw(st.fractions(F(-2), F(2), max_denominator=100)),
        organic=draw(st.booleans()),
    )


sales = st.lists(
    st.builds(Sale, st.sampled_from(["Jan", "Feb", "Mar", "Apr", "May"]), prices, st.integers(0, 5_000_000)),
    max_size=12,
)
rates = st.integers(1_000, 100_000)


@settings(max_examples=300, deadline=None)
@given(sales, any_terms(), rates, st.fractions(F(3), F(12), max_denominator=100))
def test_conservation_to_the_kip(ss, tt, rate, ratio):
    """Received = market + minimum + organic + both premium parts, exactly, for every sale and the year."""
    year = settle(ss, tt, rate, ratio)
    assert year.balance() == 0
    for sale in year.sales:
        assert sale.balance() == 0
        assert set(sale.parts) == set(PARTS)
        assert all(isinstance(v, int) and v >= 0 for v in sale.parts.values())
        # each part is within one kip of its exact value
        exact = sale.sale.lb * rate
        assert abs(sale.parts["premium_quality"] - tt.quality_part * exact) <= 1
        assert abs(sale.parts["organic"] - sale.price.organic * exact) <= 1


@settings(max_examples=300, deadline=None)
@given(prices, prices, any_terms())
def test_a_higher_market_price_never_lowers_the_price_paid(a, b, tt):
    low, high = sorted((a, b))
    assert price_per_lb(high, tt).paid >= price_per_lb(low, tt).paid
    # … and never lowers what a sale brings in kip
    y_low = settle([Sale("x", low, 10_000)], tt, 21_400, F(6))
    y_high = settle([Sale("x", high, 10_000)], tt, 21_400, F(6))
    assert y_high.received >= y_low.received


@settings(max_examples=300, deadline=None)
@given(prices, any_terms())
def test_never_below_the_floor_and_never_below_the_market(market, tt):
    p = price_per_lb(market, tt)
    assert p.paid >= tt.minimum + tt.premium
    assert p.paid >= market + tt.differential + tt.premium
    assert p.paid - p.base == tt.premium + (tt.organic_differential if tt.organic else 0)


@settings(max_examples=200, deadline=None)
@given(prices, any_terms(), small)
def test_a_higher_minimum_never_lowers_the_price(market, tt, more):
    higher = Terms(**{**tt.__dict__, "minimum": tt.minimum + more})
    assert price_per_lb(market, higher).paid >= price_per_lb(market, tt).paid


@settings(max_examples=200, deadline=None)
@given(prices, any_terms())
def test_organic_adds_exactly_the_differential(market, tt):
    organic = Terms(**{**tt.__dict__, "organic": True})
    conventional = Terms(**{**tt.__dict__, "organic": False})
    assert price_per_lb(market, organic).paid - price_per_lb(market, conventional).paid == tt.organic_differential


@settings(max_examples=200, deadline=None)
@given(sales, any_terms(), rates, st.randoms(use_true_random=False))
def test_sale_order_does_not_change_the_totals(ss, tt, rate, rng):
    shuffled = rng.sample(ss, len(ss))
    a, b = settle(ss, tt, rate, F(6)), settle(shuffled, tt, rate, F(6))
    assert a.received == b.received
    assert {part: a.total(part) for part in PARTS} == {part: b.total(part) for part in PARTS}


def test_a_huge_year():
    year = settle([Sale(f"m{i}", F(i % 40, 10), 100_000_000) for i in range(24)], terms(organic=True), 100_000, F(12))
    assert year.balance() == 0
