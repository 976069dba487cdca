"""Exercise: a village wet mill — investment, daily capacity, mill fee, break-even and payback.

Where it is used: Conception 2 ("The business idea: process and sell together"). The numbers are
the ones the Phou Kaew case uses there and in Establishment 1 (the business plan): a mill of
60,000,000 kip with a pulper of 500 kg of cherry an hour, running costs of about 100 kip per kg,
a mill fee of 300 kip per kg (100 for running costs, 200 to pay back the mill) and 50,000 kg of
cherry promised for the season, 10% in October, 40% in November, 40% in December, 10% in January.
On the busiest day 4,000 kg arrive: 8 hours of pulping.

Facts (see the references page): about 5 kg of cherry make 1 kg of parchment
(wikiversity-ratios); cherry must be pulped within about 18 hours of picking (lca-2015-interview);
in 2019/20 arabica cherry fetched 1,500–3,200 kip/kg and parchment 15,000–16,500 kip/kg
(vietstock-2020); a hand pulper handles about 300 kg of cherry an hour, central stations up to
4 t an hour (harvestmoney-drying). The mill price, fee, running costs and
the weekly profile are story numbers, not quotes: groups should put in their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from exercises.core.exercise import fill
from exercises.core.i18n import N_, Translator
from exercises.core.money import round_kip
from exercises.core.outputs import BarChart, Msg, Notices, Outputs, ResultTable
from exercises.core.params import Integer, Percent, Table
from exercises.core.questions import Case, NoAnswer, NumberAnswer, questions_from
from exercises.models import wet_mill
from exercises.shared import (
    CHERRY_PER_PARCHMENT,
    ONE_ROW_PER_WEEK,
    WEEK,
    amounts_table,
    in_kip_per_kg,
    kip_amount,
)

# ---- What the learner can change ----------------------------------------------------------------

#: The Phou Kaew season: 50,000 kg promised, 5,000 / 20,000 / 20,000 / 5,000 kg in October,
#: November, December and January (four weeks each), arriving in bursts on a few days a week.
SEASON = [
    (1, 500, 1),
    (2, 1_000, 2),
    (3, 1_500, 3),
    (4, 2_000, 2),  # October: 5,000 kg
    (5, 3_000, 3),
    (6, 4_000, 2),
    (7, 5_000, 2),
    (8, 8_000, 2),  # November: 20,000 kg
    (9, 7_000, 2),
    (10, 6_000, 2),
    (11, 4_000, 2),
    (12, 3_000, 3),  # December: 20,000 kg
    (13, 2_000, 2),
    (14, 1_500, 3),
    (15, 1_000, 2),
    (16, 500, 1),  # January: 5,000 kg
]

#: Each field's name, kind, default and bounds; its label, unit and help are in wet_mill.toml.
PARAMS = [
    kip_amount("investment", 60_000_000),
    Integer(name="pulper_kg_per_hour", default=500, min=1, max=10_000),
    Integer(name="hours_per_day", default=8, min=1, max=18),
    Integer(name="running_cost", default=100, min=0, max=100_000),
    Integer(name="fee", default=300, min=0, max=100_000),
    Percent(name="interest", default="0", min=0, max=100, places=1),
    CHERRY_PER_PARCHMENT,
    Integer(name="cherry_price", default=2_500, min=0, max=1_000_000),
    Integer(name="parchment_price", default=16_000, min=0, max=5_000_000),
    Percent(name="delivered_share", default="100", min=0, max=300, places=1),
    Table(
        name="season",
        key_column="week",
        key_message=ONE_ROW_PER_WEEK,
        columns=[
            WEEK,
            Integer(name="kg", min=0, max=10_000_000),
            Integer(name="days", min=1, max=7),
        ],
        default=[{"week": w, "kg": kg, "days": d} for w, kg, d in SEASON],
        min_rows=0,
        max_rows=52,
    ),
]


# ---- From the form to the model and back --------------------------------------------------------


def run(model: Any, values: Mapping[str, Any]) -> Any:
    """Give the learner's numbers to the model (the original, or the learner's edited copy)."""
    mill = fill(model.Mill, values)
    weeks = [fill(model.Week, r) for r in values["season"]]
    return model.run_season(weeks, mill)


#: Seasons shown in the payback table when the mill is not paid back.
SHOWN_IF_NOT_PAID = 10


# A table or chart here is its id and its numbers; its caption, columns and titles are in wet_mill.toml.
def show(result: Any, values: Mapping[str, Any], t: Translator) -> Outputs:
    """Tables (the mill's season, money, payback, weeks), two charts and notes that explain surprises."""
    mill = result.mill
    money = result.money

    season_table = ResultTable(
        id="season",
        rows=[
            [Msg(N_("Cherry brought to the mill")), result.brought, Msg(N_("kg"))],
            [Msg(N_("The pulper can handle in one day")), result.daily_capacity, Msg(N_("kg"))],
            [Msg(N_("Cherry on the busiest day")), result.busiest_day, Msg(N_("kg"))],
            [Msg(N_("Pulping hours needed on the busiest day")), result.busiest_hours, Msg(N_("hours"))],
            [Msg(N_("Cherry over the daily capacity, sold as cherry")), result.over, Msg(N_("kg"))],
            [Msg(N_("Cherry pulped at the mill")), result.pulped, Msg(N_("kg"))],
            [Msg(N_("Parchment made")), result.parchment_kg, Msg(N_("kg"))],
        ],
    )

    money_table = amounts_table(
        [
            (N_("Parchment sold"), money.parchment_sales),
            (N_("Cherry the mill could not pulp, sold to a trader"), money.cherry_sales),
            (N_("Paid to members (parchment minus mill fees, plus cherry sold)"), money.to_members),
            (N_("Mill fees"), money.fees),
            (N_("Running costs, paid from the fees"), money.running_costs),
            (N_("Fees left to pay back the mill"), money.for_the_mill),
        ],
        footer=[
            Msg(N_("Sales minus members, running costs and fees left (must be 0)")),
            money.parchment_sales + money.cherry_sales - money.to_members - money.running_costs - money.for_the_mill,
        ],
    )

    per_kg_table = ResultTable(
        id="per-kg",
        rows=[
            [Msg(N_("Its parchment sells for")), round_kip(mill.parchment_price / mill.cherry_per_parchment)],
            [Msg(N_("minus the mill fee")), -mill.fee],
            [Msg(N_("Through the mill")), round_kip(result.through_mill_per_kg)],
            [Msg(N_("From the trader")), mill.cherry_price],
            [Msg(N_("Mill minus trader")), round_kip(result.through_mill_per_kg - mill.cherry_price)],
        ],
    )

    repaid = result.payback_seasons
    rows = result.schedule if repaid is not None else result.schedule[:SHOWN_IF_NOT_PAID]
    payback_table = ResultTable(
        id="payback",
        rows=[
            [Msg(N_("Season {number}"), {"number": r.season}), r.owed_start, r.interest, r.paid, r.owed_end, r.surplus]
            for r in rows
        ],
    )

    week_table = ResultTable(
        id="weeks",
        rows=[
            [
                Msg(N_("Week {number}"), {"number": w.week}),
                w.kg,
                w.days,
                round_kip(w.per_day),
                w.per_day / mill.pulper_kg_per_hour,
                w.pulped,
                w.over,
            ]
            for w in result.weeks
        ],
    )

    charts = []
    if result.weeks:
        charts.append(
            BarChart(
                id="weeks-chart",
                labels=[str(w.week) for w in result.weeks],
                series=[
                    (N_("Pulped at the mill"), [w.pulped for w in result.weeks]),
                    (N_("Over capacity, sold as cherry"), [w.over for w in result.weeks]),
                ],
                kind="kg",
            )
        )
    if rows:
        charts.append(
            BarChart(
                id="owed-chart",
                labels=[str(r.season) for r in rows],
                series=[(N_("Still owed"), [r.owed_end for r in rows])],
            )
        )

    notices = _notices(result, t)
    return Outputs(
        key=None
        if result.break_even_kg is None
        else Msg(N_("Cherry that pays back the mill: {kg} kg"), {"kg": result.break_even_kg}),
        tables=[season_table, money_table, per_kg_table, payback_table, week_table],
        charts=charts,
        notices=notices,
        numbers={
            "balance": result.balance(),
            "brought_kg": result.brought,
            "pulped_kg": result.pulped,
            "over_kg": result.over,
            "daily_capacity_kg": result.daily_capacity,
            "busiest_day_kg": result.busiest_day,
            "fees": money.fees,
            "for_the_mill": money.for_the_mill,
            "payback_seasons": repaid,
            "never_pays_back": result.never_pays_back,
            "break_even_kg": result.break_even_kg,
            "break_even_cherry_price": result.through_mill_per_kg,
            "members_gain": money.to_members - money.trader_only,
        },
    )


def _notices(result: Any, t: Translator) -> Notices:
    """Plain words for what a group might not expect."""
    mill = result.mill
    money = result.money
    notices = Notices()
    if result.brought == 0:
        notices.info(
            N_(
                "No cherry comes to the mill: add kg in the weekly table, or raise the "
                "share of the promise that members bring."
            )
        )
    if result.over > 0:
        weeks = [w for w in result.weeks if w.over > 0]
        notices.warning(
            N_(
                "On the busiest days more cherry arrives than the pulper can handle in {hours} hours: {weight} kg in all "
                "(weeks {weeks}). That cherry cannot wait for the next day, so members sell it as cherry, and the mill "
                "earns no fee on it. Agree picking days by village, run a second shift or buy a bigger pulper."
            ),
            hours=mill.hours_per_day,
            weight=result.over,
            weeks=", ".join(str(w.week) for w in weeks),
        )
    elif result.brought > 0 and result.busiest_day * 10 >= result.daily_capacity * 9:
        notices.info(
            N_(
                "On the busiest day the pulper needs {needed} of its {hours} hours. A little more cherry that day, "
                "or a breakdown, and cherry would spoil."
            ),
            needed=t.num(result.busiest_hours, 1),
            hours=mill.hours_per_day,
        )
    if mill.investment > 0 and mill.fee <= mill.running_cost:
        notices.warning(
            N_(
                "The mill fee ({fee} kip per kg) is not more than the running costs ({cost} kip per kg): nothing is left "
                "to pay back the mill, so it never pays back. With a fee below the running costs the mill even loses "
                "money every season, and the debt grows."
            ),
            fee=mill.fee,
            cost=mill.running_cost,
        )
    elif mill.investment > 0 and result.pulped == 0:
        notices.warning(N_("The mill pulps no cherry, so it earns no fees and never pays back."))
    elif result.never_pays_back:
        notices.warning(
            N_(
                "The fees left after running costs ({left}) are not more than the interest of the first season "
                "({interest}): the debt for the mill grows every season and the mill never pays back. The mill "
                "needs more than {weight} kg of cherry pulped each season."
            ),
            left=t.kip(money.for_the_mill),
            interest=t.kip(result.schedule[0].interest),
            weight=result.min_kg_per_season,
        )
    elif mill.investment > 0 and result.payback_seasons is None:
        notices.warning(
            N_(
                "The mill is not paid back after {seasons} seasons: for a village mill, that means it does not pay back."
            ),
            seasons=wet_mill.MAX_SEASONS,
        )
    elif mill.investment > 0:
        notices.success(
            N_("The mill is paid back in season {seasons}, if members bring the same cherry every season."),
            seasons=result.payback_seasons,
        )
    if result.brought > 0 and result.through_mill_per_kg < mill.cherry_price:
        notices.warning(
            N_(
                "At these prices a member gets {mill} per kg of cherry through the mill, but {trader} from the trader. "
                "The mill only helps if its parchment sells for more."
            ),
            mill=t.kip(round_kip(result.through_mill_per_kg)),
            trader=t.kip(mill.cherry_price),
        )
    return notices


# ---- Questions: predict, then check -------------------------------------------------------------


def _payback_seasons(case: Case) -> int:
    """Seasons to pay back the mill. With numbers where it never pays back, the question has no answer."""
    if case.result.payback_seasons is None:
        raise NoAnswer(N_("With these numbers the mill never pays back, so there is no number of seasons to find."))
    return case.result.payback_seasons


def _break_even_kg(case: Case) -> int:
    if case.result.break_even_kg is None:
        raise NoAnswer(
            N_(
                "The mill fee is not more than the running cost: nothing is left to pay back the mill, "
                "so no amount of cherry is enough."
            )
        )
    return case.result.break_even_kg


#: How each question is answered and checked; its words and the answer worked out by hand are in wet_mill.toml.
QUESTIONS = questions_from(
    __file__,
    {
        "break-even-kg": (_break_even_kg, NumberAnswer(unit=N_("kg"), relative=Fraction(1, 100))),
        "three-quarters": (_payback_seasons, NumberAnswer(unit=N_("seasons"))),
        "hand-pulper": (lambda case: case.result.over, NumberAnswer(unit=N_("kg"), tolerance=100)),
        "break-even-price": (lambda case: case.result.through_mill_per_kg, in_kip_per_kg(within=50)),
        "loan-interest": (_payback_seasons, NumberAnswer(unit=N_("seasons"), tolerance=1)),
    },
)
