"""Finding exercises by name, by a naming convention instead of a list to keep up to date.

An exercise called ``floor-price`` (the name pages use in ``::: exercise floor-price`` and saved
progress is kept under) is defined in the module ``<package>.floor_price`` and computed by the model
``<package>.models.floor_price``; its tests are ``tests/exercises/test_floor_price.py``. Every module of
the package that has a model of the same name is an exercise; the others (shared parameters, the
entry points) are not. Modules are imported the first time their exercise is asked for.
"""

from __future__ import annotations

import pkgutil
from collections.abc import Iterator, Mapping
from functools import cached_property
from importlib import import_module

from .exercise import Exercise

__all__ = ["Registry", "module_name"]


def module_name(exercise_name: str) -> str:
    """``floor-price`` → ``floor_price``."""
    return exercise_name.replace("-", "_")


class Registry(Mapping[str, Exercise]):
    """The exercises of ``package`` (a package name and its ``__path__``), by exercise name."""

    def __init__(self, package: str, path: list[str]) -> None:
        self.package = package
        self.path = path
        self._loaded: dict[str, Exercise] = {}

    @cached_property
    def _modules(self) -> dict[str, str]:
        models = {info.name for info in pkgutil.iter_modules([f"{p}/models" for p in self.path])}
        return {
            info.name.replace("_", "-"): info.name for info in pkgutil.iter_modules(self.path) if info.name in models
        }

    def __getitem__(self, name: str) -> Exercise:
        if name not in self._loaded:
            if name not in self._modules:
                raise KeyError(name)
            module = import_module(f"{self.package}.{self._modules[name]}")
            model = import_module(f"{self.package}.models.{self._modules[name]}")
            self._loaded[name] = Exercise.from_module(name, module, model)
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._modules))

    def __len__(self) -> int:
        return len(self._modules)

    def names(self) -> list[str]:
        return sorted(self._modules)
