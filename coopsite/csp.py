"""The Content-Security-Policy of every page, as a ``<meta>`` tag (works on file:// too).

Only the site itself may be loaded or contacted. Scripts: files of the site, plus the exact inline
scripts of the page (by SHA-256 hash, not ``'unsafe-inline'``), so HTML that reaches the page any
other way cannot run. Python needs ``'wasm-unsafe-eval'``; the exercise worker starts from a
``data:`` URL on file:// and makes ``blob:`` URLs inside itself (see frontend/src/runtime/python.js).

One inline script is not in the page: on file://, search runs in an iframe that the iframe-worker
shim writes; its script text depends only on the shim and on the search worker's URL (ours, which
frontend/src/search-page.js derives from Material's in the page's settings, as ``search_worker_url``
does here), so its hash is computed here too.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

__all__ = ["policy", "insert_meta", "inline_script_hashes", "search_worker_url", "shim_iframe_script"]

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_WORKER_URL = re.compile(r'"search"\s*:\s*"([^"]+)"')
_MATERIAL_WORKER = re.compile(r"javascripts/workers/search\.[^/?#]*\.js$")


def search_worker_url(material_url: str) -> str:
    """The URL the page starts the search worker from (frontend/src/search-page.js ``ourWorker``):
    its served name, with the hash of its content (coopsite/assets.py)."""
    from .assets import served

    return _MATERIAL_WORKER.sub(served("coop/search-worker.js"), material_url)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_script_hashes(html: str) -> list[str]:
    """Hashes of the inline scripts a browser would run (JSON data blocks are not scripts)."""
    hashes = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        declared = _TYPE.search(attrs)
        kind = (declared.group(1) if declared else "").lower()
        if kind in _EXECUTABLE_TYPES:
            hashes.append(_sha256(match.group("body")))
    return hashes


def shim_iframe_script(shim_source: str, worker_url: str) -> str | None:
    """The inline script the iframe-worker shim writes into its iframe for ``worker_url``."""
    post = re.search(r"function c\(s,n\)\{parent\.postMessage\(s,n\|\|\"\*\"\)\}", shim_source)
    imports = re.search(r"function d\(\.\.\.s\)\{return s\.reduce\(.*?Promise\.resolve\(\)\)\}", shim_source)
    if not post or not imports:
        return None
    return (
        f"postMessage={post.group(0)};importScripts={imports.group(0)};"
        f'addEventListener("error",({{error}})=>{{parent.dispatchEvent(new ErrorEvent("error",{{filename:"{worker_url}",error}}))}})'
    )


def policy(html: str, shim_source: str | None = None) -> str:
    """The policy for one page."""
    hashes = inline_script_hashes(html)
    worker = _WORKER_URL.search(html)
    if shim_source and worker:
        script = shim_iframe_script(shim_source, search_worker_url(worker.group(1)))
        if script:
            hashes.append(_sha256(script))
    script_src = " ".join(["'self'", "'wasm-unsafe-eval'", "blob:", *sorted(set(hashes))])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {script_src}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self'",
            "connect-src 'self' blob: data:",
            "worker-src 'self' blob: data:",
            "frame-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def insert_meta(html: str, shim_path: Path | None = None) -> str:
    """Put the policy right after ``<meta charset>``, before anything it governs."""
    shim = shim_path.read_text(encoding="utf-8") if shim_path and shim_path.exists() else None
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, shim)}">'
    charset = re.search(r"<meta charset=[^>]*>", html, re.I)
    if charset:
        return html[: charset.end()] + tag + html[charset.end() :]
    return html.replace("<head>", "<head>" + tag, 1)
