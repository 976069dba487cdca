"""Build-time helpers of the course site; the MkDocs hooks in hooks/ are thin adapters over them.

* ``directives`` — ``::: exercise …``, ``::: glossary``, ``::: references`` in Markdown.
* ``content`` — glossary and references data (docs/data/*.yml).
* ``words`` — the site's own words (a gettext domain of their own).
* ``editions`` — learner and trainer editions, the table of PDFs.
* ``search`` — one search index per language (``search/index.<code>.<hash>.js``), read only when search is opened.
* ``csp`` — the Content-Security-Policy of every page.
"""

from pathlib import Path

#: The repository, and the course's Markdown pages and data in it.
ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
