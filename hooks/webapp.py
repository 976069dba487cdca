"""MkDocs hook: the course as an installable web app (coopsite/webapp.py).

* ``on_page_context``: what the page's <head> and its script need (overrides/main.html). The
  manifest is linked by the script, over http(s) only: from file:// the browser refuses to read it.
* ``on_post_build`` (once per language): that language's web app manifest; with the default
  language, the offline page. The service worker is built after the PDFs (scripts/build-sw.mjs).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils import get_relative_url

from coopsite import csp, webapp
from exercises.core.html import script_json


def _language_root(config) -> str:
    """Where the language being built lives: "" (the default language) or "lo/"."""
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.is_default_language_build:
        return ""
    return f"{config.theme['language']}/"


def on_page_context(context, page, config, nav):
    site_root = get_relative_url("index.html", page.url)[: -len("index.html")]  # "", "../", "../../"
    manifest = get_relative_url(_language_root(config) + "manifest.webmanifest", page.url)
    context["coop_app"] = script_json(webapp.settings(config.theme["language"], site_root, manifest))
    context["coop_head"] = {"icon": f"{site_root}assets/images/icon-180.png", "theme_color": webapp.THEME_COLOR}
    return context


def on_post_build(config):
    site = Path(config.site_dir)
    root = _language_root(config)
    up = "../" * root.count("/")
    (site / root / "manifest.webmanifest").write_text(
        webapp.manifest(config.theme["language"], config.site_name, config.site_description or "", up), encoding="utf-8"
    )
    if root:
        return
    i18n = config.plugins.get("i18n")
    languages = i18n.config.languages if i18n else []
    homes = {lang.locale: "index.html" if lang.default else f"{lang.locale}/index.html" for lang in languages}
    names = {lang.locale: lang.site_name or config.site_name for lang in languages}
    (site / "offline.html").write_text(csp.insert_meta(webapp.offline_page(homes, names)), encoding="utf-8")
