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
from dataclasses import dataclass, field
from html import escape
from typing import Iterable

from . import editions, webapp

__all__ = ["START_MARK", "PROGRESS_MARK", "Session", "Part", "parts", "uses", "start_here_html", "progress_html"]

START_MARK = "<!--coop-start-here-->"
PROGRESS_MARK = "<!--coop-progress-->"


@dataclass
class Session:
    title: str
    url: str  # from the site's root
    exercises: list[str] = field(default_factory=list)


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
            Session(page.title, page.url, [name.split(":", 1)[1] for name in _used(page) if name.startswith("exercise:")])
            for page in _pages(section.children)
            if page.content and editions.is_session(page.content)
        ]
        if sessions:
            slug = sessions[0].url.rsplit("/", 2)[-2] if "/" in sessions[0].url else "part"
            found.append(Part(section.title, slug, sessions))
    return found


def _href(target: str, page_url: str) -> str:
    from mkdocs.utils import get_relative_url

    return escape(get_relative_url(target, page_url))


def start_here_html(first: Session, progress_page, page_url: str, lang: str) -> str:
    """The "Start here" block of the home page."""
    words = webapp.words(lang)
    links = (
        f'<a class="md-button md-button--primary coop-start-button" href="{_href(first.url, page_url)}">'
        f'{escape(words["start_here"].format(session=first.title))}</a>'
    )
    if progress_page is not None:
        links += f' <a class="md-button" href="{_href(progress_page.url, page_url)}">{escape(progress_page.title)}</a>'
    return f'<div class="coop-start"><p class="coop-start-links">{links}</p>{webapp.keep_panel(lang)}</div>'


def progress_html(course: list[Part], page_url: str, lang: str) -> str:
    """The "My progress" list: every part, session, simulation and its questions."""
    from exercises import EXERCISES
    from exercises.core.api import progress_box
    from exercises.core.i18n import translator

    t = translator(lang)
    words = webapp.words(lang)
    out = [
        '<div class="coop-path">',
        '<p class="coop-path-summary" role="status"></p>',
        f'<noscript><p>{escape(words["progress_needs_js"])}</p></noscript>',
    ]
    for part in course:
        out.append(f'<h2 id="progress-{escape(part.slug)}">{escape(part.title)}</h2><ol class="coop-path-sessions">')
        for session in part.sessions:
            items = []
            for name in session.exercises:
                exercise = EXERCISES[name]
                questions = json.dumps([q.id for q in exercise.questions])
                title = t(exercise.title)
                items.append(
                    f'<li class="coop-path-sim" data-exercise="{escape(name)}" data-questions="{escape(questions)}">'
                    f'{escape(title)} <span class="coop-path-state"></span></li>'
                )
            detail = (f'<ul class="coop-path-sims">{"".join(items)}</ul>' if items
                      else f'<p class="coop-path-none">{escape(words["progress_no_simulation"])}</p>')
            out.append(f'<li class="coop-path-session"><a href="{_href(session.url, page_url)}">{escape(session.title)}</a>{detail}</li>')
        out.append("</ol>")
    out.append("</div>")
    return "".join(out) + progress_box(lang) + webapp.keep_panel(lang)
