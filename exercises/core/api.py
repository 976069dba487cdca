"""The entry points: what a page calls at build time and what the browser's Python worker calls.

* ``widget(name, lang)`` — the whole exercise as static HTML with its default numbers (build time).
* ``update(name, lang, raw, source)`` — new results for the learner's numbers, and optionally the
  learner's edited model code (browser).
* ``check(name, lang, question, answer, raw, source, attempt)`` — is this answer right? (browser).
* ``self_test(name)`` — every question's reference answer goes through its own check.

All of them take and return plain JSON-like data, so the JavaScript side never needs to know
Python objects. Errors in learner input or learner code come back as data, never as exceptions.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import json
import linecache
import traceback
import types
from dataclasses import dataclass
from fractions import Fraction
from html import escape
from typing import Any, Mapping

from .exercise import Checked, ChoiceAnswer, Exercise, NoAnswer, Question
from .i18n import N_, Translator, translator
from .params import ParamError, Table, parse_all, raw_defaults
from .render import cell_text, form_html, questions_html, results_html

__all__ = ["widget", "update", "check", "self_test", "evaluate", "Evaluation", "MODEL_FILENAME", "OUTPUT_LIMIT"]

#: The file name learner code runs under; tracebacks keep only frames from it.
MODEL_FILENAME = "model.py"
#: At most this many characters of printed output are kept (a print loop cannot flood the page).
OUTPUT_LIMIT = 20_000


def _registry() -> Mapping[str, Exercise]:
    from .. import EXERCISES

    return EXERCISES


def get(name: str) -> Exercise:
    """The exercise called ``name``."""
    exercises = _registry()
    if name not in exercises:
        raise KeyError(name)
    return exercises[name]


# ---- Running learner code -----------------------------------------------------------------------


class _CappedOutput(io.StringIO):
    """Collects printed text up to ``OUTPUT_LIMIT`` characters and quietly drops the rest."""

    def __init__(self) -> None:
        super().__init__()
        self.dropped = 0

    def write(self, text: str) -> int:
        room = OUTPUT_LIMIT - self.tell()
        if room > 0:
            super().write(text[:room])
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)


@dataclass
class CodeProblem:
    """Learner code that could not run: a short, readable account of what went wrong."""

    kind: str
    message: str
    line: int | None
    details: str

    def as_dict(self, t: Translator) -> dict[str, Any]:
        headings = {
            "syntax": N_("Python could not read your code"),
            "error": N_("Your code stopped with an error"),
            "result": N_("Your code returned something the exercise cannot use"),
        }
        where = t(N_("Line {line}"), line=self.line) if self.line else ""
        return {"kind": self.kind, "heading": t(headings[self.kind]), "where": where, "message": self.message, "details": self.details}


def _load_model(exercise: Exercise, source: str) -> types.ModuleType:
    """Run the learner's version of the model file as a fresh module."""
    module = types.ModuleType(exercise.model.__name__)
    module.__file__ = MODEL_FILENAME
    # so tracebacks can quote the learner's lines
    linecache.cache[MODEL_FILENAME] = (len(source), None, source.splitlines(True), MODEL_FILENAME)
    code = compile(source, MODEL_FILENAME, "exec")
    exec(code, module.__dict__)
    return module


def _learner_traceback(error: BaseException) -> CodeProblem:
    """Keep only the frames of the learner's own file, the way a teacher would point at them."""
    if isinstance(error, SyntaxError) and error.filename == MODEL_FILENAME:
        pointer = ""
        if error.text:
            line_text = error.text.rstrip("\n")
            column = max((error.offset or 1) - 1, 0)
            pointer = f"{line_text}\n{' ' * column}^"
        return CodeProblem("syntax", f"{type(error).__name__}: {error.msg}", error.lineno, pointer)
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == MODEL_FILENAME]
    if isinstance(error, RecursionError):
        frames = frames[:3] + frames[-3:] if len(frames) > 6 else frames
    lines = [f"  line {f.lineno}, in {f.name}\n    {(f.line or '').strip()}" for f in frames]
    message = f"{type(error).__name__}: {error}"
    line = frames[-1].lineno if frames else None
    return CodeProblem("error", message, line, "\n".join(lines))


# ---- Evaluating an exercise ---------------------------------------------------------------------


@dataclass
class Evaluation:
    """One run: parsed values, field errors, the model's result (if it ran) and what it printed."""

    values: dict[str, Any]
    errors: dict[str, ParamError]
    result: Any = None
    output: str = ""
    problem: CodeProblem | None = None
    truncated: int = 0
    ran: bool = False


def evaluate(exercise: Exercise, raw: Mapping[str, Any] | None = None, source: str | None = None) -> Evaluation:
    """Parse the inputs and run the model (the learner's copy when ``source`` is given)."""
    values, errors = parse_all(exercise.params, raw or {})
    if not errors:
        for path, error in exercise.validate(values):
            errors.setdefault(path, error)
    evaluation = Evaluation(values, errors)
    if errors:
        return evaluation
    output = _CappedOutput()
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            model = _load_model(exercise, source) if source is not None else exercise.model
            evaluation.result = exercise.run(model, values)
        evaluation.ran = True
    except (Exception, RecursionError) as error:  # learner code may raise anything
        if source is None:
            raise
        evaluation.problem = _learner_traceback(error)
    evaluation.output = output.getvalue()
    evaluation.truncated = output.dropped
    return evaluation


def _outputs_html(exercise: Exercise, evaluation: Evaluation, t: Translator) -> tuple[str, dict[str, Any]]:
    prefix = f"cx-{exercise.name}"
    try:
        outputs = exercise.show(evaluation.result, evaluation.values, t)
        return results_html(outputs, t, prefix), _jsonable(outputs.numbers)
    except Exception as error:  # a learner's model returned something unusable
        evaluation.problem = CodeProblem("result", f"{type(error).__name__}: {error}", None, "")
        evaluation.ran = False
        return "", {}


def _jsonable(value: Any) -> Any:
    if isinstance(value, Fraction):
        return float(value) if value.denominator != 1 else int(value)
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def answer_text(question: Question, values: Mapping[str, Any], result: Any, t: Translator) -> str:
    """The right answer, formatted for people."""
    expected = question.answer(values, result, t)
    if isinstance(question.kind, ChoiceAnswer):
        for key, label in question.kind.options(values, result):
            if str(key) == str(expected):
                return cell_text(label, "text", t)
        return str(expected)
    return question.kind.show(expected, t)


def _with_given(raw: Mapping[str, Any], given: Mapping[str, str]) -> dict[str, Any]:
    merged = dict(raw)
    merged.update(given)
    return merged


def widget(name: str, lang: str) -> str:
    """The exercise as static HTML with its default numbers: form, results, questions, answer key."""
    exercise = get(name)
    t = translator(lang)
    prefix = f"cx-{exercise.name}"
    raw = raw_defaults(exercise.params, t)
    evaluation = evaluate(exercise, raw)
    results, numbers = _outputs_html(exercise, evaluation, t)
    answers = {}
    for question in exercise.questions:
        q_eval = evaluate(exercise, _with_given(raw, question.given)) if question.given else evaluation
        answers[question.id] = answer_text(question, q_eval.values, q_eval.result, t)
    quiz = questions_html(exercise, evaluation.values, evaluation.result, answers, t, prefix)
    source = _model_source(exercise)
    data = {
        "name": exercise.name,
        "lang": lang,
        "raw": raw,
        "source": source,
        "numbers": numbers,
        "tables": [p.name for p in exercise.params if isinstance(p, Table)],
    }
    title_id = f"{prefix}-title"
    words = {key: escape(t(message)) for key, message in _WIDGET_WORDS.items()}
    return (
        f'<section class="cx" id="{prefix}" data-cx="{exercise.name}" aria-labelledby="{title_id}">'
        f'<p class="cx-title" id="{title_id}">{escape(t(exercise.title))}</p>'
        f'<p class="cx-summary">{escape(t(exercise.summary))}</p>'
        f'<div class="cx-bar cx-js-only" role="toolbar" aria-label="{words["controls"]}">'
        f'<button type="button" class="cx-mode" data-mode="form" aria-pressed="true">{words["form"]}</button>'
        f'<button type="button" class="cx-mode" data-mode="code" aria-pressed="false">{words["code"]}</button>'
        f'<button type="button" class="cx-reset-form">{words["reset_numbers"]}</button>'
        f'<button type="button" class="cx-stop" hidden>{words["stop"]}</button></div>'
        f'<div class="cx-status cx-js-only" role="status" aria-live="polite"><span class="cx-status-text"></span>'
        f'<progress class="cx-progress" max="100" value="0" hidden></progress></div>'
        f"{form_html(exercise, raw, t, prefix)}"
        f'<div class="cx-code" hidden><p class="cx-code-tip">{escape(t(exercise.code_tip))}</p>'
        f'<div class="cx-editor" aria-label="{words["code_label"]}"></div>'
        f'<div class="cx-code-bar"><button type="button" class="cx-run">{words["run"]}</button>'
        f'<button type="button" class="cx-reset-code">{words["reset_code"]}</button></div>'
        f'<div class="cx-problem" role="alert" hidden></div>'
        f'<p class="cx-output-title" hidden>{words["printed"]}</p>'
        f'<pre class="cx-output" tabindex="0" hidden></pre></div>'
        f'<div class="cx-results" aria-live="polite">{results}</div>'
        f"{quiz}"
        f'<script type="application/json" class="cx-data">{_json_for_html(data)}</script>'
        f"</section>"
    )


# Words around every exercise (message ids outside f-strings, where Babel's extractor finds them).
_WIDGET_WORDS = {
    "controls": N_("Simulation controls"),
    "form": N_("Form"),
    "code": N_("Code"),
    "reset_numbers": N_("Reset numbers"),
    "stop": N_("Stop"),
    "code_label": N_("Python code of the model"),
    "run": N_("Run"),
    "reset_code": N_("Reset code"),
    "printed": N_("What your code printed"),
}


def _json_for_html(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _model_source(exercise: Exercise) -> str:
    return inspect.getsource(exercise.model)


def update(name: str, lang: str, raw: Mapping[str, Any] | None, source: str | None = None) -> dict[str, Any]:
    """New results for the learner's inputs (and code), as a JSON-ready dict for the page."""
    exercise = get(name)
    t = translator(lang)
    evaluation = evaluate(exercise, raw, source)
    html, numbers = ("", {})
    if evaluation.ran:
        html, numbers = _outputs_html(exercise, evaluation, t)
    return {
        "ok": not evaluation.errors and evaluation.problem is None,
        "errors": {path: error.text(t) for path, error in evaluation.errors.items()},
        "html": html,
        "numbers": numbers,
        "output": evaluation.output,
        "truncated": evaluation.truncated and t(N_("… {count} more characters of output were not shown."), count=t.int(evaluation.truncated)),
        "problem": evaluation.problem.as_dict(t) if evaluation.problem else None,
    }


def check(
    name: str,
    lang: str,
    question_id: str,
    answer: str,
    raw: Mapping[str, Any] | None = None,
    source: str | None = None,
    attempt: int = 1,
) -> dict[str, Any]:
    """Check one answer against what the model computes for the learner's current inputs."""
    exercise = get(name)
    t = translator(lang)
    question = exercise.question(question_id)
    evaluation = evaluate(exercise, _with_given(raw or raw_defaults(exercise.params, t), question.given), source)
    outcome = _check(question, answer, evaluation, attempt, t)
    return {"status": outcome.status, "feedback": outcome.feedback, "hint": outcome.hint}


def _check(question: Question, answer: str, evaluation: Evaluation, attempt: int, t: Translator) -> Checked:
    if not evaluation.ran:
        if evaluation.errors:
            return Checked("invalid", t(N_("First fix the numbers marked in the form.")))
        return Checked("invalid", t(N_("First make the code run without errors.")))
    if not str(answer).strip():
        return Checked("invalid", t(N_("Type your group's answer first.")))
    try:
        given = question.kind.read(answer)
    except ParamError as error:
        return Checked("invalid", error.text(t))
    try:
        expected = question.answer(evaluation.values, evaluation.result, t)
        shown = answer_text(question, evaluation.values, evaluation.result, t)
    except NoAnswer as why:  # the question says why it has no answer with these numbers
        return Checked("invalid", t(why.message, **{k: str(v) for k, v in why.values.items()}))
    except LookupError:  # the learner removed the rows the question is about
        return Checked("invalid", t(N_("This question needs the rows it talks about. Press “Reset numbers” to bring them back.")))
    except Exception:  # e.g. a learner's model or empty table that gives the question nothing to compute
        return Checked("invalid", t(N_("This question cannot be answered with these numbers. Press “Reset numbers” and try again.")))
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


def self_test(name: str) -> list[str]:
    """Feed each question's reference answer through its check in both languages; list failures."""
    exercise = get(name)
    failures = []
    for lang in ("en", "lo"):
        t = translator(lang)
        raw = raw_defaults(exercise.params, t)
        for question in exercise.questions:
            # a choice's reference is a message id (such as a member's name), so it is translated
            reference = t(question.reference) if isinstance(question.kind, ChoiceAnswer) else question.reference
            outcome = check(name, lang, question.id, reference, raw)
            if outcome["status"] != "correct":
                expected = _check(question, reference, evaluate(exercise, _with_given(raw, question.given)), 1, t).expected
                failures.append(f"{name}/{question.id} [{lang}]: reference {reference!r} is not accepted (model says {expected})")
    return failures


def ui_strings(lang: str) -> dict[str, str]:
    """Messages the page's JavaScript shows (loading, stopping, progress files …), translated."""
    from ..ui import UI

    t = translator(lang)
    return {key: t(message) for key, message in UI.items()}


def progress_box(lang: str) -> str:
    """The "your progress" box under a page's exercises: save to a file, load from a file."""
    from ..ui import UI

    t = translator(lang)
    return (
        '<aside class="cx-progress-box cx-js-only" aria-labelledby="cx-progress-title">'
        f'<p class="cx-progress-title" id="cx-progress-title">{escape(t(UI["progress_title"]))}</p>'
        f'<button type="button" class="cx-export">{escape(t(UI["progress_export"]))}</button>'
        f'<label class="cx-import"><span>{escape(t(UI["progress_import"]))}</span>'
        '<input type="file" accept=".json,application/json" class="cx-import-file"></label>'
        '<p class="cx-progress-status" role="status" aria-live="polite"></p></aside>'
    )


def call(request_json: str) -> str:
    """The worker's single entry point: a JSON request in, a JSON response out."""
    request = json.loads(request_json)
    function = request.get("fn")
    if function == "update":
        response = update(request["name"], request["lang"], request.get("raw"), request.get("source"))
    elif function == "check":
        response = check(request["name"], request["lang"], request["question"], request.get("answer", ""),
                         request.get("raw"), request.get("source"), int(request.get("attempt", 1)))
    elif function == "self_test":
        response = {"failures": [f for name in request["names"] for f in self_test(name)]}
    else:
        raise ValueError(f"unknown function {function!r}")
    return json.dumps(response, ensure_ascii=False)
