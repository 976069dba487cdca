"""MkDocs hook: expand ``::: exercise …``, ``::: glossary`` and ``::: references`` (see coopsite/directives.py).

Pages with exercises also get the runtime script, the interface words it needs in the page's
language, and the "your progress" box.
"""

from __future__ import annotations

import json
import os

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from coopsite import directives


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
    if expansion is None or not expansion.html:
        return html
    html = directives.substitute(html, expansion.html)
    if page.present_anchor_ids is not None:  # so MkDocs can check links to #term-… and #ref-…
        page.present_anchor_ids.update(directives.anchor_ids(expansion.html))
    if any(name.startswith("exercise:") for name in expansion.used):
        html += _runtime(page, config)
    return html


def _runtime(page, config) -> str:
    from coopsite.words import ui_strings
    from exercises.core.render import progress_box

    lang = config.theme["language"]
    ui = json.dumps(ui_strings(lang), ensure_ascii=False).replace("</", "<\\/")
    script = get_relative_url("assets/coop/runtime.js", page.url)
    from coopsite.learning_path import PAGES_MARK

    return (
        f"{progress_box(ui_strings(lang))}{PAGES_MARK}"
        f'<script type="application/json" id="cx-ui">{ui}</script>'
        f'<script src="{script}" defer></script>'
    )
