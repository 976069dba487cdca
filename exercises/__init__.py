"""Co-op decision simulations: pure-Python models and the exercises built on them.

Runs unchanged in CPython (at build time, to draw each exercise with its default numbers) and in
Pyodide (in the learner's browser). Nothing here touches the browser.

* ``core/`` — the engine: parameters, evaluation, checking, HTML, the worker's protocol.
* ``models/<name>.py`` — the co-op models (the code learners can edit).
* ``<name>.py`` — one exercise each, built on the model of the same name (``AUTHORING.md``).
* ``api.py`` — the entry points for pages and for the browser's Python worker.

``EXERCISES`` maps each exercise name (the one a page uses in ``::: exercise <name>``) to its
definition, found by the naming convention of ``core/registry.py``.
"""

from __future__ import annotations

from .core.registry import Registry

EXERCISES = Registry(__name__, list(__path__))
