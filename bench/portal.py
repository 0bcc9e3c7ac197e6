"""Portal throughput: requests/s and p99 of the public pages under gunicorn, next to a trivial view.

    .venv/bin/python bench/portal.py                      # page cache on, then off; local-memory cache
    .venv/bin/python bench/portal.py --cache redis --redis-url redis://127.0.0.1:6379/10 --seconds 10
    .venv/bin/python bench/portal.py --modes on           # only with the page cache

Serves the demo city (bench/out/portal.sqlite3, loaded once with `gongkai load_demo`) with gunicorn, 2 sync
workers on 127.0.0.1, and drives each page in turn with wrk (Debian's `wrk`: fixed connections, fixed
duration, 127.0.0.1 only). Each page first gets a short warm-up run that is not counted. Printed per page:
requests/s, p50 and p99 latency, errors (non-2xx/3xx answers and socket errors) and requests/s as a share of
the trivial view's in the same run (the machine may be loaded: ratios within one run are the figures to
trust). "item" is one item page (as a link shared widely is read); "items200" rotates over 200 published
items (each must be built once per worker first); "search" is a two-character query with facets.
The trivial view (/bench/trivial/) goes through the same middleware; /healthz is measured too when present.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DB = OUT / "portal.sqlite3"
BIN = Path(sys.executable).parent
SECRET = "bench-only-secret-key-that-is-long-enough-0123456789-abcdefghijklmnop"


def server_env(*, page_cache: bool, cache: str, redis_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{DB}",
            "GONGKAI_DATA_DIR": str(OUT),
            "SECRET_KEY": SECRET,
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "bench_portal_settings",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "bench" / "portal_app"), str(ROOT / "src")]),
            "GONGKAI_PAGE_CACHE_SECONDS": "3600" if page_cache else "0",
            "REDIS_URL": redis_url if cache == "redis" else "",
        }
    )
    return env


def ensure_demo() -> None:
    if DB.exists():
        return
    OUT.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{DB}", "GONGKAI_DATA_DIR": str(OUT)}
    print("loading the demo city into", DB.relative_to(ROOT), "(once; a few minutes)", flush=True)
    subprocess.run([BIN / "gongkai", "migrate", "-v0"], env=env, check=True)
    subprocess.run([BIN / "gongkai", "load_demo"], env=env, check=True, stdout=subprocess.DEVNULL)


def pages() -> tuple[dict[str, str], list[str]]:
    con = sqlite3.connect(DB)
    slugs = [
        r[0]
        for r in con.execute(
            "SELECT slug FROM catalog_item WHERE status = 'published' AND disclosure = 'proactive' "
            "ORDER BY id LIMIT 200"
        )
    ]
    report = con.execute(
        "SELECT o.credit_code, r.year, r.scope FROM reports_annualreport r JOIN orgs_organization o "
        "ON o.id = r.org_id WHERE r.published_at IS NOT NULL ORDER BY r.year DESC, o.path LIMIT 1"
    ).fetchone()
    con.close()
    if not slugs or not report:
        sys.exit("The demo database has no published item or report: delete it and run again.")
    urls = {
        "trivial": "/bench/trivial/",
        "healthz": "/healthz",
        "home": "/",
        "catalog": "/catalog/",
        "item": f"/catalog/{slugs[0]}/",
        "search": "/search/?q=" + quote("通知"),
        "report": f"/reports/{report[0]}/{report[1]}/{report[2]}/",
        "items200": "/catalog/",  # rotates over up to 200 item pages (wrk script)
    }
    return urls, [f"/catalog/{s}/" for s in slugs]


def start(port: int, env: dict[str, str], workers: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [BIN / "gunicorn", "gongkai.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level",
         "warning", "--timeout", "60"],
        env=env, cwd=ROOT, start_new_session=True,
    )  # fmt: skip
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/trivial/", timeout=2)
            return proc
        except OSError:
            if proc.poll() is not None:
                sys.exit("gunicorn did not start")
            time.sleep(0.5)
    stop(proc)
    sys.exit("gunicorn did not answer in 60 s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, *, seconds: int, connections: int, script: Path | None = None) -> dict[str, float]:
    cmd = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s", "--latency"]
    if script:
        cmd += ["-s", str(script)]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(bad.group(1)) if bad else 0) + (sum(int(g) for g in sock.groups()) if sock else 0)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rps": rps, "p50": p50, "p99": p99, "errors": errors, "requests": total}


def rotation_script(paths: list[str], folder: Path) -> Path:
    script = folder / "rotate.lua"
    listed = ", ".join(f'"{p}"' for p in paths)
    script.write_text(
        f"local paths = {{{listed}}}\nlocal i = 0\n"
        'request = function()\n  i = i % #paths + 1\n  return wrk.format("GET", paths[i])\nend\n',
        encoding="utf-8",
    )
    return script


def run_mode(args, *, page_cache: bool, urls: dict[str, str], items: list[str], folder: Path) -> None:
    if args.cache == "redis":
        subprocess.run(["redis-cli", "-u", args.redis_url, "FLUSHDB"], check=True, capture_output=True)
    env = server_env(page_cache=page_cache, cache=args.cache, redis_url=args.redis_url)
    proc = start(args.port, env, args.workers)
    base = f"http://127.0.0.1:{args.port}"
    script = rotation_script(items, folder)
    try:
        try:
            urllib.request.urlopen(base + urls["healthz"], timeout=5)
        except OSError:
            urls = {k: v for k, v in urls.items() if k != "healthz"}
        print(f"\npage cache {'on' if page_cache else 'off'} ({args.cache} cache), gunicorn -w {args.workers}, "
              f"wrk -c {args.connections} -d {args.seconds}s per page")  # fmt: skip
        print(
            f"{'page':<10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'requests':>10}{'/trivial':>10}"
        )
        results = {}
        for name, path in urls.items():
            use = script if name == "items200" else None
            wrk(base + path, seconds=2, connections=args.connections, script=use)  # warm-up, not counted
            results[name] = r = wrk(
                base + path, seconds=args.seconds, connections=args.connections, script=use
            )
            share = r["rps"] / results["trivial"]["rps"]
            print(f"{name:<10}{r['rps']:>9.0f}{r['p50']:>9.1f}{r['p99']:>9.1f}{r['errors']:>8}{r['requests']:>10}"
                  f"{share:>9.0%}", flush=True)  # fmt: skip
        ratio = results["item"]["rps"] / results["trivial"]["rps"]
        print(f"item/trivial = {ratio:.2f} (target >= 0.50); errors in total: "
              f"{sum(r['errors'] for r in results.values())}")  # fmt: skip
    finally:
        stop(proc)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=8, help="measured seconds per page (bounded)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8109)
    parser.add_argument("--cache", choices=["locmem", "redis"], default="locmem")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/10")
    parser.add_argument("--modes", default="on,off", help="page cache on, off or both (on,off)")
    args = parser.parse_args()
    if not 1 <= args.seconds <= 120 or not 1 <= args.connections <= 256:
        sys.exit("--seconds must be 1-120 and --connections 1-256")
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    ensure_demo()
    urls, items = pages()
    with tempfile.TemporaryDirectory() as folder:
        for mode in args.modes.split(","):
            run_mode(args, page_cache=mode.strip() == "on", urls=urls, items=items, folder=Path(folder))


if __name__ == "__main__":
    main()
