"""The exchange-rate model: worked examples and properties that must hold for any inputs."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
from conftest import kip_exact, same_in_any_order
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.core.money import LB_PER_KG
from exercises.models.exchange_rate import Sale, settle

#: US$ per lb that makes exactly US$2 per kg of green coffee (1 lb = 0.45359237 kg).
TWO_DOLLARS_A_KG = 2 / LB_PER_KG
PHOU_KAEW = {"Bounmy": 3_000, "Khamla": 4_500, "Vanh": 800, "Other members": 21_940}


SALE = Sale(
    price_usd_lb=Fraction("1.80"),
    cherry_per_green=Fraction(6),
    advance=10_000,
    costs=3_000,
    rate_contract=21_400,
    rate_payment=20_000,
    protection="none",
    fixed_rate=21_000,
    reserve=10_000_000,
)


def sale(**changes) -> Sale:
    return replace(SALE, **changes)


def test_worked_example_by_hand():
    """600 kg of cherry = 100 kg of green = US$200; every number can be checked with a pencil."""
    result = settle(
        {"Noy": 400, "Vanh": 200},
        sale(
            price_usd_lb=TWO_DOLLARS_A_KG,
            advance=3_000,
            costs=1_000,
            rate_contract=21_000,
            rate_payment=20_000,
            reserve=150_000,
        ),
    )
    assert result.usd == 200
    assert result.expected.kip == 4_200_000 and result.received.kip == 4_000_000
    assert result.advances == 1_800_000 and result.costs == 600_000
    assert result.expected.pool == 1_800_000  # 4,200,000 − 2,400,000
    assert result.received.pool == 1_600_000
    assert result.gap == 200_000
    assert result.reserve_used == 150_000 and result.reserve_left == 0
    # 1,750,000 shared 400 : 200 → 1,166,666.67 and 583,333.33: the left-over kip goes to Noy.
    assert result.members["Noy"].final == 1_166_667
    assert result.members["Vanh"].final == 583_333
    assert result.members["Noy"].expected_final == 1_200_000
    assert result.balance() == 0


def test_phou_kaew_defaults():
    """The default numbers of the exercise, worked out by hand in ``exercises/exchange_rate.py``."""
    result = settle(PHOU_KAEW, sale())
    assert abs(result.usd - 20_000) < 1
    assert result.expected.kip == 428_007_200
    assert result.gap == 28_000_471
    assert round(result.final_per_kg) == 558
    assert round(settle(PHOU_KAEW, sale(rate_payment=23_000)).final_per_kg) == 2_212
    assert round(settle(PHOU_KAEW, sale(protection="fixed", reserve=0)).final_per_kg) == 889
    assert result.balance() == 0


def test_a_fixed_rate_ignores_the_payment_day():
    a = settle(PHOU_KAEW, sale(protection="fixed", rate_payment=9_000))
    b = settle(PHOU_KAEW, sale(protection="fixed", rate_payment=40_000))
    assert a.members == b.members and a.rate_used == 21_000


def test_a_gain_goes_to_members_and_leaves_the_reserve_alone():
    result = settle(PHOU_KAEW, sale(rate_payment=23_000))
    assert result.gap < 0 and result.reserve_used == 0 and result.reserve_left == 10_000_000
    assert result.finals == result.received.pool


def test_old_rates_do_not_pay_todays_advances():
    result = settle(PHOU_KAEW, sale())
    assert result.at(8_900).pool < 0  # 2020: about 178,000,000 kip, less than the advances
    assert result.at(21_400) == result.expected


def test_no_cherry_no_money():
    result = settle({"Noy": 0}, sale())
    assert result.usd == 0 and result.finals == 0 and result.reserve_used == 0 and result.balance() == 0
    assert settle({}, sale()).balance() == 0


def test_rejects_unknown_protection():
    with pytest.raises(ValueError):
        settle(PHOU_KAEW, sale(protection="hope"))


# ---- Properties ---------------------------------------------------------------------------------

deliveries = st.dictionaries(
    st.sampled_from(["Bounmy", "Noy", "Khamla", "Vanh", "Sengdao", "Phet", "Thongdy"]),
    st.integers(0, 100_000),
    max_size=7,
)
rates = st.integers(1_000, 100_000)
sales = st.builds(
    sale,
    price_usd_lb=st.fractions(Fraction(0), Fraction(10), max_denominator=100),
    cherry_per_green=st.fractions(Fraction(3), Fraction(12), max_denominator=100),
    advance=st.integers(0, 50_000),
    costs=st.integers(0, 20_000),
    rate_contract=rates,
    rate_payment=rates,
    protection=st.sampled_from(["none", "fixed"]),
    fixed_rate=rates,
    reserve=st.integers(0, 10**9),
)


@settings(max_examples=400, deadline=None)
@given(deliveries, sales)
def test_conservation_to_the_kip(ds, s):
    """Kip received + reserve = advances + costs + final payments + reserve left, exactly."""
    result = settle(ds, s)
    assert kip_exact(result)
    assert sum(m.expected_final for m in result.members.values()) == (result.expected.pool if ds else 0)
    assert 0 <= result.reserve_used <= s.reserve
    # The reserve never pays more than what is missing.
    assert result.finals <= max(result.expected.pool, result.received.pool) or not ds


@settings(max_examples=200, deadline=None)
@given(deliveries, sales, st.randoms(use_true_random=False))
def test_member_order_does_not_matter(ds, s, rng):
    assert same_in_any_order(lambda items: settle(dict(items), s).members, list(ds.items()), rng)


@settings(max_examples=200, deadline=None)
@given(deliveries, sales, st.integers(1, 20_000))
def test_more_kip_per_dollar_never_pays_members_less(ds, s, more):
    s = replace(s, protection="none")
    assert settle(ds, replace(s, rate_payment=s.rate_payment + more)).finals >= settle(ds, s).finals


@settings(max_examples=200, deadline=None)
@given(deliveries, sales, st.integers(1, 10**9))
def test_a_bigger_reserve_never_pays_members_less(ds, s, more):
    assert settle(ds, replace(s, reserve=s.reserve + more)).finals >= settle(ds, s).finals


@settings(max_examples=200, deadline=None)
@given(deliveries, sales)
def test_a_big_enough_reserve_pays_what_was_expected(ds, s):
    result = settle(ds, replace(s, reserve=10**12))
    assert result.finals >= result.expected.pool or not ds


def test_thousands_of_members():
    ds = {f"member {i:04d}": 100 + (i * 37) % 3_000 for i in range(5_000)}
    result = settle(ds, sale())
    assert len(result.members) == 5_000
    assert result.balance() == 0


# ---- The exercise built on the model ------------------------------------------------------------


def test_the_exercise_shows_the_gap():
    from exercises import api

    shown = api.update("exchange-rate", "en", {})
    assert shown["ok"] and shown["numbers"]["balance"] == 0 and shown["numbers"]["gap"] == 28_000_471
