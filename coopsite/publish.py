"""The HTTP headers the course needs from the server that publishes it (see README, "Publishing").

deploy/nginx.conf sets them for nginx; ``write_headers`` writes them for static hosts
(``site/_headers``: Netlify and Cloudflare Pages syntax), and for nginx each page's
Content-Security-Policy (``site/_headers.nginx``, a ``map`` body) and each language's 404 page
(``site/_errors.nginx``, ``location`` blocks). tests/test_publish.py checks that nginx sends
what ``_headers`` says.

* Every answer: ``SECURITY`` (no MIME sniffing, no referrer to other sites, no framing by others).
* Each page: its Content-Security-Policy — the one in its ``<meta>`` (coopsite/csp.py: hashes of
  that page's inline scripts) plus ``frame-ancestors``, which only a header can set.
* Files whose name holds a hash of their content (``HASHED``): cached for a year, ``immutable``.
  The rest is revalidated (``no-cache``: a current copy costs a 304), so a new build is seen at once.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

__all__ = ["HASHED", "IMMUTABLE", "SECURITY", "page_policies", "write_headers"]

SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "SAMEORIGIN",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
#: Added to each page's policy: only the site itself may show its pages in a frame.
FRAME_ANCESTORS = "frame-ancestors 'self'"
IMMUTABLE = "public, max-age=31536000, immutable"
#: Ours (runtime.<16 hex>.js, pyodide.asm.<16 hex>.wasm, index.lo.<16 hex>.js: scripts/build-frontend.mjs,
#: scripts/stage_assets.py, coopsite/search.py) and Material's (bundle.<8 hex>.min.js). The same patterns as deploy/nginx.conf.
HASHED = re.compile(r"\.[0-9a-f]{16}\.[a-z0-9]+$|\.[0-9a-f]{8}\.min\.(js|css)$")
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def page_policies(site: Path) -> dict[str, str]:
    """{"/lo/index.html": header policy} for every page of the site with a ``<meta>`` policy."""
    policies = {}
    for path in sorted(site.rglob("*.html")):
        found = _META.search(path.read_text(encoding="utf-8", errors="replace")[:20000])
        if found:
            policies["/" + path.relative_to(site).as_posix()] = f"{html.unescape(found.group(1))}; {FRAME_ANCESTORS}"
    return policies


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_headers(site: Path) -> int:
    """Write site/_headers, site/_headers.nginx and site/_errors.nginx; returns the number of pages."""
    policies = page_policies(site)
    (site / "_headers.nginx").write_text(
        "# Each page's Content-Security-Policy, by path (coopsite/publish.py; included by deploy/nginx.conf).\n"
        + "".join(f"{_quote(uri)} {_quote(policy)};\n" for uri, policy in policies.items()),
        encoding="utf-8",
    )
    # the 404 page of each language folder (site/404.html is the server's default)
    folders = sorted(path.parent.relative_to(site).as_posix() for path in site.glob("*/404.html"))
    (site / "_errors.nginx").write_text(
        "# The 404 page of each language (coopsite/publish.py; included by deploy/nginx.conf).\n"
        + "".join(
            f"location /{folder}/ {{\n    error_page 404 /{folder}/404.html;\n    try_files $uri $uri/ =404;\n}}\n"
            for folder in folders
        ),
        encoding="utf-8",
    )
    rules = [("/*", SECURITY)]
    for uri, policy in policies.items():
        # the page's address with and without .html, and its folder for an index (hosts with
        # "pretty URLs" answer those)
        addresses = [uri, uri.removesuffix(".html")]
        if uri.endswith("/index.html"):
            addresses.append(uri.removesuffix("index.html"))
        for address in dict.fromkeys(addresses):
            rules.append((address, {"Content-Security-Policy": policy, "Cache-Control": "no-cache"}))
    rules.append(("/sw.js", {"Cache-Control": "no-cache"}))
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and HASHED.search(relative):
            rules.append(("/" + relative, {"Cache-Control": IMMUTABLE}))
    lines = [
        "# Headers for static hosts that read a _headers file (Netlify, Cloudflare Pages): made by",
        "# scripts/publish.py from coopsite/publish.py; deploy/nginx.conf sends the same.",
    ]
    for address, headers in rules:
        lines.append(address)
        lines += [f"  {name}: {value}" for name, value in headers.items()]
    (site / "_headers").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(policies)
