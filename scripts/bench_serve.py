"""The course under load on nginx, as JSON (`make bench-serve`). A report, not a pass/fail test.

nginx runs with the shipped configuration (deploy/nginx.conf, coopsite/nginx.py); wrk (Debian's
package) keeps 200 connections busy for ``--seconds`` on each of: a lesson page (HTML, sent as its
brotli copy) and Python's wasm (pyodide.asm.<hash>.wasm, 2.8 MB as brotli), as a phone's browser
asks for them (Accept-Encoding: gzip, deflate, br). For each: requests per second, latency
percentiles (p50, p99), bytes per second, errors. Both run on this machine, so wrk and nginx
share its cores: the numbers are for comparing builds and configurations, not a server's capacity.

    python scripts/bench_serve.py [--seconds 10] [--connections 200] [--threads 2] [--out bench/results]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopsite import nginx  # noqa: E402

LESSON = "management/m2-communication.html"
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}
SIZES = {"B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9}


def wrk(url: str, seconds: int, connections: int, threads: int) -> dict:
    """Run wrk once; what it printed, as numbers."""
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "60s",  # wrk's 2 s default would drop the slow answers and hide them from p99
        "-H",
        "Accept-Encoding: gzip, deflate, br",
        url,
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def ms(text: str) -> float:
        number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
        return round(float(number) * UNITS[unit], 2)

    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", out, re.M))
    transfer = re.search(r"Transfer/sec:\s+([\d.]+)(B|KB|MB|GB)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)$", out, re.M)
    return {
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50_ms": ms(latency["50"]),
        "p99_ms": ms(latency["99"]),
        "requests": int(re.search(r"(\d+) requests in", out)[1]),
        "mb_per_s": round(float(transfer[1]) * SIZES[transfer[2]] / 1e6, 1),
        "non_2xx": int(errors[1]) if errors else 0,
        "socket_errors": socket_errors[1] if socket_errors else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk (.ci/run does)")
    manifest = json.loads((ROOT / "site" / "assets" / "coop" / "manifest.json").read_text())
    wasm = "assets/" + manifest["files"]["pyodide/pyodide.asm.wasm"]["url"]
    targets = {"lesson_page": LESSON, "wasm": wasm}
    try:
        with nginx.serving() as url:
            results = {
                name: {"path": path, **wrk(url + path, args.seconds, args.connections, args.threads)}
                for name, path in targets.items()
            }
    except RuntimeError as error:
        raise SystemExit(f"bench-serve: {error}") from None
    report = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "load": {"tool": "wrk", "connections": args.connections, "threads": args.threads, "seconds": args.seconds},
        **results,
    }
    text = json.dumps(report, indent=2)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "serve.json").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
