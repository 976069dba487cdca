"""Serve the built site on http://127.0.0.1:8000, compressed the way a real web host would.

    python scripts/serve.py site [--host 127.0.0.1] [--port 8000] [--no-brotli]

Like nginx with ``brotli_static on; gzip_static on; gzip on;`` (deploy/nginx.conf): a file with a
precompressed copy beside it (``x.br``, ``x.gz``: every text and wasm file after ``make build``,
scripts/publish.py) is sent as that copy
when the browser accepts the encoding; other files that compress well (HTML, CSS, JS, JSON, wasm,
SVG) are gzip-compressed on the fly. So what `make bench` measures over http is what a learner on a
phone pays. ``--no-brotli`` plays a host without brotli (gzip only). Like nginx, it answers
"304 Not Modified" to a browser whose copy is current.
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import functools
import gzip
import http.server
import mimetypes
import os
import threading
from pathlib import Path
from typing import ClassVar

TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".zip": "application/zip",
}
COMPRESS = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt"}
SUFFIXES = {"br": ".br", "gzip": ".gz"}  # Content-Encoding → the precompressed copy's suffix
_cache: dict[tuple[str, float], bytes] = {}
_lock = threading.Lock()


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {**mimetypes.types_map, **TYPES}
    encodings: ClassVar[tuple[str, ...]] = ("br", "gzip")  # precompressed copies the server may send, best first

    def log_message(self, format: str, *args) -> None:  # quieter: only errors
        if args and str(args[1]).startswith(("4", "5")):
            super().log_message(format, *args)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = {part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}
        if not path.is_file():
            return super().send_head()
        stat = path.stat()
        if self._not_modified(stat.st_mtime):
            return None
        copies = {name: path.with_name(path.name + SUFFIXES[name]) for name in self.encodings if name in accepts}
        # a copy older than its file is stale (the file was rebuilt alone): never send it
        current = [name for name, copy in copies.items() if copy.is_file() and copy.stat().st_mtime >= stat.st_mtime]
        encoding = current[0] if current else None
        if encoding:
            body = copies[encoding].read_bytes()
        elif "gzip" in accepts and path.suffix in COMPRESS:
            encoding = "gzip"
            key = (str(path), stat.st_mtime)
            with _lock:
                body = _cache.get(key)
                if body is None:
                    body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
                    _cache[key] = body
        else:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(path.suffix) or self.guess_type(str(path)))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        import io

        return io.BytesIO(body)

    def _not_modified(self, mtime: float) -> bool:
        """Answer 304 to a browser whose copy is current (If-Modified-Since), as web hosts do."""
        since = self.headers.get("If-Modified-Since")
        if not since:
            return False
        try:
            if int(mtime) > email.utils.parsedate_to_datetime(since).timestamp():
                return False
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        self.send_response(304)
        self.send_header("Last-Modified", self.date_time_string(mtime))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default="site")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--no-brotli", action="store_true", help="send no brotli (a host with gzip only)")
    args = parser.parse_args()
    if args.no_brotli:
        Handler.encodings = ("gzip",)
    handler = functools.partial(Handler, directory=args.directory)
    with http.server.ThreadingHTTPServer((args.host, args.port), handler) as server:
        print(f"http://{args.host}:{server.server_address[1]}/", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


if __name__ == "__main__":
    main()
