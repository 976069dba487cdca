"""One run of an exercise: parse the learner's inputs, run the model (or the learner's copy of it).

Errors in the inputs come back as messages per field, errors in learner code as a ``CodeProblem``;
only a mistake in the engine or in an exercise definition raises.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from .exercise import Exercise
from .params import ParamError, parse_all
from .sandbox import CodeProblem, captured, load_model, problem_of

__all__ = ["Evaluation", "evaluate"]


@dataclass
class Evaluation:
    """Parsed values, field errors, the model that ran, its result (if it ran) and what it printed."""

    values: dict[str, Any]
    errors: dict[str, ParamError]
    model: ModuleType | None = None
    result: Any = None
    output: str = ""
    truncated: int = 0
    problem: CodeProblem | None = None
    ran: bool = False


def evaluate(exercise: Exercise, raw: Mapping[str, Any] | None = None, source: str | None = None) -> Evaluation:
    """Parse the inputs and run the model: the learner's copy when ``source`` is given.

    Parameters the exercise's preset hides always keep their default, whatever ``raw`` says."""
    shown = {k: v for k, v in raw.items() if k not in exercise.hidden} if isinstance(raw, Mapping) else {}
    values, errors = parse_all(exercise.params, shown)
    if not errors:
        for path, error in exercise.validate(values):
            errors.setdefault(path, error)
    evaluation = Evaluation(values, errors)
    if errors:
        return evaluation
    with captured() as output:
        try:
            evaluation.model = exercise.model if source is None else load_model(exercise.model.__name__, source)
            evaluation.result = exercise.run(evaluation.model, values)
            evaluation.ran = True
        except (Exception, SystemExit) as error:  # learner code may raise anything, or call sys.exit()
            if source is None:
                raise
            evaluation.problem = problem_of(error)
    evaluation.output = output.getvalue()
    evaluation.truncated = output.dropped
    return evaluation
