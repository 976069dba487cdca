"""Exercise: side-selling — week by week, each member sells to the trader or to the co-op by a fixed rule.

Where it is used: Management 3 ("Conflict: side-selling and grading disputes"). The simulation plays the
harvest; nobody plays the members: each follows one rule (sell to Mr Sit when he pays more than the
co-op by more than the member's trust margin; members who need cash count only the advance). The
group plays the board: it sets the co-op's terms (advance, fixed costs, cherry promised to the buyer)
and may test an idea by changing one member's trust margin or debt.

Defaults: the fictional Phou Kaew co-op of the session page. Mr Sit, the trader, pays up to 3,200 kip
per kg of cherry in mid-December; the co-op pays an advance of 2,700 kip per kg and expected a final
payment of 300 kip per kg (2,700 + 300 = 3,000). Arabica cherry fetched 1,500–3,200 kip per kg in the
2019/20 season (vietstock-2020); the trader's prices rise during the season as in the sources on
side-selling (dailycoffeenews-sideselling, jcfc-blog). Mr Thongdy owes Mr Sit 1,000,000 kip, that
is 400 kg at 2,500 kip; this season Mr Khamla again owes Mr Sit 1,600 kg of cherry ("coffee on the
tree", cpc-our-work; Management 11 hears this debt). The seven members pick about 1,600 kg of cherry
per hectare over an 8-week harvest (farm sizes from CONTENT.md §4; 0.5–3 ha, kingfisher-lao-coffee;
Mrs Vanh 800 kg); Mr Khamla's 3 ha, part robusta, give more. Fixed costs are set so that, as on the page, they come to 300 kip per kg of
the cherry the co-op planned for (5,400,000 ÷ 18,000 kg). The buyer's price per kg of cherry, the
penalty and the trust margins are assumptions for discussion.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from fractions import Fraction
from typing import Any

from exercises.core.exercise import fill
from exercises.core.i18n import N_, Translator
from exercises.core.money import round_kip
from exercises.core.outputs import BarChart, Msg, Notices, Outputs, ResultTable
from exercises.core.params import Choice, Integer
from exercises.core.questions import Case, NoAnswer, NumberAnswer, questions_from
from exercises.shared import (
    ADVANCE,
    MEMBER,
    WHICH_MEMBER,
    YES_NO,
    amounts_table,
    final_per_kg,
    first_by,
    in_kip_per_kg,
    kip_amount,
    kip_per_kg_of_cherry,
    members_table,
    trader_prices_table,
)

# ---- What the learner can change ----------------------------------------------------------------

#: Above this many members, the chart of members' incomes would be unreadable: the table shows them.
MAX_BARS = 30

#: Each field's name, kind, default and bounds; its label, unit and help are in side_selling.toml.
PARAMS = [
    replace(ADVANCE, default=2_700),
    kip_per_kg_of_cherry("sale_value", 3_300),
    kip_amount("fixed_costs", 5_400_000),
    Integer(name="contract_kg", default=18_000, min=0, max=1_000_000_000),
    kip_per_kg_of_cherry("penalty", 100),
    members_table(
        columns=[
            MEMBER,
            Integer(name="kg", min=0, max=10_000_000),
            Integer(name="trust", min=0, max=1_000_000),
            Integer(name="owed", min=0, max=100_000_000),
            Choice(name="cash", options=YES_NO),
        ],
        default=[
            {"member": N_("Bounmy"), "kg": 400, "trust": 500, "owed": 0, "cash": "no"},
            {"member": N_("Noy"), "kg": 300, "trust": 400, "owed": 0, "cash": "no"},
            {"member": N_("Khamla"), "kg": 800, "trust": 100, "owed": 1_600, "cash": "no"},
            {"member": N_("Vanh"), "kg": 100, "trust": 0, "owed": 0, "cash": "yes"},
            {"member": N_("Sengdao"), "kg": 200, "trust": 300, "owed": 0, "cash": "no"},
            {"member": N_("Phet"), "kg": 200, "trust": 200, "owed": 0, "cash": "no"},
            {"member": N_("Thongdy"), "kg": 500, "trust": 0, "owed": 400, "cash": "yes"},
        ],
        min_rows=1,
        max_rows=5_000,
    ),
    trader_prices_table(
        prices=[2_500, 2_700, 2_900, 3_100, 3_200, 3_200, 3_000, 2_800],
    ),
]


# ---- From the form to the model and back --------------------------------------------------------


def run(model: Any, values: Mapping[str, Any]) -> Any:
    """Give the learner's numbers to the model (the original, or the learner's edited copy)."""
    members = [model.Member(r["member"], r["kg"], r["trust"], r["owed"], r["cash"] == "yes") for r in values["members"]]
    season = fill(model.Season, values, trader_prices={row["week"]: row["price"] for row in values["trader_prices"]})
    return model.simulate(members, season)


def _kip_or_none(value: Fraction | None) -> int | None:
    return None if value is None else round_kip(value)


def _names(names: list[str]) -> str | Msg:
    """A short list of names, or how many they are when the list is long."""
    if len(names) > 8:
        return Msg(N_("{count} members"), {"count": len(names)})
    return ", ".join(names)


def _collapse_week(weeks: list[Any]) -> int | None:
    """The week from which members sold to the trader and no cherry reached the co-op any more."""
    start = None
    for index, week in enumerate(weeks):
        if week.coop_kg > 0:
            start = None
        elif start is None:
            start = index
    if start is None or not any(week.side_sellers for week in weeks[start:]):
        return None
    return weeks[start].number


# A table or chart here is its id and its numbers; its caption, columns and titles are in side_selling.toml.
def show(result: Any, values: Mapping[str, Any], t: Translator) -> Outputs:
    """Week by week, the settlement, each member; two charts; notes that explain the spiral."""
    weeks = list(result.weeks)
    week_table = ResultTable(
        id="weeks",
        rows=[
            [
                w.number,
                w.trader_price,
                len(w.delivering),
                w.coop_kg,
                w.trader_kg,
                w.expected_kg,
                _kip_or_none(w.fixed_per_kg),
                _kip_or_none(w.expected_final),
                _names(w.side_sellers),
            ]
            for w in weeks
        ],
    )
    money_rows = [
        (N_("Sales of the co-op's coffee"), result.sales),
        (N_("Fixed costs"), result.fixed_costs),
        (N_("Penalty for cherry promised but not delivered"), result.penalty),
        (N_("Advances paid to members"), result.advances),
        (N_("Final payments to members"), result.finals),
    ]
    if result.from_funds:
        money_rows.append((N_("Paid from the co-op's own funds"), result.from_funds))
    money_table = amounts_table(
        money_rows,
        footer=(N_("Sales and own funds minus everything paid (must be 0)"), result.balance()),
    )
    members = list(result.members.values())
    member_table = ResultTable(
        id="members",
        rows=[[m.name, m.coop_kg, m.trader_kg, m.owed_kg, m.final, m.income, m.all_to_trader, m.gain] for m in members],
    )
    week_chart = BarChart(
        id="weeks-chart",
        labels=[Msg(N_("Week {week}"), {"week": w.number}) for w in weeks],
        series=[(N_("To the co-op"), [w.coop_kg for w in weeks]), (N_("To the trader"), [w.trader_kg for w in weeks])],
        kind="kg",
    )
    member_chart = BarChart(  # (drawn only for a group small enough to read: see ``charts`` below)
        id="members-chart",
        labels=[m.name for m in members],
        series=[
            (N_("What the member received"), [m.income for m in members]),
            (N_("Selling everything to the trader"), [m.all_to_trader for m in members]),
        ],
    )

    notices = Notices()
    collapse = _collapse_week(weeks)
    sold_for_cash = any(w.side_sellers for w in weeks)
    if result.coop_kg == 0:
        notices.warning(
            N_(
                "No cherry came to the co-op at all. Its fixed costs and the penalty, {amount}, must be paid "
                "from its own funds."
            ),
            amount=t.kip(result.from_funds),
        )
    elif collapse is not None:
        notices.warning(
            N_(
                "The pool collapsed: from week {week}, no member brought cherry to the co-op. Each member who "
                "left made the fixed costs heavier for the others, so the expected final payment fell and more "
                "members left the next week. This is a death spiral."
            ),
            week=collapse,
        )
    elif sold_for_cash:
        finals = [w.expected_final for w in weeks if w.expected_final is not None]
        if finals:
            notices.info(
                N_(
                    "Some members sold to the trader, and the expected final payment fell from {first} to {lowest} "
                    "per kg at its lowest. But the pool held: {weight} kg of cherry came in."
                ),
                first=t.kip(round_kip(finals[0])),
                lowest=t.kip(round_kip(min(finals))),
                weight=result.coop_kg,
            )
    else:
        notices.success(N_("No member sold cherry to the trader for cash: the pool held all season."))
    per_kg = result.final_per_kg
    if per_kg is not None and per_kg < 0:
        notices.warning(
            N_(
                "The final payment is below zero: {amount} per kg. The cherry that came in could not carry the "
                "fixed costs and the penalty. The members who stayed loyal now owe the co-op money, or the co-op "
                "must cover the loss from its reserve."
            ),
            amount=t.kip(round_kip(per_kg)),
        )
    if result.penalty:
        short = values["contract_kg"] - result.coop_kg
        notices.info(
            N_(
                "The co-op delivered {short} kg of cherry less than it promised its buyer and pays a penalty of "
                "{amount}. The buyer may not come back next year."
            ),
            short=short,
            amount=t.kip(result.penalty),
        )
    debtors = [m for m in members if m.owed_kg > 0]
    if debtors:
        notices.info(
            N_(
                "{names} handed {weight} kg of cherry to the trader to repay debts (“coffee on the tree”). That cherry "
                "never reaches the pool. A small loan from the co-op before the harvest could keep it."
            ),
            names=", ".join(m.name for m in debtors),
            weight=sum(m.owed_kg for m in debtors),
        )
    week1 = weeks[0].expected_final if weeks else None
    return Outputs(
        key=None
        if week1 is None
        else Msg(N_("Final payment expected in week 1: {amount} per kg"), {"amount": t.kip(round_kip(week1))}),
        tables=[week_table, money_table, member_table],
        charts=[week_chart, member_chart] if len(members) <= MAX_BARS else [week_chart],
        notices=notices,
        numbers={
            "balance": result.balance(),
            "coop_kg": result.coop_kg,
            "final_per_kg": per_kg,
            "delivering": [len(w.delivering) for w in weeks],
            "expected_final": [w.expected_final for w in weeks],
            "gains": {m.name: m.gain for m in members},
        },
    )


# ---- Questions: predict, then check -------------------------------------------------------------


def _week1_final(case: Case) -> int:
    final = case.result.weeks[0].expected_final
    if final is None:
        raise NoAnswer(N_("In week 1 the co-op expects no cherry, so there is no final payment per kg to find."))
    return round_kip(final)


def _loses_most(case: Case) -> str:
    return first_by(case.result.members.values(), lambda m: m.gain)


#: How each question is answered and checked; its words and the answer worked out by hand are in side_selling.toml.
QUESTIONS = questions_from(
    __file__,
    {
        "week1-final": (_week1_final, in_kip_per_kg(within=5)),
        "final-per-kg": (final_per_kg, in_kip_per_kg(within=10)),
        "loses-most": (_loses_most, WHICH_MEMBER),
        "advance-3000": (lambda case: case.result.coop_kg, NumberAnswer(unit=N_("kg"), relative=Fraction(1, 10))),
        "fixed-half": (final_per_kg, in_kip_per_kg(percent=15)),
    },
)
