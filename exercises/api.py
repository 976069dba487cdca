"""The entry points: what a page calls at build time, and what the browser's Python worker calls.

The worker does ``import exercises.api as coop_api`` and sends every request as JSON to
``coop_api.call(request_json)`` (the request and response shapes are documented in
frontend/src/runtime/messages.js). The build calls ``widget`` (the site's own words are in
coopsite/words.py).
Everything here takes an exercise *name* and, for an exercise with presets, the page's preset (None:
the first); the engine in ``core/`` works on ``Exercise`` objects.
"""

from __future__ import annotations

from typing import Any

from . import EXERCISES
from .core import engine, rpc
from .core.evaluate import Evaluation, evaluate
from .core.exercise import Exercise
from .core.languages import codes
from .core.sandbox import OUTPUT_LIMIT

__all__ = ["OUTPUT_LIMIT", "Evaluation", "call", "check", "evaluate", "find", "self_test", "update", "widget"]


def find(name: str, preset: str | None = None) -> Exercise:
    """The exercise called ``name`` (``KeyError`` if none), with its ``preset``."""
    return EXERCISES[name].with_preset(preset)


def widget(name: str, lang: str, preset: str | None = None) -> str:
    """The exercise as static HTML with its default numbers (build time)."""
    return engine.widget(find(name, preset), lang)


def update(name: str, lang: str, *work: Any, preset: str | None = None, **options: Any) -> dict[str, Any]:
    """New results for the learner's numbers, and optionally the learner's edited model code: ``engine.update``
    (``raw``, ``source``) for the exercise called ``name``."""
    return engine.update(find(name, preset), lang, *work, **options)


def check(
    name: str, lang: str, question_id: str, answer: str, *work: Any, preset: str | None = None, **options: Any
) -> dict[str, Any]:
    """Is this answer right, for the learner's numbers (and code)? ``engine.check`` (``raw``, ``source``,
    ``attempt``) for the exercise called ``name``."""
    return engine.check(find(name, preset), lang, question_id, answer, *work, **options)


def self_test(name: str) -> list[str]:
    """Every question's reference answer through its own check, in every language and preset; the failures."""
    return engine.self_test(EXERCISES[name], codes())


def call(request_json: str) -> str:
    """The worker's single entry point: a JSON request in, a JSON response out."""
    return rpc.call(request_json, find)
