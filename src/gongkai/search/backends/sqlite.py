"""SQLite FTS5 backend: one token per character, contentless tables, rowid = document key.

A term becomes an FTS5 phrase of its characters ("环 境 保 护"), which matches exactly where the characters
occur consecutively: a substring match at any length. Filters are tokens of the same index (AND), a date
range is a rowid range, and FTS5 walks rowids in order, so "the first N in key order" stops early.
The MATCH expression is built only from normalised letters and digits and our own tag words, each quoted:
nothing a person types reaches FTS5's syntax.
"""

from __future__ import annotations

import multiprocessing
import operator
from collections import deque
from collections.abc import Iterable, Iterator

from django.db import connection

from gongkai.search.backends.base import STORED_COLUMNS, Backend, Filters, HitRow, Tier
from gongkai.search.documents import Doc
from gongkai.search.query import ParsedQuery

_INSERT_DOC = "INSERT INTO search_document ({cols}) VALUES ({marks})".format(  # noqa: S608 - identifiers are constants; values are parameters
    cols=", ".join(STORED_COLUMNS), marks=", ".join(["%s"] * len(STORED_COLUMNS))
)


def _phrase(chars: str) -> str:
    return '"' + " ".join(chars).replace('"', '""') + '"'


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def match_expression(*, positive: list[str], tags: list[str], excluded: list[str]) -> str:
    parts = [_phrase(p) for p in positive] + [_quote(t) for t in tags]
    expr = " AND ".join(parts)
    if excluded:
        expr = f"({expr}) NOT ({' OR '.join(_phrase(e) for e in excluded)})"
    return expr


class SQLiteBackend(Backend):
    vendor = "sqlite"

    # --- writing --------------------------------------------------------------------------------------
    def _remove(self, cursor, row: dict) -> None:
        old = Doc.from_row(row)
        cursor.execute(
            "INSERT INTO search_fts(search_fts, rowid, text) VALUES ('delete', %s, %s)",
            [row["key"], old.fts_text()],
        )
        cursor.execute(
            "INSERT INTO search_title_fts(search_title_fts, rowid, text) VALUES ('delete', %s, %s)",
            [row["key"], old.fts_title()],
        )
        cursor.execute("DELETE FROM search_document WHERE key = %s", [row["key"]])

    def _stored(self, cursor, item_id: int) -> dict | None:
        cursor.execute(
            f"SELECT {', '.join(STORED_COLUMNS)} FROM search_document WHERE item_id = %s",  # noqa: S608
            [item_id],
        )
        found = cursor.fetchone()
        return dict(zip(STORED_COLUMNS, found, strict=True)) if found else None

    def _insert(self, cursor, docs: list[Doc]) -> None:
        self._insert_prepared(cursor, _prepare(docs))

    def _insert_prepared(self, cursor, prepared: tuple[list, list, list]) -> None:
        """Write prepared rows in key order: FTS5 flushes its pending terms to a new segment whenever a rowid
        is lower than the one before, so an unordered batch (an import's keys follow the file, not the
        date) writes many tiny segments and merges them again, twice the work of an ordered one."""
        rows, texts, titles = prepared
        first = operator.itemgetter(0)
        rows, texts, titles = sorted(rows, key=first), sorted(texts, key=first), sorted(titles, key=first)
        cursor.executemany(_INSERT_DOC, rows)
        cursor.executemany("INSERT INTO search_fts(rowid, text) VALUES (%s, %s)", texts)
        cursor.executemany("INSERT INTO search_title_fts(rowid, text) VALUES (%s, %s)", titles)

    def upsert(self, doc: Doc) -> None:
        with connection.cursor() as cursor:
            row = self._stored(cursor, doc.item_id)
            if row is not None:
                self._remove(cursor, row)
            self._insert(cursor, [doc])

    def upsert_many(self, docs: list[Doc]) -> None:
        if not docs:
            return
        with connection.cursor() as cursor:
            ids = [d.item_id for d in docs]
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                cursor.execute(
                    f"SELECT {', '.join(STORED_COLUMNS)} FROM search_document "  # noqa: S608 - constants
                    f"WHERE item_id IN ({', '.join(['%s'] * len(chunk))})",
                    chunk,
                )
                for found in cursor.fetchall():
                    self._remove(cursor, dict(zip(STORED_COLUMNS, found, strict=True)))
            self._insert(cursor, docs)

    def delete(self, item_id: int) -> bool:
        with connection.cursor() as cursor:
            row = self._stored(cursor, item_id)
            if row is None:
                return False
            self._remove(cursor, row)
            return True

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_document")
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
            cursor.execute("INSERT INTO search_title_fts(search_title_fts) VALUES ('delete-all')")

    def bulk_load(self, docs: Iterable[Doc], *, batch: int = 2000) -> Iterator[int]:
        """Fastest in key order (newest first). The text is prepared in a second process while this one
        writes; FTS5 segments are merged once, by finish_bulk()."""
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -524288")  # 512 MB for this connection while loading
            for table in ("search_fts", "search_title_fts"):
                cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES ('automerge', 0)")  # noqa: S608
                cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES ('crisismerge', 2000)")  # noqa: S608
            # Batches are read here (the caller's iterator may use the database) and prepared there.
            with multiprocessing.get_context("fork").Pool(1) as pool:
                pending: deque = deque()
                for chunk in _batches(docs, batch):
                    pending.append(pool.apply_async(_prepare, (chunk,)))
                    if len(pending) >= 2:
                        prepared = pending.popleft().get()
                        self._insert_prepared(cursor, prepared)
                        yield len(prepared[0])
                while pending:
                    prepared = pending.popleft().get()
                    self._insert_prepared(cursor, prepared)
                    yield len(prepared[0])

    def finish_bulk(self) -> None:
        with connection.cursor() as cursor:
            for table in ("search_fts", "search_title_fts"):
                cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES ('automerge', 4)")  # noqa: S608
                cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES ('crisismerge', 16)")  # noqa: S608
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            cursor.execute("INSERT INTO search_title_fts(search_title_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE search_document")

    # --- reading --------------------------------------------------------------------------------------
    def hits(
        self,
        *,
        tier: Tier,
        query: ParsedQuery,
        filters: Filters,
        key_lo: int | None,
        key_hi: int | None,
        limit: int,
        probe_density: float | None = None,
    ) -> list[HitRow]:
        tags = filters.tags()
        terms = [t.norm for t in query.terms]
        excluded = [t.norm for t in query.excluded]
        if tier in (Tier.TITLE_PHRASE, Tier.PHRASE):
            terms = [query.phrase or terms[0]]
        table = "search_title_fts" if tier in (Tier.TITLE, Tier.TITLE_PHRASE) else "search_fts"
        title_only = table == "search_title_fts"
        expr = match_expression(positive=terms, tags=tags, excluded=[] if title_only else excluded)
        sql = [
            f"SELECT d.key, d.org_id, d.topic_code, d.year FROM {table} f",  # noqa: S608 - identifiers are constants; values are parameters
            "JOIN search_document d ON d.key = f.rowid",
            f"WHERE {table} MATCH %s",
        ]
        params: list = [expr]
        if key_lo is not None:
            sql.append("AND f.rowid >= %s")
            params.append(key_lo)
        if key_hi is not None:
            sql.append("AND f.rowid <= %s")
            params.append(key_hi)
        if title_only and excluded:
            sql.append(
                "AND NOT EXISTS (SELECT 1 FROM search_fts x WHERE search_fts MATCH %s AND x.rowid = f.rowid)"
            )
            params.append(" OR ".join(_phrase(e) for e in excluded))
        sql.append("ORDER BY f.rowid LIMIT %s")
        params.append(limit)
        with connection.cursor() as cursor:
            cursor.execute(" ".join(sql), params)
            return [HitRow(*r) for r in cursor.fetchall()]

    def day_counts(self) -> list[tuple[int, int]]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT day, count(*) FROM search_document GROUP BY day ORDER BY day DESC")
            return [(d.toordinal() if hasattr(d, "toordinal") else _ordinal(d), n) for d, n in cursor]


def _prepare(docs: list[Doc]) -> tuple[list, list, list]:
    """Rows and index texts of a batch (pure text work: runs in a worker process during bulk loads)."""
    rows, texts, titles = [], [], []
    for d in docs:
        row = d.row()
        rows.append([row[c] for c in STORED_COLUMNS])
        texts.append((row["key"], d.fts_text()))
        titles.append((row["key"], d.fts_title()))
    return rows, texts, titles


def _batches(docs: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    chunk: list[Doc] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _ordinal(value) -> int:
    from datetime import date

    return date.fromisoformat(str(value)).toordinal()
