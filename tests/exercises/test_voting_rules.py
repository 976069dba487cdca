"""The voting model: worked examples and properties that must hold for any meeting."""

from __future__ import annotations

from fractions import Fraction

import pytest
from conftest import same_in_any_order
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises import api
from exercises.models.voting_rules import METHODS, Member, Rules, count_votes
from exercises.voting_rules import MEMBERS


def rules(**changes) -> Rules:
    values = dict(quorum=Fraction(1, 2), base="present", qualified=Fraction(3, 4), proposal="bylaws")
    values.update(changes)
    return Rules(**values)


def phou_kaew() -> list[Member]:
    """The 20 founding families of the exercise's defaults (16 present: 11 yes, 5 no)."""
    return [
        Member(name, village, shares, kg, present == "yes", vote)
        for name, village, shares, kg, present, vote in MEMBERS
    ]


def meeting_of(votes: list[str], absent: int) -> list[Member]:
    """Members who each hold 1 share and bring 1,000 kg: the given votes, then ``absent`` who did not come."""
    present = [Member(f"p{i}", "phou_kaew", 1, 1_000, True, v) for i, v in enumerate(votes)]
    return present + [Member(f"a{i}", "nam_sai", 1, 1_000, False, "abstain") for i in range(absent)]


def test_worked_example_by_hand():
    """Five members, three present: every number can be checked with a pencil."""
    members = [
        Member("Noy", "phou_kaew", 2, 1_000, True, "yes"),
        Member("Khamla", "nam_sai", 1, 5_000, True, "no"),
        Member("Vanh", "nam_sai", 1, 500, True, "abstain"),
        Member("Phet", "kok_mai", 3, 800, False, "yes"),  # absent: her vote does not count
        Member("Sengdao", "kok_mai", 1, 700, False, "no"),
    ]
    meeting = count_votes(members, rules(quorum=Fraction(1, 2), proposal="ordinary"))
    assert meeting.quorum_needed == 3 and meeting.quorate  # 50% of 5 = 2.5, so 3
    member = meeting.counts["member"]
    assert (member.yes, member.no, member.abstain, member.absent, member.base) == (1, 1, 1, 2, 3)
    assert member.needed_simple == 2 and not meeting.passes("member")  # the blank vote works like a no
    shares = meeting.counts["shares"]
    assert (shares.yes, shares.base, shares.needed_simple) == (2, 4, 3) and not meeting.passes("shares")
    kg = meeting.counts["kg"]
    assert (kg.yes, kg.no, kg.base) == (1_000, 5_000, 6_500) and not meeting.passes("kg")
    cast = count_votes(members, rules(base="cast", proposal="ordinary"))
    assert cast.counts["member"].base == 2 and not cast.passes("member")  # 1 of 2 is exactly half: not more
    assert cast.counts["shares"].needed_simple == 2 and cast.passes("shares")  # 2 of 3 shares cast
    assert meeting.villages["nam_sai"].present == 2 and meeting.villages["kok_mai"].present == 0
    assert meeting.balance() == 0


def test_phou_kaew_story_numbers():
    """Session E3: 16 of 20 came; quorum 50% → 10; by-law clause needs 12 of 16, got 11: fails."""
    meeting = count_votes(phou_kaew(), rules())
    assert (meeting.members, meeting.present, meeting.quorum_needed) == (20, 16, 10)
    assert meeting.counts["member"].yes == 11 and meeting.counts["member"].no == 5
    assert meeting.needed("member") == 12 and not meeting.passes("member")
    assert meeting.counts["shares"].yes == 21 and meeting.needed("shares") == 21 and meeting.passes("shares")
    assert meeting.counts["kg"].yes == 23_000 and meeting.counts["kg"].present == 47_000
    assert not meeting.passes("kg")
    assert meeting.totals == {"member": 20, "shares": 31, "kg": 50_000}
    ordinary = count_votes(phou_kaew(), rules(proposal="ordinary"))
    assert ordinary.needed("member") == 9 and ordinary.passes("member")
    assert meeting.balance() == 0


def test_proposal_one_passes_just():
    """Proposal 1: 9 yes, 6 no, 1 blank of 16 present; more than half of 16 is 9, so it passes."""
    members = meeting_of(["yes"] * 9 + ["no"] * 6 + ["abstain"], absent=4)
    meeting = count_votes(members, rules(proposal="ordinary"))
    assert meeting.needed("member") == 9 and meeting.passes("member")
    assert count_votes(members, rules(proposal="ordinary", base="cast")).needed("member") == 8


def test_nine_members_are_no_quorum_at_fifty_percent_but_enough_at_twenty_five():
    members = meeting_of(["yes"] * 9, absent=11)
    assert not count_votes(members, rules()).quorate
    assert not count_votes(members, rules(proposal="ordinary")).passes("member")
    low = count_votes(members, rules(quorum=Fraction(1, 4), proposal="ordinary"))
    assert low.quorum_needed == 5 and low.quorate and low.passes("member")


def test_two_thirds_needs_fewer_votes_than_three_quarters():
    members = meeting_of(["yes"] * 11 + ["no"] * 5, absent=4)
    assert count_votes(members, rules(qualified=Fraction(2, 3))).needed("member") == 11  # 16 × 2/3 = 10.7
    assert count_votes(members, rules(qualified=Fraction(2, 3))).passes("member")


def test_zero_and_empty():
    empty = count_votes([], rules(quorum=Fraction(0)))
    assert empty.members == 0 and not empty.quorate and not any(empty.passes(m) for m in METHODS)
    assert empty.balance() == 0
    all_blank = count_votes(meeting_of(["abstain"] * 3, absent=0), rules(base="cast"))
    assert all_blank.counts["member"].base == 0 and not all_blank.passes("member")
    no_shares = [Member("Noy", "phou_kaew", 0, 0, True, "yes")]
    meeting = count_votes(no_shares, rules())
    assert meeting.passes("member") and not meeting.passes("shares") and not meeting.passes("kg")


def test_rejects_unknown_votes_and_rules():
    with pytest.raises(ValueError, match="unknown vote"):
        count_votes([Member("Noy", "phou_kaew", 1, 1, True, "maybe")], rules())
    with pytest.raises(ValueError, match="majority base"):
        count_votes([], rules(base="everyone"))


# ---- Properties ---------------------------------------------------------------------------------

member_rows = st.lists(
    st.tuples(
        st.sampled_from(["phou_kaew", "nam_sai", "kok_mai"]),
        st.integers(0, 20),
        st.integers(0, 20_000),
        st.booleans(),
        st.sampled_from(["yes", "no", "abstain"]),
    ),
    max_size=40,
)
all_rules = st.builds(
    rules,
    quorum=st.fractions(Fraction(0), Fraction(1), max_denominator=100),
    base=st.sampled_from(["cast", "present"]),
    qualified=st.sampled_from([Fraction(2, 3), Fraction(3, 4)]),
    proposal=st.sampled_from(["ordinary", "bylaws"]),
)


def members_from(rows) -> list[Member]:
    return [
        Member(f"member {i}", village, shares, kg, present, vote)
        for i, (village, shares, kg, present, vote) in enumerate(rows)
    ]


@settings(max_examples=300, deadline=None)
@given(member_rows, all_rules)
def test_every_vote_is_counted_once(rows, r):
    meeting = count_votes(members_from(rows), r)
    assert meeting.balance() == 0
    assert sum(v.members for v in meeting.villages.values()) == meeting.members
    assert sum(v.yes + v.no + v.abstain for v in meeting.villages.values()) == meeting.present


@settings(max_examples=200, deadline=None)
@given(member_rows, all_rules, st.randoms(use_true_random=False))
def test_row_order_does_not_matter(rows, r, rng):
    members = members_from(rows)
    assert same_in_any_order(lambda rows: count_votes(rows, r), members, rng)


@settings(max_examples=300, deadline=None)
@given(member_rows, all_rules, st.integers(0, 20), st.integers(0, 20_000))
def test_adding_a_yes_vote_never_turns_pass_into_fail(rows, r, shares, kg):
    members = members_from(rows)
    before = count_votes(members, r)
    after = count_votes([*members, Member("newcomer", "kok_mai", shares, kg, True, "yes")], r)
    for method in METHODS:
        if before.passes(method):
            assert after.passes(method)
    assert after.quorate or not before.quorate


@settings(max_examples=300, deadline=None)
@given(member_rows, all_rules, st.data())
def test_changing_a_vote_to_yes_never_turns_pass_into_fail(rows, r, data):
    members = members_from(rows)
    if not members:
        return
    index = data.draw(st.integers(0, len(members) - 1))
    changed = list(members)
    changed[index] = Member(**{**members[index].__dict__, "present": True, "vote": "yes"})
    before, after = count_votes(members, r), count_votes(changed, r)
    for method in METHODS:
        if before.passes(method):
            assert after.passes(method)


@settings(max_examples=200, deadline=None)
@given(member_rows, all_rules, st.fractions(Fraction(0), Fraction(1), max_denominator=100))
def test_a_higher_quorum_is_never_easier(rows, r, higher):
    members = members_from(rows)
    low = count_votes(members, Rules(**{**r.__dict__, "quorum": min(r.quorum, higher)}))
    high = count_votes(members, Rules(**{**r.__dict__, "quorum": max(r.quorum, higher)}))
    assert low.quorate or not high.quorate


def test_thousands_of_members():
    members = [
        Member(
            f"member {i:04d}",
            ["phou_kaew", "nam_sai", "kok_mai"][i % 3],
            1 + i % 4,
            500 + (i * 37) % 5_000,
            i % 5 != 0,
            ["yes", "yes", "no", "abstain"][i % 4],
        )
        for i in range(5_000)
    ]
    meeting = count_votes(members, rules(proposal="ordinary"))
    assert meeting.members == 5_000 and meeting.present == 4_000 and meeting.quorate
    assert meeting.balance() == 0


# ---- The exercise on the page ------------------------------------------------------------------


def test_the_exercise_refuses_a_name_twice_and_takes_an_empty_table():
    rows = [
        {"name": "Noy", "village": "phou_kaew", "shares": "1", "kg": "100", "present": "yes", "vote": "yes"},
        {"name": "noy", "village": "nam_sai", "shares": "1", "kg": "100", "present": "yes", "vote": "no"},
    ]
    assert "members.1.name" in api.update("voting-rules", "en", {"members": rows})["errors"]
    assert api.update("voting-rules", "en", {"members": []})["ok"]
    assert api.update("voting-rules", "lo", {"quorum": "100"})["ok"]
