"""The side-selling model: worked examples and properties that must hold for any inputs."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import kip_exact, same_in_any_order
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.models.side_selling import Member, Season, simulate

NAMES = ["Bounmy", "Noy", "Khamla", "Vanh", "Sengdao", "Phet", "Thongdy"]

PHOU_KAEW = [
    Member("Bounmy", 400, 500),
    Member("Noy", 300, 400),
    Member("Khamla", 800, 100, owed_kg=1_600),
    Member("Vanh", 100, 0, needs_cash=True),
    Member("Sengdao", 200, 300),
    Member("Phet", 200, 200),
    Member("Thongdy", 500, 0, owed_kg=400, needs_cash=True),
]
PRICES = dict(enumerate([2_500, 2_700, 2_900, 3_100, 3_200, 3_200, 3_000, 2_800], start=1))


SEASON = Season(
    advance=2_700, sale_value=3_300, fixed_costs=5_400_000, contract_kg=18_000, penalty=100, trader_prices=PRICES
)


def season(**changes) -> Season:
    return replace(SEASON, **changes)


def test_worked_example_by_hand():
    """Two members, two weeks: every number can be checked with a pencil."""
    members = [Member("Noy", 100, 0), Member("Bounmy", 100, 1_000)]
    result = simulate(
        members,
        season(
            advance=2_000,
            sale_value=3_000,
            fixed_costs=100_000,
            contract_kg=400,
            penalty=0,
            trader_prices={1: 2_500, 2: 3_000},
        ),
    )
    week1, week2 = result.weeks
    # Week 1: 400 kg expected; 100,000 ÷ 400 = 250 per kg; final 3,000 − 2,000 − 250 = 750; the co-op
    # pays 2,750, the trader 2,500: both come.
    assert week1.expected_kg == 400 and week1.fixed_per_kg == 250 and week1.expected_final == 750
    assert week1.coop_kg == 200
    # Week 2: 200 received + 100 + 100 = 400 expected, final 750 again; the trader pays 3,000, 250 more
    # than the co-op: more than Noy's margin (0), less than Bounmy's (1,000).
    assert week2.expected_kg == 400 and week2.side_sellers == ["Noy"] and week2.delivering == ["Bounmy"]
    # Settlement: 300 kg; sales 900,000 − fixed 100,000 − advances 600,000 = 200,000 for final payments,
    # shared 100 : 200 → 66,666.67 and 133,333.33: the left-over kip goes to the larger remainder (Noy).
    assert result.sales == 900_000 and result.advances == 600_000 and result.finals == 200_000
    noy, bounmy = result.members["Noy"], result.members["Bounmy"]
    assert (noy.final, bounmy.final) == (66_667, 133_333)
    assert noy.income == 200_000 + 66_667 + 300_000
    assert noy.all_to_trader == 100 * 2_500 + 100 * 3_000
    assert noy.gain == 16_667
    assert result.balance() == 0


def test_phou_kaew_death_spiral():
    """The default numbers of the exercise, worked out by hand in ``exercises/side_selling.py``."""
    result = simulate(PHOU_KAEW, season())
    assert [len(w.delivering) for w in result.weeks] == [6, 6, 5, 4, 1, 0, 0, 0]
    assert [w.expected_kg for w in result.weeks] == [18_000, 18_000, 18_000, 14_400, 10_400, 7_600, 6_400, 6_400]
    assert result.weeks[3].expected_final == 200
    assert result.coop_kg == 6_400
    assert result.penalty == 1_160_000
    assert result.finals == -2_720_000
    assert result.final_per_kg == -425
    assert result.members["Bounmy"].gain == -1_210_000
    assert min(result.members.values(), key=lambda m: m.gain).name == "Bounmy"
    assert result.balance() == 0


def test_responses_that_stop_the_spiral():
    assert simulate(PHOU_KAEW, season(advance=3_000)).coop_kg == 12_500
    lower_costs = simulate(PHOU_KAEW, season(fixed_costs=2_700_000))
    assert lower_costs.coop_kg == 12_600 and lower_costs.finals == 4_320_000
    trusting = [replace(m, trust_margin=1_000) for m in PHOU_KAEW]
    result = simulate(trusting, season())
    assert all(not w.side_sellers for w in result.weeks if w.number < 3)


def test_debts_are_paid_first_even_in_part_of_a_week():
    result = simulate([Member("Thongdy", 500, 10_000, owed_kg=700)], season(contract_kg=0))
    weeks = result.weeks
    assert [w.owed["Thongdy"] for w in weeks[:3]] == [500, 200, 0]
    assert [w.to_coop["Thongdy"] for w in weeks[:3]] == [0, 300, 500]
    thongdy = result.members["Thongdy"]
    assert thongdy.owed_kg == 700
    assert thongdy.all_to_trader == sum(PRICES.values()) * 500 - 500 * 2_500 - 200 * 2_700


def test_no_cherry_at_all_costs_come_from_own_funds():
    result = simulate([Member("Noy", 100, 0)], season(trader_prices={1: 99_999}))
    assert result.coop_kg == 0
    assert result.from_funds == 5_400_000 + 100 * 18_000
    assert result.balance() == 0
    empty = simulate([], season(trader_prices={}))
    assert empty.weeks == [] and empty.members == {} and empty.balance() == 0


def test_when_the_co_op_expects_nothing_only_cash_seekers_may_come():
    """Week 1: everyone sells. Week 2: the co-op expects no cherry, so no final payment can be expected."""
    members = [Member("Noy", 100, 0), Member("Vanh", 100, 0, needs_cash=True)]
    result = simulate(members, season(trader_prices={1: 9_000, 2: 1_000}))
    week2 = result.weeks[1]
    assert week2.expected_kg == 0 and week2.expected_final is None
    assert week2.side_sellers == ["Noy"] and week2.delivering == ["Vanh"]
    assert result.balance() == 0


def test_rejects_duplicate_names():
    with pytest.raises(ValueError, match="only once"):
        simulate([Member("Noy", 1, 0), Member("Noy", 2, 0)], season())


# ---- Properties ---------------------------------------------------------------------------------

members_strategy = st.lists(
    st.builds(
        Member,
        st.sampled_from(NAMES),
        st.integers(0, 2_000),
        st.integers(0, 3_000),
        st.integers(0, 5_000),
        st.booleans(),
    ),
    max_size=7,
    unique_by=lambda m: m.name,
)
prices_strategy = st.lists(st.integers(0, 6_000), min_size=0, max_size=10).map(lambda ps: dict(enumerate(ps, start=1)))
seasons = st.builds(
    Season,
    advance=st.integers(0, 5_000),
    sale_value=st.integers(0, 6_000),
    fixed_costs=st.integers(0, 50_000_000),
    contract_kg=st.integers(0, 100_000),
    penalty=st.integers(0, 2_000),
    trader_prices=prices_strategy,
)


@settings(max_examples=300, deadline=None)
@given(members_strategy, seasons)
def test_conservation_to_the_kip_and_to_the_kg(ms, s):
    """Money in = money out exactly; every kg picked goes to the co-op, the trader or a debt."""
    result = simulate(ms, s)
    assert kip_exact(result)
    for m in ms:
        r = result.members[m.name]
        assert r.coop_kg + r.trader_kg + r.owed_kg == r.harvest == m.kg_per_week * len(s.trader_prices)
        assert r.owed_kg == min(m.owed_kg, r.harvest)
    assert result.coop_kg == sum(w.coop_kg for w in result.weeks)


@settings(max_examples=200, deadline=None)
@given(members_strategy, seasons, st.randoms(use_true_random=False))
def test_member_order_does_not_matter(ms, s, rng):
    assert same_in_any_order(lambda members: simulate(members, s).members, ms, rng)


@settings(max_examples=200, deadline=None)
@given(members_strategy, seasons, st.integers(1, 3_000))
def test_a_higher_advance_never_brings_less_cherry(ms, s, extra):
    """Members who count the final payment too see no change; members who need cash can only stay longer."""
    assert simulate(ms, replace(s, advance=s.advance + extra)).coop_kg >= simulate(ms, s).coop_kg


@settings(max_examples=200, deadline=None)
@given(members_strategy, seasons, st.integers(1, 3_000))
def test_more_trust_never_brings_less_cherry(ms, s, extra):
    trusting = [replace(m, trust_margin=m.trust_margin + extra) for m in ms]
    assert simulate(trusting, s).coop_kg >= simulate(ms, s).coop_kg


@settings(max_examples=200, deadline=None)
@given(members_strategy, seasons, st.integers(0, 50_000_000))
def test_lower_fixed_costs_never_bring_less_cherry(ms, s, cut):
    cheaper = replace(s, fixed_costs=max(0, s.fixed_costs - cut))
    assert simulate(ms, cheaper).coop_kg >= simulate(ms, s).coop_kg


@settings(max_examples=200, deadline=None)
@given(members_strategy, seasons, st.integers(0, 2_000))
def test_a_lower_trader_price_never_brings_less_cherry(ms, s, cut):
    lower = replace(s, trader_prices={w: max(0, p - cut) for w, p in s.trader_prices.items()})
    assert simulate(ms, lower).coop_kg >= simulate(ms, s).coop_kg


@settings(max_examples=100, deadline=None)
@given(members_strategy, seasons)
def test_without_a_trader_worth_leaving_for_everyone_stays(ms, s):
    """If the trader never pays more than the advance (and the co-op expects a final payment of at least 0)."""
    s = replace(
        s,
        trader_prices={w: min(p, s.advance) for w, p in s.trader_prices.items()},
        sale_value=s.advance + s.fixed_costs + s.penalty * s.contract_kg,
    )
    result = simulate(ms, s)
    assert not any(w.side_sellers for w in result.weeks)


def test_thousands_of_members():
    members = [
        Member(f"member {i:04d}", 50 + (i * 37) % 400, (i * 53) % 800, (i * 7) % 300 if i % 5 == 0 else 0, i % 4 == 0)
        for i in range(5_000)
    ]
    planned = sum(m.kg_per_week * 8 - min(m.owed_kg, m.kg_per_week * 8) for m in members)
    result = simulate(members, season(fixed_costs=300 * planned, contract_kg=planned))
    assert len(result.members) == 5_000
    assert result.weeks[0].expected_kg == planned
    assert result.balance() == 0


def test_zero_and_extreme_inputs():
    zero = simulate([Member("Noy", 0, 0)], season(fixed_costs=0, contract_kg=0))
    assert zero.coop_kg == 0 and zero.from_funds == 0 and zero.balance() == 0
    huge = simulate(
        [Member("Noy", 10_000_000, 0)],
        season(advance=1_000_000, sale_value=1_000_000, fixed_costs=10**11, trader_prices={1: 0}),
    )
    assert huge.coop_kg == 10_000_000 and huge.balance() == 0


# ---- The exercise built on the model ------------------------------------------------------------


def test_the_exercise_shows_the_spiral():
    from exercises import api

    shown = api.update("side-selling", "en", {})
    assert shown["ok"] and shown["numbers"]["balance"] == 0 and shown["numbers"]["coop_kg"] == 6_400
    assert "death spiral" in shown["html"]
