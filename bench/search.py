"""Search benchmark: N synthetic catalog items built from real documents, one query mix, four engines.

    .venv/bin/python bench/search.py --n 100000            # all engines, prints the table
    nohup .venv/bin/python bench/search.py --n 1000000 > bench/out/search-1000000.txt 2>&1 &

Documents recombine paragraphs of ../shared/data/documents.jsonl.gz (skipped when absent) with realistic
titles, organisations (a province of cities, counties, departments, townships), dates and taxonomies.
Engines, each in its own process (Django binds one database per process):
- sqlite:   this project's `gongkai.search.selectors.search` on SQLite FTS5 (bench/out/search-N.sqlite3);
- postgres: the same call on PostgreSQL (database gk_search_bench at 127.0.0.1:5432, user postgres);
- naive:    Django `icontains` over title and body on the SQLite table: count, newest 20, facets;
- tantivy:  an in-process tantivy index of the same normalised text (pip install '.[bench]'): the
            near-limit reference, with the same work (count, top 20, facets by aggregation, snippets).
Printed per engine: build time, index size, p50/p95/max of the full search call (count + top 20 + snippets
+ facets) over the query mix, recall of the match set against a plain substring scan, and the SQL statements
one search sends (per query, and the most over the mix; counted on one more, untimed call).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pickle
import random
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("GONGKAI_SHARED_DATA", ROOT.parent / "shared" / "data")) / "documents.jsonl.gz"
OUT = ROOT / "bench" / "out"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/gk_search_bench")
REPEAT = 3
SAMPLE_ABOVE = int(os.environ.get("BENCH_SAMPLE_ABOVE", "50000"))

# (label, kind, query, filters) — filters are applied to the synthetic fields below.
QUERIES = [
    ("发展", "frequent", "发展", {}),
    ("管理", "frequent", "管理", {}),
    ("人民政府", "frequent", "人民政府", {}),
    ("税", "one-char", "税", {}),
    ("的", "one-char", "的", {}),
    ("矿", "one-char", "矿", {}),
    ("渔", "one-char", "渔", {}),
    ("冷湖天文", "rare", "冷湖天文", {}),
    ("棚户区改造", "rare", "棚户区改造", {}),
    ("最低生活保障", "rare", "最低生活保障", {}),
    ("宅基地", "rare", "宅基地", {}),
    ("環境保護(traditional)", "rare", "環境保護部門", {}),
    ("环境 保护", "two-term", "环境 保护", {}),
    ("安全 生产", "two-term", "安全 生产", {}),
    ("食品 监督", "two-term", "食品 监督", {}),
    ('"行政处罚"', "phrase", '"行政处罚"', {}),
    ('"保护和改善环境"', "phrase", '"保护和改善环境"', {}),
    ('"县级以上地方人民政府"', "phrase", '"县级以上地方人民政府"', {}),
    ("环境 -大气", "exclusion", "环境 -大气", {}),
    ("税 +city subtree", "filtered", "税", {"org_path": "00010003"}),
    ("环境保护 +2020", "filtered", "环境保护", {"year": 2020}),
    ("条例 +in_force", "filtered", "条例", {"validity": "in_force"}),
    ("管理 +topic+normative", "filtered", "管理", {"topic_code": "12", "normative": True}),
    ("发展 +dept", "filtered", "发展", {"org_id": 40}),
]


# --- Synthetic corpus ---------------------------------------------------------------------------------


def load_source():
    if not DATA.exists():
        print(f"SKIPPED: {DATA} not found (the benchmark needs ../shared/data/documents.jsonl.gz).")
        sys.exit(0)
    with gzip.open(DATA, "rt", encoding="utf-8") as source:
        docs = [json.loads(line) for line in source]
    paragraphs = [p.strip() for d in docs for p in d["body"].split("\n\n") if 20 <= len(p.strip()) <= 600]
    titles = [d["title"] for d in docs]
    return titles, paragraphs


def make_orgs():
    """A province: 14 cities, each with 12 departments and 6 counties; each county 8 departments and
    5 townships. Paths as treebeard's (steplen 4)."""
    orgs = []  # (id, path, name)
    n = 0

    def add(path, name):
        nonlocal n
        n += 1
        orgs.append((n, path, name))

    depts = [
        "发展和改革委员会",
        "教育局",
        "财政局",
        "生态环境局",
        "住房和城乡建设局",
        "交通运输局",
        "农业农村局",
        "卫生健康委员会",
        "市场监督管理局",
        "应急管理局",
        "自然资源局",
        "人力资源和社会保障局",
    ]
    add("0001", "辽海省人民政府")
    for c in range(14):
        cp = f"0001{c + 1:04d}"
        city = f"第{c + 1}市"
        add(cp, f"{city}人民政府")
        for d, dn in enumerate(depts):
            add(f"{cp}{d + 1:04d}", f"{city}{dn}")
        for k in range(6):
            kp = f"{cp}{k + 101:04d}"
            county = f"{city}第{k + 1}县"
            add(kp, f"{county}人民政府")
            for d, dn in enumerate(depts[:8]):
                add(f"{kp}{d + 1:04d}", f"{county}{dn}")
            for t in range(5):
                add(f"{kp}{t + 201:04d}", f"{county}第{t + 1}镇人民政府")
    return orgs


TOPICS = [("01", "综合政务"), ("0101", "政务公开"), ("02", "国民经济管理"), ("0201", "发展规划"),
          ("12", "城乡建设、环境保护"), ("1201", "环境监测、保护与治理"), ("13", "农业、林业、水利"),
          ("1301", "农业、畜牧业、渔业"), ("15", "财政、金融、审计"), ("1501", "税务")]  # fmt: skip
GENRES = [("notice", "通知"), ("opinion", "意见"), ("decision", "决定"), ("report", "报告"), ("rule", "办法")]
PREFIXES = ["关于印发", "关于", "关于进一步加强", "关于做好", "关于公布"]
SUFFIXES = ["的通知", "的意见", "的决定", "的公告", "实施方案", ""]


def make_docs(n: int, seed: int = 20260101):
    """The corpus as plain dicts (deterministic for a given n and seed)."""
    titles, paragraphs = load_source()
    orgs = make_orgs()
    rng = random.Random(seed)
    start = date(2010, 1, 1)
    span = (date(2025, 12, 31) - start).days
    docs = []
    for i in range(1, n + 1):
        org = orgs[rng.randrange(len(orgs))]
        k = rng.randint(6, 18)
        body = "\n\n".join(paragraphs[rng.randrange(len(paragraphs))] for _ in range(k))
        base = titles[rng.randrange(len(titles))]
        title = f"{org[2]}{rng.choice(PREFIXES)}{base}{rng.choice(SUFFIXES)}"
        topic = TOPICS[rng.randrange(len(TOPICS))]
        genre = GENRES[rng.randrange(len(GENRES))]
        normative = rng.random() < 0.2
        docs.append(
            {
                "item_id": i,
                "title": title,
                "body": body,
                "day": start + timedelta(days=rng.randrange(span)),
                "org_id": org[0],
                "org_path": org[1],
                "org_name": org[2],
                "topic_code": topic[0],
                "topic_parent_code": topic[0][:2] if len(topic[0]) > 2 else "",
                "topic_name": topic[1],
                "genre_code": genre[0],
                "genre_name": genre[1],
                "statutory_class": "a20_01" if normative else "a20_15",
                "validity": rng.choice(["in_force", "in_force", "in_force", "expired", "repealed"])
                if normative
                else "",
                "is_normative": normative,
                "doc_no": f"辽{i % 97}发〔{2010 + i % 16}〕{i % 300}号" if normative else "",
            }
        )
    return docs


def truth(docs, query: str, flt: dict) -> set[int]:
    """Plain substring scan: what a person would expect (the checks are on the raw text)."""
    pos, neg = [], []
    for part in query.split():
        if part.startswith("-"):
            neg.append(part[1:].strip('"'))
        else:
            pos.append(part.strip('"'))
    pos = [{"環境保護部門": "环境保护部门"}.get(p, p) for p in pos]  # the traditional query's simplified form
    out = set()
    for d in docs:
        if flt and not _passes(d, flt):
            continue
        t, b = d["title"], d["body"]
        if all(p in t or p in b or p in d["doc_no"] for p in pos) and not any(x in t or x in b for x in neg):
            out.add(d["item_id"])
    return out


def _passes(d, flt) -> bool:
    if "org_path" in flt and not d["org_path"].startswith(flt["org_path"]):
        return False
    if "org_id" in flt and d["org_id"] != flt["org_id"]:
        return False
    if "year" in flt and d["day"].year != flt["year"]:
        return False
    if "validity" in flt and d["validity"] != flt["validity"]:
        return False
    if "topic_code" in flt and flt["topic_code"] not in (d["topic_code"], d["topic_parent_code"]):
        return False
    return not (flt.get("normative") and not d["is_normative"])


def to_filters(flt: dict):
    from gongkai.search.backends import Filters

    return Filters(
        org_path=flt.get("org_path"),
        org_id=flt.get("org_id"),
        topic_code=flt.get("topic_code", ""),
        validity=flt.get("validity", ""),
        normative_only=bool(flt.get("normative")),
        date_from=date(flt["year"], 1, 1) if "year" in flt else None,
        date_to=date(flt["year"], 12, 31) if "year" in flt else None,
    )


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    f = int(k)
    return values[f] if f + 1 >= len(values) else values[f] + (values[f + 1] - values[f]) * (k - f)


# --- Engines (one per process) ------------------------------------------------------------------------


def _django(url: str):
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-that-is-long-enough-0123456789-abcdefghij")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def to_doc(d):
    from gongkai.search.documents import Doc

    return Doc(url=f"/xxgk/{d['item_id']}/", org_code="", **d)


def run_project(engine: str, n: int, docs, truths) -> dict:
    previous = OUT / f"result-{n}-{engine}.json"
    reuse = os.environ.get("BENCH_REUSE") == "1" and previous.exists()
    if engine == "sqlite":
        path = OUT / f"search-{n}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            if not reuse:
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        _django(f"sqlite:///{path}")
    else:
        base, name = PG_URL.rsplit("/", 1)
        if not reuse:
            subprocess.run(["psql", f"{base}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
            subprocess.run(["psql", f"{base}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
        _django(PG_URL)
    from django.db import connection, transaction

    from gongkai.search import selectors
    from gongkai.search.backends import Tier, get_backend
    from gongkai.search.query import parse

    backend = get_backend()
    if reuse:  # BENCH_REUSE=1: measure the queries again on the index built by the previous run
        before = json.loads(previous.read_text())
        print(f"[{engine}] reusing the index built before ({before['build_s']:.0f}s)", flush=True)
        return _measure(
            engine,
            lambda q, f: selectors.search(q=q, filters=to_filters(f)),
            lambda q, f: {
                r.key & 0xFFFFFFFF
                for r in backend.hits(tier=Tier.ALL, query=parse(q), filters=to_filters(f), limit=10**9,
                                      **dict(zip(("key_lo", "key_hi"), _range(f), strict=True)))
            },
            truths, before["build_s"], before["size"], ids_are_inverted=True,
        )  # fmt: skip
    t0 = time.perf_counter()
    with transaction.atomic():
        backend.clear()
        ordered = sorted(docs, key=lambda d: (-d["day"].toordinal(), -d["item_id"]))  # key order
        for _ in backend.bulk_load(to_doc(d) for d in ordered):
            pass
    t_load = time.perf_counter() - t0
    with transaction.atomic():
        backend.finish_bulk()
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE search_document")
            c.execute("VACUUM ANALYZE search_match")
    build = time.perf_counter() - t0
    size = backend.index_size()
    print(f"[{engine}] built {n} in {build:.1f}s (load {t_load:.1f}s), {size / 1e6:.0f} MB", flush=True)
    return _measure(
        engine,
        lambda q, f: selectors.search(q=q, filters=to_filters(f)),
        lambda q, f: {
            r.key & 0xFFFFFFFF
            for r in backend.hits(
                tier=Tier.ALL,
                query=parse(q),
                filters=to_filters(f),
                limit=10**9,
                **dict(zip(("key_lo", "key_hi"), _range(f), strict=True)),
            )
        },
        truths,
        build,
        size,
        ids_are_inverted=True,
    )


def _range(flt):
    from gongkai.search.models import key_range

    f = to_filters(flt)
    return key_range(date_from=f.date_from, date_to=f.date_to)


def _measure(
    engine, call, match_set, truths, build, size, ids_are_inverted=False, repeat=REPEAT, warm=True
) -> dict:
    samples, per_query = [], {}
    for label, _kind, q, flt in QUERIES:
        if warm:
            call(q, flt)
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            res = call(q, flt)
            times.append((time.perf_counter() - t) * 1000)
        samples += times
        statements = _statements(call, q, flt)
        found = res["ids"] if isinstance(res, dict) and "ids" in res else match_set(q, flt)
        if found is None:  # too many to list: compare the count (same normalised text, phrase semantics)
            found = truths[label] if res["total"] == len(truths[label]) else set()
        if ids_are_inverted:
            found = {0xFFFFFFFF - x for x in found}
        expected = truths[label]
        recall = len(found & expected) / len(expected) if expected else 1.0
        total = getattr(res, "total", None) if not isinstance(res, dict) else res.get("total")
        est = getattr(res, "total_is_estimate", False)
        per_query[label] = {
            "ms": statistics.median(times),
            "max": max(times),
            "recall": recall,
            "truth": len(expected),
            "found": len(found),
            "total": total,
            "estimate": est,
            "statements": statements,
        }
        print(
            f"[{engine}] {label:<24} {statistics.median(times):8.1f} ms  recall {recall:.3f}  "
            f"truth {len(expected)} shown {total}{' (est)' if est else ''}"
            + (f"  {statements} SQL statements" if statements is not None else ""),
            flush=True,
        )
    return {
        "load_avg": os.getloadavg()[0],
        "engine": engine,
        "build_s": build,
        "size": size,
        "p50": percentile(samples, 50),
        "p95": percentile(samples, 95),
        "max": max(samples),
        "recall_min": min(v["recall"] for v in per_query.values()),
        "statements_max": max((v["statements"] or 0 for v in per_query.values()), default=0) or None,
        "queries": per_query,
    }


def _statements(call, q, flt) -> int | None:
    """SQL statements sent by one more (untimed) call of a Django engine; None for tantivy."""
    from django.apps import apps

    if not apps.ready:
        return None
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call(q, flt)
    return len(captured)


def run_naive(n: int, docs, truths) -> dict:
    _django(f"sqlite:///{OUT / f'search-{n}.sqlite3'}")
    from collections import Counter

    from django.db.models import Q

    from gongkai.search.models import SearchDocument

    def qs(q, flt):
        items = SearchDocument.objects.all()
        for part in q.split():
            if part.startswith("-"):
                t = part[1:].strip('"')
                items = items.exclude(Q(title__icontains=t) | Q(body__icontains=t))
            else:
                t = {"環境保護部門": "环境保护部门"}.get(part.strip('"'), part.strip('"'))
                items = items.filter(Q(title__icontains=t) | Q(body__icontains=t) | Q(doc_no__icontains=t))
        if "org_path" in flt:
            items = items.filter(org_path__startswith=flt["org_path"])
        if "org_id" in flt:
            items = items.filter(org_id=flt["org_id"])
        if "year" in flt:
            items = items.filter(year=flt["year"])
        if "validity" in flt:
            items = items.filter(validity=flt["validity"])
        if "topic_code" in flt:
            items = items.filter(Q(topic_code=flt["topic_code"]) | Q(topic_parent_code=flt["topic_code"]))
        if flt.get("normative"):
            items = items.filter(is_normative=True)
        return items

    def call(q, flt):
        items = qs(q, flt)
        rows = list(items.values_list("item_id", "org_id", "topic_code", "year"))
        facets = (Counter(r[1] for r in rows), Counter(r[2] for r in rows), Counter(r[3] for r in rows))
        top = list(items.order_by("key").values("title", "body")[:20])
        return {"total": len(rows), "facets": facets, "top": top, "ids": {r[0] for r in rows}}

    def match_set(q, flt):
        return set(qs(q, flt).values_list("item_id", flat=True))

    big = n > 200_000
    return _measure(
        "naive icontains", call, match_set, truths, 0.0, 0, repeat=1 if big else REPEAT, warm=not big
    )


def run_tantivy(n: int, docs, truths) -> dict:
    try:
        import tantivy
    except ImportError:
        print("[tantivy] SKIPPED: pip install '.[bench]'")
        return {}
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-that-is-long-enough-0123456789-abcdefghij")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from gongkai.search.query import parse
    from gongkai.search.snippets import snippet
    from gongkai.search.text import spaced

    path = OUT / f"tantivy-{n}"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("text", stored=False, tokenizer_name="default", index_option="position")
    sb.add_text_field("tags", stored=False, tokenizer_name="default", index_option="basic")
    sb.add_integer_field("id", stored=True, fast=True, indexed=True)
    sb.add_integer_field("day", fast=True, indexed=True)
    sb.add_integer_field("org", fast=True)
    sb.add_integer_field("year", fast=True, indexed=True)
    sb.add_text_field("topic", fast=True, tokenizer_name="raw", stored=False)
    schema = sb.build()
    index = tantivy.Index(schema, path=str(path))
    t0 = time.perf_counter()
    writer = index.writer(heap_size=1_000_000_000, num_threads=2)
    by_id = {}
    for d in docs:
        by_id[d["item_id"]] = d
        tags = to_doc(d).tags()  # the same filter tags as the project's index
        writer.add_document(
            tantivy.Document(
                text=spaced(d["title"]) + " zzsep " + spaced(d["doc_no"]) + " zzsep " + spaced(d["body"]),
                tags=" ".join(tags),
                id=d["item_id"],
                day=-d["day"].toordinal(),
                org=d["org_id"],
                year=d["day"].year,
                topic=d["topic_code"],
            )
        )
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    build = time.perf_counter() - t0
    size = sum(f.stat().st_size for f in path.iterdir())
    searcher = index.searcher()

    def build_query(q, flt):
        parsed = parse(q)
        musts = []
        for t in parsed.terms:
            chars = list(t.norm)
            musts.append(
                tantivy.Query.term_query(schema, "text", chars[0])
                if len(chars) == 1
                else tantivy.Query.phrase_query(schema, "text", chars)
            )
        for tag in to_filters(flt).tags():
            musts.append(tantivy.Query.term_query(schema, "tags", tag))
        if "year" in flt:
            musts.append(
                tantivy.Query.range_query(schema, "year", tantivy.FieldType.Integer, flt["year"], flt["year"])
            )
        clauses = [(tantivy.Occur.Must, m) for m in musts]
        for t in parsed.excluded:
            chars = list(t.norm)
            clauses.append(
                (
                    tantivy.Occur.MustNot,
                    tantivy.Query.term_query(schema, "text", chars[0])
                    if len(chars) == 1
                    else tantivy.Query.phrase_query(schema, "text", chars),
                )
            )
        return tantivy.Query.boolean_query(clauses), parsed

    aggs = {
        "org": {"terms": {"field": "org", "size": 12}},
        "topic": {"terms": {"field": "topic", "size": 12}},
        "year": {"terms": {"field": "year", "size": 30}},
    }

    def call(q, flt):
        query, parsed = build_query(q, flt)
        res = searcher.search(query, limit=20, count=True, order_by_field="day", order=tantivy.Order.Desc)
        facets = searcher.aggregate(query, aggs)
        terms = tuple(t.norm for t in parsed.terms)
        snips = [snippet(by_id[searcher.doc(a)["id"][0]]["body"], terms) for _k, a in res.hits]
        return {"total": res.count, "facets": facets, "snippets": snips}

    def match_set(q, flt):
        query, _ = build_query(q, flt)
        if searcher.search(query, limit=1, count=True).count > SAMPLE_ABOVE:
            # Too many to list through Python: check a sample of 1,000 expected documents one by one.
            label = next(x[0] for x in QUERIES if x[2] == q and x[3] == flt)
            sample = random.Random(1).sample(sorted(truths[label]), min(1000, len(truths[label])))
            hit = {
                i
                for i in sample
                if searcher.search(
                    tantivy.Query.boolean_query(
                        [
                            (tantivy.Occur.Must, query),
                            (tantivy.Occur.Must, tantivy.Query.term_query(schema, "id", i)),
                        ]
                    ),
                    limit=1,
                ).hits
            }
            return hit | (truths[label] - set(sample)) if len(hit) == len(sample) else hit
        res = searcher.search(query, limit=max(1, len(docs)), count=False)
        return {searcher.doc(a)["id"][0] for _s, a in res.hits}

    print(f"[tantivy] built {n} in {build:.1f}s, {size / 1e6:.0f} MB", flush=True)
    return _measure("tantivy (reference)", call, match_set, truths, build, size)


# --- Driver -----------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--engines", default="sqlite,naive,postgres,tantivy")
    ap.add_argument("--engine", help=argparse.SUPPRESS)
    ap.add_argument("--table", action="store_true", help="print the table from the saved results only")
    args = ap.parse_args()
    if args.table:
        found = [OUT / f"result-{args.n}-{e}.json" for e in args.engines.split(",")]
        print_table(args.n, [json.loads(f.read_text()) for f in found if f.exists()])
        return
    OUT.mkdir(parents=True, exist_ok=True)
    truth_file = OUT / f"truth-{args.n}.pickle"
    if args.engine:
        reuse = os.environ.get("BENCH_REUSE") == "1" and args.engine in ("sqlite", "postgres")
        docs = [] if reuse else make_docs(args.n)
        truths = pickle.loads(truth_file.read_bytes())
        runner = {
            "sqlite": lambda: run_project("sqlite", args.n, docs, truths),
            "postgres": lambda: run_project("postgres", args.n, docs, truths),
            "naive": lambda: run_naive(args.n, docs, truths),
            "tantivy": lambda: run_tantivy(args.n, docs, truths),
        }[args.engine]
        result = runner()
        (OUT / f"result-{args.n}-{args.engine}.json").write_text(json.dumps(result, default=str))
        return
    t = time.perf_counter()
    docs = make_docs(args.n)
    chars = sum(len(d["title"]) + len(d["body"]) for d in docs)
    print(
        f"corpus: {args.n} documents, {chars / 1e6:.0f}M characters, built in {time.perf_counter() - t:.0f}s",
        flush=True,
    )
    truths = {label: truth(docs, q, flt) for label, _k, q, flt in QUERIES}
    truth_file.write_bytes(pickle.dumps(truths))
    docs.clear()
    results = []
    for engine in args.engines.split(","):
        subprocess.run([sys.executable, __file__, "--n", str(args.n), "--engine", engine], check=False)
        f = OUT / f"result-{args.n}-{engine}.json"
        if f.exists():
            results.append(json.loads(f.read_text()))
    print_table(args.n, results)


def print_table(n, results):
    results = [r for r in results if r]
    print(f"\n=== search benchmark: {n:,} documents (machine: {os.cpu_count()} cores) ===")
    print(
        f"{'engine':<22}{'build':>10}{'index':>10}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'recall':>8}"
        f"{'SQL/search':>12}"
    )
    for r in results:
        stmts = r.get("statements_max")
        print(
            f"{r['engine']:<22}{r['build_s']:>9.0f}s{r['size'] / 1e6:>8.0f}MB{r['p50']:>9.1f}"
            f"{r['p95']:>9.1f}{r['max']:>9.1f}{r['recall_min']:>8.3f}{'-' if stmts is None else f'≤ {stmts}':>12}"
            f"   load avg {r.get('load_avg', 0):.1f}"
        )
    labels = [q[0] for q in QUERIES]
    print("\nper query (median ms / recall; truth = substring-scan hits, shown = total on the page)")
    print(f"{'query':<24}{'truth':>8}" + "".join(f"  {r['engine'][:20]:>20}" for r in results))
    for label in labels:
        row = f"{label:<24}{results[0]['queries'][label]['truth']:>8}"
        for r in results:
            q = r["queries"].get(label)
            if q is None:
                row += f"{'(not run)':>22}"
                continue
            row += f"{q['ms']:9.1f} {q['recall']:.2f} {q['total'] or 0:>7}{'~' if q['estimate'] else ' '}"
        print(row)


if __name__ == "__main__":
    main()
