"""Documents benchmark: attachment-search recall against a substring oracle, and OCR throughput.

    .venv/bin/python bench/documents.py                       # SQLite (bench/out/documents.sqlite3)
    .venv/bin/python bench/documents.py --database postgres://postgres@127.0.0.1:5432/gk_documents_bench
    .venv/bin/python bench/documents.py --files 400 --scanned 20

A corpus of generated files (text PDFs and DOCX alternately, and image-only PDFs rendered from text with a
CJK font: "scans") is made from passages of ../shared/data/documents.jsonl.gz (built-in passages when it is
absent), read by the project's extractor (`gongkai.documents.extract`, OCR with Tesseract chi_sim for the
scans), indexed as attachments of search documents, and searched with `gongkai.search.selectors.search`
for substrings of the source texts (2-4 characters). Printed:
- recall: the share of (query, file) pairs of the oracle (the source text holds the query) that the search
  finds, for text files and for scans separately;
- OCR throughput: scanned pages read per second, in this process and through the bounded worker process
  (`gongkai.documents.runner`, what the background task uses), on this machine; text-layer pages per second.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "src"))


def setup(database: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DEBUG", "1")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=200, help="text files (PDF and DOCX)")
    parser.add_argument("--scanned", type=int, default=12, help="scanned pages (image-only PDFs)")
    parser.add_argument("--per-file", type=int, default=3, help="queries drawn from each file")
    parser.add_argument("--database", default="", help="DATABASE_URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    database = args.database
    if not database:
        path = OUT / "documents.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        database = f"sqlite:///{path}"
    setup(database)

    from django.db import connection

    from gongkai.documents import recall, runner, samples
    from gongkai.documents.extract import Limits, extract_bytes
    from gongkai.search.backends import get_backend

    shared = samples.SHARED_CORPUS.exists()
    print(
        f"corpus: {args.files} text files + {args.scanned} scanned pages from "
        f"{'../shared/data/documents.jsonl.gz' if shared else 'the built-in passages (shared data absent)'}"
    )
    print(f"database: {connection.vendor}; cores: {os.cpu_count()}; load: {os.getloadavg()[0]:.2f}")
    started = time.perf_counter()
    corpus = recall.build_corpus(files=args.files, scanned=args.scanned)
    print(f"generated in {time.perf_counter() - started:.1f} s")

    texts: list[str] = []
    text_seconds = ocr_seconds = 0.0
    text_pages = ocr_pages = 0
    for f in corpus:
        t = time.perf_counter()
        result = extract_bytes(f.data, f.kind)
        spent = time.perf_counter() - t
        texts.append(result.text)
        if f.scanned:
            ocr_seconds += spent
            ocr_pages += sum(1 for p in result.pages if p.method == "ocr")
        else:
            text_seconds += spent
            text_pages += len(result.pages)

    # The same scans through the bounded worker process (a process per file, as the background task does).
    worker_seconds = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for n, f in enumerate(c for c in corpus if c.scanned):
            path = Path(tmp, f"s{n}.pdf")
            path.write_bytes(f.data)
            t = time.perf_counter()
            outcome = runner.run(str(path), "pdf", limits=Limits(), timeout=600, memory_mb=2048)
            worker_seconds += time.perf_counter() - t
            assert outcome.ok, outcome.error

    backend = get_backend()
    backend.clear()
    from types import SimpleNamespace

    org = SimpleNamespace(pk=1, path="0001", name="基准测试机关")
    recall.index_documents(corpus, texts, org=org)
    queries = recall.queries(corpus, per_file=args.per_file)
    t = time.perf_counter()
    measured = recall.measure(corpus, queries)
    search_seconds = time.perf_counter() - t

    print()
    print(f"queries: {len(queries)} ({search_seconds / max(len(queries), 1) * 1000:.1f} ms each, full call)")
    print(f"attachment recall, text PDF/DOCX: {measured.text:.3f} ({measured.pairs_text} query-file pairs)")
    print(f"attachment recall, scanned pages (OCR): {measured.scanned:.3f} ({measured.pairs_scanned} pairs)")
    for q, name in measured.missed[:10]:
        print(f"  missed: {q!r} in {name}")
    if ocr_pages:
        print(
            f"OCR throughput: {ocr_pages / ocr_seconds:.2f} pages/s in process "
            f"({ocr_seconds / ocr_pages:.2f} s a page), "
            f"{args.scanned / worker_seconds:.2f} pages/s through the bounded worker"
        )
    if text_pages:
        print(f"text-layer/DOCX reading: {text_pages / text_seconds:.1f} pages/s in process")
    backend.clear()


if __name__ == "__main__":
    main()
