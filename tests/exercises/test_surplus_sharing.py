"""The surplus-sharing model: the session's worked example and properties that must hold for any inputs."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
from conftest import same_in_any_order
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises import api
from exercises.models.surplus_sharing import Member, Rules, share_surplus

NAMES = ["Bounmy", "Noy", "Khamla", "Vanh", "Sengdao", "Phet", "Thongdy", "Others"]

PHOU_KAEW = [
    Member("Bounmy", 3_000, 1),
    Member("Noy", 2_200, 1),
    Member("Khamla", 4_500, 1),
    Member("Vanh", 800, 1),
    Member("Sengdao", 1_500, 1),
    Member("Phet", 1_400, 1),
    Member("Thongdy", 2_600, 1),
    Member("Others", 84_000, 53, families=53),
]


RULES = Rules(
    surplus=44_000_000,
    reserve_share=Fraction(3, 10),
    fund_share=Fraction(1, 10),
    share_value=500_000,
    interest_rate=Fraction(5, 100),
)


def rules(**changes) -> Rules:
    return replace(RULES, **changes)


def test_proposal_a_of_the_session_page():
    """Management 6, proposal A, worked out by hand in the facilitator notes."""
    result = share_surplus(PHOU_KAEW, rules())
    assert result.reserve == 13_200_000
    assert result.fund == 4_400_000
    assert result.interest == 1_500_000  # 60 shares × 500,000 × 5%
    assert result.refund_pool == 24_900_000  # 249 kip per kg of 100,000 kg
    assert result.members["Vanh"].cash == 199_200 + 25_000
    assert result.members["Bounmy"].cash == 747_000 + 25_000
    assert result.members["Khamla"].cash == 1_120_500 + 25_000
    # proposal B: the same money shared equally (one share each): 415,000 + 25,000
    assert result.members["Vanh"].cash_by_shares == 440_000
    assert result.members["Others"].cash_by_shares == 53 * 440_000
    assert result.balance() == 0 and result.balance_by_shares() == 0


def test_proposal_c_everything_to_the_reserve():
    result = share_surplus(PHOU_KAEW, rules(reserve_share=Fraction(1), fund_share=Fraction(0)))
    assert result.reserve == 44_000_000
    assert result.interest == 0 and result.interest_cut
    assert all(m.cash == 0 for m in result.members.values())
    assert result.balance() == 0


def test_small_surplus_cuts_the_interest():
    result = share_surplus(PHOU_KAEW, rules(surplus=1_000_000))
    assert result.reserve == 300_000 and result.fund == 100_000
    assert result.interest_due == 1_500_000
    assert result.interest == 600_000  # all that is left
    assert result.refunds == 0
    assert result.members["Vanh"].interest == 10_000  # 600,000 ÷ 60 shares
    assert result.balance() == 0


def test_nobody_delivered_the_refunds_stay_in_the_reserve():
    members = [Member("Noy", 0, 1), Member("Vanh", 0, 2)]
    result = share_surplus(members, rules(surplus=10_000_000))
    assert result.refunds == 0
    assert result.unrefunded == result.refund_pool > 0
    assert result.reserve_total == result.reserve + result.refund_pool
    assert result.members["Vanh"].refund_by_shares == 2 * result.members["Noy"].refund_by_shares
    assert result.balance() == 0 and result.balance_by_shares() == 0


def test_no_members_at_all():
    result = share_surplus([], rules())
    assert result.members == {}
    assert result.interest == 0
    assert result.reserve_total == 44_000_000 - result.fund
    assert result.balance() == 0 and result.balance_by_shares() == 0


def test_rounding_leftovers_are_shared_to_the_kip():
    nothing_kept = rules(surplus=100, reserve_share=Fraction(0), fund_share=Fraction(0), interest_rate=Fraction(0))
    result = share_surplus([Member("A", 1, 1), Member("B", 1, 1), Member("C", 1, 1)], nothing_kept)
    assert sorted(m.refund for m in result.members.values()) == [33, 33, 34]
    assert result.balance() == 0


def test_rejects_impossible_rules():
    with pytest.raises(ValueError, match="100%"):
        share_surplus(PHOU_KAEW, rules(reserve_share=Fraction(8, 10), fund_share=Fraction(3, 10)))
    with pytest.raises(ValueError, match="only once"):
        share_surplus([Member("Noy", 1, 1), Member("Noy", 2, 1)], rules())
    with pytest.raises(ValueError, match="less than 0"):
        share_surplus(PHOU_KAEW, rules(surplus=-1))


def test_the_exercise_checks_the_by_laws():
    errors = api.update("surplus-sharing", "en", {"reserve_share": "20", "interest_rate": "6"})["errors"]
    assert "30%" in errors["reserve_share"] and "5%" in errors["interest_rate"]
    assert api.update("surplus-sharing", "en", {"fund_share": "75"})["errors"]["fund_share"]


# ---- Properties ---------------------------------------------------------------------------------

members_lists = st.lists(
    st.builds(Member, st.sampled_from(NAMES), st.integers(0, 200_000), st.integers(0, 60), st.integers(1, 60)),
    max_size=8,
    unique_by=lambda m: m.name,
)
percents = st.fractions(Fraction(0), Fraction(1), max_denominator=1000)
rules_st = st.builds(
    rules,
    surplus=st.integers(0, 10_000_000_000),
    reserve_share=st.fractions(Fraction(0), Fraction(1, 2), max_denominator=1000),
    fund_share=st.fractions(Fraction(0), Fraction(1, 2), max_denominator=1000),
    share_value=st.integers(0, 5_000_000),
    interest_rate=st.fractions(Fraction(0), Fraction(1, 2), max_denominator=1000),
)


@settings(max_examples=400, deadline=None)
@given(members_lists, rules_st)
def test_conservation_to_the_kip(ms, r):
    """Reserve + fund + interest + refunds = surplus, exactly, by kg and by shares, whatever the inputs."""
    result = share_surplus(ms, r)
    assert result.balance() == 0
    assert result.balance_by_shares() == 0
    for m in result.members.values():
        assert all(isinstance(v, int) and v >= 0 for v in (m.interest, m.refund, m.refund_by_shares))
    assert 0 <= result.interest <= result.interest_due
    assert result.reserve + result.fund <= r.surplus


@settings(max_examples=200, deadline=None)
@given(members_lists, rules_st, st.randoms(use_true_random=False))
def test_member_order_does_not_matter(ms, r, rng):
    assert same_in_any_order(lambda members: share_surplus(members, r).members, ms, rng)


@settings(max_examples=200, deadline=None)
@given(members_lists, rules_st, percents)
def test_a_bigger_reserve_never_gives_bigger_refunds(ms, r, more):
    higher = Rules(**{**r.__dict__, "reserve_share": r.reserve_share + (1 - r.reserve_share - r.fund_share) * more})
    assert share_surplus(ms, higher).refund_pool <= share_surplus(ms, r).refund_pool


@settings(max_examples=200, deadline=None)
@given(members_lists, rules_st, st.sampled_from(NAMES), st.integers(1, 50_000))
def test_more_kg_never_means_a_smaller_refund(ms, r, name, extra):
    """Delivering more never lowers a refund by kg (except for one kip of rounding at most)."""
    before = share_surplus(ms, r)
    changed = [Member(m.name, m.kg + extra, m.shares, m.families) if m.name == name else m for m in ms]
    after = share_surplus(changed, r)
    if name in before.members:
        assert after.members[name].refund >= before.members[name].refund - 1


@settings(max_examples=200, deadline=None)
@given(rules_st, st.integers(0, 100_000), st.integers(0, 10))
def test_equal_members_get_equal_cash(r, kg, shares):
    ms = [Member(n, kg, shares) for n in NAMES]
    cash = [m.cash for m in share_surplus(ms, r).members.values()]
    assert max(cash) - min(cash) <= 2  # one kip of rounding in the interest, one in the refund


def test_zero_surplus_gives_nothing_to_anyone():
    result = share_surplus(PHOU_KAEW, rules(surplus=0))
    assert result.reserve == result.fund == result.interest == result.refunds == 0
    assert all(m.cash == 0 and m.cash_by_shares == 0 for m in result.members.values())


def test_thousands_of_members():
    ms = [Member(f"member {i:04d}", 100 + (i * 37) % 5_000, 1 + i % 3) for i in range(5_000)]
    result = share_surplus(ms, rules(surplus=987_654_321))
    assert len(result.members) == 5_000
    assert result.balance() == 0 and result.balance_by_shares() == 0


def test_one_member_gets_all_refunds_and_all_interest():
    result = share_surplus([Member("Noy", 1_234, 3)], rules())
    noy = result.members["Noy"]
    assert noy.refund == noy.refund_by_shares == result.refund_pool
    assert noy.interest == result.interest == 75_000
