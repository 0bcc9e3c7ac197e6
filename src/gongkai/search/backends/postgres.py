"""PostgreSQL backend: characters and character pairs as lexemes, per-row bit signatures, exact checks.

PostgreSQL's parsers keep a run of Chinese as one token, so the application builds the lexemes itself: every
character and adjacent pair of the normalised text ('环', '环境', '境保', …). A term of one or two characters
is one lexeme; a longer term is the AND of its pairs, checked exactly with strpos() on the stored
normalised text (`norm`, `title_norm`).

The ~2,000 most frequent lexemes of government text (`vocabulary.py`) are not in the GIN index but in an
inline bit signature per row (`sig`, and `tsig` for the title). So:
- a query with a rarer lexeme uses the GIN index (posting lists of at most ~5 % of the documents), with the
  bit tests for its frequent lexemes;
- a query made of frequent lexemes walks the key index newest first testing bits (about half a microsecond
  a row, nothing TOASTed is read) and stops after enough matches; when that walk has gone far without
  enough matches (a combination that is rare), it continues through the GIN index for the filters, or walks
  on.
The tsquery is built only from those lexemes and our own tags, quoted: nothing a person types reaches
tsquery syntax.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db import connection, transaction

from gongkai.search.backends.base import STORED_COLUMNS, Backend, Filters, HitRow, Tier
from gongkai.search.documents import Doc
from gongkai.search.query import ParsedQuery
from gongkai.search.text import bigrams
from gongkai.search.vocabulary import signature, vocabulary

_COLUMNS = (*STORED_COLUMNS, "norm", "title_norm", "sig", "tsig", "grams")
SEP = "\n"  # never inside a normalised text
HIT_COLUMNS = "key, org_id, topic_code, year"
#: How many rows the first walk of the key index may test before the GIN index is asked instead.
WALK_MAX = 60_000
RARE_SHARE = 0.05  # share assumed for a lexeme outside the vocabulary
TITLE_WALK = 20_000  # newest documents a title tier looks at when its lexemes are all frequent


def _lexeme(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


def doc_values(doc: Doc) -> list:
    row = doc.row()
    norms = doc.norm_fields()
    title_norm = norms[0] if doc.title else ""
    grams: set[str] = set()
    for norm in norms:
        grams |= bigrams(norm)
    title_grams = bigrams(title_norm)
    bits = vocabulary()[0]
    lexemes = [g for g in grams if g not in bits]
    lexemes += ["@" + g for g in title_grams if g not in bits]
    lexemes += ["#" + t for t in doc.tags()]
    return [
        *(row[c] for c in STORED_COLUMNS),
        SEP.join(norms),
        title_norm,
        signature(grams),
        signature(title_grams),
        " ".join(_lexeme(g) for g in sorted(lexemes)),
    ]


def _filter_sql(filters: Filters) -> tuple[list[str], list]:
    """The filters as column conditions (for walks of the key index)."""
    where, params = [], []
    if filters.org_path:
        where.append("org_path LIKE %s")
        params.append(filters.org_path.replace("%", "").replace("_", "") + "%")
    if filters.org_id is not None:
        where.append("org_id = %s")
        params.append(filters.org_id)
    if filters.topic_code:
        where.append("(topic_code = %s OR topic_parent_code = %s)")
        params += [filters.topic_code, filters.topic_code]
    for column, value in (
        ("statutory_class", filters.statutory_class),
        ("genre_code", filters.genre_code),
        ("validity", filters.validity),
    ):
        if value:
            where.append(f"{column} = %s")
            params.append(value)
    if filters.normative_only:
        where.append("is_normative")
    return where, params


class PostgresBackend(Backend):
    vendor = "postgresql"

    def upsert(self, doc: Doc) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_document WHERE item_id = %s", [doc.item_id])
            cursor.execute(
                "INSERT INTO search_document ({}) VALUES ({}, %s::tsvector)".format(  # noqa: S608
                    ", ".join(_COLUMNS), ", ".join(["%s"] * (len(_COLUMNS) - 1))
                ),
                doc_values(doc),
            )

    def upsert_many(self, docs: list[Doc]) -> None:
        if not docs:
            return
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_document WHERE item_id = ANY(%s)", [[d.item_id for d in docs]])
            cursor.executemany(
                "INSERT INTO search_document ({}) VALUES ({}, %s::tsvector)".format(  # noqa: S608
                    ", ".join(_COLUMNS), ", ".join(["%s"] * (len(_COLUMNS) - 1))
                ),
                [doc_values(d) for d in docs],
            )

    def delete(self, item_id: int) -> bool:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_document WHERE item_id = %s", [item_id])
            return cursor.rowcount > 0

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE search_document")

    def bulk_load(self, docs: Iterable[Doc], *, batch: int = 2000) -> Iterator[int]:
        """COPY in batches, without the GIN index (finish_bulk builds it)."""
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS search_document_grams")
            copy_sql = "COPY search_document ({}) FROM STDIN".format(", ".join(_COLUMNS))
            chunk: list[Doc] = []

            def flush(items: list[Doc]) -> None:
                with cursor.cursor.copy(copy_sql) as copy:
                    for d in items:
                        copy.write_row(doc_values(d))

            for doc in docs:
                chunk.append(doc)
                if len(chunk) >= batch:
                    flush(chunk)
                    yield len(chunk)
                    chunk = []
            if chunk:
                flush(chunk)
                yield len(chunk)

    def finish_bulk(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS search_document_grams ON search_document USING gin (grams)"
            )
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
        bits, share = vocabulary()
        terms = [t.norm for t in query.terms]
        if tier in (Tier.TITLE_PHRASE, Tier.PHRASE):
            terms = [query.phrase or terms[0]]
        in_title = tier in (Tier.TITLE, Tier.TITLE_PHRASE)
        text, sig, prefix = ("title_norm", "tsig", "@") if in_title else ("norm", "sig", "")
        bit_checks: list[str] = []
        exact: list[str] = []
        params_bits: list = []
        params_exact: list = []
        rare: list[str] = []
        density = 1.0
        for term in terms:
            grams = [term] if len(term) <= 2 else sorted({term[i : i + 2] for i in range(len(term) - 1)})
            for g in grams:
                if g in bits:
                    bit_checks.append(f"get_bit({sig}, %s) = 1")
                    params_bits.append(bits[g])
                    density = min(density, share[g])
                else:
                    rare.append(prefix + g)
                    density = min(density, RARE_SHARE)
            if len(term) > 2:
                exact.append(f"strpos({text}, %s) > 0")
                params_exact.append(term)
        for ex in (t.norm for t in query.excluded):
            if len(ex) <= 2 and ex in bits:
                bit_checks.append("get_bit(sig, %s) = 0")
                params_bits.append(bits[ex])
            else:
                exact.append("strpos(norm, %s) = 0")
                params_exact.append(ex)
        checks = " AND ".join([*bit_checks, *exact]) or "TRUE"
        check_params = [*params_bits, *params_exact]
        lo = key_lo if key_lo is not None else -(2**63)
        hi = key_hi if key_hi is not None else 2**63 - 1
        tags = ["#" + t for t in filters.tags()]
        if probe_density is not None:
            density = probe_density
        with transaction.atomic(), connection.cursor() as cursor:
            if rare:
                return self._gin(cursor, [*rare, *tags], checks, check_params, lo, hi, limit)
            if in_title:
                # Title tiers only order the first page: when every title lexeme is frequent, look at the
                # newest TITLE_WALK documents rather than walk the whole table (docs/search.md, "Limits").
                return self._walk(
                    cursor, filters, tags, checks, check_params, lo, hi, limit, None, TITLE_WALK
                )
            return self._walk(cursor, filters, tags, checks, check_params, lo, hi, limit, density)

    def _gin(self, cursor, lexemes, checks, check_params, lo, hi, limit) -> list[HitRow]:
        tsquery = " & ".join(_lexeme(x) for x in dict.fromkeys(lexemes))
        # Bitmap scans only: the planner could otherwise walk the key index testing each row's TOASTed
        # tsvector (~20 µs a row).
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            f"SELECT {HIT_COLUMNS} FROM search_document WHERE grams @@ %s::tsquery AND {checks} "  # noqa: S608
            "AND key >= %s AND key <= %s ORDER BY key LIMIT %s",
            [tsquery, *check_params, lo, hi, limit],
        )
        rows = [HitRow(*r) for r in cursor.fetchall()]
        cursor.execute("SET LOCAL enable_indexscan = on")
        cursor.execute("SET LOCAL enable_seqscan = on")
        return rows

    def _walk(
        self, cursor, filters, tags, checks, check_params, lo, hi, limit, density, only: int | None = None
    ) -> list[HitRow]:
        where, params = _filter_sql(filters)
        conditions = " AND ".join([checks, *where])
        if only is not None:
            walk = only
        else:
            walk = min(max(int(limit * 3 / max(density or 1.0, 1e-6)), limit * 2), WALK_MAX)
        cursor.execute(
            f"SELECT {HIT_COLUMNS} FROM (SELECT * FROM search_document WHERE key >= %s AND key <= %s "  # noqa: S608
            f"ORDER BY key LIMIT %s) s WHERE {conditions} ORDER BY key LIMIT %s",
            [lo, hi, walk, *check_params, *params, limit],
        )
        rows = [HitRow(*r) for r in cursor.fetchall()]
        if len(rows) >= limit or only is not None:
            return rows
        cursor.execute(
            "SELECT key FROM search_document WHERE key >= %s AND key <= %s ORDER BY key OFFSET %s LIMIT 1",
            [lo, hi, walk - 1],
        )
        edge = cursor.fetchone()
        if edge is None:  # the walk covered the whole range
            return rows
        if tags:  # the filters narrow it down: the GIN index holds them
            return rows + self._gin(cursor, tags, conditions, [*check_params, *params], edge[0] + 1, hi,
                                    limit - len(rows))  # fmt: skip
        cursor.execute(
            f"SELECT {HIT_COLUMNS} FROM search_document WHERE {conditions} "  # noqa: S608
            "AND key > %s AND key <= %s ORDER BY key LIMIT %s",
            [*check_params, *params, edge[0], hi, limit - len(rows)],
        )
        return rows + [HitRow(*r) for r in cursor.fetchall()]

    def day_counts(self) -> list[tuple[int, int]]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT day, count(*) FROM search_document GROUP BY day ORDER BY day DESC")
            return [(d.toordinal(), n) for d, n in cursor]

    def index_size(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_document')")
            return int(cursor.fetchone()[0])
