"""Exercise: voting rules — quorum, simple and qualified majority, one member one vote or by shares or kg.

Where it is used: Establishment 3 ("Structure and by-laws"). The defaults are the members' meeting
of that session: Phou Kaew has 20 founding member families in Ban Phou Kaew, Ban Nam Sai and Ban
Kok Mai; 16 came. The draft by-laws say: quorum 50%; simple majority (more than half of the
members present) for ordinary decisions; three-quarters of the members present for by-law
clauses. Proposal 2, the by-law clause "each member brings at least 80% of their cherry to the
co-op", got 11 yes and 5 no. The seven founders vote as their role cards suggest (Mr Khamla, who
owes cherry to the trader, and Mr Thongdy against); the other thirteen families are invented for
this exercise. Shares (of 500,000 kip, session E2) and kg of cherry (50,000 kg in all, session E1)
are story numbers chosen so that the three ways of counting give three different answers; Mrs Vanh
picks her 800 kg a season (0.5 ha at 1,600 kg per ha, as in the weights chain).

Facts (see the references page): one member, one vote (ica-1995); quorum examples from 25% to
50% in Asian co-operative laws (fao-coop-law-asia); three-quarters of those present for by-law
changes, more than half otherwise, in Viet Nam's law (vietnam-coop-law). Lao rules were not
verified: groups should check with the district office.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from exercises.core.exercise import fill
from exercises.core.i18n import N_, Translator
from exercises.core.outputs import BarChart, Msg, Notices, Outputs, ResultTable
from exercises.core.params import Choice, Integer, Table, Text
from exercises.core.questions import Case, ChoiceAnswer, NumberAnswer, questions_from
from exercises.models import voting_rules
from exercises.shared import ONE_ROW_PER_MEMBER, QUORUM, ratio

# ---- What the learner can change ----------------------------------------------------------------

VILLAGES = (
    ("phou_kaew", N_("Ban Phou Kaew")),
    ("nam_sai", N_("Ban Nam Sai")),
    ("kok_mai", N_("Ban Kok Mai")),
)
VOTE_OPTIONS = (("yes", N_("yes")), ("no", N_("no")), ("abstain", N_("blank")))
PRESENT_OPTIONS = (("yes", N_("present")), ("no", N_("absent")))
QUALIFIED_OPTIONS = (("2/3", N_("two-thirds")), ("3/4", N_("three-quarters")))

#: The 20 founding families: name, village, shares, kg of cherry a season, present?, vote.
MEMBERS = [
    (N_("Bounmy"), "phou_kaew", 4, 5_000, "yes", "yes"),
    (N_("Noy"), "phou_kaew", 3, 4_000, "yes", "yes"),
    (N_("Somphone"), "phou_kaew", 2, 2_700, "yes", "yes"),
    (N_("Keo"), "phou_kaew", 1, 1_500, "yes", "yes"),
    (N_("Chanthaly"), "phou_kaew", 1, 1_000, "yes", "yes"),
    (N_("Douangchai"), "phou_kaew", 1, 4_000, "yes", "no"),
    (N_("Latsamy"), "phou_kaew", 1, 1_500, "yes", "yes"),
    (N_("Oudom"), "phou_kaew", 1, 1_000, "no", "abstain"),
    (N_("Khamla"), "nam_sai", 1, 7_000, "yes", "no"),
    (N_("Vanh"), "nam_sai", 1, 800, "yes", "yes"),
    (N_("Bouasone"), "nam_sai", 1, 3_500, "yes", "no"),
    (N_("Viengkham"), "nam_sai", 1, 1_000, "yes", "yes"),
    (N_("Sisouk"), "nam_sai", 1, 500, "no", "abstain"),
    (N_("Khamphone"), "nam_sai", 1, 1_000, "no", "abstain"),
    (N_("Sengdao"), "kok_mai", 2, 2_500, "yes", "yes"),
    (N_("Phet"), "kok_mai", 4, 2_000, "yes", "yes"),
    (N_("Thongdy"), "kok_mai", 2, 6_500, "yes", "no"),
    (N_("Daovone"), "kok_mai", 1, 1_000, "yes", "yes"),
    (N_("Phonsavanh"), "kok_mai", 1, 3_000, "yes", "no"),
    (N_("Souk"), "kok_mai", 1, 500, "no", "abstain"),
]

PROPOSAL_OPTIONS = (
    ("ordinary", N_("an ordinary decision: it needs more than half")),
    ("bylaws", N_("a change to the by-laws: it needs a qualified majority")),
)

BASE_OPTIONS = (
    ("present", N_("the members present (a blank vote works like a no)")),
    ("cast", N_("the yes and no votes (blank votes do not count)")),
)

#: Each field's name, kind, default and bounds; its label, unit and help are in voting_rules.toml.
PARAMS = [
    QUORUM,
    Choice(name="proposal", default="bylaws", options=PROPOSAL_OPTIONS),
    Choice(name="base", default="present", options=BASE_OPTIONS),
    Choice(name="qualified", default="3/4", options=QUALIFIED_OPTIONS),
    Table(
        name="members",
        key_column="name",
        key_message=ONE_ROW_PER_MEMBER,
        columns=[
            Text(name="name"),
            Choice(name="village", options=VILLAGES),
            Integer(name="shares", min=0, max=10_000),
            Integer(name="kg", min=0, max=10_000_000),
            Choice(name="present", options=PRESENT_OPTIONS),
            Choice(name="vote", options=VOTE_OPTIONS),
        ],
        default=[
            {"name": n, "village": v, "shares": s, "kg": kg, "present": p, "vote": vote}
            for n, v, s, kg, p, vote in MEMBERS
        ],
        min_rows=0,
        max_rows=5_000,
    ),
]


# ---- From the form to the model and back --------------------------------------------------------


def run(model: Any, values: Mapping[str, Any]) -> Any:
    """Give the learner's numbers to the model (the original, or the learner's edited copy)."""
    rules = fill(model.Rules, values, qualified=Fraction(values["qualified"]))
    members = [
        model.Member(r["name"], r["village"], r["shares"], r["kg"], r["present"] == "yes", r["vote"])
        for r in values["members"]
    ]
    return model.count_votes(members, rules)


METHOD_LABELS = {
    "member": N_("One member, one vote"),
    "shares": N_("By shares"),
    "kg": N_("By kg of cherry"),
}
VILLAGE_LABELS = dict(VILLAGES)
VILLAGE_ORDER = {key: index for index, (key, _) in enumerate(VILLAGES)}
VOTE_LABELS = dict(VOTE_OPTIONS)


# A table or chart here is its id and its numbers; its caption, columns and titles are in voting_rules.toml.
def show(result: Any, values: Mapping[str, Any], t: Translator) -> Outputs:
    """Quorum, the votes counted three ways, villages and each member's say; a chart; notes."""
    quorum_table = ResultTable(
        id="quorum",
        rows=[
            [
                result.members,
                result.present,
                values["quorum"],
                result.quorum_needed,
                Msg(N_("yes")) if result.quorate else Msg(N_("no: no quorum")),
            ]
        ],
    )

    def outcome(method: str) -> Msg:
        if not result.quorate:
            return Msg(N_("no decision: no quorum"))
        return Msg(N_("passes")) if result.passes(method) else Msg(N_("fails"))

    counts = [result.counts[m] for m in voting_rules.METHODS]
    votes_table = ResultTable(
        id="votes",
        rows=[
            [
                Msg(METHOD_LABELS[c.method]),
                c.yes,
                c.no,
                c.abstain,
                c.absent,
                c.base,
                c.yes_share,
                c.needed_simple,
                c.needed_qualified,
                outcome(c.method),
            ]
            for c in counts
        ],
    )

    village_table = ResultTable(
        id="villages",
        rows=[
            [Msg(VILLAGE_LABELS.get(v.village, v.village)), v.members, v.present, v.yes, v.no, v.abstain]
            for v in sorted(result.villages.values(), key=lambda v: (VILLAGE_ORDER.get(v.village, 99), v.village))
        ],
    )

    present_weight = {m: result.counts[m].present for m in voting_rules.METHODS}
    say_rows = []
    for row in values["members"]:
        if row["present"] != "yes":
            continue
        weights = {"member": 1, "shares": row["shares"], "kg": row["kg"]}
        say_rows.append(
            [row["name"], Msg(VOTE_LABELS[row["vote"]])]
            + [ratio(weights[m], present_weight[m]) for m in voting_rules.METHODS]
        )
    say_table = ResultTable(
        id="say",
        rows=say_rows,
    )

    def of_present(part: int, method: str) -> Fraction:
        return ratio(part, present_weight[method]) * 100

    chart = BarChart(
        id="chart",
        labels=[Msg(METHOD_LABELS[m]) for m in voting_rules.METHODS],
        series=[
            (N_("Yes"), [of_present(result.counts[m].yes, m) for m in voting_rules.METHODS]),
            (N_("No"), [of_present(result.counts[m].no, m) for m in voting_rules.METHODS]),
            (N_("Blank"), [of_present(result.counts[m].abstain, m) for m in voting_rules.METHODS]),
            (N_("Yes needed to pass"), [of_present(result.needed(m), m) for m in voting_rules.METHODS]),
        ],
        kind="num",
    )

    return Outputs(
        key=Msg(N_("Members needed for a quorum: {count}"), {"count": result.quorum_needed}),
        tables=[quorum_table, votes_table, village_table, say_table],
        charts=[chart] if result.members else [],
        notices=_notices(result),
        numbers={
            "balance": result.balance(),
            "members": result.members,
            "present": result.present,
            "quorum_needed": result.quorum_needed,
            "quorate": result.quorate,
            "yes": {m: result.counts[m].yes for m in voting_rules.METHODS},
            "no": {m: result.counts[m].no for m in voting_rules.METHODS},
            "needed": {m: result.needed(m) for m in voting_rules.METHODS},
            "passes": {m: result.passes(m) for m in voting_rules.METHODS},
        },
    )


#: What the other ways of counting would decide, when they differ from one member, one vote.
OTHER_WAY = {
    ("shares", True): N_(
        "Counted by shares instead, the proposal would pass: the members with the most shares "
        "would decide for the others."
    ),
    ("shares", False): N_(
        "Counted by shares instead, the proposal would fail: the members with the most shares "
        "would decide for the others."
    ),
    ("kg", True): N_(
        "Counted by kg of cherry instead, the proposal would pass: the members who bring the most "
        "cherry would decide for the others."
    ),
    ("kg", False): N_(
        "Counted by kg of cherry instead, the proposal would fail: the members who bring the most "
        "cherry would decide for the others."
    ),
}


def _notices(result: Any) -> Notices:
    """Plain words for what a group might not expect."""
    notices = Notices()
    if not result.members:
        notices.info(N_("No members yet: add a row for each member to the table."))
        return notices
    member = result.counts["member"]
    if not result.quorate:
        notices.warning(
            N_(
                "Only {present} of the {members} members are present, and the quorum needs {needed}. The meeting "
                "cannot decide anything: it must be called again."
            ),
            present=result.present,
            members=result.members,
            needed=result.quorum_needed,
        )
        return notices
    if result.passes("member"):
        notices.success(
            N_("One member, one vote: the proposal passes with {yes} yes votes; it needed at least {needed}."),
            yes=member.yes,
            needed=result.needed("member"),
        )
    else:
        notices.warning(
            N_("One member, one vote: the proposal fails with {yes} yes votes; it needed at least {needed}."),
            yes=member.yes,
            needed=result.needed("member"),
        )
    if result.rules.proposal == "ordinary" and member.base > 0 and 2 * member.yes == member.base:
        notices.info(
            N_("Exactly half of the votes are yes. Half is not more than half, so the simple majority is not reached.")
        )
    if result.rules.base == "present" and member.abstain > 0:
        notices.info(
            N_(
                "The {count} blank votes work like no votes here, because majorities are counted out of the "
                "members present."
            ),
            count=member.abstain,
        )
    for method in ("shares", "kg"):
        other = result.passes(method)
        if other != result.passes("member"):
            notices.info(OTHER_WAY[(method, other)])
    return notices


# ---- Questions: predict, then check -------------------------------------------------------------


def _heaviest_by_kg(case: Case) -> str:
    """The member present whose vote would weigh the most if votes were counted by kg."""
    present = [r for r in case.values["members"] if r["present"] == "yes"]
    return sorted(present, key=lambda r: (-r["kg"], r["name"]))[0]["name"]


def _kg_yes_share(case: Case) -> Fraction:
    count = case.result.counts["kg"]
    return ratio(count.yes, count.present) * 100


#: How each question is answered and checked; its words and the answer worked out by hand are in voting_rules.toml.
QUESTIONS = questions_from(
    __file__,
    {
        "quorum": (lambda case: case.result.quorum_needed, NumberAnswer(unit=N_("members"))),
        "bylaw-needed": (lambda case: case.result.needed("member"), NumberAnswer(unit=N_("votes"))),
        "ordinary-needed": (lambda case: case.result.needed("member"), NumberAnswer(unit=N_("votes"))),
        "kg-share": (_kg_yes_share, NumberAnswer(unit=N_("%"), tolerance=Fraction(1, 2), places=1)),
        "heaviest": (
            _heaviest_by_kg,
            ChoiceAnswer(
                options=lambda case: [(r["name"], r["name"]) for r in case.values["members"] if r["present"] == "yes"]
            ),
        ),
    },
)
