"""An exercise's words live in a TOML file beside its definition: a mistake there names the file and line."""

from __future__ import annotations

import json
import tomllib
from fractions import Fraction
from importlib import import_module

import pytest

from exercises import EXERCISES
from exercises.core import wordfile
from exercises.core.evaluate import evaluate
from exercises.core.i18n import N_, translator
from exercises.core.outputs import BarChart, Column, Outputs, ResultTable
from exercises.core.params import Integer, Table, raw_defaults
from exercises.core.questions import NumberAnswer, questions_from
from exercises.core.registry import module_name
from exercises.core.wordfile import WordFileError, exercise_words, with_headings, with_words
from exercises.shared import amounts_table

GOOD = """\
[exercise]
title = "Simulation: a test"
summary = "Change the numbers."
code_tip = "change a number"

# By hand: 1 + 1 = 2.
[questions.sum]
prompt = "What is the sum?"
reference = "2"
hints = ["Add them."]
"""

ANSWERING = {"sum": (lambda case: 2, NumberAnswer())}


def _definition(tmp_path, text):
    wordfile.read.cache_clear()
    (tmp_path / "example.toml").write_text(text, encoding="utf-8")
    return str(tmp_path / "example.py")


def test_a_good_word_file_gives_the_questions_and_the_exercise_words(tmp_path):
    definition = _definition(tmp_path, GOOD)
    [question] = questions_from(definition, ANSWERING)
    assert (question.id, question.prompt, question.reference, question.hints) == (
        "sum",
        "What is the sum?",
        "2",
        ("Add them.",),
    )
    assert question.explain == "Right: {answer}."
    assert exercise_words(definition)["code_tip"] == "change a number"


@pytest.mark.parametrize(
    ("text", "answering", "where", "says"),
    [
        (GOOD.replace('prompt = "What is the sum?"\n', ""), ANSWERING, ":7:", "has no prompt"),
        (GOOD.replace("hints", "hint"), ANSWERING, ":10:", "'hint', which is not one of"),
        (GOOD.replace('hints = ["Add them."]', 'hints = "Add them."'), ANSWERING, ":10:", "must be a list of texts"),
        (GOOD, {**ANSWERING, "other": ANSWERING["sum"]}, ":1:", "no [questions.other]"),
        (GOOD, {}, ":7:", "does not say how to answer the question 'sum'"),
        (GOOD.replace('reference = "2"', "reference = 2 2"), ANSWERING, ": ", "line 9"),
    ],
)
def test_a_mistake_in_the_questions_names_the_file_and_line(tmp_path, text, answering, where, says):
    definition = _definition(tmp_path, text)
    with pytest.raises(WordFileError) as raised:
        questions_from(definition, answering)
    assert f"example.toml{where}" in str(raised.value)
    assert says in str(raised.value)


def test_a_mistake_in_the_exercise_words_names_the_file_and_line(tmp_path):
    definition = _definition(tmp_path, GOOD.replace('summary = "Change the numbers."\n', "colour = 1\n"))
    with pytest.raises(WordFileError, match=r"example\.toml:1: \[exercise\] needs a summary"):
        exercise_words(definition)
    wordfile.read.cache_clear()
    with pytest.raises(WordFileError, match=r"other\.toml: missing"):
        exercise_words(str(tmp_path / "other.py"))


def test_a_part_a_word_file_does_not_have_names_the_file_and_line(tmp_path):
    """A misspelt part (``[question.sum]``, ``[tabels.money]``) would otherwise be words nobody reads."""
    definition = _definition(tmp_path, GOOD + '\n[question.more]\nprompt = "And now?"\n')
    with pytest.raises(WordFileError, match=r"example\.toml:12: \[question\] is not a part of a word file"):
        exercise_words(definition)


def test_every_exercise_has_its_words_and_every_question_its_answer():
    for name in EXERCISES.names():
        exercise = EXERCISES[name]
        assert exercise.title.startswith("Simulation: ") and exercise.summary and exercise.code_tip
        assert [q.id for q in exercise.questions], name


PARAMS = [
    Integer(name="fee", default=300, min=0, max=100_000),
    Table(name="season", columns=[Integer(name="kg", min=0, max=100)], default=[{"kg": 1}]),
]
PARAM_WORDS = """\
[params.fee]
label = "Mill fee"
unit = "kip per kg of cherry"
help = "What members pay."

[params.season]
label = "Cherry each week"
key_message = "Week {value} is already in the table."

[params.season.columns.kg]
label = "Cherry"
unit = "kg"
"""


def test_the_fields_of_the_form_get_their_words(tmp_path):
    fee, season = with_words(_definition(tmp_path, PARAM_WORDS), PARAMS)
    assert (fee.label, fee.unit, fee.help, fee.default) == (
        "Mill fee",
        "kip per kg of cherry",
        "What members pay.",
        300,
    )
    assert (season.label, season.key_message) == ("Cherry each week", "Week {value} is already in the table.")
    assert (season.columns[0].label, season.columns[0].unit) == ("Cherry", "kg")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (PARAM_WORDS.replace('label = "Mill fee"\n', ""), r"example\.toml:1: 'fee' has no label"),
        (PARAM_WORDS.replace("[params.fee]", "[params.fees]"), r"example\.toml:1: example\.py has no parameter 'fees'"),
        (
            PARAM_WORDS.replace("columns.kg]", "columns.kilos]"),
            r"example\.toml:10: the table 'season' has no column 'kilos'",
        ),
        (
            PARAM_WORDS.replace('help = "What', 'hint = "What'),
            r"example\.toml:4: 'fee' has 'hint', which is not one of",
        ),
        (PARAM_WORDS.replace('unit = "kg"', "unit = 1"), r"example\.toml:12: the unit of 'kg' must be a text"),
    ],
)
def test_a_mistake_in_the_words_of_a_field_names_the_file_and_line(tmp_path, text, problem):
    with pytest.raises(WordFileError, match=problem):
        with_words(_definition(tmp_path, text), PARAMS)


def test_in_the_browser_the_words_are_read_from_json(tmp_path):
    """The bundle has ``<name>.words.json`` instead of the TOML (scripts/stage_assets.py): the same words."""
    wordfile.read.cache_clear()
    (tmp_path / "example.words.json").write_text(json.dumps(tomllib.loads(GOOD)), encoding="utf-8")
    definition = str(tmp_path / "example.py")
    assert exercise_words(definition)["title"] == "Simulation: a test"
    [question] = questions_from(definition, ANSWERING)
    assert question.hints == ("Add them.",)


HEADINGS = """\
[tables.money]
caption = "Where the money went"

[tables.weeks]
caption = "Week by week"
columns = [
  ["Week"],
  ["Cherry (kg)", "kg"],
  ["Hours per day", "num", 1],
]

[charts.chart]
title = "Cherry each week"
y_title = "kg of cherry"
"""


def _show(result, values, t):
    """A ``show`` as a definition writes it: numbers and the words beside them, no headings."""
    return Outputs(
        tables=[
            amounts_table([(N_("Sales"), 100)]),
            ResultTable(id="weeks", rows=[["1", 500, Fraction(15, 2)]]),
        ],
        charts=[BarChart(id="chart", labels=["1"], series=[(N_("Cherry"), [500])], kind="kg")],
    )


def test_the_results_get_their_headings_from_the_word_file(tmp_path):
    outputs = with_headings(_definition(tmp_path, HEADINGS), _show)(None, {}, translator("en"))
    money, weeks = outputs.tables
    assert money.caption == "Where the money went" and [c.label for c in money.columns] == ["Item", "Amount (kip)"]
    assert weeks.caption == "Week by week"
    assert weeks.columns == [Column("Week"), Column("Cherry (kg)", "kg"), Column("Hours per day", "num", 1)]
    assert (outputs.charts[0].title, outputs.charts[0].y_title) == ("Cherry each week", "kg of cherry")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            HEADINGS.replace('"Cherry (kg)", "kg"', '"Cherry (kg)", "kilo"'),
            r"example\.toml:6: the columns of \[tables\.weeks\]",
        ),
        (
            HEADINGS.replace('caption = "Week by week"', 'title = "Week by week"'),
            r"example\.toml:5: \[tables\.weeks\] has 'title'",
        ),
        (HEADINGS.replace('title = "Cherry each week"\n', ""), r"example\.toml:12: \[charts\.chart\] needs a title"),
        (
            HEADINGS.replace('y_title = "kg of cherry"', "y_title = 1"),
            r"example\.toml:14: the y_title of \[charts\.chart\]",
        ),
        (HEADINGS.replace("[tables.weeks]", "[tables.week]"), r"example\.toml:1: show\(\) has a table 'weeks'"),
        (HEADINGS.replace("[charts.chart]", "[charts.graph]"), r"example\.toml:1: show\(\) has a chart 'chart'"),
        (
            HEADINGS.replace('caption = "Where the money went"', 'caption = "Money"\ncolumns = [["Item"]]'),
            r"the code gives the columns of 'money'",
        ),
        (HEADINGS.replace("columns = [", "column = ["), r"example\.toml:6: \[tables\.weeks\] has 'column'"),
    ],
)
def test_a_mistake_in_the_headings_names_the_word_file_and_line(tmp_path, text, problem):
    with pytest.raises(WordFileError, match=problem):
        with_headings(_definition(tmp_path, text), _show)(None, {}, translator("en"))


def test_every_heading_in_a_word_file_is_shown():
    """No dead words: each ``[tables.<id>]`` and ``[charts.<id>]`` is a table or chart that ``show``
    returns, with the default numbers or a question's."""
    for name in EXERCISES.names():
        shown: set[str] = set()
        for preset in [None, *EXERCISES[name].presets]:
            exercise = EXERCISES[name].with_preset(preset)
            prefix = f"{exercise.preset}_" if exercise.preset and exercise.presets[exercise.preset].show else ""
            raw = raw_defaults(exercise.shown_params, translator("en"))
            for given in [{}, *(dict(q.given) for q in exercise.questions)]:
                evaluation = evaluate(exercise, {**raw, **given})
                outputs = exercise.show(evaluation.result, evaluation.values, translator("en"))
                shown |= {f"{prefix}tables.{table.id}" for table in outputs.tables}
                shown |= {f"{prefix}charts.{chart.id}" for chart in outputs.charts}
        data = wordfile.read(import_module(f"exercises.{module_name(name)}").__file__).data
        headings = {f"{kind}.{key}" for kind in data if kind.endswith(("tables", "charts")) for key in data[kind]}
        assert headings - shown == set(), name


def test_show_needs_no_word_file_once_the_exercise_is_made(tmp_path, monkeypatch):
    """In the browser the word files are gone after a restore of the memory snapshot (coop_boot.freeze):
    ``show`` must keep the headings it was given, not read them again."""
    headed = with_headings(_definition(tmp_path, HEADINGS), _show)
    (tmp_path / "example.toml").unlink()
    wordfile.read.cache_clear()
    monkeypatch.setattr(wordfile, "read", lambda definition: pytest.fail(f"read {definition} again"))
    assert headed(None, {}, translator("en")).tables[1].caption == "Week by week"
