"""Exercise: sharing transport costs between villages — own trips, per kg, per trip, or by distance.

Where it is used: Management 8 (Services to members), step 5 "Share the transport cost".

Defaults: the session page's truck. A hired truck carries 4,000 kg of parchment a trip; Ban Phou
Kaew sends 8,000 kg, Ban Nam Sai 4,000 kg and Ban Kok Mai 8,000 kg, and a trip costs 1,200,000,
2,000,000 and 1,400,000 kip. The page gives only the trip prices; here they are split into a fixed
400,000 kip a trip plus 20,000 kip per km, with the villages 40, 80 and 50 km from the buyer, which
gives the page's prices exactly. All costs are invented for discussion (as the page says). About
5 kg of cherry make 1 kg of parchment (wikiversity-ratios). The real co-op CPC has 42 village
wet-processing centres and a dry mill 24 km from Pakse (cpc-our-places).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from fractions import Fraction
from typing import Any

from exercises.core.i18n import N_, Translator
from exercises.core.money import per_kg, round_kip
from exercises.core.outputs import BarChart, Column, Msg, Notices, Outputs, ResultTable
from exercises.core.params import Choice, Integer, Percent, Problem, Table, Text, problem
from exercises.core.questions import Case, ChoiceAnswer, NumberAnswer, questions_from
from exercises.models import transport_costs
from exercises.shared import CHERRY_PER_PARCHMENT, first_by, in_kip, in_kip_per_kg, names, ratio

# ---- What the learner can change ----------------------------------------------------------------

RULE_OPTIONS = (
    ("own", N_("Each village pays for its own trips")),
    ("per_kg", N_("One price per kg for all villages")),
    ("per_trip", N_("One price per trip for all villages")),
    ("distance", N_("By distance: in proportion to kg × km")),
)

#: Short names of the rules, for table columns and the chart's legend.
RULE_SHORT = {
    "own": N_("Own trips"),
    "per_kg": N_("One price per kg"),
    "per_trip": N_("One price per trip"),
    "distance": N_("By distance"),
}

CARRIED_OPTIONS = (
    ("parchment", N_("Parchment, pulped and dried in the village")),
    ("cherry", N_("Fresh cherry, pulped at the buyer's mill")),
)

#: Each field's name, kind, default and bounds; its label, unit and help are in transport_costs.toml.
PARAMS = [
    Integer(name="capacity_kg", default=4_000, min=1, max=100_000),
    Integer(name="cost_per_trip", default=400_000, min=0, max=1_000_000_000),
    Integer(name="cost_per_km", default=20_000, min=0, max=100_000_000),
    Choice(name="rule", default="own", options=RULE_OPTIONS),
    Percent(name="rule_share", default="100", min=0, max=100, places=1),
    Choice(name="carried", default="parchment", options=CARRIED_OPTIONS),
    replace(CHERRY_PER_PARCHMENT, min="3", max="8", places=1),
    Table(
        name="villages",
        key_column="village",
        columns=[
            Text(name="village", max_length=60),
            Integer(name="kg", min=0, max=100_000_000),
            Integer(name="km", min=0, max=2_000),
        ],
        default=[
            {"village": N_("Ban Phou Kaew"), "kg": 8_000, "km": 40},
            {"village": N_("Ban Nam Sai"), "kg": 4_000, "km": 80},
            {"village": N_("Ban Kok Mai"), "kg": 8_000, "km": 50},
        ],
        min_rows=1,
        max_rows=5_000,
    ),
]


def validate(values: Mapping[str, Any]) -> Iterator[Problem]:
    """Checks across fields: one row per village; the distance rule needs some distance."""
    with_coffee = [row for row in values["villages"] if row["kg"] > 0]
    no_distance = with_coffee and all(row["km"] == 0 for row in with_coffee)
    if values["rule"] == "distance" and values["rule_share"] > 0 and no_distance:
        yield problem(
            "rule",
            N_(
                "Every village with coffee is 0 km from the buyer, so the bill cannot be shared by distance. "
                "Enter the distances or choose another way."
            ),
        )


# ---- From the form to the model and back --------------------------------------------------------


def _weight_factor(values: Mapping[str, Any]) -> Fraction:
    return values["cherry_per_parchment"] if values["carried"] == "cherry" else Fraction(1)


def run(model: Any, values: Mapping[str, Any]) -> Any:
    """Give the learner's numbers to the model (the original, or the learner's edited copy)."""
    truck = model.Truck(values["capacity_kg"], values["cost_per_trip"], values["cost_per_km"])
    villages = [model.Village(r["village"], r["kg"], r["km"]) for r in values["villages"]]
    return model.share_costs(villages, truck, values["rule"], values["rule_share"], _weight_factor(values))


# A table or chart here is its id and its numbers; its caption, columns and titles are in transport_costs.toml.
def show(result: Any, values: Mapping[str, Any], t: Translator) -> Outputs:
    """Trips and costs, who pays what, every rule side by side, a chart, and notes."""
    villages = list(result.villages.values())
    trips_table = ResultTable(
        id="trips",
        rows=[
            [v.name, v.kg, v.km, v.carried_kg, v.trips, v.trip_cost, v.own_cost, per_kg(v.own_cost, v.kg)]
            for v in villages
        ],
        footer=[
            Msg(N_("All villages")),
            result.total_kg,
            None,
            sum(v.carried_kg for v in villages),
            result.trips,
            None,
            result.bill,
            per_kg(result.bill, result.total_kg),
        ],
    )
    pays_table = ResultTable(
        id="pays",
        rows=[[v.name, v.pays, per_kg(v.pays, v.kg), v.own_cost, v.pays - v.own_cost] for v in villages],
        footer=[Msg(N_("Truck bill minus what the villages pay (must be 0)")), result.balance(), None, None, None],
    )
    rules_table = ResultTable(
        id="rules",
        columns=[Column(N_("Village"))] + [Column(RULE_SHORT[r], "kip") for r in transport_costs.RULES],
        rows=[[v.name] + [v.by_rule[r] for r in transport_costs.RULES] for v in villages],
        footer=[Msg(N_("All villages (each is the truck bill)"))]
        + [sum(v.by_rule[r] for v in villages) for r in transport_costs.RULES],
    )
    series = [(RULE_SHORT[r], [per_kg(v.by_rule[r], v.kg) or 0 for v in villages]) for r in transport_costs.RULES]
    if result.rule_share < 1 and result.rule != "per_kg":
        series.append((N_("Your mix"), [per_kg(v.pays, v.kg) or 0 for v in villages]))
    chart = BarChart(
        id="chart",
        labels=[v.name for v in villages],
        series=series,
    )

    notices = Notices()
    if result.total_kg == 0:
        notices.info(N_("No coffee to carry: enter the kg of each village."))
    part_loads = [
        (v.name, result.last_load(v.name))
        for v in villages
        if v.trips and result.last_load(v.name) < result.truck.capacity_kg
    ]
    if part_loads:
        notices.info(
            N_(
                "Some trucks leave part empty. On the last trip they carry: {loads} (a full truck is {capacity} kg). "
                "A part load costs a whole trip."
            ),
            loads=", ".join(f"{name} {t.int(round_kip(kg))} kg" for name, kg in part_loads),
            capacity=result.truck.capacity_kg,
        )
    if values["carried"] == "cherry" and result.total_kg:
        parchment_trips = sum(transport_costs.trips_needed(Fraction(v.kg), result.truck.capacity_kg) for v in villages)
        notices.warning(
            N_(
                "Fresh cherry weighs about {factor} times its parchment: the truck needs {trips} trips instead of "
                "{parchment_trips}. Cherry must also be pulped within about 18 hours."
            ),
            factor=values["cherry_per_parchment"],
            trips=result.trips,
            parchment_trips=parchment_trips,
        )
    more = [v for v in villages if v.pays > v.own_cost]
    less = [v for v in villages if v.pays < v.own_cost]
    if more and less:
        notices.info(
            N_(
                "Villages that pay more than their own trips cost: {payers} ({more} in all). Villages that pay less: "
                "{receivers}. Money moves between villages: agree on it openly, and say why."
            ),
            payers=", ".join(v.name for v in more),
            more=t.kip(sum(v.pays - v.own_cost for v in more)),
            receivers=", ".join(v.name for v in less),
        )
    elif result.rule == "own" and result.rule_share == 1 and result.total_kg:
        prices = [Fraction(v.own_cost, v.kg) for v in villages if v.kg]
        notices.info(
            N_(
                "Each village pays what its own trips cost: from {low} to {high} kip per kg. "
                "Villages far from the buyer, and villages whose last truck is part empty, pay more per kg."
            ),
            low=round_kip(min(prices)),
            high=round_kip(max(prices)),
        )
    if result.fallback:
        notices.warning(
            N_("Every village with coffee is 0 km from the buyer, so “by distance” is shared by kg instead.")
        )
    return Outputs(
        key=Msg(N_("Truck bill for the season: {amount}"), {"amount": t.kip(result.bill)}),
        tables=[trips_table, pays_table, rules_table],
        charts=[chart] if villages else [],
        notices=notices,
        numbers={
            "balance": result.balance(),
            "bill": result.bill,
            "trips": result.trips,
            "pays": {v.name: v.pays for v in villages},
            "by_rule": {r: {v.name: v.by_rule[r] for v in villages} for r in transport_costs.RULES},
        },
    )


# ---- Questions: predict, then check -------------------------------------------------------------


def _one_price(case: Case) -> Fraction:
    return ratio(case.result.bill, case.result.total_kg)


def _gains_most(case: Case) -> str:
    """The village whose bill falls most when "own trips" becomes one price per kg."""
    return first_by(case.result.villages.values(), lambda v: -(v.by_rule["own"] - v.by_rule["per_kg"]))


#: Mrs Vanh's parchment (Management 8): her 800 kg of cherry a season make 160 kg.
VANH_PARCHMENT_KG = 160


def _vanh_pays(case: Case) -> int:
    """Mrs Vanh sends 160 kg of parchment from Ban Nam Sai; she pays her village's price per kg."""
    village = case.row(case.result.villages, N_("Ban Nam Sai"))
    return round_kip(Fraction(VANH_PARCHMENT_KG * village.pays, village.kg)) if village.kg else 0


#: How each question is answered and checked; its words and the answer worked out by hand are in transport_costs.toml.
QUESTIONS = questions_from(
    __file__,
    {
        "bill": (lambda case: case.result.bill, in_kip(within=1)),
        "one-price": (_one_price, in_kip_per_kg(within=1)),
        "gains-most": (_gains_most, ChoiceAnswer(options=names(lambda result: result.villages.values()))),
        "vanh-mix": (_vanh_pays, in_kip(percent=1)),
        "cherry-trips": (lambda case: case.result.trips, NumberAnswer(unit=N_("trips"))),
    },
)
