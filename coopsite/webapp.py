"""The course as an installable web app that works without internet after one visit.

* A web app manifest per language (``manifest.webmanifest`` at the language's root), with the
  language's names, the icons drawn for the course and the theme colour.
* What every page needs to register the service worker (``settings``): the site's root and the
  words of the update prompt and of the "Keep this course on this phone" panel. The service
  worker itself is built after the site and its PDFs by ``scripts/build-sw.mjs`` (it lists the
  built files).
* The "Keep this course on this phone" panel (``keep_panel``), filled in by frontend/src/app/keep.js.
* The page a learner sees when a page is not on the phone and there is no internet (``offline_page``),
  in every language of the registry.

The words are the site catalog's (coopsite/words.py ``APP``). Nothing here runs from file:// (the
USB copy): the page script never registers a service worker there.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from exercises.core.html import html, join
from exercises.core.languages import DEFAULT, LANGUAGES

from .words import APP, UI, site

__all__ = ["THEME_COLOR", "keep_panel", "manifest", "offline_page", "settings", "words"]

THEME_COLOR = "#795649"  # the header: Material's "brown" primary colour (mkdocs.yml palette)
BACKGROUND_COLOR = "#fbf8f4"
ICONS = [  # in docs/assets/images/ (scripts/make_icons.py draws the PNGs from the SVGs)
    {"src": "icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
    {"src": "icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
    {"src": "icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
    {"src": "icon-maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
]


def words(lang: str) -> dict[str, str]:
    """The site-wide words in ``lang``: ``APP``, and the progress file messages of ``UI`` (site catalog)."""
    t = site(lang)
    messages = {**{key: m for key, m in UI.items() if key.startswith("progress_")}, **APP}
    return {key: t(message) for key, message in messages.items()}


def manifest(lang: str, name: str, description: str, site_root: str) -> str:
    """The web app manifest of one language; ``site_root`` leads from it to the site's root ("", "../")."""
    data = {
        "id": "./",
        "name": name,
        "short_name": site(lang)(APP["short_name"]),
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


def keep_panel(lang: str) -> Markup:
    """The "Keep this course on this phone" panel (hidden until the page script shows it)."""
    said = words(lang)
    group = '<label class="coop-keep-group"><input type="checkbox" name="{id}" checked> {label}: <span class="coop-keep-size"></span></label>'
    return html(
        '<section class="coop-keep" aria-labelledby="coop-keep-title" hidden>'
        '<h2 class="coop-keep-title" id="coop-keep-title">{w[keep_title]}</h2>'
        '<p class="coop-keep-pages"></p>'
        '<fieldset class="coop-keep-groups"><legend class="cx-sr">{w[keep_button]}</legend>{python}{pdf}</fieldset>'
        '<p><button type="button" class="md-button md-button--primary coop-keep-button">{w[keep_button]}</button> '
        '<button type="button" class="md-button coop-keep-remove" hidden>{w[keep_remove]}</button></p>'
        '<progress class="coop-keep-progress" max="100" value="0" hidden></progress>'
        '<p class="coop-keep-status" role="status" aria-live="polite"></p>'
        "</section>",
        w=said,
        python=html(group, id="python", label=said["keep_python"]),
        pdf=html(group, id="pdf", label=said["keep_pdf"]),
    )


#: The offline page's look: the site's fonts (every language's, from the registry), its colours, dark too.
OFFLINE_STYLE = (
    "body{{font-family:{fonts},sans-serif;margin:0;background:{background};color:#212121}}"
    "main{{max-width:36rem;margin:2rem auto;padding:0 1rem}}"
    "h1{{color:{theme};font-size:1.4rem}}{tall}"
    "section+section{{border-top:1px solid #d7ccc8;margin-top:1.5rem}}"
    "a{{color:#1b5e20;font-weight:700}}"
    "@media (prefers-color-scheme: dark){{body{{background:#1e1b1a;color:#eee}}h1{{color:#d7ccc8}}a{{color:#a5d6a7}}}}"
)


def offline_page(homes: dict[str, str], names: dict[str, str]) -> str:
    """The page for a page that is not on the phone, opened without internet, in every language.

    ``homes`` maps each language to its home page (relative to the site root), ``names`` to its site name.
    """
    fonts = ",".join(dict.fromkeys(f"'{font}'" for language in LANGUAGES for font in language.fonts))
    tall = "".join(f":lang({language.code}){{line-height:1.9}}" for language in LANGUAGES if language.tall)
    style = OFFLINE_STYLE.format(fonts=fonts, background=BACKGROUND_COLOR, theme=THEME_COLOR, tall=tall)
    sections = join(
        html(
            '<section lang="{lang}"><h1>{name}</h1><p>{text}</p><p><a href="{home}">{home_text}</a></p></section>',
            lang=language.code,
            name=names.get(language.code, ""),
            text=site(language.code)(APP["offline_text"]),
            home=homes.get(language.code, "index.html"),
            home_text=site(language.code)(APP["offline_home"]),
        )
        for language in LANGUAGES
    )
    page = html(
        # The worker serves this page at the address that failed: it sets the base to the site's root.
        '<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><base href="./">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="theme-color" content="{theme}">'
        "<title>{title}</title>"
        '<link rel="stylesheet" href="assets/stylesheets/fonts.css">'
        "<style>{style}</style>"
        "</head><body><main>{sections}</main></body></html>\n",
        lang=DEFAULT.code,
        theme=THEME_COLOR,
        title=" · ".join(dict.fromkeys(site(language.code)(APP["offline_title"]) for language in LANGUAGES)),
        style=Markup(style),  # written here, no outside text in it
        sections=sections,
    )
    return str(page)
