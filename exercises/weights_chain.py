"""Exercise: weights along the chain — cherry → parchment → green coffee, a container, and its value.

Where it is used: Key concepts 2 ("The coffee chain: from cherry to export") and Conception 3
("Feasibility: can we really do it?").

Defaults: the Phou Kaew case of Conception 3 — 25 families who picked about 60,000 kg of arabica
cherry, that is 2,400 kg a family. About 5 kg of cherry make 1 kg of parchment and 1.25 kg of
parchment make 1 kg of green coffee (wikiversity-ratios, coffee-guide-ratios); strict sorting for
export can take the parchment-to-green ratio to about 1.6 (JCFC planned 36 t of quality green from
60 t of parchment: jcfc-blog-2007-01). A 20-ft container of green coffee held 320 bags in a PNG
example (thenational-png-container); the 60 kg bag weight is our assumption. A picker gathers about
75 kg of cherry a day (risc-picker-productivity). The yield of 1,600 kg of cherry per hectare is an
assumption from Lao national figures for 2018 (154,135 t on 95,400 ha, probably cherry weight:
subject-matter research §4.1). Prices: 2019/20 arabica cherry 1,500–3,200 kip/kg and parchment
15,000–16,500 kip/kg (vietstock-2020); green coffee about 2015, grade D US$1,300 and grade A
US$2,200 a tonne (lca-2015-interview), changed into kip at 8,900 kip per US$ (laotiantimes-2024-kip).
Prices from different years do not fit together exactly: groups should put in today's prices.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from fractions import Fraction
from typing import Any

from exercises.core.exercise import fill
from exercises.core.i18n import N_, Translator
from exercises.core.money import round_kip
from exercises.core.outputs import BarChart, Msg, Notices, Outputs, ResultTable
from exercises.core.params import Choice, Integer, Percent, Problem, Table, problem
from exercises.core.questions import Case, NoAnswer, NumberAnswer, questions_from
from exercises.shared import CHERRY_PER_PARCHMENT, in_kip, weight_ratio

# ---- What the learner can change ----------------------------------------------------------------

STAGE_OPTIONS = (
    ("cherry", N_("Cherry")),
    ("parchment", N_("Parchment")),
    ("green", N_("Green coffee for export")),
)
STAGE_NAMES = dict(STAGE_OPTIONS)

#: Each field's name, kind, default and bounds; its label, unit and help are in weights_chain.toml.
PARAMS = [
    Integer(name="cherry_kg", default=60_000, min=0, max=100_000_000),
    replace(CHERRY_PER_PARCHMENT, max="20"),
    weight_ratio("parchment_per_green", default="1.25", min="1", max="5"),
    Percent(name="sorting_loss", default="0", min=0, max=90, places=1),
    Integer(name="bags", default=320, min=1, max=2_000),
    Integer(name="bag_kg", default=60, min=1, max=100),
    Integer(name="cherry_per_member", default=2_400, min=1, max=1_000_000),
    Integer(name="cherry_per_ha", default=1_600, min=1, max=100_000),
    Integer(name="picker_kg_per_day", default=75, min=1, max=1_000),
    Table(
        name="prices",
        key_column="stage",
        columns=[
            Choice(name="stage", options=STAGE_OPTIONS),
            Integer(name="low", min=0, max=10_000_000),
            Integer(name="high", min=0, max=10_000_000),
        ],
        default=[
            {"stage": "cherry", "low": 1_500, "high": 3_200},
            {"stage": "parchment", "low": 15_000, "high": 16_500},
            {"stage": "green", "low": 11_570, "high": 19_580},
        ],
        min_rows=0,
        max_rows=3,
    ),
]


def validate(values: Mapping[str, Any]) -> Iterator[Problem]:
    """Checks across fields: each stage has at most one row; the low price is not above the high price."""
    for index, row in enumerate(values["prices"]):
        if row["low"] > row["high"]:
            yield problem(
                f"prices.{index}.high",
                N_("The high price ({high} kip) is below the low price ({low} kip)."),
                high=row["high"],
                low=row["low"],
            )


# ---- From the form to the model and back --------------------------------------------------------


def run(model: Any, values: Mapping[str, Any]) -> Any:
    """Give the learner's numbers to the model (the original, or the learner's edited copy)."""
    ratios = fill(model.Ratios, values)
    capacity = fill(model.Capacity, values)
    prices = [model.Price(row["stage"], row["low"], row["high"]) for row in values["prices"]]
    return model.chain(values["cherry_kg"], ratios, values["bags"], values["bag_kg"], capacity, prices)


#: When a later stage is worth less than the stage before it, one of these explains why that matters.
_LOSS_NOTICES = {
    ("cherry", "parchment"): N_(
        "At least at one of the prices, the parchment is worth less than the cherry it came from: per kg of "
        "cherry, parchment brings {later_low}–{later_high} kip and cherry {earlier_low}–{earlier_high} kip. "
        "Then the work of the wet mill earns nothing. Check that both prices come from the same season."
    ),
    ("parchment", "green"): N_(
        "At least at one of the prices, the green coffee is worth less than the parchment it came from: per kg "
        "of cherry, green coffee brings {later_low}–{later_high} kip and parchment {earlier_low}–{earlier_high} "
        "kip. Hulling, sorting, bags and transport cost money too. Check that the prices come from the same "
        "season; if they do, selling parchment pays better, and quality (grade A, not grade D) decides."
    ),
    ("cherry", "green"): N_(
        "At least at one of the prices, the green coffee is worth less than the cherry it came from: per kg of "
        "cherry, green coffee brings {later_low}–{later_high} kip and cherry {earlier_low}–{earlier_high} kip. "
        "Check that the prices come from the same season."
    ),
}


# A table or chart here is its id and its numbers; its caption, columns and titles are in weights_chain.toml.
def show(result: Any, values: Mapping[str, Any], t: Translator) -> Outputs:
    """Three tables (weights and people, where the weight goes, value), two charts, and notes."""
    lot, box = result.lot, result.container
    lot_people, box_people = result.lot_people, result.container_people
    weights_table = ResultTable(
        id="weights",
        rows=[
            [Msg(N_("Cherry (kg)")), lot.cherry, box.cherry],
            [Msg(N_("Parchment (kg)")), lot.parchment, box.parchment],
            [Msg(N_("Green coffee after hulling (kg)")), lot.green, box.green],
            [Msg(N_("Green coffee for export (kg)")), lot.export_green, box.export_green],
            [Msg(N_("Containers filled")), result.containers, Fraction(box.export_green, result.container_green_kg)],
            [
                Msg(N_("Member families (at {kg} kg of cherry each)"), {"kg": values["cherry_per_member"]}),
                lot_people.families,
                box_people.families,
            ],
            [
                Msg(N_("Hectares (at {kg} kg of cherry each)"), {"kg": values["cherry_per_ha"]}),
                lot_people.hectares,
                box_people.hectares,
            ],
            [
                Msg(N_("Days of picking for one person (at {kg} kg a day)"), {"kg": values["picker_kg_per_day"]}),
                lot_people.picker_days,
                box_people.picker_days,
            ],
        ],
    )
    share = (lambda kg: Fraction(kg, lot.cherry)) if lot.cherry else (lambda kg: 0)
    loss_table = ResultTable(
        id="losses",
        rows=[
            [Msg(N_("Lost at the wet mill: pulp, skin and water")), lot.wet_mill_loss, share(lot.wet_mill_loss)],
            [Msg(N_("Lost at the dry mill: parchment skin")), lot.hulling_loss, share(lot.hulling_loss)],
            [Msg(N_("Sorted out: beans below export quality")), lot.sorted_out, share(lot.sorted_out)],
            [Msg(N_("Green coffee for export")), lot.export_green, share(lot.export_green)],
        ],
        footer=[Msg(N_("Cherry minus everything above (must be 0)")), lot.balance(), None],
    )
    value_table = ResultTable(
        id="values",
        rows=[
            [
                Msg(STAGE_NAMES[v.stage]),
                v.kg,
                v.price.low,
                v.price.high,
                v.value_low,
                v.value_high,
                round_kip(v.per_cherry_low),
                round_kip(v.per_cherry_high),
            ]
            for v in result.values
        ],
    )
    weight_chart = BarChart(
        id="weight-chart",
        labels=[
            Msg(N_("Cherry")),
            Msg(N_("Parchment")),
            Msg(N_("Green coffee after hulling")),
            Msg(N_("Green coffee for export")),
        ],
        series=[(Msg(N_("Weight")), [lot.cherry, lot.parchment, lot.green, lot.export_green])],
        kind="kg",
    )
    charts = [weight_chart]
    if result.values:
        charts.insert(
            0,
            BarChart(
                id="value-chart",
                labels=[Msg(STAGE_NAMES[v.stage]) for v in result.values],
                series=[
                    (Msg(N_("At the low price")), [v.value_low for v in result.values]),
                    (Msg(N_("At the high price")), [v.value_high for v in result.values]),
                ],
            ),
        )

    notices = Notices()
    notices.info(
        N_(
            "The group's cherry fills {share} of a container. A full container needs about {cherry} kg of cherry: "
            "the harvest of about {families} member families, or {hectares} hectares."
        ),
        share=t.pct(result.containers),
        cherry=t.int(box.cherry),
        families=t.num(box_people.families, 1),
        hectares=t.num(box_people.hectares, 1),
    )
    for earlier, later in zip(result.values, result.values[1:], strict=False):
        if later.per_cherry_low < earlier.per_cherry_low or later.per_cherry_high < earlier.per_cherry_high:
            kip = lambda amount: t.int(round_kip(amount))  # noqa: E731 - a short local alias
            notices.warning(
                _LOSS_NOTICES[(earlier.stage, later.stage)],
                later_low=kip(later.per_cherry_low),
                later_high=kip(later.per_cherry_high),
                earlier_low=kip(earlier.per_cherry_low),
                earlier_high=kip(earlier.per_cherry_high),
            )
    if values["sorting_loss"] > 0 and values["parchment_per_green"] >= Fraction(14, 10):
        notices.warning(
            N_(
                "The parchment ratio ({ratio}) already looks like it includes sorting, and {loss} of the green coffee "
                "is also sorted out. Make sure the sorting is not counted twice."
            ),
            ratio=t.num(values["parchment_per_green"]),
            loss=t.pct(values["sorting_loss"]),
        )
    return Outputs(
        key=Msg(N_("Cherry for one full container: {kg} kg"), {"kg": t.int(round_kip(box.cherry))}),
        tables=[weights_table, loss_table, value_table],
        charts=charts,
        notices=notices,
        numbers={
            "balance": lot.balance(),
            "container_balance": box.balance(),
            "export_green": lot.export_green,
            "containers": result.containers,
            "container_cherry": box.cherry,
            "container_families": box_people.families,
            "values": {v.stage: [v.value_low, v.value_high] for v in result.values},
        },
    )


# ---- Questions: predict, then check -------------------------------------------------------------


def _gain_as_parchment(case: Case) -> int:
    """The group's cherry as parchment minus as cherry, at the low prices (both rows must be in the table)."""
    found = {v.stage: v for v in case.result.values}
    for stage in ("parchment", "cherry"):
        if stage not in found:
            raise NoAnswer(
                N_(
                    "This question is about “{name}”, which is no longer in the table. "
                    "Press “Reset numbers” to bring it back."
                ),
                name=case.t(STAGE_NAMES[stage]),
            )
    return found["parchment"].value_low - found["cherry"].value_low


#: How each question is answered and checked; its words and the answer worked out by hand are in weights_chain.toml.
QUESTIONS = questions_from(
    __file__,
    {
        "container-cherry": (
            lambda case: case.result.container.cherry,
            NumberAnswer(unit=N_("kg"), relative=Fraction(2, 100)),
        ),
        "container-families": (
            lambda case: case.result.container_people.families,
            NumberAnswer(unit=N_("families"), tolerance=1),
        ),
        "strict-sorting": (
            lambda case: case.result.lot.export_green,
            NumberAnswer(unit=N_("kg"), relative=Fraction(2, 100)),
        ),
        "parchment-gain": (_gain_as_parchment, in_kip(percent=1)),
        "sorting-picker-days": (
            lambda case: case.result.container_people.picker_days,
            NumberAnswer(unit=N_("days"), relative=Fraction(2, 100)),
        ),
    },
)
