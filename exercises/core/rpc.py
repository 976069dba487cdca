"""The worker's protocol: one JSON request in, one JSON response out, through a table of handlers.

A request is ``{"fn": <handler name>, ...}``; its other fields and the response of each handler are
documented (as JSDoc typedefs) in frontend/src/runtime/messages.js, the page's side of the protocol.
``find`` turns an exercise name (and the page's preset, None for the first) into its ``Exercise``: the
engine does not know where exercises live.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from . import engine
from .exercise import Exercise
from .languages import codes

__all__ = ["HANDLERS", "call"]

Find = Callable[[str, str | None], Exercise]
Handler = Callable[[Find, Mapping[str, Any]], Any]


def _update(find: Find, r: Mapping[str, Any]) -> Any:
    return engine.update(find(r["name"], r.get("preset")), r["lang"], r.get("raw"), r.get("source"))


def _check(find: Find, r: Mapping[str, Any]) -> Any:
    return engine.check(
        find(r["name"], r.get("preset")),
        r["lang"],
        r["question"],
        r.get("answer", ""),
        r.get("raw"),
        r.get("source"),
        int(r.get("attempt", 1)),
    )


def _self_test(find: Find, r: Mapping[str, Any]) -> Any:
    return {"failures": [f for name in r["names"] for f in engine.self_test(find(name, None), codes())]}


HANDLERS: dict[str, Handler] = {"update": _update, "check": _check, "self_test": _self_test}


def call(request_json: str, find: Find) -> str:
    """Answer one request; an unknown ``fn`` is a bug in the page, so it raises."""
    request = json.loads(request_json)
    handler = HANDLERS.get(request.get("fn"))
    if handler is None:
        raise ValueError(f"unknown function {request.get('fn')!r}")
    return json.dumps(handler(find, request), ensure_ascii=False)
