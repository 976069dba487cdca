"""Exercise: harvest finance — the loan that pays the advances, its interest, and the trader's credit.

Where it is used: Establishment 2 ("Capital: shares, retentions and harvest loans") and Conception 3
("Feasibility: can we really do it?").

Defaults: the Phou Kaew business plan of Establishment 1. 50,000 kg of cherry arrive October 10 %,
November 40 %, December 40 %, January 10 %; the advance is 2,000 kip per kg; running costs are
100 kip per kg; parchment sells at 16,000 kip per kg, half in December and half in February, and
5 kg of cherry make 1 kg of parchment (wikiversity-ratios), so the buyer pays 3,200 kip per kg of
cherry. The cash flow is then short by 52,500,000 kip at the end of November, as on the page. The
harvest loan (up to 60,000,000 kip at 2 % a month) is the practice number of Establishment 2. Mr
Khamla's debt is the one of Key concepts 1, Establishment 2 and Management 10: 2,000,000 kip in
July, repaid with 1,250 kg of cherry in November, cherry worth 3,000 kip per kg at harvest (21.875 %,
about 22 %, a month). Mrs Vanh's loan is the one of Management 8 and 10: 1,000,000 kip in August,
repaid with 500 kg of cherry in December (12.5 % a month). Both are invented practice numbers. Poor
Bolaven farmers sell coffee "on the tree" as expensive credit and CPC borrows to pay harvest
advances (cpc-our-work). JCFC's lender capped its seasonal credit at US$140,000, enough for about
four containers (jcfc-blog, jcfc-blog-2008-01). The rate of 8,900 kip per US$ is the 2020 rate
(laotiantimes-2024-kip).
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
from exercises.core.params import Choice, Integer, Percent, Problem, Table, problem
from exercises.core.questions import Case, NumberAnswer, questions_from
from exercises.shared import (
    ADVANCE,
    KIP_PER_USD,
    LOAN_INTEREST,
    MEMBER,
    MONTH,
    ONE_ROW_PER_MONTH,
    amounts_table,
    in_kip,
    kip_amount,
    kip_per_kg_of_cherry,
)

#: JCFC (jcfc-blog): a US$140,000 seasonal credit line financed about four containers.
JCFC_CREDIT_USD = 140_000
JCFC_CONTAINERS = 4

# ---- What the learner can change ----------------------------------------------------------------

REPAY_OPTIONS = (("asap", N_("as soon as sales bring money in")), ("end", N_("all at the end of the season")))

#: Each field's name, kind, default and bounds; its label, unit and help are in harvest_finance.toml.
PARAMS = [
    ADVANCE,
    kip_per_kg_of_cherry("sale_value", 3_200),
    kip_per_kg_of_cherry("running_cost", 100),
    LOAN_INTEREST,
    Choice(name="repay", default="asap", options=REPAY_OPTIONS),
    kip_amount("own_funds", 0),
    kip_amount("credit_limit", 60_000_000),
    replace(KIP_PER_USD, default=8_900),
    Integer(name="trader_price", default=3_000, min=0, max=1_000_000),
    Table(
        name="months",
        key_column="month",
        key_message=ONE_ROW_PER_MONTH,
        columns=[
            MONTH,
            Integer(name="kg", min=0, max=1_000_000_000),
            Percent(name="sold", min=0, max=100, places=1),
        ],
        default=[
            {"month": N_("October"), "kg": 5_000, "sold": "0"},
            {"month": N_("November"), "kg": 20_000, "sold": "0"},
            {"month": N_("December"), "kg": 20_000, "sold": "50"},
            {"month": N_("January"), "kg": 5_000, "sold": "0"},
            {"month": N_("February"), "kg": 0, "sold": "50"},
        ],
        min_rows=1,
        max_rows=24,
    ),
    Table(
        name="trader_loans",
        columns=[
            MEMBER,
            Integer(name="lent", min=1, max=10_000_000_000),
            Integer(name="kg", min=0, max=100_000_000),
            Integer(name="months", min=1, max=24),
        ],
        default=[
            {"member": N_("Khamla"), "lent": 2_000_000, "kg": 1_250, "months": 4},
            {"member": N_("Vanh"), "lent": 1_000_000, "kg": 500, "months": 4},
        ],
        min_rows=0,
        max_rows=50,
    ),
]


def validate(values: Mapping[str, Any]) -> Iterator[Problem]:
    """Checks across fields: month names once; the coffee sold adds up to 100% and is never sold before it arrives."""
    months = values["months"]
    total_kg = sum(row["kg"] for row in months)
    total_sold = sum(row["sold"] for row in months)
    if total_kg > 0 and total_sold != 1:
        yield problem(
            "months", N_("The coffee sold adds up to {total}%; it must add up to 100%."), total=total_sold * 100
        )
    brought = sold = 0
    for index, row in enumerate(months):
        brought += row["kg"]
        sold += row["sold"] * total_kg
        if sold > brought:
            yield problem(
                f"months.{index}.sold",
                N_("By {month} the co-op would sell more coffee than members have brought."),
                month=row["month"],
            )
            return


# ---- From the form to the model and back --------------------------------------------------------


def run(model: Any, values: Mapping[str, Any]) -> Any:
    """Give the learner's numbers to the model: the season's loan, and each trader's loan."""
    plan = fill(model.Plan, values)
    season = model.plan_season([model.Month(r["month"], r["kg"], r["sold"]) for r in values["months"]], plan)
    credits = [
        model.trader_credit(
            model.TraderLoan(r["member"], r["lent"], r["kg"], r["months"]),
            values["trader_price"],
            values["interest_per_month"],
        )
        for r in values["trader_loans"]
    ]
    return season, credits


# A table or chart here is its id and its numbers; its caption, columns and titles are in harvest_finance.toml.
def show(result: Any, values: Mapping[str, Any], t: Translator) -> Outputs:
    """Month by month, the season's money, the trader's credit; two charts; notes on risks."""
    season, credits = result
    months = list(season.months)
    month_table = ResultTable(
        id="months",
        rows=[
            [
                m.name,
                m.cherry_kg,
                m.advances + m.running,
                m.sales,
                m.borrowed,
                m.interest_paid + m.repaid,
                m.loan,
                m.interest,
                m.cash,
            ]
            for m in months
        ],
        footer=[
            Msg(N_("Season")),
            season.cherry_kg,
            season.advances + season.running,
            season.sales,
            season.borrowed,
            season.interest_paid + season.repaid,
            months[-1].loan if months else 0,
            season.interest,
            season.cash,
        ],
    )
    money_table = amounts_table(
        [
            (N_("In: own money at the start"), season.own_funds),
            (N_("In: loans"), season.borrowed),
            (N_("In: sales"), season.sales),
            (N_("Out: advances to members"), season.advances),
            (N_("Out: running costs"), season.running),
            (N_("Out: interest paid"), season.interest_paid),
            (N_("Out: loans repaid"), season.repaid),
            (N_("Cash at the end"), season.cash),
        ],
        footer=(N_("Money in minus money out minus cash at the end (must be 0)"), season.balance()),
    )
    peak = season.peak
    kg = season.cherry_kg
    summary_table = amounts_table(
        [
            (N_("Largest loan"), peak.loan if peak else 0),
            (N_("Interest for the season"), season.interest),
            (N_("Interest per kg of cherry"), per_kg(season.interest, kg)),
            (N_("Left for members' final payments"), season.for_members),
            (N_("Final payment per kg of cherry"), per_kg(season.for_members, kg)),
            (N_("Loan and interest still owed at the end"), season.still_owed),
        ],
        id="summary",
    )
    trader_table = ResultTable(
        id="trader",
        rows=[
            [
                c.loan.name,
                c.loan.lent,
                c.loan.kg_owed,
                c.cherry_value,
                c.cost,
                c.loan.months,
                c.rate_per_month,
                c.same_at_bank,
            ]
            for c in credits
        ],
    )
    month_chart = BarChart(
        id="months-chart",
        labels=[m.name for m in months],
        series=[
            (N_("Advances and costs"), [m.advances + m.running for m in months]),
            (N_("Sales"), [m.sales for m in months]),
            (N_("Loan owed"), [m.loan for m in months]),
        ],
    )
    charts = [month_chart]
    if credits:
        charts.append(
            BarChart(
                id="trader-chart",
                labels=[c.loan.name for c in credits],
                series=[
                    (N_("Trader's loan, repaid in cherry"), [c.cost for c in credits]),
                    (N_("Same loan at the harvest-loan rate"), [c.same_at_bank for c in credits]),
                ],
            )
        )

    notices = Notices()
    if peak is None:
        notices.success(N_("The co-op's own money covers all the advances: it borrows nothing."))
    else:
        if peak.loan > values["credit_limit"]:
            notices.warning(
                N_(
                    "In {month} the co-op needs a loan of {loan}, but the lender lends at most {limit}. Without "
                    "{missing} more (shares, a bigger loan, a smaller advance), it cannot pay every advance on time, "
                    "and members will sell to traders."
                ),
                month=peak.name,
                loan=t.kip(peak.loan),
                limit=t.kip(values["credit_limit"]),
                missing=t.kip(peak.loan - values["credit_limit"]),
            )
        usd = round_kip(Fraction(peak.loan, values["kip_per_usd"]))
        notices.info(
            N_(
                "The largest loan is {loan}, in {month}: about US${usd} at {rate} kip per US$. For comparison, the "
                "Jhai co-operative's lender capped its harvest credit at US${jcfc}, enough for about {containers} "
                "containers of green coffee: about US${per_container} a container."
            ),
            loan=t.kip(peak.loan),
            month=peak.name,
            usd=usd,
            rate=values["kip_per_usd"],
            jcfc=JCFC_CREDIT_USD,
            containers=JCFC_CONTAINERS,
            per_container=JCFC_CREDIT_USD // JCFC_CONTAINERS,
        )
    if season.still_owed > 0 and months:
        notices.warning(
            N_(
                "At the end of {month} the co-op still owes {amount}: the sales do not repay the loan and its "
                "interest. The lender will not lend again next season."
            ),
            month=months[-1].name,
            amount=t.kip(season.still_owed),
        )
    if season.for_members < 0:
        notices.warning(
            N_(
                "Advances, running costs and interest are more than the sales: there is no final payment, and the "
                "season loses {amount}. The advance was too high for this price."
            ),
            amount=t.kip(-season.for_members),
        )
    if values["repay"] == "end" and any(m.loan > 0 and m.cash > 0 and m.interest > 0 for m in months):
        notices.info(
            N_(
                "The loan is repaid only at the end, so the co-op pays interest on money it already has. "
                "Repaying as soon as sales come in costs less."
            )
        )
    dearest = max(credits, key=lambda c: (c.rate_per_month, c.loan.name), default=None)
    if dearest is not None and dearest.cost > dearest.same_at_bank:
        notices.info(
            N_(
                "{name}'s loan from the trader costs {cost} over {months} months: {rate} a month. The same loan at "
                "the harvest-loan rate would cost {bank}. Selling coffee “on the tree” is very expensive credit."
            ),
            name=dearest.loan.name,
            cost=t.kip(dearest.cost),
            months=dearest.loan.months,
            rate=t.pct(dearest.rate_per_month),
            bank=t.kip(dearest.same_at_bank),
        )
    return Outputs(
        key=Msg(N_("Largest loan: {amount}"), {"amount": t.kip(peak.loan if peak else 0)}),
        tables=[month_table, summary_table, money_table, trader_table]
        if credits
        else [month_table, summary_table, money_table],
        charts=charts,
        notices=notices,
        numbers={
            "balance": season.balance(),
            "peak": peak.loan if peak else 0,
            "peak_month": peak.name if peak else None,
            "interest": season.interest,
            "for_members": season.for_members,
            "still_owed": season.still_owed,
            "trader_rates": {c.loan.name: c.rate_per_month for c in credits},
        },
    )


# ---- Questions: predict, then check -------------------------------------------------------------


def _peak(case: Case) -> int:
    peak = case.result[0].peak
    return peak.loan if peak else 0


def _trader_rate(name: str):
    def answer(case: Case) -> Fraction:
        return case.row({c.loan.name: c for c in case.result[1]}, name).rate_per_month * 100

    return answer


#: How each question is answered and checked; its words and the answer worked out by hand are in harvest_finance.toml.
QUESTIONS = questions_from(
    __file__,
    {
        "peak-loan": (_peak, in_kip(percent=2)),
        "interest": (lambda case: case.result[0].interest, in_kip(percent=5)),
        "repay-end": (lambda case: case.result[0].interest, in_kip(percent=5)),
        "advance-2500": (_peak, in_kip(percent=2)),
        "trader-rate": (_trader_rate(N_("Khamla")), NumberAnswer(unit=N_("% per month"), tolerance=1)),
    },
)
