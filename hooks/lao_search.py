"""MkDocs hook: Lao words in the search index (coopsite/search.py).

Priority -110: after mkdocs-static-i18n (-100) has merged every language into one index, and
after the offline plugin (-100) has copied it to search_index.js for file://.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from coopsite import search


@event_priority(-110)
def on_post_build(config):
    search.rewrite(Path(config.site_dir))
