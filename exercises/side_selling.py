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
from exercises.core.outputs import BarChart, Column, Msg, Notice, Outputs, ResultTable
from exercises.core.params import Choice, Integer
from exercises.core.questions import Case, NoAnswer, NumberAnswer, Question
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

TITLE = N_("Simulation: side-selling week by week")
SUMMARY = N_(
    "The simulation plays the harvest week by week. Every member follows one rule: sell to the trader when "
    "he pays more than the co-op by more than the member's trust margin. Your group plays the board: set the "
    "co-op's terms and see which decisions keep the pool alive."
)
CODE_TIP = N_(
    "This is the model the form uses. Change how members decide — for example let every member "
    "count only half of the final payment — then press Run. Reset code brings the original back."
)

# ---- What the learner can change ----------------------------------------------------------------

#: Above this many members, the chart of members' incomes would be unreadable: the table shows them.
MAX_BARS = 30

# fmt: off
PARAMS = [
    replace(ADVANCE, default=2_700,
            help=N_("Paid in cash when the member brings the cherry. In 2019/20 cherry fetched 1,500–3,200 kip per kg.")),
    kip_per_kg_of_cherry("sale_value", N_("What the buyer pays the co-op"), 3_300,
                         help=N_("For the coffee made from 1 kg of cherry, after the costs that grow with every kg (processing, transport).")),
    kip_amount("fixed_costs", N_("Fixed costs for the season"), 5_400_000,
               help=N_("Manager, mill repairs, loan interest: they do not get smaller when less cherry comes in.")),
    Integer(name="contract_kg", label=N_("Cherry promised to the buyer"), unit=N_("kg"),
            default=18_000, min=0, max=1_000_000_000,
            help=N_("About 5 kg of cherry make 1 kg of parchment: 18,000 kg of cherry make about 3,600 kg of parchment.")),
    kip_per_kg_of_cherry("penalty", N_("Penalty for each kg not delivered"), 100,
                         help=N_("What the buyer takes off for each kg of cherry the co-op promised but did not deliver.")),
    members_table(
        label=N_("Members"),
        help=N_("One row per member family. The members are not played: each follows the rule. Trust margin: "
                "how many kip per kg more the trader must pay before the member sells to him. Cherry owed: "
                "cherry promised to the trader for a loan before the harvest; it goes to him first. A member who "
                "needs cash now counts only the advance, not the final payment that comes months later. Change "
                "one member at a time to test an idea."),
        columns=[
            MEMBER,
            Integer(name="kg", label=N_("Cherry picked each week"), unit=N_("kg"), min=0, max=10_000_000),
            Integer(name="trust", label=N_("Trust margin"), unit=N_("kip per kg"), min=0, max=1_000_000),
            Integer(name="owed", label=N_("Cherry owed to the trader"), unit=N_("kg"), min=0, max=100_000_000),
            Choice(name="cash", label=N_("Needs cash now"), options=YES_NO),
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
        min_rows=1, max_rows=5_000,
    ),
    trader_prices_table(
        help=N_("One row per week of the harvest: what Mr Sit pays in cash at the farm (2019/20: 1,500–3,200 kip per kg)."),
        prices=[2_500, 2_700, 2_900, 3_100, 3_200, 3_200, 3_000, 2_800],
    ),
]
# fmt: on


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


def show(result: Any, values: Mapping[str, Any], t: Translator) -> Outputs:
    """Week by week, the settlement, each member; two charts; notes that explain the spiral."""
    weeks = list(result.weeks)
    week_table = ResultTable(
        id="weeks",
        caption=N_("Week by week"),
        columns=[
            Column(N_("Week"), "int"),
            Column(N_("Trader's price (kip per kg)"), "kip"),
            Column(N_("Members bringing cherry to the co-op"), "int"),
            Column(N_("Cherry to the co-op (kg)"), "kg"),
            Column(N_("Cherry to the trader (kg)"), "kg"),
            Column(N_("Co-op expects for the season (kg)"), "kg"),
            Column(N_("Fixed cost per kg (kip)"), "kip"),
            Column(N_("Expected final payment per kg (kip)"), "kip"),
            Column(N_("Sold to the trader for cash")),
        ],
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
        N_("The co-op's final settlement"),
        money_rows,
        footer=(N_("Sales and own funds minus everything paid (must be 0)"), result.balance()),
    )
    members = list(result.members.values())
    member_table = ResultTable(
        id="members",
        caption=N_("Each member at the end of the season"),
        columns=[
            Column(N_("Member")),
            Column(N_("Cherry to the co-op (kg)"), "kg"),
            Column(N_("Cherry sold to the trader (kg)"), "kg"),
            Column(N_("Cherry handed over for debts (kg)"), "kg"),
            Column(N_("Final payment (kip)"), "kip"),
            Column(N_("Income: advance, final payment and trader's cash (kip)"), "kip"),
            Column(N_("Selling everything to the trader (kip)"), "kip"),
            Column(N_("Difference (kip)"), "kip"),
        ],
        rows=[[m.name, m.coop_kg, m.trader_kg, m.owed_kg, m.final, m.income, m.all_to_trader, m.gain] for m in members],
    )
    week_chart = BarChart(
        id="weeks-chart",
        title=N_("Where the cherry went, week by week"),
        labels=[Msg(N_("Week {week}"), {"week": w.number}) for w in weeks],
        series=[(N_("To the co-op"), [w.coop_kg for w in weeks]), (N_("To the trader"), [w.trader_kg for w in weeks])],
        y_title=N_("kg of cherry"),
        kind="kg",
    )
    member_chart = BarChart(  # (drawn only for a group small enough to read: see ``charts`` below)
        id="members-chart",
        title=N_("Each member's income compared with selling everything to the trader"),
        labels=[m.name for m in members],
        series=[
            (N_("What the member received"), [m.income for m in members]),
            (N_("Selling everything to the trader"), [m.all_to_trader for m in members]),
        ],
        y_title=N_("kip"),
    )

    notices = []
    collapse = _collapse_week(weeks)
    sold_for_cash = any(w.side_sellers for w in weeks)
    if result.coop_kg == 0:
        notices.append(
            Notice(
                "warning",
                N_(
                    "No cherry came to the co-op at all. Its fixed costs and the penalty, {amount}, must be paid "
                    "from its own funds."
                ),
                {"amount": t.kip(result.from_funds)},
            )
        )
    elif collapse is not None:
        notices.append(
            Notice(
                "warning",
                N_(
                    "The pool collapsed: from week {week}, no member brought cherry to the co-op. Each member who "
                    "left made the fixed costs heavier for the others, so the expected final payment fell and more "
                    "members left the next week. This is a death spiral."
                ),
                {"week": collapse},
            )
        )
    elif sold_for_cash:
        finals = [w.expected_final for w in weeks if w.expected_final is not None]
        if finals:
            notices.append(
                Notice(
                    "info",
                    N_(
                        "Some members sold to the trader, and the expected final payment fell from {first} to {lowest} "
                        "per kg at its lowest. But the pool held: {weight} kg of cherry came in."
                    ),
                    {
                        "first": t.kip(round_kip(finals[0])),
                        "lowest": t.kip(round_kip(min(finals))),
                        "weight": result.coop_kg,
                    },
                )
            )
    else:
        notices.append(Notice("success", N_("No member sold cherry to the trader for cash: the pool held all season.")))
    per_kg = result.final_per_kg
    if per_kg is not None and per_kg < 0:
        notices.append(
            Notice(
                "warning",
                N_(
                    "The final payment is below zero: {amount} per kg. The cherry that came in could not carry the "
                    "fixed costs and the penalty. The members who stayed loyal now owe the co-op money, or the co-op "
                    "must cover the loss from its reserve."
                ),
                {"amount": t.kip(round_kip(per_kg))},
            )
        )
    if result.penalty:
        short = values["contract_kg"] - result.coop_kg
        notices.append(
            Notice(
                "info",
                N_(
                    "The co-op delivered {short} kg of cherry less than it promised its buyer and pays a penalty of "
                    "{amount}. The buyer may not come back next year."
                ),
                {"short": short, "amount": t.kip(result.penalty)},
            )
        )
    debtors = [m for m in members if m.owed_kg > 0]
    if debtors:
        notices.append(
            Notice(
                "info",
                N_(
                    "{names} handed {weight} kg of cherry to the trader to repay debts (“coffee on the tree”). That cherry "
                    "never reaches the pool. A small loan from the co-op before the harvest could keep it."
                ),
                {"names": ", ".join(m.name for m in debtors), "weight": sum(m.owed_kg for m in debtors)},
            )
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


# fmt: off
QUESTIONS = [
    # By hand, default numbers: in week 1 the co-op counts on all the cherry it planned for:
    # 18,000 kg (8 weeks × 2,500 kg = 20,000 kg, minus 1,600 + 400 kg owed to Mr Sit) — as much as it
    # promised, so no penalty. Fixed cost per kg = 5,400,000 ÷ 18,000 = 300.
    # Expected final payment = 3,300 − 2,700 − 300 = 300 kip per kg.
    Question(
        id="week1-final",
        prompt=N_("In week 1 the co-op counts on 18,000 kg of cherry. What final payment per kg does it expect?"),
        answer=_week1_final,
        reference="300",
        kind=in_kip_per_kg(within=5),
        hints=[N_("The buyer's price per kg, minus the advance, minus the fixed costs shared over the kilos expected."),
               N_("Fixed cost per kg: 5,400,000 ÷ 18,000. Then take the advance and that cost away from 3,300.")],
        explain=N_("Right: {answer}. With the advance, a loyal member expects 3,000 kip per kg: less than Mr Sit's "
                   "3,200 in mid-December, but with fair weight and a buyer who comes back."),
    ),
    # By hand, default numbers, week by week (T = member sells to Mr Sit):
    # W1 price 2,500, expects 18,000 kg, final 300: nobody sells; 1,300 kg come in (Khamla's 800 kg and
    #   400 of Thongdy's 500 kg go to Mr Sit for their debts).
    # W2 price 2,700: still 18,000 kg expected, final 300. Vanh and Thongdy (need cash) compare 2,700 with
    #   the 2,700 advance: not more, they stay. 1,700 kg (Khamla's last 800 owed kg go to Mr Sit).
    # W3 price 2,900: 3,000 + 6 weeks × 2,500 = 18,000 kg, final 300. Vanh and Thongdy: 2,900 > 2,700 → T.
    #   Others: 2,900 < 3,000, stay. 1,900 kg.
    # W4 price 3,100: 4,900 + 5 × 1,900 = 14,400 kg. Fixed 5,400,000 ÷ 14,400 = 375; penalty
    #   100 × 3,600 ÷ 14,400 = 25; final 3,300 − 2,700 − 375 − 25 = 200; co-op pays 2,900. 3,100 − 2,900 = 200:
    #   more than Khamla's margin 100 → T; Phet (200, not more), Sengdao, Noy, Bounmy stay. 1,100 kg.
    # W5 price 3,200: 6,000 + 4 × 1,100 = 10,400 kg; fixed 519.23; penalty 100 × 7,600 ÷ 10,400 = 73.08;
    #   final 7.69; co-op pays 2,707.69; gap 492.31: only Bounmy (500) stays. 400 kg.
    # W6 price 3,200: 6,400 + 3 × 400 = 7,600 kg; fixed 710.53; penalty 136.84; final −247.37; gap 747: all T.
    # W7–W8: 6,400 kg expected; final −425, co-op pays 2,275; gaps 725 and 525 (300 and 100 for the members
    #   who need cash): all T.
    # Season: 6,400 kg. Sales 3,300 × 6,400 = 21,120,000; penalty 100 × (18,000 − 6,400) = 1,160,000;
    # advances 2,700 × 6,400 = 17,280,000. Final = 21,120,000 − 5,400,000 − 1,160,000 − 17,280,000
    # = −2,720,000 kip, or −2,720,000 ÷ 6,400 = −425 kip per kg.
    Question(
        id="final-per-kg",
        prompt=N_("Predict first: at the end of the season, is the final payment above or below zero? "
                  "Then work it out: how much is it per kg of cherry brought to the co-op?"),
        answer=final_per_kg,
        reference="-425",
        kind=in_kip_per_kg(within=10),
        hints=[N_("Look at the table “The co-op's final settlement” and at the cherry that came in."),
               N_("Sales − fixed costs − penalty − advances, divided by the kg the co-op received.")],
        explain=N_("Right: {answer}. The few kilos that came in had to carry all the fixed costs and the penalty. "
                   "The members who stayed loyal pay for those who left."),
    ),
    # By hand, default numbers: the difference column (income − selling everything to Mr Sit).
    # Bounmy: 2,000 kg to the co-op (weeks 1–5) earn 2,000 × (2,700 − 425) = 4,550,000; 1,200 kg sold in
    # weeks 6–8 earn 400 × (3,200 + 3,000 + 2,800) = 3,600,000; income 8,150,000. All to Mr Sit:
    # 400 × (2,500 + 2,700 + 2,900 + 3,100 + 3,200 + 3,200 + 3,000 + 2,800) = 400 × 23,400 = 9,360,000.
    # Difference −1,210,000, the largest loss (Noy −630,000, Khamla −500,000, Sengdao and Phet −420,000,
    # Thongdy −235,000, Vanh −65,000).
    Question(
        id="loses-most",
        prompt=N_("Who loses the most compared with selling everything to Mr Sit?"),
        answer=_loses_most,
        reference=N_("Bounmy"),
        kind=WHICH_MEMBER,
        hints=[N_("Look at the last column of “Each member at the end of the season”."),
               N_("Who stayed with the co-op the longest, with the most kilos, and so carried the negative final payment?")],
        explain=N_("Right: {answer}. The most loyal member carried the most of the costs that the others left "
                   "behind. Loyalty must be protected, or it disappears."),
    ),
    # By hand, advance 3,000 (the advance + final stays 3,300 − fixed cost per kg for members who count
    # both; only members who need cash gain):
    # W1 2,500: all stay, 1,300 kg. W2 2,700: all stay (Vanh, Thongdy now compare with 3,000), 1,700 kg.
    # W3 2,900: all stay, 2,500 kg. W4 3,100: expects 5,500 + 5 × 2,500 = 18,000, final 0, co-op pays 3,000;
    #   Vanh and Thongdy (gap 100 > 0) → T; Khamla's margin 100 is not exceeded. 1,900 kg.
    # W5 3,200: 7,400 + 4 × 1,900 = 15,000 kg; fixed 360, penalty 20, final −80, co-op pays 2,920; gap 280:
    #   Khamla and Phet → T; Vanh and Thongdy (gap 200) → T. 900 kg.
    # W6 3,200: 8,300 + 3 × 900 = 11,000 kg; fixed 490.91, penalty 63.64, final −254.55; gap 454.55: only
    #   Bounmy stays. 400 kg.
    # W7 3,000: 8,700 + 2 × 400 = 9,500 kg; fixed 568.42, penalty 89.47, final −357.89, co-op pays
    #   2,642.11; gap 357.89: Bounmy and Noy (400) come; Vanh and Thongdy (3,000 − 3,000 = 0) come back.
    #   1,300 kg.
    # W8 2,800: 10,000 + 1,300 = 11,300 kg; final −237.17, co-op pays 2,762.83; gap 37: everyone comes,
    #   2,500 kg.
    # Season: 10,000 + 2,500 = 12,500 kg (instead of 6,400).
    Question(
        id="advance-3000",
        prompt=N_("Suppose the co-op pays an advance of 3,000 kip per kg instead of 2,700. "
                  "How many kg of cherry will it receive over the whole season?"),
        given={"advance": "3,000"},
        answer=lambda case: case.result.coop_kg,
        reference="12,500",
        kind=NumberAnswer(unit=N_("kg"), relative=Fraction(1, 10)),
        hints=[N_("For members who count the final payment too, a higher advance changes nothing: it is taken "
                  "from the final payment. Who counts only the advance?"),
               N_("Go week by week. Mrs Vanh and Mr Thongdy stay until Mr Sit pays more than 3,000; with their "
                  "kilos the co-op's forecast falls more slowly.")],
        explain=N_("Right: about {answer}. Paying more cash at delivery keeps the members who need cash, and "
                   "their kilos keep the fixed cost per kg down for everyone."),
    ),
    # By hand, fixed costs 2,700,000 (half): week 1 fixed cost 150, final 450, co-op pays 3,150.
    # W1–W3 as before, except nobody who counts the final payment leaves: 1,300, 1,700, 1,900 kg
    #   (Vanh and Thongdy leave in week 3: 2,900 > 2,700).
    # W4 3,100: 4,900 + 5 × 1,900 = 14,400 kg; fixed 187.5, penalty 25, final 387.5; gap 12.5: all stay. 1,900 kg.
    # W5 3,200: 6,800 + 4 × 1,900 = 14,400 kg; final 387.5; gap 112.5: Khamla (100) → T. 1,100 kg.
    # W6 3,200: 7,900 + 3 × 1,100 = 11,200 kg; fixed 241.07, penalty 60.71, final 298.21; gap 201.79:
    #   Phet (200) → T. 900 kg.
    # W7 3,000: 8,800 + 2 × 900 = 10,600 kg; final 275.47; gap 24.53: Khamla and Phet come back. 1,900 kg.
    # W8 2,800: 10,700 + 1,900 = 12,600 kg; final 342.86; all but Vanh and Thongdy come. 1,900 kg.
    # Season 12,600 kg: sales 41,580,000 − fixed 2,700,000 − penalty 540,000 − advances 34,020,000
    # = 4,320,000; 4,320,000 ÷ 12,600 = 342.86 → 343 kip per kg.
    Question(
        id="fixed-half",
        prompt=N_("Suppose the co-op halves its fixed costs, to 2,700,000 kip. What is the final payment per kg "
                  "at the end of the season?"),
        given={"fixed_costs": "2,700,000"},
        answer=final_per_kg,
        reference="343",
        kind=in_kip_per_kg(percent=15),
        hints=[N_("In week 1 the fixed cost per kg is 2,700,000 ÷ 18,000 = 150, so a loyal member expects "
                  "3,300 − 150 = 3,150 kip per kg."),
               N_("Go week by week as before: fewer members leave, so the forecast stays high and the final "
                  "payment stays above zero.")],
        explain=N_("Right: about {answer}. Lower fixed costs make each member who leaves matter less: the "
                   "spiral stops, and the pool survives."),
    ),
]
# fmt: on
