"""The course as an installable web app that works without internet after one visit.

* A web app manifest per language (``manifest.webmanifest`` at the language's root), with the
  language's names, the icons drawn for the course and the theme colour.
* What every page needs to register the service worker (``settings``): the site's root and the
  words of the update prompt and of the "Keep this course on this phone" panel. The service
  worker itself is built after the site by ``scripts/build-sw.mjs`` (it lists the built files).
* The "Keep this course on this phone" panel (``keep_panel``), filled in by frontend/src/app/keep.js.
* The page a learner sees when a page is not on the phone and there is no internet (``offline_page``).

Nothing here runs from file:// (the USB copy): the page script never registers a service worker there.
"""

from __future__ import annotations

import json
from html import escape

from exercises.core.i18n import LANGUAGES, translator
from exercises.ui import SITE, UI

__all__ = ["THEME_COLOR", "manifest", "settings", "keep_panel", "offline_page", "words"]

THEME_COLOR = "#795649"  # the header: Material's "brown" primary colour (mkdocs.yml palette)
BACKGROUND_COLOR = "#fbf8f4"
ICONS = [  # in docs/assets/images/ (scripts/make_icons.py draws the PNGs from the SVGs)
    {"src": "icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
    {"src": "icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
    {"src": "icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
    {"src": "icon-maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
]
SHORT_NAMES = {"en": "Coffee Co-op", "lo": "ສະຫະກອນກາເຟ"}


def words(lang: str) -> dict[str, str]:
    """The site-wide words in ``lang``: exercises/ui.py ``SITE``, and the progress file messages of ``UI``."""
    t = translator(lang)
    messages = {**{key: m for key, m in UI.items() if key.startswith("progress_")}, **SITE}
    return {key: t(message) for key, message in messages.items()}


def manifest(lang: str, name: str, description: str, site_root: str) -> str:
    """The web app manifest of one language; ``site_root`` leads from it to the site's root ("", "../")."""
    data = {
        "id": "./",
        "name": name,
        "short_name": SHORT_NAMES.get(lang, name),
        "description": " ".join(description.split()),
        "lang": lang,
        "dir": "ltr",
        "start_url": "./index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": BACKGROUND_COLOR,
        "theme_color": THEME_COLOR,
        "icons": [{**icon, "src": f"{site_root}assets/images/{icon['src']}"} for icon in ICONS],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def settings(lang: str, site_root: str, manifest: str) -> dict[str, object]:
    """What the page script needs: the language, the way to the site's root and to the language's
    web app manifest (linked over http(s) only: a browser refuses to read it from file://), the words."""
    return {"lang": lang, "root": site_root, "manifest": manifest, "words": words(lang)}


def keep_panel(lang: str) -> str:
    """The "Keep this course on this phone" panel (hidden until the page script shows it)."""
    w = {key: escape(value) for key, value in words(lang).items()}
    group = '<label class="coop-keep-group"><input type="checkbox" name="{id}" checked> {label}: <span class="coop-keep-size"></span></label>'
    return (
        '<section class="coop-keep" aria-labelledby="coop-keep-title" hidden>'
        f'<h2 class="coop-keep-title" id="coop-keep-title">{w["keep_title"]}</h2>'
        '<p class="coop-keep-pages"></p>'
        '<fieldset class="coop-keep-groups">'
        f'<legend class="cx-sr">{w["keep_button"]}</legend>'
        + group.format(id="python", label=w["keep_python"])
        + group.format(id="pdf", label=w["keep_pdf"])
        + "</fieldset>"
        f'<p><button type="button" class="md-button md-button--primary coop-keep-button">{w["keep_button"]}</button> '
        f'<button type="button" class="md-button coop-keep-remove" hidden>{w["keep_remove"]}</button></p>'
        '<progress class="coop-keep-progress" max="100" value="0" hidden></progress>'
        '<p class="coop-keep-status" role="status" aria-live="polite"></p>'
        "</section>"
    )


def offline_page(homes: dict[str, str], names: dict[str, str]) -> str:
    """The page for a page that is not on the phone, opened without internet, in every language.

    ``homes`` maps each language to its home page (relative to the site root), ``names`` to its site name.
    """
    parts = []
    for lang in LANGUAGES:
        t = translator(lang)
        parts.append(
            f'<section lang="{lang}"><h1>{escape(names.get(lang, ""))}</h1>'
            f'<p>{escape(t(SITE["offline_text"]))}</p>'
            f'<p><a href="{escape(homes.get(lang, "index.html"))}">{escape(t(SITE["offline_home"]))}</a></p></section>'
        )
    return (
        # The worker serves this page at the address that failed: it sets the base to the site's root.
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><base href="./">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<meta name="theme-color" content="{THEME_COLOR}">'
        "<title>Offline · ບໍ່ມີອິນເຕີເນັດ</title>"
        '<link rel="stylesheet" href="assets/stylesheets/fonts.css">'
        "<style>body{font-family:var(--md-text-font,'Noto Sans'),'Noto Sans Lao',sans-serif;margin:0;"
        f"background:{BACKGROUND_COLOR};color:#212121}}main{{max-width:36rem;margin:2rem auto;padding:0 1rem}}"
        f"h1{{color:{THEME_COLOR};font-size:1.4rem}}:lang(lo){{line-height:1.9}}section+section{{border-top:1px solid #d7ccc8;margin-top:1.5rem}}"
        "a{color:#1b5e20;font-weight:700}"
        "@media (prefers-color-scheme: dark){body{background:#1e1b1a;color:#eee}h1{color:#d7ccc8}a{color:#a5d6a7}}</style>"
        f"</head><body><main>{''.join(parts)}</main></body></html>\n"
    )

