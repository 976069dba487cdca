"""The learning path: "Start here" on the home page, and the "My progress" page.

Both come from the site's navigation, so they follow it when sessions are added or moved:

* ``::: start-here`` (home page): a button to the first session, a link to "My progress", and
  the "Keep this course on this phone" panel;
* ``::: progress`` (the "My progress" page): every session by part, with its simulations and their
  questions; the page script (frontend/src/app/progress-page.js) marks what the learner has done,
  from the progress saved in the browser. Then the panel to save and load progress as a file,
  and "Keep this course on this phone".

The directives leave markers (coopsite/directives.py); the hook (hooks/learning_path.py) fills them
in once every page of the language is built, since it needs their titles and simulations.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from markupsafe import Markup

from exercises.core.html import html, join, script_json
from exercises.core.languages import DEFAULT

from . import DOCS, editions, webapp
from .directives import exercise_keys

__all__ = [
    "PAGES_MARK",
    "PROGRESS_MARK",
    "START_MARK",
    "first_pages",
    "page_id",
    "saved_pages",
    "Part",
    "Session",
    "parts",
    "progress_html",
    "start_here_html",
    "uses",
]

START_MARK = "<!--coop-start-here-->"
PAGES_MARK = "<!--coop-saved-pages-->"  # hooks/directives.py leaves it on pages with exercises
PROGRESS_MARK = "<!--coop-progress-->"


@dataclass
class Session:
    title: str
    url: str  # from the site's root
    exercises: list[str] = field(default_factory=list)  # exercise keys ("pooled-pricing:simple")
    page: str = ""  # the page's id, the same in every language (page_id)


@dataclass
class Part:
    title: str
    slug: str
    sessions: list[Session] = field(default_factory=list)


def _pages(items: Iterable) -> Iterable:
    for item in items:
        if getattr(item, "children", None):
            yield from _pages(item.children)
        elif getattr(item, "is_page", False):
            yield item


def _used(page) -> list[str]:
    """The directives of a built page, in order (hooks/directives.py keeps them in its meta)."""
    expansion = page.meta.get("coop_directives")
    return expansion.used if expansion else []


def _exercises(page) -> list[str]:
    """The keys of a built page's exercises, in order ("pooled-pricing:simple")."""
    expansion = page.meta.get("coop_directives")
    return expansion.exercises if expansion else []


def page_id(page) -> str:
    """A page's id, the same in every language: its source path without the language and ".md"
    ("key-concepts/kc3-sell-alone-or-pool"). The learner's work is saved under it and the exercise key."""
    return editions.page_id(page.file.src_uri)


def first_pages() -> dict[str, str]:
    """For each exercise key ("pooled-pricing:simple"), the first page of the course (in mkdocs.yml's order)
    that shows it: where its work was saved before pages kept their own, and where a worksheet's
    simulation value comes from. Read from the pages' Markdown, so it is known before any page is built."""
    sources = [DOCS / f"{page}.{DEFAULT.code}.md" for pages in editions.part_pages().values() for page in pages]
    return _first_pages(tuple((path, path.stat().st_mtime_ns) for path in sources if path.exists()))


@cache
def _first_pages(sources: tuple[tuple[Path, int], ...]) -> dict[str, str]:
    first: dict[str, str] = {}
    for path, _ in sources:
        for key in exercise_keys(path.read_text(encoding="utf-8"), str(path.relative_to(DOCS))):
            first.setdefault(key, editions.page_id(str(path.relative_to(DOCS))))
    return first


def saved_pages(page) -> str:
    """What the page script needs to find the learner's saved work: this page's id, and for each
    exercise the first page (in the course's order) that shows it, where the work saved before
    pages kept their own goes (frontend/src/runtime/progress.js, schema 1 → 2). JSON for a <script>."""
    data = script_json({"page": page_id(page), "first": first_pages()})
    return str(html('<script type="application/json" id="cx-pages">{data}</script>', data=data))


def uses(page, directive: str) -> bool:
    """Whether a built page has ``::: <directive>``."""
    return directive in _used(page)


def parts(nav) -> list[Part]:
    """The sessions of the course (pages with a facilitator box), by top-level section."""
    found = []
    for section in nav.items:
        if not getattr(section, "children", None):
            continue
        sessions = [
            Session(page.title, page.url, _exercises(page), page_id(page))
            for page in _pages(section.children)
            if page.content and editions.is_session(page.content)
        ]
        if sessions:
            slug = sessions[0].url.rsplit("/", 2)[-2] if "/" in sessions[0].url else "part"
            found.append(Part(section.title, slug, sessions))
    return found


def _href(target: str, page_url: str) -> str:
    from mkdocs.utils import get_relative_url

    return get_relative_url(target, page_url)


def start_here_html(first: Session, progress_page, page_url: str, lang: str) -> str:
    """The "Start here" block of the home page."""
    said = webapp.words(lang)
    progress = (
        html(
            ' <a class="md-button" href="{href}">{title}</a>',
            href=_href(progress_page.url, page_url),
            title=progress_page.title,
        )
        if progress_page is not None
        else ""
    )
    return str(
        html(
            '<div class="coop-start"><p class="coop-start-links">'
            '<a class="md-button md-button--primary coop-start-button" href="{href}">{start}</a>{progress}</p>{keep}</div>',
            href=_href(first.url, page_url),
            start=said["start_here"].format(session=first.title),
            progress=progress,
            keep=webapp.keep_panel(lang),
        )
    )


def progress_html(course: list[Part], page_url: str, lang: str) -> str:
    """The "My progress" list: every part, session, simulation and its questions."""
    from exercises.api import find
    from exercises.core.i18n import translator
    from exercises.core.render import progress_box

    from .words import ui_strings

    t = translator(lang)
    said = webapp.words(lang)

    def simulation(key: str, page: str) -> Markup:
        exercise = find(*key.split(":", 1))
        return html(
            '<li class="coop-path-sim" data-exercise="{saved}" data-questions="{questions}">'
            '{title} <span class="coop-path-state"></span></li>',
            saved=f"{page}#{key}",  # where the page keeps the learner's work (progress.js pageKey)
            questions=json.dumps([q.id for q in exercise.questions]),
            title=t(exercise.title),
        )

    def session(item: Session) -> Markup:
        detail = (
            html(
                '<ul class="coop-path-sims">{items}</ul>',
                items=join(simulation(key, item.page) for key in item.exercises),
            )
            if item.exercises
            else html('<p class="coop-path-none">{text}</p>', text=said["progress_no_simulation"])
        )
        return html(
            '<li class="coop-path-session"><a href="{href}">{title}</a>{detail}</li>',
            href=_href(item.url, page_url),
            title=item.title,
            detail=detail,
        )

    parts_html = join(
        html(
            '<h2 id="progress-{slug}">{title}</h2><ol class="coop-path-sessions">{sessions}</ol>',
            slug=part.slug,
            title=part.title,
            sessions=join(session(item) for item in part.sessions),
        )
        for part in course
    )
    return str(
        html(
            '<div class="coop-path"><p class="coop-path-summary" role="status"></p>'
            "<noscript><p>{needs_js}</p></noscript>{parts}</div>{box}{keep}",
            needs_js=said["progress_needs_js"],
            parts=parts_html,
            box=progress_box(ui_strings(lang)),
            keep=webapp.keep_panel(lang),
        )
    )
