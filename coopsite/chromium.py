"""Headless Chromium and a local web server, as the tests, `make pdf` and `make bench` use them.

Debian's Chromium, started with the project's flags (no background networking: this machine's
network is closed, and the site must not need it anyway). Playwright drives it; its own browser
download is never used.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from . import ROOT

__all__ = ["CHROMIUM", "FLAGS", "local_server"]

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextlib.contextmanager
def local_server(site: Path, wait: float = 20.0, brotli: bool = True) -> Iterator[str]:
    """Serve ``site`` with scripts/serve.py (compressed, like a real host) on a free port; yield its root URL.

    ``brotli=False``: a host that sends gzip only.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "scripts" / "serve.py"),
            str(site),
            "--port",
            str(port),
            *([] if brotli else ["--no-brotli"]),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + wait
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)
