"""Prints the crawl's summary at the end of a test run (pages per visitor, patterns, problems).

The browser tests write one JSON file per visitor under var/browser/; this plugin runs in the controlling
pytest process (also under xdist, where the tests run in workers) and reads the files of this run."""

from __future__ import annotations

import json
import time
from pathlib import Path

REPORTS = Path(__file__).resolve().parents[3] / "var" / "browser"
_started = time.time()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not REPORTS.is_dir():
        return
    files = sorted(p for p in REPORTS.glob("crawl-*.json") if p.stat().st_mtime >= _started)
    if not files:
        return
    write = terminalreporter.write_line
    terminalreporter.section("crawl of the demo (var/browser/)")
    total_pages = total_problems = 0
    patterns: set[str] = set()
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        kind = "http" if path.name.startswith("crawl-http-") else "browser"
        who = data.get("visitor") or data.get("role")
        patterns.update(data.get("by_pattern", {}))
        total_pages += data["pages"]
        total_problems += len(data["problems"])
        write(
            f"{kind:<7} {who:<22} {data['pages']:>5} pages {data['patterns']:>3} patterns "
            f"{data['seconds']:>6}s {len(data['problems']):>4} problems"
        )
    write(f"total: {total_pages} page visits, {len(patterns)} URL patterns, {total_problems} problems")
