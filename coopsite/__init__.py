"""Build-time helpers of the course site; the MkDocs hooks in hooks/ are thin adapters over them.

* ``directives`` — ``::: exercise …``, ``::: glossary``, ``::: references`` in Markdown.
* ``content`` — glossary and references data (docs/data/*.yml).
* ``segment`` — word breaks (ICU) for the search index in scripts written without spaces (Lao).
* ``words`` — the site's own words (a gettext domain of their own).
* ``editions`` — learner and trainer editions, the table of PDFs.
* ``search`` — rewrites the search index for Lao, keeping the .json and the file:// .js copies equal.
* ``csp`` — the Content-Security-Policy of every page.
"""
