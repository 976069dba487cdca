"""The entry points: what a page calls at build time, and what the browser's Python worker calls.

The worker does ``import exercises.api as coop_api`` and sends every request as JSON to
``coop_api.call(request_json)`` (the request and response shapes are documented in
frontend/src/runtime/messages.js). The build calls ``widget`` (the site's own words are in
coopsite/words.py).
Everything here takes an exercise *name* and, for an exercise with presets, the page's preset (None:
the first); the engine in ``core/`` works on ``Exercise`` objects.
"""

from __future__ import annotations

from collections.abc import Mapping
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


def update(
    name: str, lang: str, raw: Mapping[str, Any] | None, source: str | None = None, preset: str | None = None
) -> dict[str, Any]:
    """New results for the learner's numbers, and optionally the learner's edited model code."""
    return engine.update(find(name, preset), lang, raw, source)


def check(
    name: str,
    lang: str,
    question_id: str,
    answer: str,
    raw: Mapping[str, Any] | None = None,
    source: str | None = None,
    attempt: int = 1,
    preset: str | None = None,
) -> dict[str, Any]:
    """Is this answer right, for the learner's numbers (and code)?"""
    return engine.check(find(name, preset), lang, question_id, answer, raw, source, attempt)


def self_test(name: str) -> list[str]:
    """Every question's reference answer through its own check, in every language and preset; the failures."""
    return engine.self_test(EXERCISES[name], codes())


def call(request_json: str) -> str:
    """The worker's single entry point: a JSON request in, a JSON response out."""
    return rpc.call(request_json, find)
