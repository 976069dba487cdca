"""What a page (at build time) and the browser's Python worker ask of one exercise.

* ``widget(exercise, lang)`` — the whole exercise as static HTML with its default numbers.
* ``update(exercise, lang, raw, source)`` — new results for the learner's numbers (and edited code).
* ``check(exercise, lang, question, answer, raw, source, attempt)`` — is this answer right?
* ``self_test(exercise, languages)`` — every question's reference answer goes through its own check.

They take ``Exercise`` objects (finding one by name is the job of the package that holds the
exercises) and return plain JSON-ready data. Errors in learner input or learner code come back as
data, never as exceptions. The JSON shapes are documented once, in frontend/src/runtime/messages.js.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .checking import answer_text, case_of, check_answer, with_given
from .evaluate import Evaluation, evaluate
from .exercise import Exercise
from .html import Markup
from .i18n import N_, Translator, translator
from .languages import LANGUAGES
from .params import raw_defaults
from .questions import Checked, ChoiceAnswer
from .render import outputs_html, prefix_of, questions_html, widget_html
from .sandbox import CodeProblem
from .text import msg_text

__all__ = ["check", "self_test", "update", "widget"]


@dataclass
class Shown:
    """What a run shows: its results as HTML, its key result as text, and key numbers (for tests)."""

    html: Markup = field(default_factory=Markup)
    key: str = ""
    numbers: dict[str, Any] = field(default_factory=dict)


def _shown(exercise: Exercise, evaluation: Evaluation, t: Translator) -> Shown:
    try:
        outputs = exercise.show(evaluation.result, evaluation.values, t)
        key = msg_text(outputs.key, t) if outputs.key else ""
        return Shown(outputs_html(outputs, t, prefix_of(exercise)), key, _jsonable(outputs.numbers))
    except Exception as error:  # a learner's model returned something unusable
        evaluation.problem = CodeProblem("result", f"{type(error).__name__}: {error}")
        evaluation.ran = False
        return Shown()


def _jsonable(value: Any) -> Any:
    if isinstance(value, Fraction):
        return float(value) if value.denominator != 1 else int(value)
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def widget(exercise: Exercise, lang: str) -> str:
    """The exercise as static HTML with its default numbers: form, results, questions, answer key."""
    t = translator(lang)
    raw = raw_defaults(exercise.shown_params, t)
    evaluation = evaluate(exercise, raw)
    shown = _shown(exercise, evaluation, t)
    answers = {}
    for question in exercise.questions:
        asked = evaluate(exercise, with_given(raw, question.given)) if question.given else evaluation
        answers[question.id] = answer_text(question, case_of(exercise, asked, t))
    quiz = questions_html(exercise, case_of(exercise, evaluation, t), answers, prefix_of(exercise))
    # The other languages' default text: numbers typed on this page follow the learner to them, names left
    # as they were come out in that language (frontend/src/runtime/carry.js).
    others = {
        language.code: raw_defaults(exercise.shown_params, translator(language.code))
        for language in LANGUAGES
        if language.code != lang
    }
    return str(widget_html(exercise, t, raw, shown.key, shown.html, quiz, others))


def update(exercise: Exercise, lang: str, raw: Mapping[str, Any] | None, source: str | None = None) -> dict[str, Any]:
    """New results for the learner's inputs (and code)."""
    t = translator(lang)
    evaluation = evaluate(exercise, raw, source)
    shown = _shown(exercise, evaluation, t) if evaluation.ran else Shown()
    truncated = evaluation.truncated and t(
        N_("… {count} more characters of output were not shown."), count=t.int(evaluation.truncated)
    )
    return {
        "ok": not evaluation.errors and evaluation.problem is None,
        "errors": {path: error.text(t) for path, error in evaluation.errors.items()},
        "html": str(shown.html),
        "key": shown.key,
        "numbers": shown.numbers,
        "output": evaluation.output,
        "truncated": truncated,
        "problem": evaluation.problem.as_dict(t) if evaluation.problem else None,
    }


def _checked(
    exercise: Exercise,
    t: Translator,
    question_id: str,
    answer: str,
    raw: Mapping[str, Any] | None,
    source: str | None,
    attempt: int,
) -> Checked:
    question = exercise.question(question_id)
    evaluation = evaluate(exercise, with_given(raw or raw_defaults(exercise.shown_params, t), question.given), source)
    return check_answer(exercise, question, answer, evaluation, attempt, t)


def check(
    exercise: Exercise,
    lang: str,
    question_id: str,
    answer: str,
    raw: Mapping[str, Any] | None = None,
    source: str | None = None,
    attempt: int = 1,
) -> dict[str, Any]:
    """Check one answer against what the model computes for the learner's inputs (the defaults if none)."""
    outcome = _checked(exercise, translator(lang), question_id, answer, raw, source, attempt)
    return {"status": outcome.status, "feedback": outcome.feedback, "hint": outcome.hint}


def self_test(exercise: Exercise, languages: Iterable[str]) -> list[str]:
    """Feed each question's reference answer through its check in every language, for every preset
    of the exercise (each with its own defaults and questions); list failures."""
    failures = []
    presets = list(exercise.presets) or [exercise.preset]
    for lang in languages:
        t = translator(lang)
        for preset in presets:
            ready = exercise.with_preset(preset)
            for question in ready.questions:
                # a choice's reference is a message id (such as a member's name), so it is translated
                reference = t(question.reference) if isinstance(question.kind, ChoiceAnswer) else question.reference
                outcome = _checked(ready, t, question.id, reference, None, None, 1)
                if outcome.status != "correct":
                    failures.append(
                        f"{ready.key}/{question.id} [{lang}]: reference {reference!r} is not accepted "
                        f"(model says {outcome.expected}; {outcome.feedback})"
                    )
    return failures
