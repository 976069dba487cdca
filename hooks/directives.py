"""MkDocs hook: expand ``::: exercise …``, ``::: glossary`` and ``::: references`` (see coopsite/directives.py).

Pages with exercises also get the runtime script, the interface words it needs in the page's
language, and the "your progress" box. Every session page gets a "what we decided" box before its
facilitator notes; pages with worksheets get their script (coopsite/worksheets.py).
"""

from __future__ import annotations

import os

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from coopsite import directives
from coopsite.assets import served
from exercises.core.html import script_json


def on_page_markdown(markdown, page, config, files):
    lang = config.theme["language"]
    path = os.path.relpath(page.file.abs_src_path)
    source = page.file.content_string
    start = source.find(markdown)
    offset = source[:start].count("\n") if start > 0 else 0
    try:
        expansion = directives.expand(markdown, path, lang, line_offset=offset)
    except directives.DirectiveError as error:
        raise PluginError(str(error)) from None
    page.meta["coop_directives"] = expansion
    return expansion.markdown


def on_page_content(html, page, config, files):
    expansion = page.meta.get("coop_directives")
    if expansion is None:
        return html
    parts = list(expansion.html)
    lang = config.theme["language"]
    session = _session(page)
    if session:  # the "what we decided" box, before the facilitator notes (or at the end)
        box = _worksheets().decided_html(session, lang)
        parts.append(box)
        marker = '<h2 id="facilitator">'
        html = html.replace(marker, box + marker, 1) if marker in html else html + box
    if not parts:
        return html
    html = directives.substitute(html, expansion.html)
    if page.present_anchor_ids is not None:  # so MkDocs can check links to #term-… and #ref-…
        page.present_anchor_ids.update(directives.anchor_ids(parts))
    exercises = any(name.startswith("exercise:") for name in expansion.used)
    if exercises:
        html += _runtime(page, config)
    if session or any(name.startswith("worksheet:") or name == "plan" for name in expansion.used):
        html = html.replace(_worksheets().ROOT_MARK, "../" * page.file.src_uri.count("/"))
        html += _worksheet_script(page, config, box=not exercises)
    return html


def _worksheets():
    from coopsite import worksheets

    return worksheets


def _session(page) -> str | None:
    """The page's id (conception/c1-core-group) if it is a session of the course."""
    from coopsite import editions

    page_id = editions.page_id(page.file.src_uri)
    return page_id if any(page_id in pages for pages in editions.sessions().values()) else None


def _worksheet_script(page, config, box: bool) -> str:
    """The worksheets' script and its words; ``box``: the "your progress" box too (a page without exercises)."""
    from coopsite.learning_path import PAGES_MARK
    from coopsite.words import ui_strings
    from exercises.core.render import progress_box

    lang = config.theme["language"]
    words = script_json(_worksheets().ui_words(lang))
    script = get_relative_url("assets/" + served("coop/worksheets.js"), page.url)
    return (
        # the page map too: a session without a simulation is often the first page read after an
        # update, and its store moves older saved work to its pages (frontend/src/runtime/progress.js)
        (f"{progress_box(ui_strings(lang))}{PAGES_MARK}" if box else "")
        + f'<script type="application/json" id="ws-ui">{words}</script>'
        + f'<script src="{script}" defer></script>'
    )


def _runtime(page, config) -> str:
    from coopsite.words import ui_strings
    from exercises.core.render import progress_box

    lang = config.theme["language"]
    ui = script_json(ui_strings(lang))
    script = get_relative_url("assets/" + served("coop/runtime.js"), page.url)
    from coopsite.learning_path import PAGES_MARK

    return (
        f"{progress_box(ui_strings(lang))}{PAGES_MARK}"
        f'<script type="application/json" id="cx-ui">{ui}</script>'
        f'<script src="{script}" defer></script>'
    )
