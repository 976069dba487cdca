"""Exercise: pooled pricing — advance, sales over the season, costs, reserve and final payment.

Two presets:

* ``full`` (the default), Management 2 (transparent payments): the fictional Phou Kaew co-op in the
  2019/20 season, when arabica cherry fetched 1,500–3,200 kip/kg from traders and the kip was about
  8,900 to the US dollar (see the references page: vietstock-2020, laotiantimes-2024-kip). About 6 kg
  of cherry make 1 kg of green coffee (wikiversity-ratios). Two grades, export prices, costs and the
  reserve are assumptions for discussion: groups should put in their own numbers. Mrs Vanh brings
  her season's 800 kg of cherry (0.5 ha at the 1,600 kg/ha of the weights chain).
* ``simple``, Key concepts 3 ("Sell alone or pool?", ``preset: simple`` on the page): round 2 of the
  selling game, to the kip. The seven farmer cards (cherry of the two busiest weeks), one grade, one
  sale at 3,100 kip per kg of cherry (the game's price card, inside the 2019/20 range), the truck and
  bags at 100 kip per kg (390,000 kip for 3,900 kg), an advance of 2,000 kip per kg, and nothing
  that day 1 has not taught: no processing, certification, interest or reserve. Each farmer is
  compared with selling his or her card alone at the price card's price for its size (round 1).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from fractions import Fraction
from typing import Any

from exercises.core.exercise import Preset, code_tip, fill
from exercises.core.i18n import N_, Translator
from exercises.core.money import per_kg
from exercises.core.outputs import BarChart, Msg, Notices, Outputs, ResultTable
from exercises.core.params import Choice, Integer, Number, Percent, Problem, Table, problem
from exercises.core.questions import Case, NoAnswer, questions_from
from exercises.models import pooled_pricing
from exercises.shared import (
    ADVANCE,
    CHERRY_PER_GREEN,
    KIP_PER_USD,
    LOAN_INTEREST,
    MEMBER,
    WEEK,
    WHICH_MEMBER,
    amounts_table,
    first_by,
    highest,
    in_kip,
    in_kip_per_kg,
    trader_prices_table,
)

# ---- What the learner can change ----------------------------------------------------------------

GRADE_OPTIONS = (("A", N_("Grade A")), ("B", N_("Grade B")))
CHERRY_KG = Integer(name="kg", label=N_("Cherry"), unit=N_("kg"), min=0, max=10_000_000)

PRICE_UNIT_OPTIONS = (
    ("usd_lb", N_("US$ per lb of green coffee")),
    ("kip_kg", N_("kip per kg of green coffee")),
    ("kip_kg_cherry", N_("kip per kg of cherry")),
)

#: Each field's name, kind, default and bounds; its label, unit and help are in pooled_pricing.toml.
PARAMS = [
    replace(ADVANCE, max=100_000),
    replace(KIP_PER_USD, default=8_900),
    CHERRY_PER_GREEN,
    Choice(name="price_unit", default="usd_lb", options=PRICE_UNIT_OPTIONS),
    Integer(name="processing_cost", default=600, min=0, max=50_000),
    Integer(name="transport_cost", default=150, min=0, max=50_000),
    Integer(name="certification_cost", default=3_000_000, min=0, max=10_000_000_000),
    replace(LOAN_INTEREST, default="1.5", max=20),
    Integer(name="loan_months", default=3, min=0, max=24),
    Percent(name="reserve_share", default="10", min=0, max=100, places=1),
    Table(
        name="deliveries",
        columns=[
            MEMBER,
            replace(WEEK, max=12),
            Choice(name="grade", options=GRADE_OPTIONS),
            CHERRY_KG,
        ],
        default=[
            {"member": N_("Bounmy"), "week": 3, "grade": "A", "kg": 2_400},
            {"member": N_("Bounmy"), "week": 7, "grade": "A", "kg": 1_800},
            {"member": N_("Bounmy"), "week": 9, "grade": "B", "kg": 600},
            {"member": N_("Noy"), "week": 4, "grade": "A", "kg": 1_500},
            {"member": N_("Noy"), "week": 8, "grade": "B", "kg": 500},
            {"member": N_("Khamla"), "week": 2, "grade": "B", "kg": 3_000},
            {"member": N_("Khamla"), "week": 6, "grade": "A", "kg": 1_200},
            {"member": N_("Vanh"), "week": 5, "grade": "A", "kg": 800},
            {"member": N_("Sengdao"), "week": 6, "grade": "A", "kg": 1_600},
            {"member": N_("Phet"), "week": 7, "grade": "B", "kg": 900},
            {"member": N_("Thongdy"), "week": 10, "grade": "A", "kg": 2_000},
        ],
        min_rows=0,
        max_rows=5_000,
    ),
    Table(
        name="lots",
        columns=[
            Choice(name="grade", options=GRADE_OPTIONS),
            WEEK,
            Percent(name="share", min=0, max=100, places=1),
            Number(name="price", min="0", max="1000000", places=2),
        ],
        default=[
            {"grade": "A", "week": 8, "share": "50", "price": "1.40"},
            {"grade": "A", "week": 12, "share": "50", "price": "1.25"},
            {"grade": "B", "week": 10, "share": "100", "price": "1.10"},
        ],
        min_rows=0,
        max_rows=50,
    ),
    trader_prices_table(
        prices=[2_000, 2_100, 2_300, 2_500, 2_600, 2_800, 3_000, 3_200, 2_900, 2_600, 2_300, 2_000],
    ),
    Table(
        name="alone_prices",
        key_column="from_kg",
        columns=[
            Integer(name="from_kg", min=0, max=10_000_000),
            Integer(name="price", min=0, max=1_000_000),
        ],
        default=[],
        min_rows=0,
        max_rows=10,
    ),
]


def validate(values: Mapping[str, Any]) -> Iterator[Problem]:
    """Checks across fields: every grade with coffee is fully sold; every week has a trader price (or
    the price card has a price for any lot)."""
    delivered = {row["grade"] for row in values["deliveries"] if row["kg"] > 0}
    for grade in sorted(delivered):
        total = sum(row["share"] for row in values["lots"] if row["grade"] == grade)
        if total != 1:
            yield problem(
                "lots",
                N_("The sales of grade {grade} add up to {total}%; they must add up to 100%."),
                grade=grade,
                total=total * 100,
            )
    if values["alone_prices"]:  # farmers are compared with selling alone: the card needs a price for any lot
        if min(row["from_kg"] for row in values["alone_prices"]) > 0:
            yield problem("alone_prices", N_("The price card needs a row for lots from 0 kg."))
        return
    weeks = {row["week"] for row in values["trader_prices"]}
    for index, row in enumerate(values["deliveries"]):
        if row["week"] not in weeks:
            yield problem(f"deliveries.{index}.week", N_("There is no trader price for week {week}."), week=row["week"])


# ---- From the form to the model and back --------------------------------------------------------


def run(model: Any, values: Mapping[str, Any]) -> Any:
    """Give the learner's numbers to the model (the original, or the learner's edited copy)."""
    season = fill(
        model.Season,
        values,
        trader_prices={row["week"]: row["price"] for row in values["trader_prices"]},
        alone_prices={row["from_kg"]: row["price"] for row in values["alone_prices"]},
    )
    deliveries = [fill(model.Delivery, r) for r in values["deliveries"]]
    lots = [fill(model.Lot, r) for r in values["lots"]]
    return model.settle(deliveries, lots, season)


# A table or chart here is its id and its numbers; its caption, columns and titles are in pooled_pricing.toml.
def show(result: Any, values: Mapping[str, Any], t: Translator) -> Outputs:
    """Three tables (pools, money, members), a chart, and notes that explain surprises."""
    pools = [result.pools[g] for g in pooled_pricing.GRADES if result.pools[g].cherry_kg > 0]
    pool_table = ResultTable(
        id="pools",
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
        money_rows,
        footer=(N_("Sales minus everything above (must be 0)"), result.balance()),
    )
    members = list(result.members.values())
    member_table = ResultTable(
        id="members",
        rows=[[m.name, m.total_kg, m.advance, m.final, m.share, m.trader, m.share - m.trader] for m in members],
    )
    chart = BarChart(
        id="chart",
        labels=[m.name for m in members],
        series=[
            (N_("Co-op (advance + final payment)"), [m.share for m in members]),
            (N_("Trader"), [m.trader for m in members]),
        ],
    )
    noy = result.members.get(t(N_("Noy")))
    return Outputs(
        key=noy and Msg(N_("Noy's final payment: {amount}"), {"amount": t.kip(noy.final)}),
        tables=[pool_table, money_table, member_table],
        charts=[chart] if members else [],
        notices=_notices(members, t),
        numbers={
            "balance": result.balance(),
            "sales": result.sales,
            "reserve": result.reserve,
            "finals": {m.name: m.final for m in members},
        },
    )


def _notices(members: list[Any], t: Translator) -> Notices:
    """A final payment below zero, or no deliveries at all, explained."""
    notices = Notices()
    negative = [m for m in members if m.final < 0]
    if negative:
        notices.warning(
            N_(
                "The advance was more than the pool earned for {names}: their final payment is below zero. "
                "They have already been paid {amount} more than their coffee earned. The co-op must ask for it "
                "back or cover it, so set the advance lower next season."
            ),
            names=", ".join(m.name for m in negative),
            amount=t.kip(-sum(m.final for m in negative)),
        )
    if not members:
        notices.info(N_("No deliveries yet: add a row to the deliveries table."))
    return notices


# The same for the preset "simple": its headings are [simple_tables] and [simple_charts] in pooled_pricing.toml.
def show_simple(result: Any, values: Mapping[str, Any], t: Translator) -> Outputs:
    """Key concepts 3: the pool's money, and each farmer's money against selling alone (round 1 of the game)."""
    members = list(result.members.values())
    kg = sum(m.total_kg for m in members)
    transport = sum(p.transport for p in result.pools.values())
    rows = [(N_("Sale of the pooled coffee"), result.sales), (N_("Truck and bags"), transport)]
    if result.costs != transport:  # only if the learner's code adds costs: the form has no others
        rows.append((N_("Other costs"), result.costs - transport))
    if result.reserve:
        rows.append((N_("Kept in the reserve"), result.reserve))
    rows += [(N_("Advances paid at delivery"), result.advances), (N_("Final payments after the sale"), result.finals)]
    money_table = amounts_table(
        rows,
        footer=(N_("Sales minus everything above (must be 0)"), result.balance()),
    )
    member_table = ResultTable(
        id="members",
        rows=[
            [m.name, m.total_kg, m.advance, m.final, m.share, m.trader, m.share - m.trader,
             per_kg(m.share - m.trader, m.total_kg)]
            for m in members
        ],
    )  # fmt: skip
    chart = BarChart(
        id="chart",
        labels=[m.name for m in members],
        series=[
            (N_("Pool (advance + final payment)"), [m.share for m in members]),
            (N_("Selling alone"), [m.trader for m in members]),
        ],
    )
    final = per_kg(result.finals, kg)
    return Outputs(
        key=None if final is None else Msg(N_("Final payment: {amount} per kg of cherry"), {"amount": t.kip(final)}),
        tables=[money_table, member_table],
        charts=[chart] if members else [],
        notices=_notices(members, t),
        numbers={
            "balance": result.balance(),
            "sales": result.sales,
            "final_per_kg": final,
            "finals": {m.name: m.final for m in members},
            "gains": {m.name: m.share - m.trader for m in members},
        },
    )


# ---- Questions: predict, then check -------------------------------------------------------------


def _final(name: str):
    return lambda case: case.row(case.result.members, name).final


def _best_gain(case: Case) -> str:
    return first_by(case.result.members.values(), lambda m: -(m.share - m.trader))


def _highest_advance(case: Case, still_ok: Callable[[Any], bool]) -> int:
    """The highest advance (whole kip, up to 100,000) at which ``still_ok(result)`` holds: the model run again."""
    return highest(lambda advance: still_ok(case.again(advance=advance)), 0, 100_000)


def _break_even_advance(case: Case) -> int:
    """The highest advance at which Vanh's final payment is still 0 or more."""
    return _highest_advance(case, lambda result: case.row(result.members, N_("Vanh")).final >= 0)


#: How each question is answered and checked; its words and the answer worked out by hand are in pooled_pricing.toml.
QUESTIONS = questions_from(
    __file__,
    {
        "read-final": (_final(N_("Noy")), in_kip()),
        "advance-up": (_final(N_("Noy")), in_kip(percent=3)),
        "best-gain": (_best_gain, WHICH_MEMBER),
        "reserve-20": (lambda case: case.result.reserve, in_kip(percent=2)),
        "break-even": (_break_even_advance, in_kip_per_kg(within=100)),
    },
)


# ---- The simple preset: Key concepts 3, round 2 of the selling game -----------------------------


def _pool_final_per_kg(result: Any) -> int:
    kg = sum(m.total_kg for m in result.members.values())
    if not kg:
        raise NoAnswer(N_("No farmer brought cherry, so there is no final payment per kg to find."))
    return per_kg(result.finals, kg) or 0


def _zero_final_advance(case: Case) -> int:
    """The highest advance at which the pool's final payments still add up to 0 or more."""
    _pool_final_per_kg(case.result)  # no cherry: no answer
    return _highest_advance(case, lambda result: result.finals >= 0)


def _vanh(case: Case) -> Any:
    return case.row(case.result.members, N_("Vanh"))


SIMPLE_QUESTIONS = questions_from(
    __file__,
    {
        "final-per-kg": (lambda case: _pool_final_per_kg(case.result), in_kip_per_kg()),
        "vanh-today": (lambda case: _vanh(case).advance, in_kip()),
        "vanh-gain": (lambda case: _vanh(case).share - _vanh(case).trader, in_kip()),
        "zero-final": (_zero_final_advance, in_kip_per_kg(within=10)),
    },
    table="simple_questions",
)

# fmt: off
GAME_CARDS = [  # Key concepts 3: the seven farmer cards, in kg of cherry (1 bean = 50 kg)
    (N_("Bounmy"), 750), (N_("Noy"), 550), (N_("Khamla"), 1_000), (N_("Vanh"), 200),
    (N_("Sengdao"), 400), (N_("Phet"), 350), (N_("Thongdy"), 650),
]

#: The hidden fields of the simple preset: all that day 1 has not taught (their defaults switch them off).
_NOT_ON_DAY_1 = ("kip_per_usd", "cherry_per_green", "price_unit", "processing_cost", "certification_cost",
                 "interest_per_month", "loan_months", "reserve_share", "trader_prices")

PRESETS = {
    "full": Preset(hidden=["alone_prices"]),
    "simple": Preset(
        summary=N_("The selling game's pool: change the advance, the price or the cherry each farmer brings, and "
                   "see each farmer's advance, final payment, and what selling alone would have paid."),
        code_tip=code_tip(N_("let the pool keep a tenth of what is left as a reserve")),
        hidden=_NOT_ON_DAY_1,
        params={
            "advance": {"help": N_("Paid in cash when the farmer brings the cherry. The final payment comes "
                                   "after the sale.")},
            "price_unit": {"default": "kip_kg_cherry"},
            "processing_cost": {"default": 0},
            "transport_cost": {"default": 100, "label": N_("Truck and bags"),
                               "help": N_("What the pool pays to carry and pack the cherry. In the game: 390,000 kip "
                                          "for 3,900 kg.")},
            "certification_cost": {"default": 0},
            "interest_per_month": {"default": "0"},
            "loan_months": {"default": 0},
            "reserve_share": {"default": "0"},
            "deliveries": {
                "label": N_("Cherry each farmer brings"),
                "help": N_("One row per farmer card of the game: the cherry of the two busiest weeks of the harvest."),
                "columns": [replace(MEMBER, label=N_("Farmer")), CHERRY_KG],
                "fixed": {"week": 1, "grade": "A"},
                "default": [{"member": name, "kg": kg} for name, kg in GAME_CARDS],
            },
            "lots": {
                "label": N_("The pool's sale"),
                "help": N_("The buyer pays one price for the whole pool: the price card's price for 2,500 kg or more."),
                "columns": [Integer(name="price", label=N_("Price"), unit=N_("kip per kg of cherry"), min=0,
                                    max=1_000_000)],
                "fixed": {"grade": "A", "week": 1, "share": Fraction(1)},
                "default": [{"price": 3_100}],
                "min_rows": 1, "max_rows": 1,
            },
            "alone_prices": {
                "default": [{"from_kg": 0, "price": 2_600}, {"from_kg": 500, "price": 2_800},
                            {"from_kg": 2_500, "price": 3_100}],
                "min_rows": 1,
            },
        },
        questions=SIMPLE_QUESTIONS,
        show=show_simple,
    ),
}
# fmt: on
