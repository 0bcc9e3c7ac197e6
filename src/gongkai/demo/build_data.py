"""Rebuild demo/data/catalog_documents.jsonl.gz from the shared corpus (documents.jsonl.gz).

    python -m gongkai.demo.build_data ../shared/data/documents.jsonl.gz

Keeps only what the demo city republishes (转载) under the real issuer: State Council regulations made or
amended since 2017, 辽宁省 and 清原/新宾 local regulations made or amended since 2017, and the State Council's
work reports since 2017. Regulations of other provinces and cities are left out: 抚顺市 would not republish them.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "catalog_documents.jsonl.gz"
FIRST_YEAR = 2017
LOCAL_ISSUERS = ("辽宁省", "抚顺市", "清原满族自治县", "新宾满族自治县")
DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def last_year(doc: dict) -> int | None:
    years = [int(y) for y, _m, _d in DATE_RE.findall(" ".join(doc.get("history") or []))]
    if doc["kind"] == "政府工作报告" and doc.get("written_on"):
        years.append(int(doc["written_on"][:4]))
    return max(years) if years else None


def keep(doc: dict) -> bool:
    year = last_year(doc)
    if year is None or year < FIRST_YEAR:
        return False
    if doc["kind"] in ("行政法规", "政府工作报告"):
        return True
    return doc["kind"] == "地方性法规" and (doc.get("issuer") or "") in LOCAL_ISSUERS


def main(source: str) -> None:
    kept = []
    with gzip.open(source, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            if keep(doc):
                kept.append(doc)
    kept.sort(key=lambda d: (d["kind"], d["title"]))
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        for doc in kept:
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"{len(kept)} documents, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/documents.jsonl.gz")
