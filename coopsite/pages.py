"""Last touches on every built page (run by hooks/site_assets.py).

* Remove the ``<link rel="alternate" hreflang>`` tags Material puts in ``<head>``: its "stay on
  the same page when switching language" feature fetches ``sitemap.xml`` next to each alternate
  link, which 404s with our relative per-page links and is a blocked fetch on file://. The
  language switcher itself already links each page to its own translation (mkdocs-static-i18n).
* Drop the indentation of the templates' lines: a run of white space with a line break in it
  becomes one line break (the same thing to a browser), except inside ``<pre>``, ``<textarea>``,
  ``<script>`` and ``<style>``. About 5 % of a page, 14 kB of the largest Lao lesson page.
* Add the Content-Security-Policy (coopsite/csp.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from . import csp

__all__ = ["finalize"]

_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
_KEEP_SPACES = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.S | re.I)
_LINE_BREAK = re.compile(r"[ \t\r]*\n\s*")


def _unindent(html: str) -> str:
    parts = _KEEP_SPACES.split(html)  # text, (element, its name), text, …
    return "".join(
        _LINE_BREAK.sub("\n", part) if index % 3 == 0 else part if index % 3 == 1 else ""
        for index, part in enumerate(parts)
    )


def finalize(html: str, shim: Path | None = None, policy: bool = True) -> str:
    html = _unindent(_ALTERNATE.sub("", html))
    return csp.insert_meta(html, shim) if policy else html
