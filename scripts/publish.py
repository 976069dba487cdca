"""What a web server or a static host needs beside the built site: run by `make build`, last.

    python scripts/publish.py precompress [site]   x.br and x.gz beside every text and wasm file
    python scripts/publish.py headers [site]       site/_headers, site/_headers.nginx, site/_errors.nginx

``precompress``: brotli (quality 11) and gzip (level 9) copies, for servers that send a file's
precompressed copy (nginx ``brotli_static``/``gzip_static``, deploy/nginx.conf; scripts/serve.py):
compressed once here, not on every request. A copy that is current (newer than its file) is kept,
and one that would not be smaller is not written. The file:// packs are left alone (never sent
over http); Python's files already have theirs (scripts/stage_assets.py).

``headers``: the headers the course needs from its host (coopsite/publish.py): ``_headers`` for
static hosts that read one (Netlify, Cloudflare Pages), ``_headers.nginx`` for deploy/nginx.conf
(each page's Content-Security-Policy, as a ``map`` by the page's path), ``_errors.nginx`` (each
language's 404 page).
"""

from __future__ import annotations

import argparse
import gzip
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopsite import publish  # noqa: E402

COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".webmanifest", ".svg", ".xml", ".txt", ".wasm", ".map"}
SKIP = ("assets/pyodide/packs/", "assets/coop/packs/")


def compress(source: Path) -> int:
    """Write source.br and source.gz unless current; returns how many copies were written."""
    written = 0
    data = None
    for suffix, pack in (
        (".gz", lambda d: gzip.compress(d, 9, mtime=0)),
        (".br", lambda d: brotli.compress(d, quality=11)),
    ):
        target = source.with_name(source.name + suffix)
        if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        data = source.read_bytes() if data is None else data
        packed = pack(data)
        if len(packed) < len(data):
            target.write_bytes(packed)
            written += 1
        else:
            target.unlink(missing_ok=True)
    return written


def precompress(site: Path) -> None:
    files = [
        path
        for path in site.rglob("*")
        if path.suffix in COMPRESSIBLE and path.is_file() and not path.relative_to(site).as_posix().startswith(SKIP)
    ]
    with ThreadPoolExecutor(max_workers=2) as pool:
        written = sum(pool.map(compress, files))
    print(f"precompress: {len(files)} files, {written} .br/.gz copies written")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["precompress", "headers"])
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"))
    args = parser.parse_args()
    site = Path(args.site)
    if not (site / "index.html").exists():
        raise SystemExit(f"{site}/index.html not found: run `make build` first")
    if args.what == "precompress":
        precompress(site)
    else:
        pages = publish.write_headers(site)
        print(f"headers: {site}/_headers, _headers.nginx, _errors.nginx ({pages} pages)")


if __name__ == "__main__":
    main()
