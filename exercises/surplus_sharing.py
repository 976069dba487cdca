"""Exercise: sharing the year-end surplus — reserve, interest on shares, a fund, refunds by kg.

Where it is used: Management 6 (Finance: advances, surplus and risk), the year-end surplus decision.

Defaults: the session page's case. Phou Kaew's real costs were 44,000,000 kip lower than what it
charged its 60 member families for 100,000 kg of cherry; each family holds one share of 500,000
kip. The example by-laws say at least 30% of a surplus goes to the reserve and interest on shares
is at most 5% a year; the board's proposal (A) adds 10% for a training fund and refunds the rest
by kg. Mrs Vanh delivered 800 kg, Mr Bounmy 3,000 kg and Mr Khamla 4,500 kg (as on the page); the
other named members' kg are invented to fit their farm sizes (CONTENT.md §4), and the remaining 53
families are one row. The uses of a surplus and "limited compensation on capital" are from the ICA
Statement on the Co-operative Identity, principle 3 (ica-1995); Lao rules on reserves were not
verified (decree-136).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from fractions import Fraction
from typing import Any

from exercises.core.exercise import fill
from exercises.core.i18n import N_, Translator
from exercises.core.money import per_kg, round_kip
from exercises.core.outputs import BarChart, Msg, Notices, Outputs, ResultTable
from exercises.core.params import Integer, Percent, Problem, problem
from exercises.core.questions import Case, NumberAnswer, questions_from
from exercises.shared import (
    MEMBER,
    WHICH_MEMBER,
    amounts_table,
    first_by,
    in_kip,
    in_kip_per_kg,
    kip_amount,
    members_table,
    ratio,
)

# ---- What the learner can change ----------------------------------------------------------------

#: Each field's name, kind, default and bounds; its label, unit and help are in surplus_sharing.toml.
PARAMS = [
    kip_amount("surplus", 44_000_000),
    Percent(name="reserve_share", default="30", min=0, max=100, places=1),
    Percent(name="fund_share", default="10", min=0, max=100, places=1),
    Integer(name="share_value", default=500_000, min=0, max=1_000_000_000),
    Percent(name="interest_rate", default="5", min=0, max=50, places=1),
    Percent(name="min_reserve", default="30", min=0, max=100, places=1),
    Percent(name="max_interest", default="5", min=0, max=50, places=1),
    members_table(
        columns=[
            replace(MEMBER, max_length=60),
            Integer(name="families", min=1, max=1_000_000),
            Integer(name="kg", min=0, max=1_000_000_000),
            Integer(name="shares", min=0, max=10_000_000),
        ],
        default=[
            {"member": N_("Bounmy"), "families": 1, "kg": 3_000, "shares": 1},
            {"member": N_("Noy"), "families": 1, "kg": 2_200, "shares": 1},
            {"member": N_("Khamla"), "families": 1, "kg": 4_500, "shares": 1},
            {"member": N_("Vanh"), "families": 1, "kg": 800, "shares": 1},
            {"member": N_("Sengdao"), "families": 1, "kg": 1_500, "shares": 1},
            {"member": N_("Phet"), "families": 1, "kg": 1_400, "shares": 1},
            {"member": N_("Thongdy"), "families": 1, "kg": 2_600, "shares": 1},
            {"member": N_("All other members"), "families": 53, "kg": 84_000, "shares": 53},
        ],
        min_rows=1,
        max_rows=5_000,
    ),
]


def validate(values: Mapping[str, Any]) -> Iterator[Problem]:
    """Checks across fields: the by-law limits, 100% at most, one row per name, a share per family."""
    if values["reserve_share"] < values["min_reserve"]:
        yield problem(
            "reserve_share",
            N_("Your by-laws send at least {min}% of a surplus to the reserve."),
            min=values["min_reserve"] * 100,
        )
    if values["interest_rate"] > values["max_interest"]:
        yield problem(
            "interest_rate",
            N_("Your by-laws allow at most {max}% interest on shares."),
            max=values["max_interest"] * 100,
        )
    if values["reserve_share"] + values["fund_share"] > 1:
        yield problem(
            "fund_share",
            N_("The reserve and the fund together take {total}% of the surplus; they can take at most 100%."),
            total=(values["reserve_share"] + values["fund_share"]) * 100,
        )
    for index, row in enumerate(values["members"]):
        if row["shares"] < row["families"]:
            yield problem(
                f"members.{index}.shares",
                N_("Every member family holds at least one share: this row needs at least {count} shares."),
                count=row["families"],
            )


# ---- From the form to the model and back --------------------------------------------------------


def run(model: Any, values: Mapping[str, Any]) -> Any:
    """Give the learner's numbers to the model (the original, or the learner's edited copy)."""
    rules = fill(model.Rules, values)
    members = [model.Member(r["member"], r["kg"], r["shares"], r["families"]) for r in values["members"]]
    return model.share_surplus(members, rules)


def _per_family(amount: int, families: int) -> int:
    return round_kip(Fraction(amount, max(families, 1)))


# A table or chart here is its id and its numbers; its caption, columns and titles are in surplus_sharing.toml.
def show(result: Any, values: Mapping[str, Any], t: Translator) -> Outputs:
    """The surplus's uses, each member's cash by kg and by shares, a chart, and notes."""
    money_rows = [
        (N_("Indivisible reserve"), result.reserve),
        (N_("Education and community fund"), result.fund),
        (N_("Interest on shares"), result.interest),
        (N_("Refunds by kg delivered"), result.refunds),
    ]
    if result.unrefunded:
        money_rows.append((N_("Refunds nobody can receive (kept in the reserve)"), result.unrefunded))
    money_table = amounts_table(
        money_rows,
        footer=(N_("Surplus minus everything above (must be 0)"), result.balance()),
    )
    members = list(result.members.values())
    member_table = ResultTable(
        id="members",
        rows=[
            [m.name, m.families, m.kg, m.shares, m.interest, m.refund, m.cash, m.cash_by_shares, m.difference]
            for m in members
        ],
        footer=[
            Msg(N_("All members")),
            result.families,
            result.total_kg,
            result.total_shares,
            result.interest,
            result.refunds,
            result.interest + result.refunds,
            result.interest + result.refunds_by_shares,
            None,
        ],
    )
    chart = BarChart(
        id="chart",
        labels=[m.name for m in members],
        series=[
            (N_("Refunds by kg delivered"), [_per_family(m.cash, m.families) for m in members]),
            (N_("Refunds by shares held"), [_per_family(m.cash_by_shares, m.families) for m in members]),
        ],
    )
    notices = Notices()
    left = result.surplus - result.reserve - result.fund
    if result.surplus == 0:
        notices.info(N_("There is no surplus to share this year."))
    elif left == 0:
        notices.info(
            N_(
                "The reserve and the fund take the whole surplus: no interest on shares and no refunds this year. "
                "The reserve grows by {reserve}."
            ),
            reserve=t.kip(result.reserve_total),
        )
    elif result.interest_cut:
        notices.warning(
            N_(
                "After the reserve and the fund only {left} is left, less than the {due} of interest due on the shares. "
                "The interest is cut to {paid} and nothing is left for refunds."
            ),
            left=t.kip(left),
            due=t.kip(result.interest_due),
            paid=t.kip(result.interest),
        )
    elif result.refund_pool == 0:
        notices.info(
            N_(
                "Nothing is left for refunds: members get no cash back by kg this year. The reserve grows by {reserve}."
            ),
            reserve=t.kip(result.reserve_total),
        )
    if result.unrefunded:
        notices.warning(
            N_("Nobody delivered any coffee, so {amount} cannot be refunded by kg. It stays in the reserve."),
            amount=t.kip(result.unrefunded),
        )
    if result.refund_pool > 0 and result.total_kg > 0 and result.total_shares > 0:
        notices.info(
            N_(
                "Refunds by kg pay {refund} kip per kg; refunds by shares would pay {per_share} kip per share. "
                "A member who delivers more than {weight} kg per share gets more by kg; one who delivers less gets more by shares."
            ),
            refund=Fraction(result.refund_pool, result.total_kg),
            per_share=round_kip(Fraction(result.refund_pool, result.total_shares)),
            weight=Fraction(result.total_kg, result.total_shares),
        )
    if not members:
        notices.info(N_("No members yet: add a row to the members table."))
    return Outputs(
        key=Msg(
            N_("Refund per kg delivered: {amount}"), {"amount": t.kip(per_kg(result.refund_pool, result.total_kg) or 0)}
        ),
        tables=[money_table, member_table],
        charts=[chart] if members else [],
        notices=notices,
        numbers={
            "balance": result.balance(),
            "balance_by_shares": result.balance_by_shares(),
            "reserve": result.reserve_total,
            "fund": result.fund,
            "interest": result.interest,
            "refunds": result.refunds,
            "cash": {m.name: m.cash for m in members},
            "cash_by_shares": {m.name: m.cash_by_shares for m in members},
        },
    )


# ---- Questions: predict, then check -------------------------------------------------------------


def _refund_per_kg(case: Case) -> Fraction:
    return ratio(case.result.refund_pool, case.result.total_kg)


def _cash(name: str):
    return lambda case: case.row(case.result.members, name).cash


def _loses_most(case: Case) -> str:
    """The family that would lose most (per family) if refunds went by shares instead of by kg."""
    return first_by(case.result.members.values(), lambda m: Fraction(m.difference, max(m.families, 1)))


def _kg_per_share(case: Case) -> Fraction:
    return ratio(case.result.total_kg, case.result.total_shares)


#: How each question is answered and checked; its words and the answer worked out by hand are in surplus_sharing.toml.
QUESTIONS = questions_from(
    __file__,
    {
        "refund-per-kg": (_refund_per_kg, in_kip_per_kg(within=1)),
        "vanh-cash": (_cash(N_("Vanh")), in_kip(within=1_000)),
        "loses-most": (_loses_most, WHICH_MEMBER),
        "break-even-kg": (_kg_per_share, NumberAnswer(unit=N_("kg"), tolerance=10)),
        "reserve-50": (_cash(N_("Bounmy")), in_kip(percent=1)),
    },
)
