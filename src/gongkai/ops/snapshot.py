"""What a backup's manifest says about a database and its files, and how another copy is compared with it.

The same functions describe the snapshot when a backup is taken and the restored copy afterwards, each over a
plain DB-API connection (never Django's, whose type converters differ by backend), so two copies of the same
data on the same backend give the same figures:

- `tables`: every table with its row count and a SHA-256 over its rows in key order;
- `samples`: for each table with a primary key, up to `SAMPLE_SIZE` records spread over the key range, each
  with its own checksum (a wrong record is named, not just a wrong table);
- `files`: every file under the media and private roots with its size and SHA-256;
- `reports`: the figures of every published annual report (its frozen snapshot) as a checksum and a count.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SAMPLE_SIZE = 12
#: Tables that describe backups themselves: a backup's own run is written after its snapshot.
EXCLUDED = frozenset({"ops_backuprun"})
FETCH = 2000
Progress = Callable[[str, int], None]


def _default(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return str(value)


def canonical(row: Iterable[Any]) -> bytes:
    return json.dumps(list(row), default=_default, ensure_ascii=False, sort_keys=True).encode()


# --- Database access per vendor -------------------------------------------------------------------


class Reader:
    """Table names, keys and rows of one database over a DB-API connection."""

    vendor = ""
    param = ""  # the DB-API placeholder

    def __init__(self, conn) -> None:
        self.conn = conn

    def quote(self, name: str) -> str:
        return '"' + name.replace('"', '""') + '"'

    def tables(self) -> list[str]:
        raise NotImplementedError

    def columns(self, table: str) -> list[str]:
        raise NotImplementedError

    def primary_key(self, table: str) -> list[str]:
        raise NotImplementedError

    def rows(self, sql: str, params: tuple = ()) -> Iterator[tuple]:
        cur = self.conn.cursor()
        try:
            cur.execute(sql, params)
            while batch := cur.fetchmany(FETCH):
                yield from batch
        finally:
            cur.close()

    def scalar(self, sql: str, params: tuple = ()) -> Any:
        cur = self.conn.cursor()
        try:
            cur.execute(sql, params)
            row = cur.fetchone()
            return row[0] if row else None
        finally:
            cur.close()


class SqliteReader(Reader):
    vendor = "sqlite"
    param = "?"

    def tables(self) -> list[str]:
        # Virtual tables (FTS5) are skipped: their content is in their shadow tables, which are listed.
        return [
            r[0]
            for r in self.rows(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
            )
        ]

    def columns(self, table: str) -> list[str]:
        return [r[1] for r in self.rows(f"PRAGMA table_info({self.quote(table)})")]

    def primary_key(self, table: str) -> list[str]:
        info = [r for r in self.rows(f"PRAGMA table_info({self.quote(table)})") if r[5]]
        return [r[1] for r in sorted(info, key=lambda r: r[5])]


class PostgresReader(Reader):
    vendor = "postgresql"
    param = "%s"

    def tables(self) -> list[str]:
        return [
            r[0]
            for r in self.rows(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
            )
        ]

    def columns(self, table: str) -> list[str]:
        return [
            r[0]
            for r in self.rows(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = %s ORDER BY ordinal_position",
                (table,),
            )
        ]

    def primary_key(self, table: str) -> list[str]:
        return [
            r[0]
            for r in self.rows(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary "
                "ORDER BY array_position(i.indkey, a.attnum)",
                (self.quote(table),),
            )
        ]


def reader_for(vendor: str, conn) -> Reader:
    return {"sqlite": SqliteReader, "postgresql": PostgresReader}[vendor](conn)


# --- The description ------------------------------------------------------------------------------


@dataclass
class Description:
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    samples: dict[str, dict[str, str]] = field(default_factory=dict)
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"tables": self.tables, "samples": self.samples, "reports": self.reports, "files": self.files}


def _order(reader: Reader, table: str) -> tuple[list[str], str]:
    pk = reader.primary_key(table)
    cols = pk or reader.columns(table)
    return pk, ", ".join(reader.quote(c) for c in cols)


def describe_tables(reader: Reader, *, progress: Progress | None = None) -> tuple[dict, dict]:
    tables: dict[str, dict[str, Any]] = {}
    samples: dict[str, dict[str, str]] = {}
    for table in reader.tables():
        if table in EXCLUDED:
            continue
        pk, order = _order(reader, table)
        digest = hashlib.sha256()
        count = 0
        keys: list[Any] = []
        for row in reader.rows(f"SELECT * FROM {reader.quote(table)} ORDER BY {order}"):  # noqa: S608 (quoted catalog names)
            digest.update(canonical(row))
            digest.update(b"\n")
            count += 1
        tables[table] = {"rows": count, "sha256": digest.hexdigest()}
        if len(pk) == 1 and count:
            keys = sample_keys(reader, table, pk[0], count)
            samples[table] = {
                json.dumps(k, default=_default): hashlib.sha256(canonical(r)).hexdigest()
                for k, r in zip(keys, fetch_records(reader, table, pk[0], keys), strict=True)
                if r is not None  # read a moment ago from the same copy: always found
            }
        if progress:
            progress(table, count)
    return tables, samples


def sample_keys(reader: Reader, table: str, pk: str, count: int) -> list[Any]:
    """Up to SAMPLE_SIZE keys spread evenly over the table in key order (first and last included)."""
    if count <= SAMPLE_SIZE:
        positions = set(range(count))
    else:
        step = (count - 1) / (SAMPLE_SIZE - 1)
        positions = {round(i * step) for i in range(SAMPLE_SIZE)}
    q = reader.quote(pk)
    return [
        row[0]
        for n, row in enumerate(reader.rows(f"SELECT {q} FROM {reader.quote(table)} ORDER BY {q}"))  # noqa: S608 (quoted catalog names)
        if n in positions
    ]


def fetch_records(reader: Reader, table: str, pk: str, keys: list[Any]) -> list[tuple | None]:
    q = reader.quote(pk)
    found = {}
    for key in keys:
        rows = list(reader.rows(f"SELECT * FROM {reader.quote(table)} WHERE {q} = {reader.param}", (key,)))  # noqa: S608 (quoted catalog names)
        found[json.dumps(key, default=_default)] = rows[0] if rows else None
    return [found[json.dumps(k, default=_default)] for k in keys]


def _figures(value: Any) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int | float | decimal.Decimal):
        return 1
    if isinstance(value, dict):
        return sum(_figures(v) for v in value.values())
    if isinstance(value, list):
        return sum(_figures(v) for v in value)
    return 0


def describe_reports(reader: Reader) -> dict[str, dict[str, Any]]:
    """The frozen figures of every published annual report, in a form that does not depend on the backend."""
    if "reports_annualreport" not in reader.tables():
        return {}
    reports = {}
    for pk, org_id, year, scope, snap in reader.rows(
        "SELECT id, org_id, year, scope, snapshot FROM reports_annualreport WHERE status = 'published' "
        "ORDER BY id"
    ):
        data = json.loads(snap) if isinstance(snap, str | bytes) else snap
        reports[str(pk)] = {
            "org_id": org_id,
            "year": year,
            "scope": scope,
            "figures": _figures(data),
            "sha256": hashlib.sha256(canonical([data])).hexdigest(),
        }
    return reports


def describe_files(roots: dict[str, Path], *, progress: Progress | None = None) -> dict[str, dict[str, Any]]:
    """Every regular file under each named root: "media/catalog/2026/01/x.pdf" → size and SHA-256."""
    files: dict[str, dict[str, Any]] = {}
    for name, root in roots.items():
        for path in walk(root):
            files[f"{name}/{path.relative_to(root).as_posix()}"] = {
                "size": path.stat().st_size,
                "sha256": file_sha256(path),
            }
            if progress:
                progress(path.name, path.stat().st_size)
    return files


def walk(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    found = []
    for dirpath, _dirs, names in os.walk(root):
        for n in names:
            p = Path(dirpath) / n
            if p.is_file() and not p.is_symlink():
                found.append(p)
    return sorted(found)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# --- Comparison -----------------------------------------------------------------------------------


@dataclass
class Comparison:
    """What was compared and every difference found, by part."""

    compared: dict[str, int] = field(default_factory=dict)
    differences: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(self.differences.values())

    def lines(self) -> list[str]:
        labels = {
            "tables": "表（记录数与校验和）",
            "rows": "记录",
            "samples": "抽样记录校验和",
            "files": "文件",
            "reports": "已发布年度报告",
            "figures": "年度报告数字",
        }
        out = []
        for part, label in labels.items():
            if part not in self.compared:
                continue
            diffs = self.differences.get(part, [])
            out.append(f"{label}：比较 {self.compared[part]:,} 项，差异 {len(diffs)} 项")
            out.extend(f"  - {d}" for d in diffs[:50])
            if len(diffs) > 50:
                out.append(f"  …另有 {len(diffs) - 50} 项")
        return out


def compare(expected: dict[str, Any], actual: Description, *, files: bool = True) -> Comparison:
    result = Comparison()
    exp_tables, act_tables = expected["tables"], actual.tables
    diffs, row_diffs = [], []
    for name in sorted(set(exp_tables) | set(act_tables)):
        e, a = exp_tables.get(name), act_tables.get(name)
        if e is None:
            diffs.append(f"{name}：备份中没有这张表")
        elif a is None:
            diffs.append(f"{name}：缺少这张表（备份中 {e['rows']} 条）")
            row_diffs.append(f"{name}：缺少 {e['rows']} 条")
        elif e["rows"] != a["rows"]:
            diffs.append(f"{name}：备份 {e['rows']} 条，现有 {a['rows']} 条")
            row_diffs.append(f"{name}：相差 {a['rows'] - e['rows']:+d} 条")
        elif e["sha256"] != a["sha256"]:
            diffs.append(f"{name}：记录数相同但内容校验和不同")
    result.compared["tables"] = len(exp_tables)
    result.compared["rows"] = sum(t["rows"] for t in exp_tables.values())
    result.differences["tables"] = diffs
    result.differences["rows"] = row_diffs

    diffs = []
    count = 0
    for table, records in expected["samples"].items():
        got = actual.samples.get(table, {})
        for key, sha in records.items():
            count += 1
            if got.get(key) != sha:
                diffs.append(f"{table} 主键 {key}：{'缺少' if key not in got else '内容不同'}")
    result.compared["samples"] = count
    result.differences["samples"] = diffs

    if files:
        diffs = []
        for name, meta in expected["files"].items():
            file = actual.files.get(name)
            if file is None:
                diffs.append(f"{name}：缺少")
            elif file["sha256"] != meta["sha256"]:
                diffs.append(f"{name}：内容不同")
        result.compared["files"] = len(expected["files"])
        result.differences["files"] = diffs

    diffs = []
    for pk, meta in expected["reports"].items():
        report = actual.reports.get(pk)
        if report is None:
            diffs.append(f"年度报告 {pk}（{meta['year']}年）：缺少")
        elif report["sha256"] != meta["sha256"]:
            diffs.append(f"年度报告 {pk}（{meta['year']}年）：数字不同")
    result.compared["reports"] = len(expected["reports"])
    result.compared["figures"] = sum(r["figures"] for r in expected["reports"].values())
    result.differences["reports"] = diffs
    return result


def sample_actual(reader: Reader, expected_samples: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """The checksums of the records the manifest sampled, read from another copy by the same keys."""
    out: dict[str, dict[str, str]] = {}
    tables = set(reader.tables())
    for table, records in expected_samples.items():
        if table not in tables:
            continue
        pk = reader.primary_key(table)
        if len(pk) != 1:
            continue
        keys = [json.loads(k) for k in records]
        rows = fetch_records(reader, table, pk[0], keys)
        out[table] = {
            json.dumps(k, default=_default): hashlib.sha256(canonical(r)).hexdigest()
            for k, r in zip(keys, rows, strict=True)
            if r is not None
        }
    return out
