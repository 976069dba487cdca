"""The pooled-pricing model: worked examples and properties that must hold for any inputs."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
from conftest import kip_exact, same_in_any_order
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from exercises.models.pooled_pricing import Delivery, Lot, Season, price_alone, settle

NAMES = ["Bounmy", "Noy", "Khamla", "Vanh", "Sengdao", "Phet", "Thongdy"]


SEASON = Season(
    advance=2_000,
    cherry_per_green=Fraction(6),
    price_unit="usd_lb",
    kip_per_usd=8_900,
    processing_cost=600,
    transport_cost=150,
    certification_cost=3_000_000,
    interest_per_month=Fraction(15, 1000),
    loan_months=3,
    reserve_share=Fraction(1, 10),
    trader_prices={w: 2_000 + 100 * w for w in range(1, 13)},
    alone_prices={},
)


def season(**changes) -> Season:
    return replace(SEASON, **changes)


LOTS = [
    Lot("A", 8, Fraction(1, 2), Fraction("1.40")),
    Lot("A", 12, Fraction(1, 2), Fraction("1.25")),
    Lot("B", 10, Fraction(1), Fraction("1.10")),
]


def test_worked_example_by_hand():
    """One member, one grade, kip prices: every number can be checked with a pencil."""
    result = settle(
        [Delivery("Noy", 1, "A", 600)],
        [Lot("A", 2, Fraction(1), Fraction(30_000))],  # 30,000 kip per kg of green coffee
        season(
            price_unit="kip_kg",
            cherry_per_green=Fraction(6),
            certification_cost=0,
            interest_per_month=Fraction(0),
            reserve_share=Fraction(1, 10),
            advance=2_000,
        ),
    )
    pool = result.pools["A"]
    assert pool.green_kg == 100
    assert pool.sales == 3_000_000  # 100 kg × 30,000
    assert pool.costs == 600 * 750  # 450,000 processing + transport
    assert pool.reserve == 255_000  # 10 % of 2,550,000
    noy = result.members["Noy"]
    assert noy.share == 2_295_000
    assert noy.advance == 1_200_000
    assert noy.final == 1_095_000
    assert noy.trader == 600 * 2_100
    assert result.balance() == 0


CARDS = {"Bounmy": 750, "Noy": 550, "Khamla": 1_000, "Vanh": 200, "Sengdao": 400, "Phet": 350, "Thongdy": 650}
PRICE_CARD = {0: 2_600, 500: 2_800, 2_500: 3_100}


def test_the_selling_game_of_key_concepts_3_by_hand():
    """Round 2 of the game: 3,900 kg × 3,100 = 12,090,000; minus the truck and bags 390,000 = 11,700,000,
    3,000 kip per kg; advance 2,000, final payment 1,000. Each card against selling it alone (round 1)."""
    result = settle(
        [Delivery(name, 1, "A", kg) for name, kg in CARDS.items()],
        [Lot("A", 1, Fraction(1), Fraction(3_100))],
        season(price_unit="kip_kg_cherry", processing_cost=0, transport_cost=100, certification_cost=0,
               interest_per_month=Fraction(0), loan_months=0, reserve_share=Fraction(0), alone_prices=PRICE_CARD),
    )  # fmt: skip
    assert result.sales == 12_090_000 and result.costs == 390_000 and result.reserve == 0
    assert {n: m.final for n, m in result.members.items()} == {n: kg * 1_000 for n, kg in CARDS.items()}
    assert result.members["Vanh"].advance == 400_000 and result.members["Vanh"].share == 600_000
    alone = {n: m.trader for n, m in result.members.items()}
    assert alone == {"Bounmy": 2_100_000, "Noy": 1_540_000, "Khamla": 2_800_000, "Vanh": 520_000,
                     "Sengdao": 1_040_000, "Phet": 910_000, "Thongdy": 1_820_000}  # fmt: skip
    assert sum(alone.values()) == 10_730_000  # round 1's total
    assert result.balance() == 0


def test_the_price_card():
    assert [price_alone(kg, PRICE_CARD) for kg in (0, 499, 500, 2_499, 2_500, 10_000)] == [
        2_600, 2_600, 2_800, 2_800, 3_100, 3_100]  # fmt: skip
    with pytest.raises(ValueError, match="no price for a lot of 100 kg"):
        price_alone(100, {500: 2_800})


def test_advance_too_high_gives_negative_final_payment():
    result = settle([Delivery("Vanh", 5, "A", 800)], LOTS[:2], season(advance=9_000))
    assert result.members["Vanh"].final < 0
    assert result.balance() == 0


def test_no_deliveries_costs_come_from_the_reserve():
    result = settle([], LOTS, season())
    assert result.members == {}
    assert result.sales == 0
    assert result.reserve == -3_000_000
    assert result.balance() == 0


def test_rejects_unsold_grade_and_unknown_week():
    with pytest.raises(ValueError, match="100%"):
        settle([Delivery("Noy", 1, "B", 10)], LOTS[:2], season())
    with pytest.raises(ValueError, match="week 40"):
        settle([Delivery("Noy", 40, "A", 10)], LOTS, season())


# ---- Properties ---------------------------------------------------------------------------------

deliveries = st.lists(
    st.builds(
        Delivery, st.sampled_from(NAMES), st.integers(1, 12), st.sampled_from(["A", "B"]), st.integers(0, 50_000)
    ),
    max_size=25,
)
seasons = st.builds(
    season,
    advance=st.integers(0, 20_000),
    kip_per_usd=st.integers(1_000, 30_000),
    cherry_per_green=st.fractions(Fraction(3), Fraction(10), max_denominator=100),
    processing_cost=st.integers(0, 3_000),
    transport_cost=st.integers(0, 1_000),
    certification_cost=st.integers(0, 50_000_000),
    interest_per_month=st.fractions(Fraction(0), Fraction(1, 10), max_denominator=1000),
    loan_months=st.integers(0, 12),
    reserve_share=st.fractions(Fraction(0), Fraction(1), max_denominator=100),
)
prices = st.fractions(Fraction(0), Fraction(5), max_denominator=100)


def lots_for(price_a: Fraction, price_b: Fraction, split: Fraction) -> list[Lot]:
    return [
        Lot("A", 6, split, price_a),
        Lot("A", 12, 1 - split, price_a * Fraction(9, 10)),
        Lot("B", 9, Fraction(1), price_b),
    ]


@settings(max_examples=300, deadline=None)
@given(deliveries, seasons, prices, prices, st.fractions(Fraction(0), Fraction(1), max_denominator=10))
def test_conservation_to_the_kip(ds, s, pa, pb, split):
    """Sales = advances + final payments + costs + reserve, exactly, whatever the inputs."""
    result = settle(ds, lots_for(pa, pb, split), s)
    assert kip_exact(result, "share")
    for pool in result.pools.values():
        assert pool.sales - pool.costs - pool.reserve == pool.for_members


@settings(max_examples=100, deadline=None)
@given(deliveries, st.integers(0, 10_000), st.fractions(Fraction(3), Fraction(10), max_denominator=100))
def test_a_price_per_kg_of_cherry_does_not_depend_on_the_ratio(ds, price, ratio):
    """Sold in kip per kg of cherry, a grade earns its kg × the price, whatever the cherry/green ratio."""
    lots = [Lot("A", 1, Fraction(1), Fraction(price)), Lot("B", 1, Fraction(1), Fraction(price))]
    result = settle(ds, lots, season(price_unit="kip_kg_cherry", cherry_per_green=ratio))
    assert result.sales == sum(d.kg for d in ds) * price
    assert result.balance() == 0


@settings(max_examples=200, deadline=None)
@given(deliveries, seasons, prices, prices, st.randoms(use_true_random=False))
def test_member_order_does_not_matter(ds, s, pa, pb, rng):
    lots = lots_for(pa, pb, Fraction(1, 2))
    assert same_in_any_order(lambda deliveries: settle(deliveries, lots, s).members, ds, rng)


@settings(max_examples=200, deadline=None)
@given(deliveries, seasons, st.sampled_from(NAMES), st.sampled_from(["A", "B"]), st.integers(1, 5_000))
def test_more_kg_of_the_same_grade_never_earns_less(ds, s, name, grade, extra):
    """When coffee earns more than its costs, delivering more of a grade never earns a member less.

    (If a pool loses money — fixed costs bigger than what its coffee earns — every extra kg
    carries part of the loss, and that is what the model must show, so such seasons are skipped.)
    """
    s = Season(
        **{
            **s.__dict__,
            "kip_per_usd": 20_000,
            "processing_cost": min(s.processing_cost, 500),
            "transport_cost": min(s.transport_cost, 200),
            "interest_per_month": Fraction(0),
        }
    )
    lots = lots_for(Fraction(2), Fraction(2), Fraction(1, 2))  # about 13,000 kip of sales per kg of cherry
    before = settle(ds, lots, s)
    after = settle([*ds, Delivery(name, 3, grade, extra)], lots, s)
    assume(
        all(p.for_members >= 0 for p in before.pools.values()) and all(p.for_members >= 0 for p in after.pools.values())
    )
    had = before.members[name].share if name in before.members else 0
    assert after.members[name].share >= had


def test_thousands_of_members():
    ds = [Delivery(f"member {i:04d}", 1 + i % 12, "AB"[i % 2], 100 + (i * 37) % 3_000) for i in range(5_000)]
    result = settle(ds, LOTS, season())
    assert len(result.members) == 5_000
    assert result.balance() == 0


def test_one_member_gets_the_whole_pool():
    result = settle([Delivery("Noy", 1, "A", 1_000), Delivery("Noy", 2, "B", 500)], LOTS, season())
    noy = result.members["Noy"]
    assert noy.share == sum(p.for_members for p in result.pools.values())
