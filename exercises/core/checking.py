"""Predict, then check: is a group's answer right for the numbers in its form?

The right answer is always computed by the model for the learner's current inputs (and code); the
feedback says "too high" or "too low", gives the question's hints one by one, and explains why the
answer is right. A question that has no answer with these numbers says why (``NoAnswer``).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from .evaluate import Evaluation
from .exercise import Exercise
from .i18n import N_, Translator
from .params import ParamError
from .questions import Case, Checked, ChoiceAnswer, NoAnswer, Question
from .text import cell_text

__all__ = ["answer_text", "case_of", "check_answer", "with_given"]


def with_given(raw: Mapping[str, Any], given: Mapping[str, str]) -> dict[str, Any]:
    """The learner's inputs with the values a question asks to set."""
    return {**raw, **given}


def case_of(exercise: Exercise, evaluation: Evaluation, t: Translator) -> Case:
    """What the questions are answered from, after a run that worked."""
    assert evaluation.model is not None and evaluation.ran
    return Case(exercise, evaluation.model, evaluation.values, evaluation.result, t)


def answer_text(question: Question, case: Case) -> str:
    """The right answer, formatted for people."""
    expected = question.answer(case)
    if isinstance(question.kind, ChoiceAnswer):
        for key, label in question.kind.options(case):
            if str(key) == str(expected):
                return cell_text(label, "text", case.t)
        return str(expected)
    return question.kind.show(expected, case.t)


def check_answer(
    exercise: Exercise, question: Question, answer: str, evaluation: Evaluation, attempt: int, t: Translator
) -> Checked:
    """Check ``answer`` against what the model computed in ``evaluation``."""
    if not evaluation.ran:
        if evaluation.errors:
            return Checked("invalid", t(N_("First fix the numbers marked in the form.")))
        return Checked("invalid", t(N_("First make the code run without errors.")))
    if not str(answer).strip():
        return Checked("invalid", t(N_("Type your group's answer first.")))
    given: Any
    try:
        given = question.kind.read(answer)
    except ParamError as error:
        return Checked("invalid", error.text(t))
    case = case_of(exercise, evaluation, t)
    try:
        expected = question.answer(case)
        shown = answer_text(question, case)
    except NoAnswer as why:  # the question says why it has no answer with these numbers
        return Checked("invalid", t(why.message, **{k: str(v) for k, v in why.values.items()}))
    except LookupError:  # the learner removed the rows the question is about
        return Checked(
            "invalid", t(N_("This question needs the rows it talks about. Press “Reset numbers” to bring them back."))
        )
    except Exception:  # e.g. a learner's model or empty table that gives the question nothing to compute
        return Checked(
            "invalid",
            t(N_("This question cannot be answered with these numbers. Press “Reset numbers” and try again.")),
        )
    if question.kind.matches(given, expected):
        return Checked("correct", t(question.explain, answer=shown), expected=shown)
    feedback = t(N_("Not yet. Talk it over and try again."))
    if not isinstance(question.kind, ChoiceAnswer):
        direction = N_("Your answer is too high.") if given > Fraction(expected) else N_("Your answer is too low.")
        feedback = f"{t(direction)} {feedback}"
    hint = None
    if question.hints:
        hint = t(question.hints[min(max(attempt, 1), len(question.hints)) - 1])
    return Checked("wrong", feedback, hint, shown)
