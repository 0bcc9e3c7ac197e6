"""Benchmark of `import_items`: items per second on a fresh SQLite database, 2,000-character bodies.

    .venv/bin/python bench/import.py [--n 5000] [--body 2000] [--batch 500] [--database-url URL]

The temporary directory (database and rows) is removed at the end unless BENCH_KEEP=1.

Bodies are cut from ../shared/data/documents.jsonl.gz when it is there (synthetic Chinese text otherwise).
Each item goes through the real path: item_create → item_review("imported") → item_publish, with audit events,
the website publication row, the index-number counter and the search-index hook.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "documents.jsonl.gz"


def bodies(n: int, size: int) -> list[str]:
    texts: list[str] = []
    if SHARED.exists():
        with gzip.open(SHARED, "rt", encoding="utf-8") as f:
            for line in f:
                body = json.loads(line)["body"]
                while len(body) >= size and len(texts) < n:
                    texts.append(body[:size])
                    body = body[size:]
                if len(texts) >= n:
                    break
    filler = "为进一步做好政府信息公开工作，现就有关事项通知如下。" * (size // 20 + 1)
    while len(texts) < n:
        texts.append(f"{len(texts)}：{filler}"[:size])
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--body", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--no-search",
        action="store_true",
        help="replace the search-index hook by a no-op (catalog's own cost)",
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 60)
    os.environ["DEBUG"] = "0"
    os.environ["GONGKAI_DATA_DIR"] = str(workdir)
    os.environ["TASK_BACKEND"] = "immediate"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from gongkai.catalog.importing import import_file
    from gongkai.catalog.models import Item
    from gongkai.testing.factories import make_org

    call_command("migrate", verbosity=0)
    if args.no_search:
        from gongkai.search import services as search_services

        search_services.item_indexed = lambda *, item: None
        search_services.items_indexed = lambda *, items: None
    org = make_org(name="基准测试市人民政府")
    rows = workdir / "rows.jsonl"
    with rows.open("w", encoding="utf-8") as f:
        for i, body in enumerate(bodies(args.n, args.body)):
            year = 2017 + i % 9
            row = {"id": f"bench-{i}", "title": f"基准测试文件第{i}号", "written_on": f"{year}-03-{1 + i % 28:02d}",
                   "doc_no": f"基准发〔{year}〕{i}号", "kind": "规范性文件" if i % 10 == 0 else "通知", "body": body,
                   "topic": "0203", "keywords": ["基准", "测试"]}  # fmt: skip
            f.write(json.dumps(row, ensure_ascii=False) + "\n")

    in_sql = [0.0]

    def timed(execute, sql, params, many, context):  # time spent inside the database's statements
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            in_sql[0] += time.perf_counter() - t

    started, cpu_started = time.perf_counter(), time.process_time()
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
    with connection.execute_wrapper(timed):
        result = import_file(rows, org=org, batch_size=args.batch)
    if os.environ.get("BENCH_PROFILE"):
        prof.disable()
        pstats.Stats(prof).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(35)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    assert result.created == args.n, (result.created, result.errors[:3])
    again = time.perf_counter()
    second = import_file(rows, org=org, batch_size=args.batch)
    recheck = time.perf_counter() - again
    print(f"database            {connection.vendor}{' (search hook disabled)' if args.no_search else ''}")
    print(f"items imported      {result.created} (body {args.body} characters, batch {args.batch})")
    print(f"elapsed             {elapsed:.2f} s")
    print(f"items per second    {result.created / elapsed:,.0f}")
    print(f"per CPU second      {result.created / cpu:,.0f} (CPU time of this process: {cpu:.2f} s)")
    print(f"in SQL statements   {in_sql[0]:.2f} s ({in_sql[0] / result.created * 1000:.2f} ms per item; "
          "the database's own work and, on PostgreSQL, the round trips: a floor for this design)")  # fmt: skip
    print(f"load average        {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"second run          {second.skipped} skipped, {second.created} created in {recheck:.2f} s")
    print(f"items in database   {Item.objects.count()}")
    connection.close()
    if not os.environ.get("BENCH_KEEP"):  # about 30 kB per item
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
