"""Exercise: the Fairtrade floor price — minimum price, market price, premium and organic differential.

Where it is used: Management 5 ("Fairtrade and organic"), step 3 "The floor price".

Defaults: Fairtrade terms for washed arabica since 1 August 2023 — minimum US$1.80/lb, premium
US$0.20/lb of which US$0.05 for productivity or quality, organic differential US$0.40/lb
(fairtrade-2023, fairtrade-spo-coffee); from 2011 to July 2023 they were 1.40 / 0.20 / 0.30
(fairtrade-hacofco, fairtrade-johnburton). The market price is paid when it is higher than the
minimum, and the premium is added in any case (fairtrade-johnburton). The Phou Kaew co-op sells
40,000 lb of green coffee in the year (the case of session M5); the market prices month by month are
invented for practice, with the page's sale A (US$1.50) in January and sale B (US$2.60) in June.
About 21,400 kip per US$ in May 2024 (laotiantimes-2024-kip); about 6 kg of cherry for 1 kg of green
coffee (wikiversity-ratios, lca-2015-interview).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Any

from exercises.core.exercise import fill
from exercises.core.i18n import N_, Translator
from exercises.core.outputs import BarChart, Msg, Notices, Outputs, ResultTable
from exercises.core.params import Choice, Integer, Number, Problem, Table, problem
from exercises.core.questions import Case, NumberAnswer, questions_from
from exercises.shared import (
    CHERRY_PER_GREEN,
    FAIRTRADE_PREMIUM,
    KIP_PER_USD,
    MONTH,
    ONE_ROW_PER_MONTH,
    ORGANIC_DIFFERENTIAL,
    YES_NO,
    amounts_table,
    in_kip,
    usd_per_lb,
)

# ---- What the learner can change ----------------------------------------------------------------

#: Each field's name, kind, default and bounds; its label, unit and help are in floor_price.toml.
PARAMS = [
    Number(name="minimum", default="1.80", min="0", max="10", places=2),
    FAIRTRADE_PREMIUM,
    usd_per_lb("quality_part", "0.05"),
    Choice(name="organic", default="no", options=YES_NO),
    ORGANIC_DIFFERENTIAL,
    Number(name="differential", default="0", min="-2", max="2", places=2),
    KIP_PER_USD,
    CHERRY_PER_GREEN,
    Table(
        name="sales",
        key_column="month",
        key_message=ONE_ROW_PER_MONTH,
        columns=[
            MONTH,
            Number(name="market", min="0", max="20", places=2),
            Integer(name="lb", min=0, max=100_000_000),
        ],
        default=[
            {"month": N_("January"), "market": "1.50", "lb": 5_000},
            {"month": N_("February"), "market": "1.60", "lb": 5_000},
            {"month": N_("March"), "market": "1.75", "lb": 10_000},
            {"month": N_("April"), "market": "1.90", "lb": 10_000},
            {"month": N_("May"), "market": "2.20", "lb": 5_000},
            {"month": N_("June"), "market": "2.60", "lb": 5_000},
        ],
        min_rows=1,
        max_rows=24,
    ),
]


def validate(values: Mapping[str, Any]) -> Iterator[Problem]:
    """Checks across fields: the quality part is part of the premium; month names are not repeated."""
    if values["quality_part"] > values["premium"]:
        yield problem(
            "quality_part",
            N_(
                "The part for productivity or quality (US${part}) cannot be more than the whole premium (US${premium})."
            ),
            part=values["quality_part"],
            premium=values["premium"],
        )


# ---- From the form to the model and back --------------------------------------------------------


def curve_markets(values: Mapping[str, Any]) -> list[Fraction]:
    """Market prices for the chart “paid price for any market price”: around the minimum and the table's prices."""
    step = Fraction(1, 5)
    low = min([Fraction(1), values["minimum"] - Fraction(2, 5)] + [row["market"] for row in values["sales"]])
    high = max([Fraction(3), values["minimum"] + Fraction(2, 5)] + [row["market"] for row in values["sales"]])
    start = max(Fraction(0), (low // step) * step)
    count = int((high - start) // step) + 1
    while count > 16:  # keep the chart readable
        step *= 2
        count = int((high - start) // step) + 1
    return [start + i * step for i in range(count + 1)]


def run(model: Any, values: Mapping[str, Any]) -> Any:
    """Give the learner's numbers to the model (the original, or the learner's edited copy)."""
    terms = fill(model.Terms, values, organic=values["organic"] == "yes")
    sales = [model.Sale(row["month"], row["market"], row["lb"]) for row in values["sales"]]
    return model.settle(sales, terms, values["kip_per_usd"], values["cherry_per_green"], curve_markets(values))


# A table or chart here is its id and its numbers; its caption, columns and titles are in floor_price.toml.
def show(result: Any, values: Mapping[str, Any], t: Translator) -> Outputs:
    """Three tables (price per lb, kip, where the money comes from), two charts, and notes."""
    sales = result.sales
    price_table = ResultTable(
        id="per-lb",
        rows=[
            [
                s.sale.label,
                s.price.market,
                Msg(N_("The minimum price")) if s.price.minimum_counts else Msg(N_("The market price")),
                s.price.base,
                s.price.premium,
                s.price.organic,
                s.price.paid,
            ]
            for s in sales
        ],
    )
    kip_table = ResultTable(
        id="kip",
        rows=[
            [
                s.sale.label,
                s.sale.lb,
                s.kip_per_kg_green,
                s.kip_per_kg_cherry,
                s.received,
                s.parts["minimum"],
                s.parts["premium_quality"] + s.parts["premium_other"],
            ]
            for s in sales
        ],
        footer=[
            Msg(N_("The whole year")),
            result.lb,
            None,
            None,
            result.received,
            result.total("minimum"),
            result.premium,
        ],
    )
    money_table = amounts_table(
        [
            (N_("Received for all sales"), result.received),
            (N_("Market price and differential"), result.total("market")),
            (N_("Added by the minimum price"), result.total("minimum")),
            (N_("Organic differential"), result.total("organic")),
            (N_("Premium: part for productivity or quality"), result.total("premium_quality")),
            (N_("Premium: part the general assembly decides on"), result.total("premium_other")),
        ],
        footer=(N_("Received minus everything above (must be 0)"), result.balance()),
    )
    month_chart = BarChart(
        id="months",
        labels=[s.sale.label for s in sales],
        series=[
            (Msg(N_("Market price + differential")), [s.price.market for s in sales]),
            (Msg(N_("Paid with Fairtrade")), [s.price.paid for s in sales]),
        ],
        kind="usd",
    )
    curve_chart = BarChart(
        id="curve",
        labels=[t.dec(market, 2) for market, _ in result.curve],
        series=[
            (Msg(N_("Market price + differential")), [p.market for _, p in result.curve]),
            (Msg(N_("Paid with Fairtrade")), [p.paid for _, p in result.curve]),
        ],
        kind="usd",
    )

    notices = Notices()
    protected = [s for s in sales if s.price.minimum_counts and s.sale.lb > 0]
    sold = [s for s in sales if s.sale.lb > 0]
    if protected:
        notices.info(
            N_(
                "The market price was below the minimum in {count} of {total} sales ({months}). There the minimum "
                "price added {amount} in the year."
            ),
            count=len(protected),
            total=len(sold),
            months=", ".join(s.sale.label for s in protected),
            amount=t.kip(result.total("minimum")),
        )
    elif sold and not result.premium:
        notices.info(
            N_("The market price was at or above the minimum in every sale, so the minimum added nothing this year.")
        )
    elif sold:
        notices.info(
            N_(
                "The market price was at or above the minimum in every sale, so the minimum added nothing this year. "
                "The premium of {premium} was paid all the same."
            ),
            premium=t.kip(result.premium),
        )
    if values["organic"] == "yes":
        notices.info(
            N_(
                "Organic coffee: {amount} of organic differential in the year. Remember the certification costs and "
                "the conversion years (see the simulation “going organic”)."
            ),
            amount=t.kip(result.total("organic")),
        )
    if result.premium:
        notices.info(
            N_(
                "The premium, {premium}, belongs to the co-op's premium fund, not to the price paid to members. "
                "At least {quality} must go to productivity or quality; the general assembly votes on the rest."
            ),
            premium=t.kip(result.premium),
            quality=t.kip(result.total("premium_quality")),
        )
    if values["differential"] < 0:
        notices.warning(
            N_(
                "The differential is below zero: the buyer pays less than the market price for this coffee. The "
                "minimum price then counts more often."
            )
        )
    january = {s.sale.label: s for s in sales}.get(t(N_("January")))
    return Outputs(
        key=january
        and Msg(N_("Paid in January, premium included: US${price} per lb"), {"price": t.dec(january.price.paid, 2)}),
        tables=[price_table, kip_table, money_table],
        charts=[month_chart, curve_chart],
        notices=notices,
        numbers={
            "balance": result.balance(),
            "received": result.received,
            "premium": result.premium,
            "quality": result.total("premium_quality"),
            "minimum_added": result.total("minimum"),
            "paid": {s.sale.label: s.price.paid for s in sales},
        },
    )


# ---- Questions: predict, then check -------------------------------------------------------------


def _paid_in(month: str):
    def answer(case: Case) -> Fraction:
        return case.row({s.sale.label: s for s in case.result.sales}, month).price.paid

    return answer


USD = NumberAnswer(unit=N_("US$ per lb"), tolerance=Fraction(1, 100), places=2)

#: How each question is answered and checked; its words and the answer worked out by hand are in floor_price.toml.
QUESTIONS = questions_from(
    __file__,
    {
        "january": (_paid_in(N_("January")), USD),
        "january-organic": (_paid_in(N_("January")), USD),
        "premium-year": (lambda case: case.result.premium, in_kip(percent=1)),
        "minimum-added": (lambda case: case.result.total("minimum"), in_kip(percent=2)),
        "old-rules": (_paid_in(N_("January")), USD),
    },
)
