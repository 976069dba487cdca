"""Predict, then check: questions whose right answer the model computes, and the case they are asked about.

A definition's ``QUESTIONS`` are ``Question`` objects; ``checking.py`` checks a group's answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from .i18n import N_, Translator
from .params import _number_text

if TYPE_CHECKING:
    from .exercise import Exercise

__all__ = ["Case", "Checked", "ChoiceAnswer", "NoAnswer", "NumberAnswer", "Question"]

T = TypeVar("T")


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
            raise NoAnswer(
                N_(
                    "This question is about “{name}”, which is no longer in the table. "
                    "Press “Reset numbers” to bring it back."
                ),
                name=self.t(shown) if shown else key,
            )
        return rows[key]


@dataclass(frozen=True)
class Checked:
    """The outcome of checking one answer."""

    status: Literal["correct", "wrong", "invalid"]
    feedback: str
    hint: str | None = None
    expected: str | None = None
