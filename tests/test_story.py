"""One Phou Kaew story across the pages and the simulations (issue 14, corrections a–d, f, h, i).

The numbers the story decided are checked where they are written: on the pages (docs/ of the tree the
tests run in, English and Lao) and in the exercises' defaults, model results and reference answers.
A page and a simulation that drift apart fail here, naming the page.

* Mr Khamla's July loan: 2,000,000 kip, repaid with 1,250 kg of cherry in November, worth 3,000 kip/kg
  at harvest: 1,750,000 kip, 87.5 % in 4 months, about 22 % a month (Key concepts 1, Capital,
  Savings and credit, and the harvest-finance simulation).
* Mrs Vanh: 0.5 ha at 1,600 kg/ha, 800 kg of cherry a season, 160 kg of parchment.
* Key concepts 3: the page uses pooled pricing's simple preset, which is round 2 of its selling game.
* Sources: "Fairtrade and organic since 2009" cites Malongo; one name per reference; the carry-over
  of quality money is Phou Kaew's own rule.
* Management 3: the side-selling debrief gives the numbers the model gives.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from coopsite.directives import expand
from exercises import EXERCISES, api
from exercises.core.evaluate import evaluate
from exercises.core.money import round_kip
from exercises.pooled_pricing import GAME_CARDS
from exercises.transport_costs import VANH_PARCHMENT_KG

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGS = ("en", "lo")


def read(page: str, lang: str) -> str:
    return (DOCS / f"{page}.{lang}.md").read_text(encoding="utf-8")


def section(text: str, anchor: str) -> str:
    """The text of the section whose heading has ``{ #anchor }`` (to the next heading of its level or higher)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"^#+ .*\{{ *#{anchor} *\}}", line))
    level = len(lines[start]) - len(lines[start].lstrip("#"))
    end = next(
        (i for i in range(start + 1, len(lines)) if re.match(rf"^#{{1,{level}}} ", lines[i])),
        len(lines),
    )
    return "\n".join(lines[start:end])


def prose(text: str) -> str:
    """Markdown with its wrapped lines joined (a sentence may continue on the next line); list items, table
    rows, headings and blank lines still start a line."""
    return re.sub(r"[ \t]*\n[ \t]*(?=\S)(?![-*] |\d+\. |\||#|!!!|:::)", " ", text)


def amounts(text: str) -> set[int]:
    """Every amount in the text as a number: "2,000,000", "2 million" and "2 ລ້ານ" are all 2000000."""
    found = {
        int(m.replace(",", ""))
        for m in re.findall(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d.,])\d+(?![\d.,])", text)
    }
    for number in re.findall(r"(\d+(?:\.\d+)?) ?(?:million|ລ້ານ)", text):
        found.add(int(Fraction(number) * 1_000_000))
    return found


def values(name: str, preset: str | None = None) -> dict:
    """The parsed default values of an exercise (with its preset)."""
    return evaluate(api.find(name, preset), {}).values


def row(rows: list[dict], key: str, name: str) -> dict:
    (found,) = [r for r in rows if r[key] == name]
    return found


# ---- (a) Mr Khamla's July loan ---------------------------------------------------------------------

KHAMLA = {"lent": 2_000_000, "kg": 1_250, "months": 4}
HARVEST_PRICE = 3_000


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "page", ["key-concepts/kc1-livelihoods", "establishment/e2-capital", "management/m10-savings-credit"]
)
def test_khamla_s_july_loan_is_the_same_on_every_page(page, lang):
    text = prose(read(page, lang))
    assert {KHAMLA["lent"], KHAMLA["kg"], HARVEST_PRICE, 1_750_000} <= amounts(text), page
    facilitator = section(read(page, lang), "facilitator")
    assert "22%" in facilitator, f"{page}.{lang}: the facilitator notes give 'about 22% a month'"
    if lang == "en" and page != "management/m10-savings-credit":  # Savings and credit also has his harvest
        kg = {int(n.replace(",", "")) for n in re.findall(r"Khamla\b[^.]*?(\d[\d,]*) kg", text)}
        assert kg <= {KHAMLA["kg"]}, f"{page}: Mr Khamla's cherry is {kg} kg"


def test_khamla_s_loan_in_the_simulation_is_the_pages_loan():
    numbers = values("harvest-finance")
    khamla = row(numbers["trader_loans"], "member", "Khamla")
    assert {k: khamla[k] for k in KHAMLA} == KHAMLA
    assert numbers["trader_price"] == HARVEST_PRICE
    rate = api.update("harvest-finance", "en", {})["numbers"]["trader_rates"]["Khamla"]
    assert Fraction(rate).limit_denominator(1000) == Fraction(7, 32)  # 21.875 %: "about 22 % a month"
    question = EXERCISES["harvest-finance"].question("trader-rate")
    assert question.reference == "21.9" and "1,250 kg" in question.prompt and "2,000,000" in question.prompt
    assert api.self_test("harvest-finance") == []
    e2 = section(read("establishment/e2-capital", "en"), "facilitator")
    assert "1,250 kg × 3,000" in e2 and "160,000" in e2 and "21.9%" in e2


# ---- (d) Mrs Vanh's 800 kg -------------------------------------------------------------------------

VANH_KG = 800
VANH_NAME = {"en": r"Mrs Vanh\b", "lo": r"ນາງ ?ວັນ(?!ນ)"}
KG = {"en": r" ?kg", "lo": r" ?(?:ກິໂລ|kg)"}
OTHER_PERSON = {"en": r"\bMrs? [A-Z]", "lo": r"ທ້າວ|ນາງ"}
#: Other kg of Mrs Vanh's on these pages: her parchment (160) and the cherry that repaid Mr Sit (500).
VANH_OTHER_KG = {VANH_PARCHMENT_KG, 500}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "page",
    [
        "conception/c4-go-no-go",
        "establishment/e2-capital",
        "management/m1-governance",
        "management/m3-conflict",
        "management/m6-finance",
        "management/m8-member-services",
        "management/m10-savings-credit",
    ],
)
def test_mrs_vanh_picks_800_kg_a_season_on_every_page(page, lang):
    found = []
    for line in prose(read(page, lang)).splitlines():
        for match in re.finditer(VANH_NAME[lang], line):
            after = line[match.end() : match.end() + 90]
            other = re.search(OTHER_PERSON[lang], after)
            kg = re.search(rf"(\d[\d,]*){KG[lang]}", after[: other.start()] if other else after)
            if kg:
                found.append(int(kg.group(1).replace(",", "")))
    assert found, f"{page}.{lang}: no kg of Mrs Vanh's found"
    assert set(found) <= {VANH_KG} | VANH_OTHER_KG, f"{page}.{lang}: Mrs Vanh's kg {found}"


def test_mrs_vanh_s_season_is_her_half_hectare():
    assert Fraction(1, 2) * values("weights-chain")["cherry_per_ha"] == VANH_KG
    assert VANH_KG / values("transport-costs")["cherry_per_parchment"] == VANH_PARCHMENT_KG


@pytest.mark.parametrize("lang", LANGS)
def test_mrs_vanh_s_slips_add_up_to_her_season(lang):
    """Management 2: her eight slips make 800 kg; the payment list, which misses 10 kg, says 790."""
    text = prose(read("management/m2-communication", "en" if lang == "en" else "lo"))
    slips = re.search(
        r"Vanh's 8 slips this season show ([^.]*)\." if lang == "en" else r"ນາງ ?ວັນ[^\n]*?8 ໃບ([^\n]*)", text
    )
    assert slips, "the list of Mrs Vanh's slips"
    kg = [int(n) for n in re.findall(r"(\d+) ?(?:kg|ກິໂລ)", slips.group(1))]
    assert len(kg) == 8 and sum(kg) == VANH_KG, kg
    assert {VANH_KG - 10, (VANH_KG - 10) * 300} <= amounts(text)


def test_mrs_vanh_in_the_simulations():
    pooled = values("pooled-pricing")
    assert sum(r["kg"] for r in pooled["deliveries"] if r["member"] == "Vanh") == VANH_KG
    side = values("side-selling")
    assert row(side["members"], "member", "Vanh")["kg"] * len(side["trader_prices"]) == VANH_KG
    for name, table, key in [
        ("surplus-sharing", "members", "member"),
        ("exchange-rate", "members", "member"),
        ("voting-rules", "members", "name"),
    ]:
        assert row(values(name)[table], key, "Vanh")["kg"] == VANH_KG, name
    voting = values("voting-rules")["members"]
    assert len(voting) == 20 and sum(r["kg"] for r in voting) == 50_000  # the founders' 50,000 kg
    loan = row(values("harvest-finance")["trader_loans"], "member", "Vanh")  # Management 8 and 10
    assert (loan["lent"], loan["kg"], loan["months"]) == (1_000_000, 500, 4)
    rate = api.update("harvest-finance", "en", {})["numbers"]["trader_rates"]["Vanh"]
    assert Fraction(rate) == Fraction(1, 8)  # 50 % in four months
    m10 = prose(section(read("management/m10-savings-credit", "en"), "simulation"))
    assert "(1,000,000 kip,\n500 kg, 4 months)".replace("\n", " ") in m10
    mix = EXERCISES["transport-costs"].question("vanh-mix")
    assert mix.reference == "68,800" and f"{VANH_PARCHMENT_KG} kg" in mix.prompt  # 160 × 430
    for lang in LANGS:
        assert VANH_PARCHMENT_KG in amounts(read("management/m8-member-services", lang))


# ---- (h) Key concepts 3: the game and the simple preset --------------------------------------------

KC3 = "key-concepts/kc3-sell-alone-or-pool"
NAMES = {"en": r"(?:Mrs?) (\w+)", "lo": r"(?:ທ້າວ|ນາງ) ?(\S+)"}


def cards(lang: str) -> list[tuple[str, int, int]]:
    """The farmer cards of the page: (name as written, kg of cherry, beans)."""
    table = section(read(KC3, lang), "cards")
    return [
        (m.group(1).strip(), int(m.group(2).replace(",", "")), int(m.group(3)))
        for m in re.finditer(r"^\| *([^|]+?) *\| *([\d,]+) ?(?:kg|ກິໂລ) *\| *(\d+) *\|$", table, re.M)
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_the_kc3_page_shows_the_simple_preset(lang):
    text = read(KC3, lang)
    assert re.search(r"^::: exercise pooled-pricing\n {4}preset: simple\n", text, re.M)
    m2 = read("management/m2-communication", lang)
    assert re.search(r"^::: exercise pooled-pricing\n(?! {4})", m2, re.M), "Management 2 keeps the full preset"
    (html,) = expand(text, f"docs/{KC3}.{lang}.md", lang).html
    assert 'id="cx-pooled-pricing-simple"' in html and 'value="2,000"' in html and 'name="reserve_share"' not in html


@pytest.mark.parametrize("lang", LANGS)
def test_the_game_s_cards_are_the_preset_s_deliveries(lang):
    found = cards(lang)
    assert [kg for _, kg, _ in found] == [kg for _, kg in GAME_CARDS]
    assert all(kg == beans * 50 for _, kg, beans in found), "1 bean = 50 kg of cherry"
    assert sum(beans for *_, beans in found) == 78
    if lang == "en":
        assert [re.sub(r"^Mrs? ", "", name) for name, *_ in found] == [name for name, _ in GAME_CARDS]
    deliveries = values("pooled-pricing", "simple")["deliveries"]
    assert [(r["member"], r["kg"]) for r in deliveries] == list(GAME_CARDS)
    # the game speaks cherry, as the simulation does: no parchment on the cards or in the materials
    for anchor in ("cards", "materials"):
        assert not re.search(r"parchment|ກາເຟກະລາ", section(read(KC3, lang), anchor), re.I)


@pytest.mark.parametrize("lang", LANGS)
def test_the_simple_preset_is_round_2_of_the_game(lang):
    page = read(KC3, lang)
    simple = values("pooled-pricing", "simple")
    card = {r["from_kg"]: r["price"] for r in simple["alone_prices"]}
    prices = re.findall(r"^\|[^|]+\| *([\d,]+) ?(?:kip/kg|ກີບ/ກິໂລ) *\|$", section(page, "cards"), re.M)  # price card
    assert [int(p.replace(",", "")) for p in prices] == list(card.values()) == [2_600, 2_800, 3_100]
    assert simple["lots"][0]["price"] == max(card.values()) == 3_100
    total_kg = sum(kg for _, kg in GAME_CARDS)
    round2 = prose(section(page, "round-2"))
    assert {simple["transport_cost"] * total_kg, simple["advance"]} <= amounts(round2)  # 390,000 and 2,000
    assert simple["price_unit"] == "kip_kg_cherry" and {r["grade"] for r in simple["deliveries"]} == {"A"}
    assert simple["certification_cost"] == simple["interest_per_month"] == simple["reserve_share"] == 0
    assert simple["processing_cost"] == 0

    shown = api.update("pooled-pricing", lang, {}, preset="simple")
    result = evaluate(api.find("pooled-pricing", "simple"), {}).result
    assert shown["numbers"]["balance"] == 0 and shown["numbers"]["final_per_kg"] == 1_000
    notes = prose(section(page, "facilitator"))
    assert "3,000 − 2,000 = 1,000" in notes
    members = list(result.members.values())
    for member in members:  # round 1 (selling alone) and round 2 (pool, and the gain), to the kip
        assert f"{member.trader:,}" in notes and f"{member.share:,} (+{member.share - member.trader:,})" in notes
    assert f"{sum(m.trader for m in members):,}" in notes  # round 1's total, 10,730,000
    zero = EXERCISES["pooled-pricing"].with_preset("simple").question("zero-final")
    assert zero.reference == "3,000" and "3,000" in section(page, "facilitator").split("Simulation")[-1]
    assert api.self_test("pooled-pricing") == []


def test_the_full_preset_answers_are_re_run_for_vanh_s_800_kg():
    questions = {q.id: q.reference for q in api.find("pooled-pricing").questions}
    assert questions["read-final"] == "1,625,009" and questions["advance-up"] == "-455,991"
    assert questions["reserve-20"] == "10,051,393"


# ---- (b, f) Sources --------------------------------------------------------------------------------


def references() -> dict[str, dict]:
    data = yaml.safe_load((DOCS / "data" / "references.yml").read_text(encoding="utf-8"))
    return {r["id"]: r for r in (data if isinstance(data, list) else data["references"])}


def test_fairtrade_and_organic_since_2009_cites_malongo():
    refs = references()
    assert "2009" in refs["malongo-laos"]["supports_en"]
    paragraphs = [
        (path, block)
        for path in DOCS.rglob("*.md")
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
        if "2009" in block and re.search(r"organic|ອິນຊີ", block)
    ]
    assert paragraphs
    for path, block in paragraphs:
        assert "ref-malongo-laos" in block and "ref-cpc-our-places" not in block, path
    for path in (ROOT / "exercises").glob("*.py"):
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            if "2009" in block and "organic" in block:
                assert "malongo-laos" in block and "cpc-our-places" not in block, path


_REF_LINK = re.compile(r"\[\[?([^\[\]]+?)\]?\]\((?:\.\./)*(?:about/)?references\.md#ref-([\w-]+)\)")


def test_every_source_has_one_name_in_each_language():
    """A link label is the reference's ``short`` name (``short_lo`` on Lao pages, where it has one), or that
    name, a colon and a topic ("Laotian Times 2024: kip")."""
    refs = references()
    wrong = []
    for path in sorted(DOCS.rglob("*.md")):
        lang = path.name.split(".")[-2]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for label, ref in _REF_LINK.findall(line):
                entry = refs.get(ref)
                short = entry and (entry.get("short_lo", entry["short"]) if lang == "lo" else entry["short"])
                if not entry or not (label == short or label.startswith(f"{short}: ")):
                    wrong.append(f"{path.relative_to(ROOT)}:{number}: [{label}] → {short}")
    assert not wrong, "\n".join(wrong[:30])
    names = re.compile(r"Lao Times|Lao Tian Times")
    assert not [p for p in DOCS.rglob("*.md") if names.search(p.read_text(encoding="utf-8"))]


# ---- (c) The carry-over of quality money is the group's own rule -----------------------------------


def test_the_carry_over_of_quality_money_is_phou_kaew_s_own_rule():
    import exercises.models.premium_vote as model
    import exercises.premium_vote as definition

    source = Path(definition.__file__).read_text(encoding="utf-8")
    messages = re.findall(r'N_\(\s*((?:"[^"]*"\s*)+)\)', source)
    texts = ["".join(re.findall(r'"([^"]*)"', m)) for m in messages]
    carried = [t for t in texts if "next year" in t and "productivity or quality" in t]
    assert carried and all("rule" in t for t in carried), carried
    assert "own rule" in model.__doc__
    assert "own premium plan" in section(read("management/m5-fairtrade-organic", "en"), "simulation")


# ---- (i) Side-selling: what the players decide, and the debrief -------------------------------------


def test_the_side_selling_debrief_is_the_model_s_run():
    from exercises.side_selling import _collapse_week

    result = evaluate(EXERCISES["side-selling"], {}).result
    notes = prose(section(read("management/m3-conflict", "en"), "facilitator"))
    assert f"From week {_collapse_week(list(result.weeks))} nobody" in notes
    assert f"{result.coop_kg:,} kg came in" in notes and f"{result.penalty:,} kip" in notes
    assert f"−{-round_kip(result.final_per_kg):,} kip/kg" in notes
    bounmy = result.members["Bounmy"]
    assert f"{-bounmy.gain:,} kip worse off" in notes
    for lang in LANGS:
        debrief = read("management/m3-conflict", lang)
        assert {result.coop_kg, result.penalty, -bounmy.gain} <= amounts(debrief)


@pytest.mark.parametrize("lang", LANGS)
def test_the_side_selling_texts_say_what_the_players_decide(lang):
    simulation = prose(section(read("management/m3-conflict", lang), "simulation"))
    if lang == "en":
        assert "trust margin" in simulation and "choose" not in simulation
    exercise = EXERCISES["side-selling"]
    assert "rule" in exercise.summary and "chooses" not in exercise.summary
    assert "trust margin" in exercise.summary
