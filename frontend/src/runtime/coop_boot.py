"""Python's start-up in the browser worker (packed into the exercise bundle as ``coop_boot``).

Two paths, the same Python afterwards:

* normal start: the worker unpacks the bundle into ``BUNDLE_DIR`` and calls ``prepare()``;
* memory snapshot: at build time, scripts/make-snapshot.mjs unpacks the bundle and calls ``freeze()``,
  then takes Python's memory; in the browser, the worker restores it and calls ``thaw()``.

A snapshot holds the interpreter's memory, not Pyodide's files (Emscripten keeps those in JavaScript),
so everything the exercises use must already be imported, and the few data files read at run time are
kept in memory and written back by ``thaw()``. The standard library is not downloaded on that path: a
module nothing imported yet (a learner's ``import csv``) makes ``_StdlibOnDemand`` fetch it once.
"""

from __future__ import annotations

import importlib
import os
import sys

#: Where the worker unpacked the bundle (this file is at its top; ``thaw()`` puts data files back there).
BUNDLE_DIR = os.path.dirname(os.path.abspath(__file__))
#: Standard modules a learner editing a model may well import: imported before the snapshot is taken.
LEARNER_MODULES = (
    "math",
    "statistics",
    "decimal",
    "fractions",
    "itertools",
    "functools",
    "collections",
    "random",
    "datetime",
    "string",
    "operator",
    "re",
    "json",
    "textwrap",
)
#: Bundle files read while the exercises run (not Python, not message catalogs): path -> bytes.
_data_files: dict[str, bytes] = {}


def prepare():
    """Import the engine, every exercise, pygal, markupsafe and the message catalogs; return the API module."""
    if BUNDLE_DIR not in sys.path:
        sys.path.insert(0, BUNDLE_DIR)
    import markupsafe  # noqa: F401
    import pygal  # noqa: F401

    from exercises import EXERCISES, api
    from exercises.core.i18n import translator
    from exercises.core.languages import codes

    for name in EXERCISES.names():
        EXERCISES[name]
    from exercises.core import wordfile

    wordfile.read.cache_clear()  # every definition has its words: the files' text need not stay in memory
    for lang in codes():
        translator(lang)
    for module in LEARNER_MODULES:
        importlib.import_module(module)
    return api


def freeze() -> None:
    """Build time, just before the snapshot: everything imported, data files in memory, caches empty."""
    import gc
    import json
    import linecache
    import zipimport

    api = prepare()
    from exercises import EXERCISES
    from exercises.core import wordfile
    from exercises.core.languages import codes

    names = EXERCISES.names()
    for lang in codes():  # runs what is imported lazily (chart types, number formats …)
        for name in names:
            api.call(json.dumps({"fn": "update", "name": name, "lang": lang, "raw": None}))
    api.call(json.dumps({"fn": "self_test", "names": names}))
    for folder, _, files in os.walk(BUNDLE_DIR):
        for file in files:
            if not file.endswith((".py", ".pyc", ".mo", wordfile.PACKED_SUFFIX)):  # word files are read on import
                path = os.path.join(folder, file)
                with open(path, "rb") as handle:
                    _data_files[path] = handle.read()
    # The files are gone after a restore: forget what was read from them.
    sys.path_importer_cache.clear()
    zipimport._zip_directory_cache.clear()
    linecache.clearcache()
    importlib.invalidate_caches()
    sys.meta_path.append(_StdlibOnDemand)
    gc.collect()


def thaw():
    """After a restore: fresh random numbers (not the build's), data files back; returns the API module."""
    import random

    random.seed()  # else every learner would draw the numbers the build drew
    for path, data in _data_files.items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
    from exercises import api

    return api


class _StdlibOnDemand:
    """Last finder on ``sys.meta_path`` after a restore: the first standard module nothing else finds
    brings the standard library's zip (from the worker's ``coopStandardLibrary()``, or never)."""

    loaded = False

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if cls.loaded or name.partition(".")[0] not in sys.stdlib_module_names:
            return None
        cls.loaded = True
        import zipimport

        import js  # the worker's global scope

        data = js.coopStandardLibrary()
        if not data:
            return None
        archive = next(entry for entry in sys.path if entry.endswith(".zip"))
        with open(archive, "wb") as handle:
            handle.write(data.to_bytes())
        sys.path_importer_cache.pop(archive, None)
        zipimport._zip_directory_cache.pop(archive, None)
        importlib.invalidate_caches()
        return importlib.machinery.PathFinder.find_spec(name, path, target)
