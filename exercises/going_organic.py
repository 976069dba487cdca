"""Exercise: going organic — conversion years, yearly costs, harvest changes and the organic differential.

Where it is used: Management 5 ("Fairtrade and organic"), step 4 "Going organic?".

Defaults: the example figures of session M5 — the Phou Kaew co-op sells 40,000 lb of washed arabica
green coffee a year at US$2.00 per lb (Fairtrade minimum US$1.80 + premium US$0.20: fairtrade-2023);
organic coffee earns US$0.40 per lb more since August 2023 (fairtrade-2023); 3 conversion years and
50,000,000 kip a year of certification, inspection and training are invented examples, not verified
for Laos (the page says so: ask the certifier). About 21,400 kip per US$ in May 2024
(laotiantimes-2024-kip). CPC, on the same plateau, has been Fairtrade and organic since 2009
(malongo-laos), with about 3,000 ha of organic coffee farmed by 826 families (laotiantimes-2016-organic).
The harvest changes start at 0: the page's case b (a fall to 34,000 lb, −15%) is one of the questions.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Any

from exercises.core.exercise import fill
from exercises.core.i18n import N_, Translator
from exercises.core.outputs import BarChart, Msg, Notices, Outputs, ResultTable
from exercises.core.params import Integer, Number, Percent, Problem, problem
from exercises.core.questions import Case, ChoiceAnswer, NumberAnswer, questions_from
from exercises.shared import KIP_PER_USD, ORGANIC_DIFFERENTIAL, amounts_table, in_kip, lowest

# ---- What the learner can change ----------------------------------------------------------------

#: Each field's name, kind, default and bounds; its label, unit and help are in going_organic.toml.
PARAMS = [
    Integer(name="lb_per_year", default=40_000, min=0, max=100_000_000),
    Number(name="price", default="2.00", min="0", max="20", places=2),
    ORGANIC_DIFFERENTIAL,
    Integer(name="conversion_years", default=3, min=0, max=10),
    Percent(name="yield_during", default="0", min="-100", max="100", places=1),
    Percent(name="yield_after", default="0", min="-100", max="100", places=1),
    Integer(name="yearly_costs", default=50_000_000, min=0, max=100_000_000_000),
    KIP_PER_USD,
    Integer(name="years", default=10, min=1, max=30),
]


def validate(values: Mapping[str, Any]) -> Iterator[Problem]:
    """Checks across fields: there must be at least one year after the conversion."""
    if values["years"] <= values["conversion_years"]:
        yield problem(
            "years",
            N_("Compare more years than the {conversion} conversion years, or the coffee is never sold as organic."),
            conversion=values["conversion_years"],
        )


# ---- From the form to the model and back --------------------------------------------------------


def run(model: Any, values: Mapping[str, Any]) -> Any:
    """Give the learner's numbers to the model (the original, or the learner's edited copy)."""
    plan = fill(model.Plan, values)
    return model.compare(plan)


# A table or chart here is its id and its numbers; its caption, columns and titles are in going_organic.toml.
def show(result: Any, values: Mapping[str, Any], t: Translator) -> Outputs:
    """Two tables (year by year, the totals), a chart, and notes on the payback."""
    years = result.years
    year_table = ResultTable(
        id="years",
        rows=[
            [
                Msg(N_("Year {year}"), {"year": y.year}),
                Msg(N_("Conversion")) if y.converting else Msg(N_("Organic")),
                y.lb_organic,
                y.conventional,
                y.organic,
                y.organic_differential,
                y.costs,
                y.difference,
                y.cumulative,
            ]
            for y in years
        ],
        footer=[
            Msg(N_("All years")),
            None,
            None,
            result.total("conventional"),
            result.total("organic"),
            result.total("organic_differential"),
            result.total("costs"),
            result.total("difference"),
            None,
        ],
    )
    money_table = amounts_table(
        [
            (N_("Sales going organic"), result.total("organic")),
            (N_("Minus certification, inspection and training"), -result.total("costs")),
            (N_("Minus sales staying conventional"), -result.total("conventional")),
            (N_("Cumulative difference at the end"), result.cumulative),
        ],
        footer=(N_("The first three lines added up, minus the cumulative difference (must be 0)"), result.balance()),
    )
    chart = BarChart(
        id="chart",
        labels=[Msg(N_("Year {year}"), {"year": y.year}) for y in years],
        series=[
            (Msg(N_("Difference in the year")), [y.difference for y in years]),
            (Msg(N_("Cumulative difference")), [y.cumulative for y in years]),
        ],
    )

    notices = Notices()
    if result.payback_year is not None:
        notices.success(
            N_(
                "Going organic pays back in year {year}: from then on the co-op is ahead of staying conventional. "
                "At the end of year {last} it is {amount} ahead."
            ),
            year=result.payback_year,
            last=len(years),
            amount=t.kip(result.cumulative),
        )
    elif result.later_payback_year is not None:
        notices.warning(
            N_(
                "Going organic does not pay back within the {years} years shown. At the same pace it would pay back "
                "in year {year}. Can the co-op wait that long?"
            ),
            years=len(years),
            year=result.later_payback_year,
        )
    elif result.yearly_after == 0:
        notices.warning(
            N_(
                "Going organic never pays back: after conversion it brings exactly as much as staying conventional, "
                "so nothing earns back the conversion years."
            )
        )
    elif values["yield_after"] < 0:
        notices.warning(
            N_(
                "Going organic never pays back: even after conversion, each year brings {amount} less than staying "
                "conventional. The smaller harvest and the yearly costs weigh more than the organic differential."
            ),
            amount=t.kip(-result.yearly_after),
        )
    else:
        notices.warning(
            N_(
                "Going organic never pays back: even after conversion, each year brings {amount} less than staying "
                "conventional. The yearly costs weigh more than the organic differential."
            ),
            amount=t.kip(-result.yearly_after),
        )
    if result.conversion_cumulative < 0:
        notices.info(
            N_(
                "The conversion years leave the co-op {amount} behind before any organic differential is paid. "
                "It needs that money, or members who accept less, to get through them."
            ),
            amount=t.kip(-result.conversion_cumulative),
        )
    return Outputs(
        key=Msg(
            N_("Difference at the end of the conversion years: {amount}"),
            {"amount": t.kip(result.conversion_cumulative)},
        ),
        tables=[year_table, money_table],
        charts=[chart],
        notices=notices,
        numbers={
            "balance": result.balance(),
            "payback_year": result.payback_year,
            "later_payback_year": result.later_payback_year,
            "yearly_after": result.yearly_after,
            "conversion_cumulative": result.conversion_cumulative,
            "cumulative": result.cumulative,
        },
    )


# ---- Questions: predict, then check -------------------------------------------------------------


def _payback(case: Case) -> str:
    return "never" if case.result.payback_year is None else str(case.result.payback_year)


def _payback_options(case: Case) -> list[tuple[str, Any]]:
    years = [(str(y.year), Msg(N_("Year {year}"), {"year": y.year})) for y in case.result.years]
    return [*years, ("never", Msg(N_("Not within the years shown")))]


def _largest_fall(case: Case) -> Fraction:
    """The largest fall of the harvest after conversion (in %, to 0.1) that still pays back in the years shown."""

    def pays(tenths: int) -> bool:  # tenths of a percent of change; -131 is a fall of 13.1%
        return case.again(yield_after=Fraction(tenths, 1000)).payback_year is not None

    if not pays(1000):
        return Fraction(-100)  # even double the harvest does not pay back
    return Fraction(-lowest(pays, -1000, 1000), 10)  # the lowest change that pays back


#: How each question is answered and checked; its words and the answer worked out by hand are in going_organic.toml.
QUESTIONS = questions_from(
    __file__,
    {
        "conversion-cost": (lambda case: case.result.conversion_cumulative, in_kip(percent=1)),
        "yearly-after": (lambda case: case.result.yearly_after, in_kip(percent=1)),
        "payback-year": (_payback, ChoiceAnswer(options=_payback_options)),
        "harvest-falls": (lambda case: case.result.yearly_after, in_kip(percent=2)),
        "largest-fall": (_largest_fall, NumberAnswer(unit=N_("%"), tolerance=Fraction(1, 2), places=1)),
    },
)
