"""Last touches on every built page (run by hooks/site_assets.py).

* Remove the ``<link rel="alternate" hreflang>`` tags Material puts in ``<head>``: its "stay on
  the same page when switching language" feature fetches ``sitemap.xml`` next to each alternate
  link, which 404s with our relative per-page links and is a blocked fetch on file://. The
  language switcher itself already links each page to its own translation (mkdocs-static-i18n).
* Add the Content-Security-Policy (coopsite/csp.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from . import csp

__all__ = ["finalize"]

_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def finalize(html: str, shim: Path | None = None, policy: bool = True) -> str:
    html = _ALTERNATE.sub("", html)
    return csp.insert_meta(html, shim) if policy else html
