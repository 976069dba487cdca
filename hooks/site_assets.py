"""MkDocs hook: the site's own files are in place, and every page gets its security policy.

* ``on_config``: the front-end files built by ``make assets`` (Pyodide, fonts, editor, runtime)
  must exist, Python's memory snapshot must be the one made from today's exercises (never old code),
  and the exercise message catalogs are compiled if their .po is newer than the .mo.
* ``on_config`` also points the page scripts (``extra_javascript``, ``extra.polyfills``) at their
  served names, with a hash of their content (coopsite/assets.py ``served``), and ``on_post_build``
  gives the copied files those names (``rename_served``): hosts may cache them for a year.
* The 404 page in each language (overrides/404.html, words from the site catalog): MkDocs writes
  every language's to site/404.html, the last one built winning; ``on_post_build`` puts each at
  its language's root (site/404.html, site/lo/404.html), as deploy/nginx.conf expects.
* ``on_post_page``: the security policy and other last touches (coopsite/pages.py). Not under
  ``mkdocs serve`` (``make live``): its live-reload script is injected after this hook runs, and
  the policy would block it; the built site (``make build``/``make serve``) always has it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from coopsite import pages
from coopsite.assets import compile_catalogs, missing, rename_served, served, stale
from coopsite.words import NOT_FOUND, site

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
    for script in config.extra_javascript:
        if str(script).startswith("assets/"):
            script.path = "assets/" + served(script.path.removeprefix("assets/"))
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = ["assets/" + served(p.removeprefix("assets/")) for p in polyfills]
    return config


def _language_root(config) -> str:
    """Where the language being built lives: "" (the default language) or "lo/"."""
    i18n = config.plugins.get("i18n")
    return "" if i18n is None or i18n.is_default_language_build else f"{config.theme['language']}/"


#: Each language's 404 page, as rendered (on_post_template), by language root: on_post_build writes them.
_not_found: dict[str, str] = {}


def on_pre_build(config):
    if not _language_root(config):  # a new build (the default language comes first)
        _not_found.clear()


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        t = site(config.theme["language"])
        home = f"{context['base_url'].rstrip('/')}/{_language_root(config)}index.html"
        context["coop_not_found"] = {"title": t(NOT_FOUND["title"]), "text": t(NOT_FOUND["text"]), "home": home}
        context["coop_not_found"]["home_label"] = t(NOT_FOUND["home"])
    return context


def on_post_build(config):
    output = Path(config.site_dir)
    root = output if (output / "assets").is_dir() else output.parent
    rename_served(root)
    for language, page in _not_found.items():  # all of them: a later language's build overwrote site/404.html
        (root / language / "404.html").write_text(page, encoding="utf-8")


def on_post_page(output, page, config):
    return pages.finalize(output, None if _serving() else SHIM, policy=not _serving())


def on_post_template(output_content, template_name, config):
    """Theme pages that are not documentation pages (404.html) get the same treatment."""
    if template_name.endswith(".html"):
        output_content = pages.finalize(output_content, None if _serving() else SHIM, policy=not _serving())
    if template_name == "404.html":
        _not_found[_language_root(config)] = output_content
    return output_content
