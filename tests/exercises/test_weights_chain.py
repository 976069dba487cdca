"""The weights-chain model: worked examples and properties that must hold for any inputs."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.models.weights_chain import Capacity, Price, Ratios, chain, follow, people_for

RATIOS = Ratios(Fraction(5), Fraction(5, 4), Fraction(0))
CAPACITY = Capacity(cherry_per_member=2_400, cherry_per_ha=1_600, picker_kg_per_day=75)
PRICES = [Price("cherry", 1_500, 3_200), Price("parchment", 15_000, 16_500), Price("green", 11_570, 19_580)]


def test_worked_example_by_hand():
    """The Phou Kaew numbers of session C3: every figure can be checked with a pencil."""
    result = chain(60_000, RATIOS, 320, 60, CAPACITY, PRICES)
    lot = result.lot
    assert (lot.cherry, lot.parchment, lot.green, lot.export_green) == (60_000, 12_000, 9_600, 9_600)
    assert (lot.wet_mill_loss, lot.hulling_loss, lot.sorted_out) == (48_000, 2_400, 0)
    assert result.containers == Fraction(1, 2)
    assert result.container_green_kg == 19_200
    assert result.container.cherry == 120_000  # 19,200 × 1.25 × 5
    assert result.container_people.families == 50  # 120,000 ÷ 2,400
    assert result.container_people.hectares == 75  # 120,000 ÷ 1,600
    assert result.container_people.picker_days == 1_600  # 120,000 ÷ 75
    assert result.lot_people.families == 25
    values = {v.stage: v for v in result.values}
    assert (values["cherry"].value_low, values["cherry"].value_high) == (90_000_000, 192_000_000)
    assert (values["parchment"].value_low, values["parchment"].value_high) == (180_000_000, 198_000_000)
    assert values["green"].value_low == 9_600 * 11_570
    assert values["parchment"].per_cherry_low == 3_000  # 15,000 ÷ 5
    assert values["green"].per_cherry_high == Fraction(19_580 * 4, 25)  # 19,580 ÷ 6.25
    assert lot.balance() == 0


def test_kc2_khamla_and_the_bean_game():
    """Session KC2: 600 kg of cherry → 120 kg of parchment → 96 kg of green coffee."""
    lot = follow(600, RATIOS)
    assert (lot.parchment, lot.green) == (120, 96)


def test_sorting_loss_and_strict_ratio():
    sorted_ = chain(60_000, Ratios(Fraction(5), Fraction(5, 4), Fraction(1, 5)), 320, 60, CAPACITY, [])
    assert sorted_.lot.export_green == 7_680  # 9,600 × 0.8
    assert sorted_.lot.sorted_out == 1_920
    assert sorted_.container.cherry == 150_000  # 19,200 ÷ 0.8 × 6.25
    assert sorted_.container_people.picker_days == 2_000
    strict = follow(60_000, Ratios(Fraction(5), Fraction(8, 5), Fraction(0)))
    assert strict.export_green == 7_500  # 12,000 ÷ 1.6


def test_jcfc_example_sorting_a_quarter():
    """JCFC: 60 t of parchment gave 36 t of quality green — 1.25 and 25% sorted out."""
    lot = follow(300_000, Ratios(Fraction(5), Fraction(5, 4), Fraction(1, 4)))
    assert lot.parchment == 60_000
    assert lot.export_green == 36_000


def test_zero_cherry_and_no_prices():
    result = chain(0, RATIOS, 320, 60, CAPACITY, [])
    assert result.lot.export_green == 0 and result.lot.balance() == 0
    assert result.containers == 0
    assert result.values == []
    assert result.container.cherry == 120_000


def test_values_come_in_chain_order_whatever_the_row_order():
    result = chain(1_000, RATIOS, 320, 60, CAPACITY, list(reversed(PRICES)))
    assert [v.stage for v in result.values] == ["cherry", "parchment", "green"]


def test_rejects_impossible_inputs():
    with pytest.raises(ValueError, match="sorting loss"):
        follow(100, Ratios(Fraction(5), Fraction(5, 4), Fraction(1)))
    with pytest.raises(ValueError, match="at least 1"):
        follow(100, Ratios(Fraction(1, 2), Fraction(5, 4), Fraction(0)))
    with pytest.raises(ValueError, match="unknown stage"):
        chain(100, RATIOS, 320, 60, CAPACITY, [Price("roasted", 1, 2)])
    with pytest.raises(ValueError, match="bag"):
        chain(100, RATIOS, 0, 60, CAPACITY, [])


# ---- Properties ---------------------------------------------------------------------------------

ratios = st.builds(
    Ratios,
    st.fractions(Fraction(1), Fraction(20), max_denominator=100),
    st.fractions(Fraction(1), Fraction(5), max_denominator=100),
    st.fractions(Fraction(0), Fraction(9, 10), max_denominator=1000),
)
cherry = st.integers(0, 100_000_000)


@settings(max_examples=400, deadline=None)
@given(cherry, ratios)
def test_no_kg_appears_or_vanishes(kg, r):
    """Cherry = wet-mill loss + hulling loss + sorted out + export green, in whole kg, for any inputs."""
    lot = follow(kg, r)
    assert lot.balance() == 0
    parts = (lot.wet_mill_loss, lot.hulling_loss, lot.sorted_out, lot.export_green)
    assert all(isinstance(p, int) and p >= 0 for p in parts)
    assert lot.cherry >= lot.parchment >= lot.green >= lot.export_green >= 0


@settings(max_examples=300, deadline=None)
@given(cherry, ratios)
def test_whole_kg_are_within_half_a_kg_of_the_exact_weights(kg, r):
    lot = follow(kg, r)
    parchment = Fraction(kg) / r.cherry_per_parchment
    green = parchment / r.parchment_per_green
    half = Fraction(1, 2)
    assert abs(lot.parchment - parchment) <= half
    assert abs(lot.green - green) <= half
    assert abs(lot.export_green - green * (1 - r.sorting_loss)) <= half


@settings(max_examples=300, deadline=None)
@given(cherry, st.integers(1, 10_000), ratios)
def test_more_cherry_never_gives_less_coffee(kg, extra, r):
    before, after = follow(kg, r), follow(kg + extra, r)
    assert after.export_green >= before.export_green
    assert after.parchment >= before.parchment


@settings(max_examples=300, deadline=None)
@given(
    ratios, st.fractions(Fraction(0), Fraction(1, 2), max_denominator=100), st.integers(1, 2_000), st.integers(1, 100)
)
def test_more_sorting_or_a_higher_ratio_needs_more_cherry_per_container(r, more, bags, bag_kg):
    base = chain(0, r, bags, bag_kg, CAPACITY, [])
    more_sorting = Ratios(r.cherry_per_parchment, r.parchment_per_green, min(r.sorting_loss + more, Fraction(95, 100)))
    higher_ratio = Ratios(r.cherry_per_parchment, r.parchment_per_green + more, r.sorting_loss)
    assert chain(0, more_sorting, bags, bag_kg, CAPACITY, []).container.cherry >= base.container.cherry
    assert chain(0, higher_ratio, bags, bag_kg, CAPACITY, []).container.cherry >= base.container.cherry
    # the container's cherry (rounded up) always gives at least a full container
    assert base.container.cherry >= base.container_cherry_exact > base.container.cherry - 1


@settings(max_examples=200, deadline=None)
@given(cherry, ratios, st.lists(st.integers(0, 1_000_000), min_size=6, max_size=6), st.randoms(use_true_random=False))
def test_price_row_order_does_not_matter_and_higher_prices_never_lower_values(kg, r, numbers, rng):
    prices = [
        Price(stage, min(a, b), max(a, b))
        for stage, a, b in zip(("cherry", "parchment", "green"), numbers[::2], numbers[1::2], strict=False)
    ]
    shuffled = rng.sample(prices, len(prices))
    first = chain(kg, r, 320, 60, CAPACITY, prices)
    assert first.values == chain(kg, r, 320, 60, CAPACITY, shuffled).values
    higher = chain(kg, r, 320, 60, CAPACITY, [Price(p.stage, p.low + 1, p.high + 1) for p in prices])
    for a, b in zip(first.values, higher.values, strict=False):
        assert b.value_low >= a.value_low and b.value_high >= a.value_high
        assert a.value_low <= a.value_high


@given(st.integers(0, 10_000_000))
def test_people_scale_with_the_cherry(kg):
    people = people_for(kg, CAPACITY)
    assert people.families * 2_400 == kg
    assert people.picker_days * 75 == kg


def test_a_very_large_harvest():
    result = chain(100_000_000, RATIOS, 320, 60, CAPACITY, PRICES)
    assert result.lot.export_green == 16_000_000
    assert result.containers == Fraction(16_000_000, 19_200)
    assert result.lot.balance() == 0
