"""Co-op decision simulations: pure-Python models and the exercises built on them.

Runs unchanged in CPython (at build time, to draw each exercise with its default numbers) and in
Pyodide (in the learner's browser). Nothing here touches the browser.

``EXERCISES`` maps each exercise name (the one a page uses in ``::: exercise <name>``) to its
definition.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .core.exercise import Exercise

#: name used on pages → module that defines ``EXERCISE``
MODULES: dict[str, str] = {
    "pooled-pricing": "exercises.pooled_pricing",
    "weights-chain": "exercises.weights_chain",
    "side-selling": "exercises.side_selling",
    "premium-vote": "exercises.premium_vote",
    "floor-price": "exercises.floor_price",
    "going-organic": "exercises.going_organic",
    "wet-mill": "exercises.wet_mill",
    "surplus-sharing": "exercises.surplus_sharing",
    "harvest-finance": "exercises.harvest_finance",
    "transport-costs": "exercises.transport_costs",
    "exchange-rate": "exercises.exchange_rate",
    "voting-rules": "exercises.voting_rules",
}


class _Registry(dict):
    """Imports an exercise module the first time its name is asked for."""

    def __missing__(self, name: str) -> "Exercise":
        if name not in MODULES:
            raise KeyError(name)
        exercise = import_module(MODULES[name]).EXERCISE
        if exercise.name != name:
            raise ValueError(f"{MODULES[name]} defines {exercise.name!r}, expected {name!r}")
        self[name] = exercise
        return exercise

    def __contains__(self, name: object) -> bool:
        return name in MODULES

    def names(self) -> list[str]:
        return sorted(MODULES)


EXERCISES: _Registry = _Registry()
