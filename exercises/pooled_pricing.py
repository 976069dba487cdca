"""Exercise: pooled pricing — advance, sales over the season, costs, reserve and final payment.

Where it is used: Key concepts 3 ("Sell alone or pool?") and Management 2 (transparent payments).

Defaults: the fictional Phou Kaew group in the 2019/20 season, when arabica cherry fetched
1,500–3,200 kip/kg from traders and the kip was about 8,900 to the US dollar (see the references
page: vietstock-2020, laotiantimes-2024-kip). About 6 kg of cherry make 1 kg of green coffee
(wikiversity-ratios). Export prices, costs and the reserve are assumptions for discussion: groups
should put in their own numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from fractions import Fraction
from typing import Any

from exercises.core.exercise import fill
from exercises.core.i18n import N_, Translator
from exercises.core.money import per_kg
from exercises.core.outputs import BarChart, Column, Msg, Notice, Outputs, ResultTable
from exercises.core.params import Choice, Integer, Number, ParamError, Percent, Table
from exercises.core.questions import Case, ChoiceAnswer, NumberAnswer, Question
from exercises.models import pooled_pricing
from exercises.shared import (
    CHERRY_PER_GREEN,
    KIP_PER_USD,
    MEMBER,
    ONE_ROW_PER_WEEK,
    TRADER_PRICE,
    WEEK,
    amounts_table,
    names,
)

TITLE = N_("Simulation: pooled pricing, advance and final payment")
SUMMARY = N_(
    "Change the advance, the prices or the deliveries and see each member's final payment, "
    "the co-op's reserve, and what selling to the trader would have paid."
)
CODE_TIP = N_(
    "This is the model the form uses. Change it — for example pay grade B the same as grade A — "
    "then press Run. Reset code brings the original back."
)

# ---- What the learner can change ----------------------------------------------------------------

GRADE_OPTIONS = (("A", N_("Grade A")), ("B", N_("Grade B")))

# fmt: off
PARAMS = [
    Integer(name="advance", label=N_("Advance paid at delivery"), unit=N_("kip per kg of cherry"),
            default=2_000, min=0, max=100_000,
            help=N_("Paid in cash when the member brings the cherry.")),
    replace(KIP_PER_USD, default=8_900),
    replace(CHERRY_PER_GREEN, help=N_("About 5 kg of cherry make 1 kg of parchment; 1.25 kg of parchment make 1 kg of green coffee.")),
    Choice(name="price_unit", label=N_("Sale prices are in"), default="usd_lb",
           options=(("usd_lb", N_("US$ per lb of green coffee")), ("kip_kg", N_("kip per kg of green coffee")))),
    Integer(name="processing_cost", label=N_("Processing cost"), unit=N_("kip per kg of cherry"),
            default=600, min=0, max=50_000, help=N_("Pulping, washing, drying, hulling and sorting.")),
    Integer(name="transport_cost", label=N_("Transport cost"), unit=N_("kip per kg of cherry"),
            default=150, min=0, max=50_000),
    Integer(name="certification_cost", label=N_("Certification fee for the season"), unit=N_("kip"),
            default=3_000_000, min=0, max=10_000_000_000),
    Percent(name="interest_per_month", label=N_("Interest on the harvest loan"), unit=N_("% per month"),
            default="1.5", min=0, max=20, places=2,
            help=N_("The co-op borrows the money it pays as advances.")),
    Integer(name="loan_months", label=N_("Months until the loan is repaid"), unit=N_("months"),
            default=3, min=0, max=24),
    Percent(name="reserve_share", label=N_("Reserve kept by the co-op"), unit=N_("% of what is left after costs"),
            default="10", min=0, max=100, places=1),
    Table(
        name="deliveries", label=N_("Deliveries of cherry"),
        help=N_("One row per delivery. A member can deliver several times."),
        columns=[
            MEMBER,
            replace(WEEK, max=12),
            Choice(name="grade", label=N_("Grade"), options=GRADE_OPTIONS),
            Integer(name="kg", label=N_("Cherry"), unit=N_("kg"), min=0, max=10_000_000),
        ],
        default=[
            {"member": N_("Bounmy"), "week": 3, "grade": "A", "kg": 2_400},
            {"member": N_("Bounmy"), "week": 7, "grade": "A", "kg": 1_800},
            {"member": N_("Bounmy"), "week": 9, "grade": "B", "kg": 600},
            {"member": N_("Noy"), "week": 4, "grade": "A", "kg": 1_500},
            {"member": N_("Noy"), "week": 8, "grade": "B", "kg": 500},
            {"member": N_("Khamla"), "week": 2, "grade": "B", "kg": 3_000},
            {"member": N_("Khamla"), "week": 6, "grade": "A", "kg": 1_200},
            {"member": N_("Vanh"), "week": 5, "grade": "A", "kg": 700},
            {"member": N_("Sengdao"), "week": 6, "grade": "A", "kg": 1_600},
            {"member": N_("Phet"), "week": 7, "grade": "B", "kg": 900},
            {"member": N_("Thongdy"), "week": 10, "grade": "A", "kg": 2_000},
        ],
        min_rows=0, max_rows=5_000,
    ),
    Table(
        name="lots", label=N_("Sales of green coffee"),
        help=N_("Each grade is sold in one or more lots; the shares of a grade must add up to 100%."),
        columns=[
            Choice(name="grade", label=N_("Grade"), options=GRADE_OPTIONS),
            WEEK,
            Percent(name="share", label=N_("Share of the grade"), min=0, max=100, places=1),
            Number(name="price", label=N_("Price"), min="0", max="1000000", places=2),
        ],
        default=[
            {"grade": "A", "week": 8, "share": "50", "price": "1.40"},
            {"grade": "A", "week": 12, "share": "50", "price": "1.25"},
            {"grade": "B", "week": 10, "share": "100", "price": "1.10"},
        ],
        min_rows=0, max_rows=50,
    ),
    Table(
        name="trader_prices", key_column="week",
        key_message=ONE_ROW_PER_WEEK,
        label=N_("Trader's cash price for cherry"),
        help=N_("What a trader paid at the farm gate each week (2019/20: 1,500–3,200 kip per kg)."),
        columns=[
            WEEK,
            TRADER_PRICE,
        ],
        default=[{"week": w, "price": p} for w, p in enumerate(
            [2_000, 2_100, 2_300, 2_500, 2_600, 2_800, 3_000, 3_200, 2_900, 2_600, 2_300, 2_000], start=1)],
        min_rows=1, max_rows=52,
    ),
]
# fmt: on


def validate(values: Mapping[str, Any]) -> list[tuple[str, ParamError]]:
    """Checks across fields: every grade with coffee is fully sold; every week has a trader price."""
    problems = []
    delivered = {row["grade"] for row in values["deliveries"] if row["kg"] > 0}
    for grade in sorted(delivered):
        total = sum(row["share"] for row in values["lots"] if row["grade"] == grade)
        if total != 1:
            problems.append(
                (
                    "lots",
                    ParamError(
                        N_("The sales of grade {grade} add up to {total}%; they must add up to 100%."),
                        grade=grade,
                        total=total * 100,
                    ),
                )
            )
    weeks = {row["week"] for row in values["trader_prices"]}
    for index, row in enumerate(values["deliveries"]):
        if row["week"] not in weeks:
            problems.append(
                (
                    f"deliveries.{index}.week",
                    ParamError(N_("There is no trader price for week {week}."), week=row["week"]),
                )
            )
    return problems


# ---- From the form to the model and back --------------------------------------------------------


def run(model: Any, values: Mapping[str, Any]) -> Any:
    """Give the learner's numbers to the model (the original, or the learner's edited copy)."""
    season = fill(model.Season, values, trader_prices={row["week"]: row["price"] for row in values["trader_prices"]})
    deliveries = [fill(model.Delivery, r) for r in values["deliveries"]]
    lots = [fill(model.Lot, r) for r in values["lots"]]
    return model.settle(deliveries, lots, season)


def show(result: Any, values: Mapping[str, Any], t: Translator) -> Outputs:
    """Three tables (pools, money, members), a chart, and notes that explain surprises."""
    pools = [result.pools[g] for g in pooled_pricing.GRADES if result.pools[g].cherry_kg > 0]
    pool_table = ResultTable(
        id="pools",
        caption=N_("Each grade's pool"),
        columns=[
            Column(N_("Grade")),
            Column(N_("Cherry (kg)"), "kg"),
            Column(N_("Green coffee (kg)"), "kg"),
            Column(N_("Sales (kip)"), "kip"),
            Column(N_("Costs (kip)"), "kip"),
            Column(N_("Reserve (kip)"), "kip"),
            Column(N_("For members (kip)"), "kip"),
            Column(N_("For members per kg of cherry (kip)"), "kip"),
        ],
        rows=[
            [
                Msg(N_("Grade {grade}"), {"grade": p.grade}),
                p.cherry_kg,
                p.green_kg,
                p.sales,
                p.costs,
                p.reserve,
                p.for_members,
                per_kg(p.for_members, p.cherry_kg),
            ]
            for p in pools
        ],
    )
    money_rows = [
        (N_("Sales of green coffee"), result.sales),
        (N_("Processing"), sum(p.processing for p in result.pools.values())),
        (N_("Transport"), sum(p.transport for p in result.pools.values())),
        (N_("Certification fee"), sum(p.certification for p in result.pools.values())),
        (N_("Interest on the harvest loan"), sum(p.interest for p in result.pools.values())),
    ]
    if result.reserve_drawn:
        money_rows.append((N_("Costs with no coffee to carry them"), result.reserve_drawn))
    money_rows += [
        (N_("Kept in the reserve"), result.reserve),
        (N_("Advances paid to members"), result.advances),
        (N_("Final payments to members"), result.finals),
    ]
    money_table = amounts_table(
        N_("Where the money from sales went"),
        money_rows,
        footer=(N_("Sales minus everything above (must be 0)"), result.balance()),
    )
    members = list(result.members.values())
    member_table = ResultTable(
        id="members",
        caption=N_("Each member"),
        columns=[
            Column(N_("Member")),
            Column(N_("Cherry (kg)"), "kg"),
            Column(N_("Advance (kip)"), "kip"),
            Column(N_("Final payment (kip)"), "kip"),
            Column(N_("Total from the co-op (kip)"), "kip"),
            Column(N_("Selling to the trader (kip)"), "kip"),
            Column(N_("Co-op minus trader (kip)"), "kip"),
        ],
        rows=[[m.name, m.total_kg, m.advance, m.final, m.share, m.trader, m.share - m.trader] for m in members],
    )
    chart = BarChart(
        id="chart",
        title=N_("Total from the co-op compared with selling to the trader"),
        labels=[m.name for m in members],
        series=[
            (N_("Co-op (advance + final payment)"), [m.share for m in members]),
            (N_("Trader"), [m.trader for m in members]),
        ],
        y_title=N_("kip"),
    )
    notices = []
    negative = [m for m in members if m.final < 0]
    if negative:
        notices.append(
            Notice(
                "warning",
                N_(
                    "The advance was more than the pool earned for {names}: their final payment is below zero. "
                    "They have already been paid {amount} more than their coffee earned. The co-op must ask for it "
                    "back or cover it, so set the advance lower next season."
                ),
                {"names": ", ".join(m.name for m in negative), "amount": t.kip(-sum(m.final for m in negative))},
            )
        )
    if not members:
        notices.append(Notice("info", N_("No deliveries yet: add a row to the deliveries table.")))
    noy = result.members.get(t(N_("Noy")))
    return Outputs(
        key=noy and Msg(N_("Noy's final payment: {amount}"), {"amount": t.kip(noy.final)}),
        tables=[pool_table, money_table, member_table],
        charts=[chart] if members else [],
        notices=notices,
        numbers={
            "balance": result.balance(),
            "sales": result.sales,
            "reserve": result.reserve,
            "finals": {m.name: m.final for m in members},
        },
    )


# ---- Questions: predict, then check -------------------------------------------------------------


def _final(name: str):
    return lambda case: case.row(case.result.members, name).final


def _best_gain(case: Case) -> str:
    gains = sorted(case.result.members.values(), key=lambda m: (-(m.share - m.trader), m.name))
    return gains[0].name


def _break_even_advance(case: Case) -> int:
    """The highest advance (whole kip) at which Vanh's final payment is still 0 or more."""
    low, high = 0, 100_000
    while low < high:
        middle = (low + high + 1) // 2
        if case.row(case.again(advance=middle).members, N_("Vanh")).final >= 0:
            low = middle
        else:
            high = middle - 1
    return low


# fmt: off
QUESTIONS = [
    Question(
        id="read-final",
        prompt=N_("Read the tables: how much is Noy's final payment?"),
        answer=_final(N_("Noy")),
        reference="1,622,964",
        kind=NumberAnswer(unit=N_("kip")),
        hints=[N_("Look at the table “Each member”, in Noy's row."),
               N_("The final payment is the total from the co-op minus the advance.")],
        explain=N_("Right: {answer}. That is what Noy gets after the coffee is sold, on top of the advance."),
    ),
    Question(
        id="advance-up",
        prompt=N_("Now suppose the advance is 3,000 kip per kg instead of 2,000. Predict Noy's final payment (it can be below zero)."),
        given={"advance": "3,000"},
        answer=_final(N_("Noy")),
        reference="-458,036",
        kind=NumberAnswer(unit=N_("kip"), relative=Fraction(3, 100)),
        hints=[N_("Noy delivered 2,000 kg. Every extra kip paid in advance is taken from the final payment."),
               N_("2,000 kg × 1,000 kip more = 2,000,000 kip less at the end, and a little more interest to pay.")],
        explain=N_("Right: about {answer}. A higher advance does not make the coffee worth more: it only moves money from the final payment to the start of the season (and costs more interest)."),
    ),
    Question(
        id="best-gain",
        prompt=N_("Who gains the most by selling through the co-op instead of to the trader?"),
        answer=_best_gain,
        reference=N_("Bounmy"),
        kind=ChoiceAnswer(options=names(lambda result: result.members.values())),
        hints=[N_("Look at the last column of “Each member”: co-op minus trader."),
               N_("Members who delivered a lot of grade A coffee gain the most.")],
        explain=N_("Right: {answer}. Much grade A coffee, sold at a good price, is worth more in the pool than cash from the trader."),
    ),
    Question(
        id="reserve-20",
        prompt=N_("If the general assembly raises the reserve to 20%, how much does the co-op keep in its reserve?"),
        given={"reserve_share": "20"},
        answer=lambda case: case.result.reserve,
        reference="9,981,533",
        kind=NumberAnswer(unit=N_("kip"), relative=Fraction(2, 100)),
        hints=[N_("The reserve is a share of what is left after costs, grade by grade."),
               N_("At 10% the reserve is in the table “Where the money from sales went”. Doubling the share doubles it.")],
        explain=N_("Right: {answer}. Every kip kept in the reserve is a kip less in members' final payments this year."),
    ),
    Question(
        id="break-even",
        prompt=N_("How high can the advance go before Vanh's final payment falls below zero?"),
        answer=_break_even_advance,
        reference="2,939",
        kind=NumberAnswer(unit=N_("kip per kg"), tolerance=100),
        hints=[N_("Try different advances in the form and watch Vanh's final payment."),
               N_("Vanh's total from the co-op divided by her kg is close to the answer; the interest makes it a little lower.")],
        explain=N_("Right: about {answer}. Above that, the co-op pays Vanh more at delivery than her coffee earns in the end."),
    ),
]
# fmt: on
