"""Exercise: the Fairtrade premium at the general assembly — quorum, vote, and a costed plan.

Where it is used: Management 5 (Fairtrade and organic), the mock general assembly on the premium.

Defaults: the session page's case. Phou Kaew (about 60 member families) sold 40,000 lb of washed
arabica green coffee on Fairtrade terms. The Fairtrade premium for coffee is US$0.20 per lb, of
which US$0.05 per lb must go to productivity or quality (fairtrade-2023, fairtrade-spo-coffee);
members vote on its use at the general assembly (fairtrade-premium-ga). At about 21,400 kip per
US$ (May 2024, laotiantimes-2024-kip) the premium is 171,200,000 kip and the earmarked part
42,800,000 kip. The menu and its costs are the page's example quotes; premium uses such as drying
nets, pulpers, water tanks and schools are reported by Fairtrade co-ops (subject-matter §3.5).
Quorum examples in Asian co-op laws are 25–50% (fao-coop-law-asia). The 45 members present and the
votes are invented for discussion. Money for productivity or quality that is not spent is kept for
productivity or quality next year: that is Phou Kaew's own rule in its premium plan (an assumption,
as Management 5 says), not a Fairtrade rule; no source says what happens to unspent money.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from exercises.core.exercise import fill
from exercises.core.i18n import N_, Translator
from exercises.core.outputs import BarChart, Msg, Notices, Outputs, ResultTable
from exercises.core.params import Choice, Integer, Problem, Table, Text, problem
from exercises.core.questions import Case, ChoiceAnswer, questions_from
from exercises.models import premium_vote
from exercises.shared import (
    FAIRTRADE_PREMIUM,
    KIP_PER_USD,
    QUORUM,
    YES_NO,
    amounts_table,
    in_kip,
    names,
    usd_per_lb,
)

# ---- What the learner can change ----------------------------------------------------------------

#: Each field's name, kind, default and bounds; its label, unit and help are in premium_vote.toml.
PARAMS = [
    Integer(name="lb_sold", default=40_000, min=0, max=100_000_000),
    replace(FAIRTRADE_PREMIUM, name="premium_per_lb"),
    usd_per_lb("quality_per_lb", "0.05"),
    KIP_PER_USD,
    Integer(name="members", default=60, min=1, max=1_000_000),
    Integer(name="present", default=45, min=0, max=1_000_000),
    QUORUM,
    Table(
        name="projects",
        key_column="project",
        columns=[
            Text(name="project", max_length=60),
            Integer(name="cost", min=0, max=100_000_000_000),
            Choice(name="quality", options=YES_NO),
            Integer(name="votes", min=0, max=1_000_000),
        ],
        default=[
            {"project": N_("Drying tables and nets"), "cost": 30_000_000, "quality": "yes", "votes": 31},
            {"project": N_("Training on pruning and ripe picking"), "cost": 15_000_000, "quality": "yes", "votes": 20},
            {"project": N_("Seedlings to replace old trees"), "cost": 25_000_000, "quality": "yes", "votes": 12},
            {"project": N_("Clean water tank at Ban Kok Mai"), "cost": 40_000_000, "quality": "no", "votes": 34},
            {"project": N_("School books for members' children"), "cost": 20_000_000, "quality": "no", "votes": 25},
            {"project": N_("Cash for each of the 60 families"), "cost": 60_000_000, "quality": "no", "votes": 38},
            {"project": N_("Add to the harvest advance fund"), "cost": 30_000_000, "quality": "no", "votes": 27},
        ],
        min_rows=0,
        max_rows=100,
    ),
]


def validate(values: Mapping[str, Any]) -> Iterator[Problem]:
    """Checks across fields: who is present, the earmarked part, the votes, one row per project."""
    if values["present"] > values["members"]:
        yield problem(
            "present",
            N_("The co-op has {members} members: no more than that can be present."),
            members=values["members"],
        )
    if values["quality_per_lb"] > values["premium_per_lb"]:
        yield problem(
            "quality_per_lb",
            N_("The part for productivity or quality cannot be more than the whole premium (US${premium} per lb)."),
            premium=values["premium_per_lb"],
        )
    for index, row in enumerate(values["projects"]):
        if row["votes"] > values["present"]:
            yield problem(
                f"projects.{index}.votes",
                N_("Only {present} members are present: a project cannot get more votes than that."),
                present=values["present"],
            )


# ---- From the form to the model and back --------------------------------------------------------


def run(model: Any, values: Mapping[str, Any]) -> Any:
    """Give the learner's numbers to the model (the original, or the learner's edited copy)."""
    assembly = fill(model.Assembly, values)
    projects = [model.Project(r["project"], r["cost"], r["quality"] == "yes", r["votes"]) for r in values["projects"]]
    return model.decide(projects, assembly)


STATUS = {
    premium_vote.FUNDED: N_("Funded"),
    premium_vote.NO_QUORUM: N_("Not decided: no quorum"),
    premium_vote.NO_MAJORITY: N_("Not approved: no majority"),
    premium_vote.NO_MONEY: N_("Approved, but costs more than the money left"),
    premium_vote.KEPT_FOR_QUALITY: N_("Approved, but the money left is kept for productivity or quality"),
}


def _names(results: list[Any]) -> str:
    return ", ".join(r.project.name for r in results)


# A table or chart here is its id and its numbers; its caption, columns and titles are in premium_vote.toml.
def show(result: Any, values: Mapping[str, Any], t: Translator) -> Outputs:
    """The premium and where it goes, the vote on each project, a chart, and notes."""

    def per_lb(message: str, usd_per_lb: str) -> Msg:
        """A row's item: lb sold × the US$ per lb of ``values[usd_per_lb]`` × the exchange rate."""
        usd = t.dec(values[usd_per_lb], 2)
        return Msg(message, {"pounds": values["lb_sold"], "usd": usd, "rate": values["kip_per_usd"]})

    money_table = amounts_table(
        [
            (per_lb(N_("Premium: {pounds} lb × US${usd} × {rate} kip"), "premium_per_lb"), result.premium),
            (N_("Spent on projects for productivity or quality"), result.spent_on_quality),
            (N_("Spent on other projects"), result.spent - result.spent_on_quality),
            (N_("Carried to next year"), result.carried),
        ],
        footer=(N_("Premium minus spending and money carried (must be 0)"), result.balance()),
    )
    quality_table = amounts_table(
        [
            (
                per_lb(N_("Must go to productivity or quality: {pounds} lb × US${usd} × {rate} kip"), "quality_per_lb"),
                result.quality_required,
            ),
            (N_("Spent on projects for productivity or quality"), result.spent_on_quality),
            (N_("Still to spend on productivity or quality (carried, the group's rule)"), result.carried_for_quality),
        ],
        id="quality",
    )
    projects = list(result.projects)
    project_table = ResultTable(
        id="projects",
        rows=[
            [
                p.project.name,
                p.project.votes,
                p.project.cost,
                Msg(N_("Yes") if p.project.quality else N_("No")),
                Msg(STATUS.get(p.status, p.status)),
                p.funded,
            ]
            for p in projects
        ],
        footer=[Msg(N_("All projects")), None, sum(p.project.cost for p in projects), None, None, result.spent],
    )
    chart = BarChart(
        id="chart",
        labels=[p.project.name for p in projects],
        series=[(N_("Cost"), [p.project.cost for p in projects]), (N_("Funded"), [p.funded for p in projects])],
        horizontal=True,
    )

    notices = Notices()
    if not result.quorum_met:
        notices.warning(
            N_(
                "Only {present} of the {members} members came, and the quorum needs {needed}. The assembly cannot "
                "decide: the whole premium, {premium}, waits for the next assembly."
            ),
            present=values["present"],
            members=values["members"],
            needed=result.present_needed,
            premium=t.kip(result.premium),
        )
    else:
        notices.info(
            N_("{present} members are present, so a project needs more than half of their votes: at least {needed}."),
            present=values["present"],
            needed=result.majority_needed,
        )
        if result.carried_for_quality > 0:
            notices.warning(
                N_(
                    "The plan spends only {spent} on productivity or quality, but {required} must go there. "
                    "The missing {missing} is carried to next year, and by the group's own premium rule it stays "
                    "kept for productivity or quality. Vote for more projects of that kind."
                ),
                spent=t.kip(result.spent_on_quality),
                required=t.kip(result.quality_required),
                missing=t.kip(result.carried_for_quality),
            )
        kept = [p for p in projects if p.status == premium_vote.KEPT_FOR_QUALITY]
        if kept:
            notices.info(
                N_("Approved but not funded, because the money left is kept for productivity or quality: {names}."),
                names=_names(kept),
            )
        too_dear = [p for p in projects if p.status == premium_vote.NO_MONEY]
        if too_dear:
            notices.info(
                N_(
                    "Approved but not funded, because they cost more than the money left: {names}. "
                    "A smaller version might fit."
                ),
                names=_names(too_dear),
            )
        approved = [p for p in projects if p.status != premium_vote.NO_MAJORITY]
        if approved and not kept and not too_dear and result.carried_for_quality == 0:
            notices.success(
                N_("Every approved project is funded, and the part for productivity or quality is covered.")
            )
    if not projects:
        notices.info(N_("The menu is empty: add a project to the table."))
    return Outputs(
        key=Msg(N_("The premium this year: {amount}"), {"amount": t.kip(result.premium)}),
        tables=[money_table, quality_table, project_table],
        charts=[chart] if projects else [],
        notices=notices,
        numbers={
            "balance": result.balance(),
            "premium": result.premium,
            "quality_required": result.quality_required,
            "spent": result.spent,
            "spent_on_quality": result.spent_on_quality,
            "carried": result.carried,
            "carried_for_quality": result.carried_for_quality,
            "quorum_met": result.quorum_met,
            "funded": {p.project.name: p.funded for p in projects},
        },
    )


# ---- Questions: predict, then check -------------------------------------------------------------


def _left_out(case: Case) -> str:
    """The approved project with the most votes that gets no money ("" if there is none)."""
    for p in case.result.projects:
        if p.status in (premium_vote.NO_MONEY, premium_vote.KEPT_FOR_QUALITY):
            return p.project.name
    return ""


#: The projects on the menu, as options of a question.
PROJECTS = names(lambda result: [p.project for p in result.projects])

#: How each question is answered and checked; its words and the answer worked out by hand are in premium_vote.toml.
QUESTIONS = questions_from(
    __file__,
    {
        "premium-kip": (lambda case: case.result.premium, in_kip(within=1_000)),
        "left-out": (_left_out, ChoiceAnswer(options=PROJECTS)),
        "carried": (lambda case: case.result.carried, in_kip(within=1_000)),
        "quorum-80": (lambda case: case.result.carried, in_kip(within=1_000)),
        "rate-23000": (_left_out, ChoiceAnswer(options=PROJECTS)),
    },
)
