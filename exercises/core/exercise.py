"""What an exercise is: a model, its parameters, what to show, and questions with their checks.

An exercise file (such as ``exercises/pooled_pricing.py``) describes one exercise with a few
module-level names (see exercises/AUTHORING.md); ``Exercise.from_module`` puts them together. Its
pieces: ``params.py`` (what a learner can change), ``outputs.py`` (what it shows) and
``questions.py`` (predict, then check). Nothing here knows about browsers or HTML.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from types import ModuleType
from typing import Any, TypeVar

from .i18n import Translator
from .outputs import Outputs
from .params import Param, ParamError
from .questions import Question

__all__ = ["Exercise", "fill"]

T = TypeVar("T")


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

    @classmethod
    def from_module(cls, name: str, module: ModuleType, model: ModuleType) -> Exercise:
        """The exercise a definition module describes (see exercises/AUTHORING.md): its ``TITLE``,
        ``SUMMARY``, ``CODE_TIP``, ``PARAMS``, ``QUESTIONS``, ``run``, ``show`` and, if it has
        checks across fields, ``validate``."""
        for param in module.PARAMS:
            if param.default is None:
                raise ValueError(f"{module.__name__}: parameter {param.name!r} has no default")
        return cls(
            name=name,
            title=module.TITLE,
            summary=module.SUMMARY,
            code_tip=module.CODE_TIP,
            model=model,
            params=module.PARAMS,
            run=module.run,
            show=module.show,
            questions=module.QUESTIONS,
            validate=getattr(module, "validate", lambda values: ()),
        )


def fill(cls: Callable[..., T], values: Mapping[str, Any], **given: Any) -> T:
    """``cls(...)`` (a class of a model) with each argument taken from ``values`` by name, unless ``given``.

    ``fill(model.Season, values, trader_prices=prices)`` instead of one ``advance=values["advance"]``
    line per field. The arguments are the fields of a dataclass, or the parameters of the class's
    constructor when a learner wrote it another way (with ``**kwargs``: every value).
    """
    merged = {**values, **given}
    if is_dataclass(cls):
        names = [f.name for f in fields(cls)]
    else:
        parameters = inspect.signature(cls).parameters.values()
        if any(p.kind is p.VAR_KEYWORD for p in parameters):
            return cls(**merged)
        names = [p.name for p in parameters if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    return cls(**{name: merged[name] for name in names})
