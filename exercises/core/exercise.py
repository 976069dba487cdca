"""What an exercise is: a model, its parameters, what to show, and questions with their checks.

An exercise file (such as ``exercises/pooled_pricing.py``) builds one ``Exercise`` from these
pieces. Nothing here knows about browsers or HTML: ``render.py`` turns the outputs into HTML and
``api.py`` is what a page (at build time) or the browser's Python worker calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from types import ModuleType
from typing import Any, Callable, Literal, Mapping, Sequence, TypeVar

from .i18n import N_, Translator
from .params import Param, ParamError, _number_text

__all__ = [
    "Column",
    "ResultTable",
    "BarChart",
    "Notice",
    "Outputs",
    "NumberAnswer",
    "ChoiceAnswer",
    "Question",
    "Exercise",
    "Checked",
    "NoAnswer",
    "Case",
]

Kind = Literal["text", "int", "kip", "kg", "num", "pct", "usd"]
T = TypeVar("T")


# ---- What an exercise shows ---------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of a result table: its heading (a message id) and how to format its values."""

    label: str
    kind: Kind = "text"
    places: int = 2


@dataclass(frozen=True)
class ResultTable:
    """A table of results. Text cells are shown as written (and always escaped)."""

    id: str
    caption: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]]
    footer: Sequence[Any] | None = None
    #: Message ids (not translated yet) may appear in "text" cells when wrapped in ``Msg``.


@dataclass(frozen=True)
class Msg:
    """A message id with values, to be translated where it is shown (in a table cell or notice)."""

    message: str
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BarChart:
    """A bar chart: one group of bars per label, one bar colour per series."""

    id: str
    title: str
    labels: Sequence[str]
    series: Sequence[tuple[str, Sequence[int | float | Fraction]]]
    y_title: str = ""
    kind: Kind = "kip"
    horizontal: bool = False


@dataclass(frozen=True)
class Notice:
    """A short explanation shown above the tables ("info", "warning" or "success")."""

    level: Literal["info", "warning", "success"]
    message: str
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Outputs:
    """Everything an exercise shows for one set of inputs, plus key numbers for tests.

    ``key`` is the one result that matters most, in one short line ("Noy's final payment: 1,622,964
    kip"): the number the exercise's first question asks about. Pages show it first, above the form
    (on a phone it is all a learner may see at a glance); None when these numbers have none.
    """

    key: Msg | None = None
    tables: Sequence[ResultTable] = ()
    charts: Sequence[BarChart] = ()
    notices: Sequence[Notice] = ()
    numbers: Mapping[str, Any] = field(default_factory=dict)


# ---- Questions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberAnswer:
    """The learner types a number; it is right within ``tolerance`` (kip, kg …) or ``relative``."""

    unit: str = ""
    tolerance: int | Fraction = 0
    relative: Fraction = Fraction(0)
    places: int = 0

    def read(self, raw: str) -> Fraction:
        return _number_text(raw)

    def matches(self, given: Fraction, expected: Any) -> bool:
        expected = Fraction(expected)
        allowed = max(Fraction(self.tolerance), abs(expected) * self.relative)
        return abs(given - expected) <= allowed

    def show(self, value: Any, t: Translator) -> str:
        if self.places:
            text = t.dec(value, self.places)
        else:
            text = t.int(int(value)) if Fraction(value).denominator == 1 else t.num(value, 2)
        return f"{text} {t(self.unit)}".strip() if self.unit else text


@dataclass(frozen=True)
class ChoiceAnswer:
    """The learner picks one option; ``options(case)`` lists ``(key, label)`` pairs.

    Labels are shown as given (they are usually names the learner typed), or translated when they
    are ``Msg`` objects.
    """

    options: Callable[[Case], Sequence[tuple[str, Any]]]

    def read(self, raw: str) -> str:
        return str(raw).strip()

    def matches(self, given: str, expected: Any) -> bool:
        return given == str(expected)

    def show(self, value: Any, t: Translator) -> str:
        return str(value)


@dataclass(frozen=True)
class Question:
    """Predict, then check: a question whose right answer the model computes.

    ``answer(case)`` gives the right answer for the inputs the learner has now (after ``given``, the
    parameter values the question asks the learner to set), from the model that ran (the learner's
    edited copy in code mode). When those numbers leave it without an answer it raises ``NoAnswer``.
    ``reference`` is what an author worked out by hand for the default inputs; the self-test
    (``make test``) feeds it through the same check, so a question and its model can never drift
    apart unnoticed.
    """

    id: str
    prompt: str
    answer: Callable[[Case], Any]
    reference: str
    kind: NumberAnswer | ChoiceAnswer = NumberAnswer()
    hints: Sequence[str] = ()
    explain: str = N_("Right: {answer}.")
    given: Mapping[str, str] = field(default_factory=dict)


class NoAnswer(Exception):
    """Raised by a question's ``answer`` when the learner's numbers leave it without an answer.

    ``message`` (a message id, with ``values``) tells the learner why, e.g. "With these numbers the
    mill never pays back, so there is no number of seasons to find."
    """

    def __init__(self, message: str, **values: Any) -> None:
        super().__init__(message)
        self.message = message
        self.values = values


@dataclass(frozen=True)
class Case:
    """What a question is answered from: the learner's values, the model that ran and its result.

    ``model`` is the learner's edited copy in code mode, so a question that runs the model again
    (``again``) answers for the learner's model, not the original. ``t`` is the page's translator,
    for questions about a named member (names are translated too: ``row``).
    """

    exercise: Exercise
    model: ModuleType
    values: Mapping[str, Any]
    result: Any
    t: Translator

    def again(self, **changes: Any) -> Any:
        """The model's result with some values changed."""
        return self.exercise.run(self.model, {**self.values, **changes})

    def row(self, rows: Mapping[str, T], name: str, shown: str | None = None) -> T:
        """The row called ``t(name)`` (a member, a month, a village); ``NoAnswer`` if the learner removed it."""
        key = self.t(name)
        if key not in rows:
            raise NoAnswer(N_("This question is about “{name}”, which is no longer in the table. "
                              "Press “Reset numbers” to bring it back."), name=self.t(shown) if shown else key)
        return rows[key]


@dataclass(frozen=True)
class Checked:
    """The outcome of checking one answer."""

    status: Literal["correct", "wrong", "invalid"]
    feedback: str
    hint: str | None = None
    expected: str | None = None


# ---- The exercise ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Exercise:
    """One simulation of a co-op decision, as a learner meets it on a page.

    ``run(model, values)`` calls the model (the original module, or the learner's edited copy)
    and returns its result; ``show(result, values, t)`` says what to display; ``check`` extras
    such as "the shares must add up to 100 %" go in ``validate(values)``.
    """

    name: str
    title: str
    summary: str
    model: ModuleType
    params: Sequence[Param]
    run: Callable[[ModuleType, Mapping[str, Any]], Any]
    show: Callable[[Any, Mapping[str, Any], Translator], Outputs]
    questions: Sequence[Question] = ()
    validate: Callable[[Mapping[str, Any]], Sequence[tuple[str, ParamError]]] = lambda values: ()
    code_tip: str = ""

    def question(self, qid: str) -> Question:
        for question in self.questions:
            if question.id == qid:
                return question
        raise KeyError(f"exercise {self.name!r} has no question {qid!r}")
