"""Exercise: the exchange rate — coffee sold in US$, members paid in kip.

Where it is used: Management 6 ("Finance: advances, surplus and risk"), section "The kip and the dollar".

Defaults: the session's example, a sale of about US$20,000 signed when the kip is at 21,400 per US$
(May 2024, official 21,391: laotiantimes-2024-kip) and paid when it is at 20,000. The sale is
5,040 kg of green coffee (30,240 kg of cherry at about 6 kg of cherry for 1 kg of green:
wikiversity-ratios, coffee-guide-ratios) at the Fairtrade minimum for washed arabica, US$1.80 per lb
(fairtrade-2023): 5,040 × 2.2046 × 1.80 ≈ US$20,000. Presets for other years: about 8,900 kip per
US$ in 2020 (laotiantimes-2024-kip, phnompenhpost-kip-2020) and about 15,000 in 2022, after the kip
fell 37 % from January to August 2022 (research notes §4.4, vietnamplus; not yet on the references
page). The advance (10,000 kip per kg of cherry), the costs (3,000 kip per kg), the fixed rate
(21,000) and the reserve (10,000,000 kip) are assumptions at 2024 prices for discussion: kip prices
in 2024–25 are much higher than the 2019/20 prices used elsewhere, so groups should put in today's
numbers. Mr Bounmy (3,000 kg), Mr Khamla (4,500 kg) and Mrs Vanh (800 kg) deliver as in the
session's surplus case.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from fractions import Fraction
from typing import Any

from exercises.core.exercise import fill
from exercises.core.i18n import N_, Translator
from exercises.core.money import per_kg, round_kip
from exercises.core.outputs import BarChart, Msg, Notices, Outputs, ResultTable
from exercises.core.params import Choice, Integer, Number
from exercises.core.questions import questions_from
from exercises.shared import (
    ADVANCE,
    CHERRY_PER_GREEN,
    MEMBER,
    final_per_kg,
    in_kip,
    in_kip_per_kg,
    kip_amount,
    kip_per_kg_of_cherry,
    kip_per_usd,
    members_table,
    ratio,
)

#: Rates from the sources, kip per US$ (see the docstring): shown for comparison under the results.
PRESET_RATES = (
    (N_("2020: about {rate}"), 8_900),
    (N_("2022: about {rate}"), 15_000),
    (N_("May 2024: about {rate}"), 21_400),
)

# ---- What the learner can change ----------------------------------------------------------------

PROTECTION_OPTIONS = (("none", N_("No: the rate of the payment day")), ("fixed", N_("Yes: the fixed rate below")))

#: Each field's name, kind, default and bounds; its label, unit and help are in exchange_rate.toml.
PARAMS = [
    Number(name="price_usd_lb", default="1.80", min="0", max="20", places=2),
    CHERRY_PER_GREEN,
    replace(ADVANCE, default=10_000),
    kip_per_kg_of_cherry("costs", 3_000),
    kip_per_usd("rate_contract", 21_400),
    kip_per_usd("rate_payment", 20_000),
    Choice(name="protection", default="none", options=PROTECTION_OPTIONS),
    kip_per_usd("fixed_rate", 21_000),
    kip_amount("reserve", 10_000_000),
    members_table(
        columns=[
            MEMBER,
            Integer(name="kg", min=0, max=1_000_000_000),
        ],
        default=[
            {"member": N_("Bounmy"), "kg": 3_000},
            {"member": N_("Khamla"), "kg": 4_500},
            {"member": N_("Vanh"), "kg": 800},
            {"member": N_("Other members"), "kg": 21_940},
        ],
        min_rows=1,
        max_rows=5_000,
    ),
]


# ---- From the form to the model and back --------------------------------------------------------


def run(model: Any, values: Mapping[str, Any]) -> Any:
    """Give the learner's numbers to the model (the original, or the learner's edited copy)."""
    sale = fill(model.Sale, values)
    return model.settle({row["member"]: row["kg"] for row in values["members"]}, sale)


# A table or chart here is its id and its numbers; its caption, columns and titles are in exchange_rate.toml.
def show(result: Any, values: Mapping[str, Any], t: Translator) -> Outputs:
    """The money in kip, each member, the same sale at other rates; a chart; notes on the risk."""
    kg = result.cherry_kg
    money_table = ResultTable(
        id="money",
        rows=[
            [Msg(N_("Exchange rate (kip per US$)")), result.sale.rate_contract, result.rate_used],
            [
                Msg(N_("Sale of US${usd}, changed into kip"), {"usd": t.num(result.usd, 2)}),
                result.expected.kip,
                result.received.kip,
            ],
            [Msg(N_("Advances paid to members")), result.advances, result.advances],
            [Msg(N_("Costs")), result.costs, result.costs],
            [Msg(N_("Taken from the exchange-rate reserve")), 0, result.reserve_used],
            [Msg(N_("Final payments to members")), result.expected.pool, result.finals],
            [Msg(N_("Left in the exchange-rate reserve")), result.sale.reserve, result.reserve_left],
            [Msg(N_("Final payment per kg of cherry")), per_kg(result.expected.pool, kg), per_kg(result.finals, kg)],
        ],
        footer=[
            Msg(N_("Kip and reserve minus everything paid and kept (must be 0)")),
            result.expected.kip - (result.advances + result.costs + result.expected.pool),
            result.balance(),
        ],
    )
    members = list(result.members.values())
    member_table = ResultTable(
        id="members",
        rows=[[m.name, m.cherry_kg, m.advance, m.expected_final, m.final, m.change] for m in members],
    )
    scenarios = [
        (Msg(N_("Contract day: {rate}"), {"rate": t.int(result.sale.rate_contract)}), result.expected),
        (
            Msg(N_("Payment day: {rate}"), {"rate": t.int(result.sale.rate_payment)}),
            result.at(result.sale.rate_payment),
        ),
        (Msg(N_("Fixed rate: {rate}"), {"rate": t.int(result.sale.fixed_rate)}), result.at(result.sale.fixed_rate)),
    ] + [(Msg(label, {"rate": t.int(rate)}), result.at(rate)) for label, rate in PRESET_RATES]
    scenario_table = ResultTable(
        id="rates",
        rows=[[label, at.kip, per_kg(at.pool, kg), per_kg(result.with_reserve(at), kg)] for label, at in scenarios],
    )
    bars = scenarios[::-1]  # a horizontal chart draws its first bar at the bottom: keep the table's order
    chart = BarChart(
        id="chart",
        labels=[label for label, _ in bars],
        series=[
            (N_("Without the reserve"), [per_kg(at.pool, kg) or 0 for _, at in bars]),
            (N_("With the reserve"), [per_kg(result.with_reserve(at), kg) or 0 for _, at in bars]),
        ],
        horizontal=True,
    )

    notices = Notices()
    expected_kg, paid_kg = result.expected_per_kg, result.final_per_kg
    if kg == 0:
        notices.info(N_("No cherry yet: add a row to the table of cherry delivered."))
    elif result.sale.protection == "fixed":
        notices.info(
            N_(
                "With the fixed-rate contract the co-op gets {rate} kip per US$ whatever the rate on the payment day. "
                "It is safe if the kip rises, and it gives up the gain if the kip falls."
            ),
            rate=t.int(result.sale.fixed_rate),
        )
    if kg and result.gap > 0:
        drop = ratio(result.gap, result.expected.kip)
        notices.warning(
            N_(
                "The co-op received {gap} less than it expected ({drop} less). Advances and costs were already "
                "paid in kip, so the whole loss falls on the final payment: before the reserve it falls from {expected} "
                "to {before} per kg."
            ),
            gap=t.kip(result.gap),
            drop=t.pct(drop),
            expected=t.kip(round_kip(expected_kg)),
            before=t.kip(round_kip(Fraction(result.received.pool, kg))),
        )
        if result.reserve_used:
            left = result.gap - result.reserve_used
            if left > 0:
                notices.info(
                    N_(
                        "The reserve covers {used} of the loss; {left} is still missing. To keep the final payment "
                        "where it was expected, the reserve would need {gap}."
                    ),
                    used=t.kip(result.reserve_used),
                    left=t.kip(left),
                    gap=t.kip(result.gap),
                )
            else:
                notices.success(
                    N_(
                        "The reserve covers the whole loss ({used}): members get the final payment they expected, and "
                        "{rest} stays in the reserve."
                    ),
                    used=t.kip(result.reserve_used),
                    rest=t.kip(result.reserve_left),
                )
    elif kg and result.gap < 0:
        notices.info(
            N_(
                "The kip fell: the co-op received {gain} more than it expected, and the final payment rises to {paid} per "
                "kg. But when the kip falls, prices in the shops usually rise too."
            ),
            gain=t.kip(-result.gap),
            paid=t.kip(round_kip(paid_kg)),
        )
    if kg and result.finals < 0:
        notices.warning(
            N_(
                "The final payment is below zero: at {rate} kip per US$ the sale does not even pay for the advances and "
                "costs. Never promise kip you do not have yet."
            ),
            rate=t.int(result.rate_used),
        )
    return Outputs(
        key=Msg(N_("Kip expected on the contract day: {amount}"), {"amount": t.kip(result.expected.kip)}),
        tables=[money_table, member_table, scenario_table],
        charts=[chart],
        notices=notices,
        numbers={
            "balance": result.balance(),
            "usd": result.usd,
            "expected_kip": result.expected.kip,
            "received_kip": result.received.kip,
            "gap": result.gap,
            "reserve_used": result.reserve_used,
            "final_per_kg": paid_kg,
            "expected_per_kg": expected_kg,
            "finals": {m.name: m.final for m in members},
        },
    )


# ---- Questions: predict, then check -------------------------------------------------------------


#: How each question is answered and checked; its words and the answer worked out by hand are in exchange_rate.toml.
QUESTIONS = questions_from(
    __file__,
    {
        "expected-kip": (lambda case: case.result.expected.kip, in_kip(percent=1)),
        "final-per-kg": (final_per_kg, in_kip_per_kg(percent=3)),
        "reserve-needed": (lambda case: max(0, case.result.gap), in_kip(percent=1)),
        "rate-23000": (final_per_kg, in_kip_per_kg(percent=3)),
        "fixed-rate": (final_per_kg, in_kip_per_kg(percent=3)),
    },
)
