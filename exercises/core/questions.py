"""Predict, then check: questions whose right answer the model computes, and the case they are asked about.

A definition's ``QUESTIONS`` are ``Question`` objects; ``checking.py`` checks a group's answer. Their
words (prompt, hints, what a right answer says) and the answer worked out by hand are in the
definition's word file (``wordfile.py``), read by ``questions_from``; the definition says how each is
answered and checked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from .i18n import N_, Translator
from .params import _number_text
from .wordfile import read

if TYPE_CHECKING:
    from .exercise import Exercise

__all__ = [
    "Case",
    "Checked",
    "ChoiceAnswer",
    "NoAnswer",
    "NumberAnswer",
    "Question",
    "questions_from",
]

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


#: How a definition answers and checks one question: ``(answer(case), kind)``.
Answering = tuple[Callable[["Case"], Any], "NumberAnswer | ChoiceAnswer"]
#: The keys of a question's table in the word file: what each must be, and whether a question must have it.
QUESTION_KEYS: dict[str, tuple[type, str, bool]] = {
    "prompt": (str, "a text", True),
    "reference": (str, "a text", True),
    "hints": (list, "a list of texts", False),
    "explain": (str, "a text", False),
    "given": (dict, "a table of texts", False),
}


def questions_from(definition: str, answering: Mapping[str, Answering], table: str = "questions") -> list[Question]:
    """The questions of a definition, in the order of its word file (``wet_mill.py`` → ``wet_mill.toml``).

    Each question is a table ``[<table>.<id>]`` with ``prompt`` and ``reference`` (the answer for the
    default numbers, worked out by hand in the comments above it), and if needed ``hints`` (a list),
    ``explain`` (what a right answer says, with ``{answer}``) and ``given`` (parameter values the
    question sets, as the learner would type them). ``answering`` maps every id to its ``(answer, kind)``.
    A mistake raises ``WordFileError`` with the file and line.
    """
    words = read(definition)
    entries = words.data.get(table, {})
    source = Path(definition).name
    for qid in answering:
        if qid not in entries:
            raise words.error(f"no [{table}.{qid}] for the question {qid!r} of {source}", table)
    questions = []
    for qid, entry in entries.items():
        if qid not in answering:
            raise words.error(f"{source} does not say how to answer the question {qid!r}", table, qid)
        for key, (_, _, needed) in QUESTION_KEYS.items():
            if needed and key not in entry:
                raise words.error(f"the question {qid!r} has no {key}", table, qid)
        for key, value in entry.items():
            if key not in QUESTION_KEYS:
                raise words.error(
                    f"the question {qid!r} has {key!r}, which is not one of {', '.join(QUESTION_KEYS)}", table, qid, key
                )
            shape, described, _ = QUESTION_KEYS[key]
            texts = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]
            if not isinstance(value, shape) or not all(isinstance(v, str) for v in texts):
                raise words.error(f"the {key} of the question {qid!r} must be {described}", table, qid, key)
        answer, kind = answering[qid]
        questions.append(
            Question(
                id=qid,
                prompt=entry["prompt"],
                answer=answer,
                reference=entry["reference"],
                kind=kind,
                hints=tuple(entry.get("hints", ())),
                explain=entry.get("explain", Question.explain),
                given=dict(entry.get("given", {})),
            )
        )
    return questions
