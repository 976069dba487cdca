"""The transport-costs model: the session's truck by hand, and properties that must hold for any inputs."""

from __future__ import annotations

from fractions import Fraction

import pytest
from conftest import same_in_any_order
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises import api
from exercises.models.transport_costs import RULES, Truck, Village, share_costs, trips_needed

NAMES = ["Ban Phou Kaew", "Ban Nam Sai", "Ban Kok Mai", "Ban Lak 35", "Ban Nong Luang", "Ban Thong Vay"]
TRUCK = Truck(capacity_kg=4_000, cost_per_trip=400_000, cost_per_km=20_000)
PHOU_KAEW = [Village("Ban Phou Kaew", 8_000, 40), Village("Ban Nam Sai", 4_000, 80), Village("Ban Kok Mai", 8_000, 50)]


def test_the_truck_of_the_session_page():
    """Management 8, step 5, worked out by hand in the facilitator notes."""
    own = share_costs(PHOU_KAEW, TRUCK, "own")
    assert [v.trip_cost for v in own.villages.values()] == [1_200_000, 2_000_000, 1_400_000]
    assert [v.trips for v in own.villages.values()] == [2, 1, 2]
    assert own.bill == 7_200_000
    assert [v.pays for v in own.villages.values()] == [2_400_000, 2_000_000, 2_800_000]  # 300, 500, 350 per kg
    per_kg = share_costs(PHOU_KAEW, TRUCK, "per_kg")
    assert [v.pays for v in per_kg.villages.values()] == [2_880_000, 1_440_000, 2_880_000]  # 360 per kg
    # Mrs Vanh's 160 kg of parchment: 80,000 by own trips, 57,600 with one price, 68,800 half and half
    mix = share_costs(PHOU_KAEW, TRUCK, "own", Fraction(1, 2))
    nam_sai = mix.villages["Ban Nam Sai"]
    assert nam_sai.pays == 1_720_000
    assert 160 * own.villages["Ban Nam Sai"].pays / 4_000 == 80_000
    assert 160 * per_kg.villages["Ban Nam Sai"].pays / 4_000 == 57_600
    assert 160 * nam_sai.pays / nam_sai.kg == 68_800
    assert own.balance() == per_kg.balance() == mix.balance() == 0


def test_cherry_needs_five_times_the_trips():
    result = share_costs(PHOU_KAEW, TRUCK, "per_kg", weight_factor=Fraction(5))
    assert result.trips == 25
    assert result.bill == 10 * 1_200_000 + 5 * 2_000_000 + 10 * 1_400_000
    assert result.balance() == 0


def test_per_trip_charges_a_part_load_as_a_whole_trip():
    villages = [Village("A", 4_000, 10), Village("B", 1_000, 10)]
    result = share_costs(villages, TRUCK, "per_trip")
    assert result.last_load("B") == 1_000
    assert result.villages["A"].pays == result.villages["B"].pays  # one trip each, same price
    assert share_costs(villages, TRUCK, "per_kg").villages["B"].pays < result.villages["B"].pays


def test_distance_rule_falls_back_to_kg_when_every_km_is_zero():
    result = share_costs([Village("A", 3_000, 0), Village("B", 1_000, 0)], TRUCK, "distance")
    assert result.fallback
    assert result.villages["A"].pays == 3 * result.villages["B"].pays
    assert result.balance() == 0


def test_trips_needed_rounds_up():
    assert trips_needed(Fraction(0), 4_000) == 0
    assert trips_needed(Fraction(1), 4_000) == 1
    assert trips_needed(Fraction(4_000), 4_000) == 1
    assert trips_needed(Fraction(4_001), 4_000) == 2


def test_rejects_impossible_inputs():
    with pytest.raises(ValueError, match="unknown rule"):
        share_costs(PHOU_KAEW, TRUCK, "by_luck")
    with pytest.raises(ValueError, match="more than 0 kg"):
        share_costs(PHOU_KAEW, Truck(0, 1, 1))
    with pytest.raises(ValueError, match="only once"):
        share_costs(PHOU_KAEW + PHOU_KAEW[:1], TRUCK)


def test_the_distance_rule_needs_a_distance():
    raw = {"rule": "distance", "villages": [{"village": "A", "kg": "5", "km": "0"}]}
    errors = api.update("transport-costs", "en", raw)["errors"]
    assert "distance" in errors["rule"]


# ---- Properties ---------------------------------------------------------------------------------

village_lists = st.lists(
    st.builds(Village, st.sampled_from(NAMES), st.integers(0, 200_000), st.integers(0, 300)),
    max_size=6,
    unique_by=lambda v: v.name,
)
trucks = st.builds(Truck, st.integers(1, 20_000), st.integers(0, 5_000_000), st.integers(0, 100_000))
shares = st.fractions(Fraction(0), Fraction(1), max_denominator=1000)
factors = st.sampled_from([Fraction(1), Fraction(5), Fraction(9, 2)])


@settings(max_examples=400, deadline=None)
@given(village_lists, trucks, st.sampled_from(RULES), shares, factors)
def test_conservation_to_the_kip(vs, truck, rule, share, factor):
    """What the villages pay adds up to the truck bill, exactly, under every rule and every mix."""
    result = share_costs(vs, truck, rule, share, factor)
    assert result.balance() == 0
    for r in RULES:
        assert sum(v.by_rule[r] for v in result.villages.values()) == result.bill
    assert all(isinstance(v.pays, int) and v.pays >= 0 for v in result.villages.values())


@settings(max_examples=200, deadline=None)
@given(village_lists, trucks, st.sampled_from(RULES), shares, st.randoms(use_true_random=False))
def test_village_order_does_not_matter(vs, truck, rule, share, rng):
    assert same_in_any_order(lambda villages: share_costs(villages, truck, rule, share).villages, vs, rng)


@settings(max_examples=200, deadline=None)
@given(village_lists, trucks, st.sampled_from(RULES), shares)
def test_own_trips_means_each_village_pays_its_own_cost(vs, truck, rule, share):
    result = share_costs(vs, truck, "own")
    assert all(v.pays == v.own_cost for v in result.villages.values())
    # and a village with no coffee pays nothing, whatever the rule
    for v in share_costs(vs, truck, rule, share).villages.values():
        if v.kg == 0:
            assert v.pays == 0 and v.trips == 0


@settings(max_examples=200, deadline=None)
@given(village_lists, trucks, st.sampled_from(NAMES), st.integers(1, 50_000))
def test_more_coffee_never_makes_the_bill_smaller(vs, truck, name, extra):
    more = [Village(v.name, v.kg + extra, v.km) if v.name == name else v for v in vs]
    assert share_costs(more, truck).bill >= share_costs(vs, truck).bill


@settings(max_examples=200, deadline=None)
@given(trucks, st.integers(0, 100_000), st.integers(0, 300), st.sampled_from(RULES), shares)
def test_equal_villages_pay_equal_shares(truck, kg, km, rule, share):
    result = share_costs([Village(n, kg, km) for n in NAMES], truck, rule, share)
    pays = [v.pays for v in result.villages.values()]
    assert max(pays) - min(pays) <= 2  # one kip of rounding in each of the two parts


def test_thousands_of_collection_points():
    vs = [Village(f"point {i:04d}", (i * 137) % 9_000, 5 + i % 90) for i in range(5_000)]
    for rule in RULES:
        result = share_costs(vs, TRUCK, rule, Fraction(3, 4))
        assert len(result.villages) == 5_000
        assert result.balance() == 0


def test_zero_costs_and_empty_lists():
    assert share_costs([], TRUCK).bill == 0
    free = share_costs(PHOU_KAEW, Truck(4_000, 0, 0), "distance")
    assert free.bill == 0 and all(v.pays == 0 for v in free.villages.values())
