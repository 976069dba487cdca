"""nginx with the shipped configuration (deploy/nginx.conf), for tests and `make bench-serve`.

Started the way README says, ``nginx -p <repository> -c deploy/nginx.conf``: in the foreground,
on 127.0.0.1:8080, logs in .nginx/ (ignored by git), serving site/.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

__all__ = ["ACCESS_LOG", "ADDRESS", "URL", "problem", "serving"]

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
ADDRESS = ("127.0.0.1", 8080)
URL = "http://127.0.0.1:8080/"
ACCESS_LOG = ROOT / ".nginx" / "access.log"


def _listening() -> bool:
    with contextlib.closing(socket.socket()) as probe:
        return probe.connect_ex(ADDRESS) == 0


def problem(site: Path = ROOT / "site") -> str | None:
    """Why nginx cannot serve the site here (what to install or do), or None."""
    if not Path(NGINX).exists():
        return "nginx is not installed: apt-get install nginx libnginx-mod-http-brotli-static (.ci/run does)"
    if not BROTLI_MODULE.exists():
        return f"{BROTLI_MODULE} is missing: apt-get install libnginx-mod-http-brotli-static (.ci/run does)"
    for made in ("_headers.nginx", "_errors.nginx"):
        if not (site / made).exists():
            return f"{site}/{made} is missing: run `make build`"
    if _listening():
        return f"{URL} is already in use: stop what listens there (another nginx?) and run again"
    return None


@contextlib.contextmanager
def serving() -> Iterator[str]:
    """nginx serving site/ until the block ends; yields its URL. Raises RuntimeError if it cannot."""
    why = problem()
    if why:
        raise RuntimeError(why)
    ACCESS_LOG.parent.mkdir(exist_ok=True)
    process = subprocess.Popen(
        [NGINX, "-p", str(ROOT), "-c", "deploy/nginx.conf"], cwd=ROOT, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.time() + 20
        while not _listening():
            if process.poll() is not None or time.time() > deadline:
                process.kill()
                raise RuntimeError(f"nginx did not start: {process.communicate()[1]}")
            time.sleep(0.1)
        yield URL
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGQUIT)  # graceful: the master stops its workers
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
