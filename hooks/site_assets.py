"""MkDocs hook: the site's own files are in place, and every page gets its security policy.

* ``on_config``: the front-end files built by ``make assets`` (Pyodide, fonts, editor, runtime)
  must exist, Python's memory snapshot must be the one made from today's exercises (never old code),
  and the exercise message catalogs are compiled if their .po is newer than the .mo.
* ``on_post_page``: the security policy and other last touches (coopsite/pages.py). Not under
  ``mkdocs serve`` (``make live``): its live-reload script is injected after this hook runs, and
  the policy would block it; the built site (``make build``/``make serve``) always has it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from coopsite import pages
from coopsite.assets import compile_catalogs, missing, stale

ROOT = Path(__file__).resolve().parent.parent
SHIM = ROOT / "overrides" / "assets" / "vendor" / "iframe-worker-shim.js"


#: What MkDocs was started for: under `mkdocs serve` (``make live``) pages get no security policy.
_command = {"name": ""}


def on_startup(command, dirty):
    _command["name"] = command


def _serving() -> bool:
    return _command["name"] == "serve"


def on_config(config):
    absent = missing()
    if absent:
        raise PluginError(
            "front-end files are missing ("
            + ", ".join(absent[:3])
            + (" …" if len(absent) > 3 else "")
            + "): run `make assets` first"
        )
    why = stale()
    if why:
        raise PluginError(f"stale Python snapshot: {why}; run `make assets`")
    compile_catalogs()
    return config


def on_post_page(output, page, config):
    return pages.finalize(output, None if _serving() else SHIM, policy=not _serving())


def on_post_template(output_content, template_name, config):
    """Theme pages that are not documentation pages (404.html) get the same treatment."""
    if template_name.endswith(".html"):
        return pages.finalize(output_content, None if _serving() else SHIM, policy=not _serving())
    return output_content
