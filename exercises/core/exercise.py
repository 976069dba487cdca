"""What an exercise is: a model, its parameters, what to show, and questions with their checks.

An exercise file (such as ``exercises/pooled_pricing.py``) describes one exercise with a few
module-level names (see exercises/AUTHORING.md); ``Exercise.from_module`` puts them together. Its
pieces: ``params.py`` (what a learner can change), ``outputs.py`` (what it shows) and
``questions.py`` (predict, then check). An exercise may have named ``Preset``s, one per kind of page
that uses it (other defaults, fewer fields, its own questions). Nothing here knows about browsers or HTML.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from types import ModuleType
from typing import Any, TypeVar

from .i18n import N_, Translator
from .outputs import Msg, Outputs
from .params import Param, Problem
from .questions import Question
from .wordfile import exercise_words, with_headings, with_words

__all__ = ["Exercise", "Preset", "code_tip", "fill"]

T = TypeVar("T")


@dataclass(frozen=True)
class Preset:
    """A named starting point of an exercise, for the pages that need it (``preset: simple`` on the page).

    ``params`` changes parameters of the exercise by name: any field of the parameter
    (``{"advance": {"default": 2_000}}``, or a table's ``columns``, ``fixed`` values, ``label``, …).
    ``hidden`` parameters are left out of the form and always keep their (preset) default.
    ``questions`` replaces the exercise's questions (their reference answers are worked out for the
    preset's defaults); ``summary``, ``code_tip`` and ``show`` replace the exercise's own when given.
    """

    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    hidden: Sequence[str] = ()
    questions: Sequence[Question] | None = None
    summary: str | None = None
    code_tip: str | Msg | None = None
    show: Callable[[Any, Mapping[str, Any], Translator], Outputs] | None = None


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
    #: Checks across fields: yields (or returns) ``(path, ParamError)`` pairs; the first error a path gets is shown.
    validate: Callable[[Mapping[str, Any]], Iterable[Problem]] = lambda values: ()
    #: The tip above the code editor: a message id, or a ``Msg`` with values (``code_tip``).
    code_tip: str | Msg = ""
    #: The exercise's presets by name; the first one is what a page gets when it names none.
    presets: Mapping[str, Preset] = field(default_factory=dict)
    #: The preset this is ("" for an exercise without presets), and the parameters its form leaves out.
    preset: str = ""
    hidden: frozenset[str] = frozenset()
    #: The exercise as its definition module describes it, before a preset changed it.
    origin: Exercise | None = field(default=None, repr=False, compare=False)

    @property
    def shown_params(self) -> list[Param]:
        """The parameters the form shows (all but the preset's hidden ones)."""
        return [p for p in self.params if p.name not in self.hidden]

    @property
    def key(self) -> str:
        """What the learner's saved work is kept under: the name, and a preset other than the first."""
        default = next(iter(self.presets), "")
        return self.name if self.preset == default else f"{self.name}:{self.preset}"

    def with_preset(self, preset: str | None) -> Exercise:
        """This exercise with ``preset`` (a name from ``presets``); None or "" is the first preset."""
        base = self.origin or self
        if not base.presets:
            if preset:
                raise KeyError(f"exercise {self.name!r} has no presets (asked for {preset!r})")
            return base
        name = preset or next(iter(base.presets))
        if name not in base.presets:
            raise KeyError(f"exercise {self.name!r} has no preset {name!r}; known: {', '.join(base.presets)}")
        chosen = base.presets[name]
        params = [replace(p, **chosen.params[p.name]) if p.name in chosen.params else p for p in base.params]
        return replace(
            base,
            params=params,
            questions=base.questions if chosen.questions is None else chosen.questions,
            summary=chosen.summary or base.summary,
            code_tip=chosen.code_tip or base.code_tip,
            show=chosen.show or base.show,
            preset=name,
            hidden=frozenset(chosen.hidden),
            origin=base,
        )

    def question(self, qid: str) -> Question:
        for question in self.questions:
            if question.id == qid:
                return question
        raise KeyError(f"exercise {self.name!r} has no question {qid!r}")

    @classmethod
    def from_module(cls, name: str, module: ModuleType, model: ModuleType) -> Exercise:
        """The exercise a definition module describes (see exercises/AUTHORING.md): its ``PARAMS``,
        ``QUESTIONS``, ``run``, ``show`` and, if it has checks across fields, ``validate``; its title,
        summary, code tip, the words of its parameters and the headings of its results from its word
        file (wordfile.py); with ``PRESETS``, as its first preset."""
        definition = str(module.__file__)
        params = with_words(definition, module.PARAMS)
        for param in params:
            if param.default is None:
                raise ValueError(f"{module.__name__}: parameter {param.name!r} has no default")
        presets = dict(getattr(module, "PRESETS", {}))
        known = {p.name for p in params}
        for preset_name, preset in presets.items():
            unknown = (set(preset.params) | set(preset.hidden)) - known
            if unknown:
                raise ValueError(f"{module.__name__}: preset {preset_name!r} names no parameter {sorted(unknown)}")
            if preset.show:  # its headings are [<preset>_tables.<id>] and [<preset>_charts.<id>]
                presets[preset_name] = replace(preset, show=with_headings(definition, preset.show, f"{preset_name}_"))
        words = exercise_words(definition)
        exercise = cls(
            name=name,
            title=words["title"],
            summary=words["summary"],
            code_tip=code_tip(words["code_tip"]),
            model=model,
            params=params,
            run=module.run,
            show=with_headings(definition, module.show),
            questions=module.QUESTIONS,
            validate=getattr(module, "validate", lambda values: ()),
            presets=presets,
        )
        return exercise.with_preset(None)


def code_tip(example: str) -> Msg:
    """The tip above the code editor: the model is what the form uses, try a change such as ``example``
    (a message id: "pay grade B the same as grade A"), run it, reset it."""
    tip = N_(
        "This is the model the form uses. Change it — for example {example} — then press Run. "
        "Reset code brings the original back."
    )
    return Msg(tip, {"example": Msg(example)})


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
