"""MkDocs hook: one search index per language, loaded when search is opened (coopsite/search.py).

``on_page_content`` puts spaces between table cells before Material's search plugin reads a page.

Priority -110: after mkdocs-static-i18n (-100) has merged every language into one index, and
after the offline plugin (-100) has copied it to search_index.js for file://.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from coopsite import search


def on_page_content(html, page, config, files):
    return search.separate_cells(html)


@event_priority(-110)
def on_post_build(config):
    search.rewrite(Path(config.site_dir))
