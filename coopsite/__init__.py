"""Build-time helpers of the course site; the MkDocs hooks in hooks/ are thin adapters over them.

* ``directives`` — ``::: exercise …``, ``::: glossary``, ``::: references`` in Markdown.
* ``content`` — glossary and references data (docs/data/*.yml).
* ``lao`` — Lao word breaks (ICU) for the search index.
* ``search`` — rewrites the search index for Lao, keeping the .json and the file:// .js copies equal.
* ``csp`` — the Content-Security-Policy of every page.
"""
