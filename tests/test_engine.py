"""The exercise engine's entry points, as the page (build time) and the worker (browser) use them."""

from __future__ import annotations

import json
import re
from fractions import Fraction

import pytest

from exercises import EXERCISES, api
from exercises.core.html import escape
from exercises.core.i18n import LANGUAGES, translator
from exercises.core.params import Integer, Number, Percent, Table, Text, parse_all, raw_defaults

NAME = "pooled-pricing"
LAO = re.compile(r"[\u0E80-\u0EFF]")


def raw(**changes):
    values = raw_defaults(EXERCISES[NAME].params, translator("en"))
    values.update(changes)
    return values


def test_update_with_defaults_matches_the_static_page():
    response = api.update(NAME, "en", raw())
    assert response["ok"] and response["errors"] == {} and response["problem"] is None
    assert response["numbers"]["balance"] == 0
    assert response["html"] in api.widget(NAME, "en")


@pytest.mark.parametrize(
    "field, typed, message",
    [
        ("advance", "two thousand", "Enter a number"),
        ("advance", "2.5", "whole number"),
        ("advance", "-5", "at least 0"),
        ("advance", "", "needed"),
        ("cherry_per_green", "6,5", "point for decimals"),
        ("reserve_share", "120", "at most 100"),
    ],
)
def test_bad_input_gets_a_clear_message_for_its_field(field, typed, message):
    response = api.update(NAME, "en", raw(**{field: typed}))
    assert not response["ok"]
    assert message in response["errors"][field]
    assert response["html"] == ""


def test_bad_cell_in_a_table_is_named_by_its_row():
    rows = raw()["deliveries"]
    rows[2] = {**rows[2], "kg": "lots"}
    response = api.update(NAME, "en", raw(deliveries=rows))
    assert list(response["errors"]) == ["deliveries.2.kg"]


def test_cross_field_rule_is_explained():
    lots = raw()["lots"]
    lots[0] = {**lots[0], "share": "40"}
    response = api.update(NAME, "en", raw(lots=lots))
    assert "add up to 90%" in response["errors"]["lots"]


def test_numbers_people_type():
    params = [
        Integer(name="a", label="a", default=0),
        Number(name="b", label="b", default="0"),
        Percent(name="c", label="c", default="0"),
        Text(name="d", label="d", default="x"),
    ]
    values, errors = parse_all(params, {"a": " 12 500 ", "b": "1.25", "c": "7.5%", "d": "  Mrs   Noy "})
    assert errors == {}
    assert values == {"a": 12500, "b": Fraction(5, 4), "c": Fraction(3, 40), "d": "Mrs Noy"}
    values, errors = parse_all(params, {"a": "໒,໕໐໐", "b": "−1", "c": "0", "d": "x"})
    assert values["a"] == 2500 and values["b"] == -1


def test_learner_code_that_changes_the_model():
    source = EXERCISES[NAME].model.__loader__.get_source(EXERCISES[NAME].model.__name__)
    changed = source.replace("reserve = floor_kip(left * season.reserve_share) if left > 0 else 0", "reserve = 0")
    assert changed != source
    response = api.update(NAME, "en", raw(), changed)
    assert response["ok"] and response["numbers"]["reserve"] == 0 and response["numbers"]["balance"] == 0


@pytest.mark.parametrize(
    "code, kind, text",
    [
        ("def settle(:\n", "syntax", "SyntaxError"),
        (
            "def settle(*a):\n    return 1 / 0\nclass Season:\n    def __init__(self, **k): pass\nclass Delivery:\n    def __init__(self, *a): pass\nclass Lot:\n    def __init__(self, *a): pass\n",
            "error",
            "ZeroDivisionError",
        ),
        (
            "def settle(*a):\n    return settle(*a)\nclass Season:\n    def __init__(self, **k): pass\nclass Delivery:\n    def __init__(self, *a): pass\nclass Lot:\n    def __init__(self, *a): pass\n",
            "error",
            "RecursionError",
        ),
        ("raise ValueError('nope')\n", "error", "ValueError: nope"),
        (
            "def settle(*a):\n    return 42\nclass Season:\n    def __init__(self, **k): pass\nclass Delivery:\n    def __init__(self, *a): pass\nclass Lot:\n    def __init__(self, *a): pass\n",
            "result",
            "AttributeError",
        ),
    ],
)
def test_errors_in_learner_code_come_back_as_a_short_report(code, kind, text):
    response = api.update(NAME, "en", raw(), code)
    assert not response["ok"]
    problem = response["problem"]
    assert problem["kind"] == kind and text in problem["message"]
    assert "site-packages" not in problem["details"] and "exercises/core" not in problem["details"]
    if kind == "error" and "RecursionError" in text:
        assert problem["details"].count("line 2") <= 6


@pytest.mark.parametrize("code", ["import sys\nsys.exit(3)\n", "exit()\n", "raise SystemExit\n"])
def test_learner_code_that_exits_is_told_so(code):
    """sys.exit() is not a crash of Python ("maybe too much memory"): the learner reads what happened."""
    for lang in ("en", "lo"):
        problem = api.update(NAME, lang, raw(), code)["problem"]
        t = translator(lang)
        assert problem["kind"] == "exit" and problem["heading"] == t("Your code asked Python to stop")
        assert problem["where"] == t("Line {line}", line=code.count("\n"))


def test_printing_is_capped_and_never_html():
    code = (
        EXERCISES[NAME].model.__loader__.get_source(EXERCISES[NAME].model.__name__)
        + "\nprint('<script>alert(1)</script>')\nfor i in range(100000):\n    print(i)\n"
    )
    response = api.update(NAME, "en", raw(), code)
    assert response["output"].startswith("<script>alert(1)</script>")  # text for textContent, not HTML
    assert len(response["output"]) <= api.OUTPUT_LIMIT
    assert response["truncated"]


def test_checking_answers():
    right = api.check(NAME, "en", "read-final", "1,625,009", raw())
    assert right["status"] == "correct" and "1,625,009" in right["feedback"]
    wrong = api.check(NAME, "en", "read-final", "1,000,000", raw(), attempt=1)
    assert wrong["status"] == "wrong" and "too low" in wrong["feedback"] and "Each member" in wrong["hint"]
    second = api.check(NAME, "en", "read-final", "1,000,000", raw(), attempt=2)
    assert second["hint"] != wrong["hint"]
    invalid = api.check(NAME, "en", "read-final", "a lot", raw())
    assert invalid["status"] == "invalid"
    # the answer follows the learner's numbers
    moved = api.check(NAME, "en", "read-final", "1,625,009", raw(advance="2,100"))
    assert moved["status"] == "wrong"


def test_question_about_a_removed_member_says_so():
    rows = [r for r in raw()["deliveries"] if r["member"] != "Noy"]
    response = api.check(NAME, "en", "read-final", "1", raw(deliveries=rows))
    assert response["status"] == "invalid" and "Reset numbers" in response["feedback"]
    assert (
        response["feedback"] == "This question is about “Noy”, which is no longer in the table. "
        "Press “Reset numbers” to bring it back."
    )
    lao = api.check(
        NAME, "lo", "read-final", "1", {**raw_defaults(EXERCISES[NAME].params, translator("lo")), "deliveries": []}
    )
    assert lao["status"] == "invalid" and "ນ້ອຍ" in lao["feedback"] and LAO.search(lao["feedback"].replace("ນ້ອຍ", ""))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_question_without_an_answer_says_why_in_the_learners_language(lang):
    """NoAnswer reaches the learner: with a mill fee no higher than the running cost, nothing pays back the mill."""
    t = translator(lang)
    numbers = {**raw_defaults(EXERCISES["wet-mill"].params, t), "fee": "100"}
    response = api.check("wet-mill", lang, "break-even-kg", "300,000", numbers)
    expected = t(
        "The mill fee is not more than the running cost: nothing is left to pay back the mill, "
        "so no amount of cherry is enough."
    )
    assert response == {"status": "invalid", "feedback": expected, "hint": None}
    assert (LAO.search(expected) is not None) == (lang != "en")
    never = api.check("wet-mill", lang, "three-quarters", "8", {**numbers, "fee": "150"})
    assert never["status"] == "invalid"
    assert never["feedback"] == t(
        "With these numbers the mill never pays back, so there is no number of seasons to find."
    )


def test_questions_answer_for_the_learners_edited_model():
    """The break-even advance is searched with the model that ran: the learner's copy in code mode."""
    source = EXERCISES[NAME].model.__loader__.get_source(EXERCISES[NAME].model.__name__)
    no_reserve = source.replace("reserve = floor_kip(left * season.reserve_share) if left > 0 else 0", "reserve = 0")
    original = api.check(NAME, "en", "break-even", "2,939", raw())
    edited = api.check(NAME, "en", "break-even", "2,939", raw(), no_reserve)
    assert original["status"] == "correct" and edited["status"] == "wrong" and "too low" in edited["feedback"]


#: Every exercise with each of its presets ("" for an exercise without presets).
SHOWN = [(name, preset) for name in EXERCISES.names() for preset in (list(EXERCISES[name].presets) or [""])]


@pytest.mark.parametrize("name", EXERCISES.names())
def test_every_exercise_checks_its_references(name):
    """Every question's reference answer (worked out by hand) is accepted by its own check, in every preset."""
    assert api.self_test(name) == []


@pytest.mark.parametrize("name, preset", SHOWN)
def test_every_exercise_runs_its_defaults_and_refuses_typing_mistakes(name, preset):
    """The defaults run and balance to the kip in every language; a typing mistake in any number field of
    the form is refused with a message for that field alone, and no results."""
    for lang in LANGUAGES:
        shown = api.update(name, lang, {}, preset=preset)
        assert shown["ok"] and shown["numbers"]["balance"] == 0, (lang, shown["errors"], shown["problem"])
    numbers = [p for p in api.find(name, preset).shown_params if isinstance(p, (Integer, Number, Percent))]
    assert numbers
    for param in numbers:
        typo = api.update(name, "en", {param.name: "oops"}, preset=preset)
        assert not typo["ok"] and list(typo["errors"]) == [param.name] and typo["html"] == "", param.name


def test_a_preset_has_its_own_defaults_fields_questions_and_key():
    """The simple preset (Key concepts 3): round 2 of the game, fewer fields, its own questions; its saved
    work is kept under its own key and its ids do not clash with the full preset's."""
    simple, full = api.find(NAME, "simple"), api.find(NAME)
    assert full.preset == "full" and full.key == NAME and simple.key == "pooled-pricing:simple"
    assert {p.name for p in full.params} == {p.name for p in simple.params}
    assert "reserve_share" in {p.name for p in full.shown_params} - {p.name for p in simple.shown_params}
    assert [q.id for q in simple.questions] == ["final-per-kg", "vanh-today", "vanh-gain", "zero-final"]
    # hidden fields keep the preset's value, whatever a (tampered or old) form sends
    sent = api.update(NAME, "en", {"reserve_share": "50", "processing_cost": "900"}, preset="simple")
    assert sent["numbers"] == api.update(NAME, "en", {}, preset="simple")["numbers"]
    assert sent["key"] == "Final payment: 1,000 kip per kg of cherry"
    html = api.widget(NAME, "en", "simple")
    data = json.loads(html.split('<script type="application/json" class="cx-data">')[1].split("</script>")[0])
    assert (data["name"], data["preset"], data["key"]) == (NAME, "simple", "pooled-pricing:simple")
    assert set(data["raw"]) == {"advance", "transport_cost", "deliveries", "lots", "alone_prices"}
    assert 'id="cx-pooled-pricing-simple"' in html and 'id="cx-pooled-pricing"' not in html
    shown = html.split('<script type="application/json" class="cx-data">')[0]  # the model's code aside
    assert 'name="reserve_share"' not in shown and "Grade" not in shown and "grade" not in shown
    # a table of one fixed row has no add or remove buttons; the others keep theirs
    lots = html.split('data-path="lots"')[1].split('data-path="alone_prices"')[0]
    assert "cx-add-row" not in lots and "cx-remove-row" not in lots and "cx-add-row" in html
    checked = json.loads(api.call(json.dumps({"fn": "check", "name": NAME, "preset": "simple", "lang": "en",
                                               "question": "zero-final", "answer": "3,000"})))  # fmt: skip
    assert checked["status"] == "correct"
    with pytest.raises(KeyError, match="known: full, simple"):
        api.find(NAME, "simpel")
    with pytest.raises(KeyError, match="no presets"):
        api.find("wet-mill", "simple")


def test_the_key_result_follows_the_form_and_the_numbers():
    html = api.widget(NAME, "en")
    assert (
        '</fieldset></form><div class="cx-near"><p class="cx-key" aria-live="polite" aria-atomic="true">'
        'Noy&#39;s final payment: 1,625,009 kip</p><a class="cx-see-all" href="#cx-pooled-pricing-results">'
        "See all results</a></div>" in html
    )
    assert '<div class="cx-results" id="cx-pooled-pricing-results" tabindex="-1">' in html
    assert api.update(NAME, "en", raw(advance="3,000"))["key"] == "Noy's final payment: −455,991 kip"  # as "advance-up"
    assert api.update(NAME, "en", raw(advance="abc"))["key"] == ""
    no_noy = api.update(NAME, "en", raw(deliveries=[r for r in raw()["deliveries"] if r["member"] != "Noy"]))
    assert no_noy["ok"] and no_noy["key"] == ""
    assert (
        '<p class="cx-key" aria-live="polite" aria-atomic="true">ເງິນງວດສຸດທ້າຍຂອງນາງ ນ້ອຍ: 1,625,009 ກີບ</p>'
        in api.widget(NAME, "lo")
    )


@pytest.mark.parametrize("name, preset", SHOWN)
def test_every_exercise_has_a_short_key_result_in_every_language(name, preset):
    for lang in LANGUAGES:
        t = translator(lang)
        key = api.update(name, lang, raw_defaults(api.find(name, preset).shown_params, t), preset=preset)["key"]
        assert key and len(key) <= 80 and ": " in key, (lang, key)
        assert (LAO.search(key) is not None) == (lang != "en"), key
        assert f'<p class="cx-key" aria-live="polite" aria-atomic="true">{escape(key)}</p>' in api.widget(
            name, lang, preset
        )


def test_worker_entry_point_speaks_json():
    response = json.loads(api.call(json.dumps({"fn": "update", "name": NAME, "lang": "en", "raw": raw()})))
    assert response["ok"]
    with pytest.raises(ValueError):
        api.call(json.dumps({"fn": "nope"}))


def test_lao_page_gets_lao_names_and_messages():
    html = api.widget(NAME, "lo")
    assert "ນ້ອຍ" in html  # Noy
    data = json.loads(html.split('<script type="application/json" class="cx-data">')[1].split("</script>")[0])
    assert data["raw"]["deliveries"][3]["member"] == "ນາງ ນ້ອຍ"  # names carry their title in Lao
    title = translator("lo")(EXERCISES[NAME].title)
    assert title != EXERCISES[NAME].title and f'id="cx-pooled-pricing-title">{title}</p>' in html


def test_a_repeated_key_in_a_table_is_refused_next_to_the_repeat():
    rows = raw()["trader_prices"]
    rows[1] = {**rows[1], "week": rows[0]["week"]}
    response = api.update(NAME, "en", raw(trader_prices=rows))
    assert response["errors"] == {"trader_prices.1.week": "Week 1 is already in the table: each week has one row."}


KEYED = [
    (name, preset, table)
    for name, preset in SHOWN
    for table in api.find(name, preset).shown_params
    if isinstance(table, Table) and table.key_column
]


@pytest.mark.parametrize("name, preset, table", KEYED, ids=[f"{n}-{p}-{t.name}" for n, p, t in KEYED])
def test_every_keyed_table_refuses_a_repeated_key_next_to_the_repeat(name, preset, table):
    """A member, week or month typed twice is refused on the second row, with the table's own message."""
    t = translator("en")
    first = raw_defaults([table], t)[table.name][0]
    response = api.update(name, "en", {table.name: [first, dict(first)]}, preset=preset)
    path = f"{table.name}.1.{table.key_column}"
    assert list(response["errors"]) == [path] and not response["ok"]
    assert response["errors"][path] == t(table.key_message, value=first[table.key_column])
