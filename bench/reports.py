"""Reports benchmark: the annual report of a city region with 1M catalog items and 100k applications.

    .venv/bin/python bench/reports.py                       # both engines, 1,000,000 items, 100,000 applications
    .venv/bin/python bench/reports.py --engine sqlite --items 200000 --apps 20000

Each engine runs in its own process (Django binds one database per process):
- sqlite:   bench/out/reports-<items>.sqlite3 (kept between runs; rows are inserted once);
- postgres: database gk_reports_bench at 127.0.0.1:5432, user postgres (BENCH_PG_URL to change).
The data is the demo city (抚顺市: 16 departments, 7 counties with their departments and townships), with items
published over 2024-2025 (normative documents, late items, topics, focus areas, website publications) and
applications of every applicant type and outcome with carry-overs, remedies and fees, bulk-inserted.
Printed: insert time, then the build time of the 2025 region report (`reports.builder.build_annual`: tables
2-4, proactive statistics, checks) cold and warm, its query count, and the monthly figures and dashboard.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/gk_reports_bench")
TARGET_SECONDS = 2.0


def setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-that-is-long-enough-0123456789-abcdefghij")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def ensure_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    base = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(base, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def populate(n_items: int, n_apps: int, *, seed: int = 20260101) -> tuple[float, object]:
    from django.db import transaction
    from django.utils import timezone

    from gongkai.catalog.models import FocusArea, Genre, Item, Publication, Topic
    from gongkai.demo import city as demo_city
    from gongkai.foi.models import Application, Fee, Outcome, Remedy

    root, _ = demo_city.load_city()
    if Item.objects.count() >= n_items and Application.objects.count() >= n_apps:
        return 0.0, root
    rng = random.Random(seed)
    t0 = time.perf_counter()
    orgs = list(root.subtree().order_by("path"))
    weights = [8 if o.depth <= 2 and o.level == "city" else 3 if o.level == "county" else 1 for o in orgs]
    topics = list(Topic.objects.filter(parent__isnull=False).values_list("pk", flat=True))
    genre = Genre.objects.get(code="notice").pk
    normative_genre = Genre.objects.get(code="normative").pk
    focus = list(FocusArea.objects.filter(parent__isnull=False).values_list("pk", flat=True))
    classes = [
        "a20_01",
        "a20_02",
        "a20_05",
        "a20_06",
        "a20_07",
        "a20_11",
        "a20_13",
        "a20_15",
        "a21_public_service",
    ]
    tz = timezone.get_current_timezone()
    start = date(2024, 1, 1)
    span = (date(2025, 12, 31) - start).days + 1
    existing = Item.objects.count()
    batch = 5000
    dropped = _drop_secondary_indexes() if n_items - existing > 50_000 else []
    through = Item.focus_areas.through
    print(f"  inserting {n_items - existing:,} items…", flush=True)
    for lo in range(existing, n_items, batch):
        rows = []
        for i in range(lo, min(lo + batch, n_items)):
            org = rng.choices(orgs, weights)[0]
            day = start + timedelta(days=rng.randrange(span))
            written = day - timedelta(days=rng.randrange(0, 30))
            kind = "rule" if rng.random() < 0.002 else "normative" if rng.random() < 0.02 else ""
            validity = ""
            changed = None
            if kind:
                roll = rng.random()
                validity = (
                    "in_force"
                    if roll < 0.8
                    else "amended"
                    if roll < 0.85
                    else "repealed"
                    if roll < 0.95
                    else "expired"
                )
                if validity in {"repealed", "expired", "amended"}:
                    changed = day + timedelta(days=rng.randrange(1, 300))
            rows.append(
                Item(
                    org_id=org.pk,
                    index_no=f"B{org.pk:04d}/{i:09d}",
                    slug=f"b{org.pk:04d}-{i:09d}",
                    title=f"关于做好第{i}号工作的通知",
                    written_on=written,
                    published_at=datetime.combine(day, datetime.min.time(), tzinfo=tz) + timedelta(hours=9),
                    topic_id=rng.choice(topics),
                    genre_id=normative_genre if kind else genre,
                    statutory_class=rng.choice(classes),
                    is_normative=bool(kind),
                    normative_kind=kind,
                    validity=validity,
                    validity_changed_on=changed,
                    status="published" if rng.random() < 0.97 else "withdrawn",
                    withdrawal_reason="",
                    is_late=rng.random() < 0.05,
                )
            )
        for item in rows:
            if item.status == "withdrawn":
                item.withdrawal_reason = "内容已过时"
        with transaction.atomic():
            created = Item.objects.bulk_create(rows)
            links = [
                through(item_id=it.pk, focusarea_id=rng.choice(focus)) for it in created if rng.random() < 0.2
            ]
            through.objects.bulk_create(links)
            Publication.objects.bulk_create(
                [
                    Publication(
                        item_id=it.pk,
                        org_id=it.org_id,
                        channel="website",
                        published_on=it.published_at.date(),
                    )
                    for it in created
                ]
            )
        if (lo // batch) % 20 == 0:
            print(f"    {lo + len(rows):,} items ({time.perf_counter() - t0:.0f} s)", flush=True)
    with transaction.atomic():
        extra = []
        for org in orgs:
            for m in range(1, 13):
                for channel in ("weibo", "wechat", "gazette"):
                    extra.append(
                        Publication(
                            org_id=org.pk,
                            channel=channel,
                            published_on=date(2025, m, 15),
                            count=rng.randrange(1, 40),
                        )
                    )
        Publication.objects.bulk_create(extra)
    outcomes = list(Outcome.values)
    outcome_weights = [40, 15] + [1] * 8 + [8, 3, 1] + [2, 2, 1, 1, 1] + [2, 1, 3]
    types = ["natural", "commercial", "research", "social_welfare", "legal_services", "other"]
    type_weights = [80, 8, 1, 1, 6, 4]
    existing = Application.objects.count()
    print(f"  inserting {n_apps - existing:,} applications…", flush=True)
    for lo in range(existing, n_apps, batch):
        rows = []
        for i in range(lo, min(lo + batch, n_apps)):
            org = rng.choices(orgs, weights)[0]
            received = start + timedelta(days=rng.randrange(span))
            closed = received + timedelta(days=rng.randrange(0, 45))
            is_open = closed > date(2025, 12, 31) or rng.random() < 0.01
            rows.append(
                Application(
                    org_id=org.pk,
                    tracking_no=f"B{i:012d}",
                    query_code_hash="x",
                    channel="online",
                    applicant_type=rng.choices(types, type_weights)[0],
                    applicant_name="申请人",
                    phone="13800000000",
                    applicant_key=f"k{i % 50000}",
                    info_title="某政府信息",
                    delivery_form="electronic",
                    delivery_method="online",
                    received_on=received,
                    due_on=received + timedelta(days=28),
                    status="in_progress" if is_open else "closed",
                    closed_on=None if is_open else closed,
                    outcome="" if is_open else rng.choices(outcomes, outcome_weights)[0],
                )
            )
        with transaction.atomic():
            created = Application.objects.bulk_create(rows)
            remedies, fees = [], []
            for app in created:
                if app.closed_on and rng.random() < 0.01:
                    kind = rng.choice(
                        ["reconsideration", "litigation_direct", "litigation_after_reconsideration"]
                    )
                    filed = app.closed_on + timedelta(days=rng.randrange(5, 60))
                    decided = filed + timedelta(days=rng.randrange(30, 120))
                    result = rng.choice(["upheld", "corrected", "other"])
                    remedies.append(
                        Remedy(
                            application_id=app.pk,
                            kind=kind,
                            filed_on=filed,
                            report_year=filed.year,
                            result=result,
                            decided_on=decided,
                        )
                    )
                if rng.random() < 0.005:
                    fees.append(
                        Fee(
                            application_id=app.pk,
                            method="per_application",
                            amount=100,
                            paid_on=app.received_on + timedelta(days=5),
                        )
                    )
            Remedy.objects.bulk_create(remedies)
            Fee.objects.bulk_create(fees)
    from django.db import connection

    if dropped:
        print(f"  re-creating {len(dropped)} indexes…", flush=True)
    with connection.cursor() as cur:
        for sql in dropped:
            cur.execute(sql)
        cur.execute("ANALYZE")
    return time.perf_counter() - t0, root


BULK_TABLES = ["catalog_item", "catalog_publication", "catalog_item_focus_areas", "foi_application"]


def _drop_secondary_indexes() -> list[str]:
    """Drop the secondary (non-constraint) indexes of the bulk tables for the insert; return their DDL to
    re-create them afterwards (bulk loading into indexed tables is several times slower)."""
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("PRAGMA synchronous = OFF")
            marks = ",".join(["%s"] * len(BULK_TABLES))
            cur.execute(
                f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
                BULK_TABLES,
            )
            rows = cur.fetchall()
            for name, _sql in rows:
                cur.execute(f'DROP INDEX "{name}"')
        else:
            cur.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname "
                "WHERE i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)",
                [BULK_TABLES],
            )
            rows = cur.fetchall()
            for name, _sql in rows:
                cur.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in rows]


def measure(engine: str, url: str, n_items: int, n_apps: int) -> None:
    ensure_database(url)
    setup(url)
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from gongkai.catalog.models import Item
    from gongkai.foi.models import Application
    from gongkai.reports import builder, dashboard, exports
    from gongkai.reports.models import Scope

    insert_s, root = populate(n_items, n_apps)
    print(f"[{engine}] items={Item.objects.count():,} applications={Application.objects.count():,}"
          + (f" (inserted in {insert_s:.0f} s)" if insert_s else " (reused)"), flush=True)  # fmt: skip
    timings, cpu = [], []
    report = None
    load_before = os.getloadavg()[0]
    for _ in range(4):
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            t, c = time.perf_counter(), time.process_time()
            report = builder.build_annual(org=root, year=2025, scope=Scope.REGION)
            timings.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
    queries = len(ctx.captured_queries)
    cold, warm = timings[0], statistics.median(timings[1:])
    verdict = "OK" if max(cold, warm) <= TARGET_SECONDS else "SLOW"
    print(f"[{engine}] annual report (region, 2025): cold {cold:.2f} s, warm median {warm:.2f} s, "
          f"{queries} queries  [{verdict}: target <= {TARGET_SECONDS:.0f} s]", flush=True)  # fmt: skip
    # SQLite runs inside this process: its CPU time is what the build costs on an idle machine. On a shared
    # machine (load average > number of cores) the wall time above is inflated accordingly.
    print(f"[{engine}]   this process's CPU time per build: {statistics.median(cpu[1:]):.2f} s; "
          f"load average {load_before:.1f} on {os.cpu_count()} cores", flush=True)  # fmt: skip
    p = report["proactive"]
    print(f"[{engine}]   proactive 2025: {p['total']:,} items ({p['normative']:,} normative, {p['late']:,} late); "
          f"applications received {report['table3']['rows']['received']['total']:,}, "
          f"closed {report['table3']['rows']['outcome_total']['total']:,}; checks "
          f"{'all passed' if all(c['passed'] for c in report['checks']) else 'FAILED'}")  # fmt: skip
    for label, fn in (
        (
            "monthly figures",
            lambda: builder.build_periods(org=root, year=2025, scope=Scope.REGION, kind="month"),
        ),
        (
            "dashboard",
            lambda: dashboard.statistics(root, Scope.REGION, 2025, today=timezone.localdate(), staff=True),
        ),
        ("XLSX export", lambda: exports.to_xlsx(report)),
        ("DOCX export", lambda: exports.to_docx(report)),
    ):
        t = time.perf_counter()
        fn()
        print(f"[{engine}]   {label}: {time.perf_counter() - t:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--apps", type=int, default=100_000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    urls = {"sqlite": f"sqlite:///{OUT / f'reports-{args.items}.sqlite3'}", "postgres": PG_URL}
    if args.child:
        measure(args.engine, urls[args.engine], args.items, args.apps)
        return
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    for engine in engines:
        cmd = [
            sys.executable,
            __file__,
            "--child",
            "--engine",
            engine,
            "--items",
            str(args.items),
            "--apps",
            str(args.apps),
        ]
        subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
