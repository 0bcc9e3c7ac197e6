"""PostgreSQL backend: a tsvector of characters and character pairs with a GIN index, checked exactly.

PostgreSQL's parsers keep a run of Chinese as one token, so the application builds the lexemes itself: every
character and every adjacent pair of the normalised text ('环', '环境', '境保', …), the title's the same with a
'@' in front, and the filter tags with a '#'. A term of one or two characters is then one lexeme (exact);
a longer term is the AND of its pairs (a small candidate set) checked exactly with strpos() on the stored
normalised text. The tsquery is built from those lexemes only, quoted: nothing a person types reaches
tsquery syntax.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db import connection

from gongkai.search.backends.base import STORED_COLUMNS, Backend, HitRow, Tier
from gongkai.search.documents import Doc
from gongkai.search.query import ParsedQuery
from gongkai.search.text import bigrams

_COLUMNS = (*STORED_COLUMNS, "norm", "title_norm", "grams")
_INSERT = "INSERT INTO search_document ({cols}) VALUES ({marks}, %s::tsvector)".format(  # noqa: S608 - identifiers are constants; values are parameters
    cols=", ".join(_COLUMNS), marks=", ".join(["%s"] * (len(_COLUMNS) - 1))
)
SEP = "\n"  # never inside a normalised text


def _lexeme(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_text(doc: Doc) -> str:
    grams: set[str] = set()
    for norm in doc.norm_fields():
        grams |= bigrams(norm)
    grams |= {"@" + g for g in bigrams(doc_title_norm(doc))}
    grams |= {"#" + t for t in doc.tags()}
    return " ".join(_lexeme(g) for g in sorted(grams))


def doc_title_norm(doc: Doc) -> str:
    return doc.norm_fields()[0] if doc.title else ""


def _term_lexemes(norm: str, prefix: str = "") -> list[str]:
    if len(norm) <= 2:
        return [prefix + norm]
    return sorted({prefix + norm[i : i + 2] for i in range(len(norm) - 1)})


class PostgresBackend(Backend):
    vendor = "postgresql"

    def _values(self, doc: Doc) -> list:
        row = doc.row()
        norms = doc.norm_fields()
        return [
            *(row[c] for c in STORED_COLUMNS),
            SEP.join(norms),
            norms[0] if doc.title else "",
            tsvector_text(doc),
        ]

    def upsert(self, doc: Doc) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_document WHERE item_id = %s", [doc.item_id])
            cursor.execute(_INSERT, self._values(doc))

    def delete(self, item_id: int) -> bool:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_document WHERE item_id = %s", [item_id])
            return cursor.rowcount > 0

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE search_document")

    def bulk_load(self, docs: Iterable[Doc], *, batch: int = 2000) -> Iterator[int]:
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS search_document_grams")
            copy_sql = "COPY search_document ({}) FROM STDIN".format(", ".join(_COLUMNS))
            chunk: list[Doc] = []

            def flush(items: list[Doc]) -> None:
                with cursor.cursor.copy(copy_sql) as copy:
                    for d in items:
                        copy.write_row(self._values(d))

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
        tags: list[str],
        key_lo: int | None,
        key_hi: int | None,
        limit: int,
        probe_hi: int | None = None,
        probe_density: float | None = None,
    ) -> list[HitRow]:
        terms = [t.norm for t in query.terms]
        if tier in (Tier.TITLE_PHRASE, Tier.PHRASE):
            terms = [query.phrase or terms[0]]
        in_title = tier in (Tier.TITLE, Tier.TITLE_PHRASE)
        column, prefix = ("title_norm", "@") if in_title else ("norm", "")
        lexemes: list[str] = []
        checks: list[str] = []
        params: list = []
        for term in terms:
            lexemes += _term_lexemes(term, prefix)
            if len(term) > 2:
                checks.append(f"strpos({column}, %s) > 0")
                params.append(term)
        tsquery = " & ".join(_lexeme(x) for x in [*dict.fromkeys(lexemes), *("#" + t for t in tags)])
        for ex in (t.norm for t in query.excluded):
            if len(ex) <= 2:
                tsquery += " & !" + _lexeme(ex)
            else:
                checks.append("strpos(norm, %s) = 0")
                params.append(ex)
        params.insert(0, tsquery)
        sql = " ".join(
            ["SELECT key, org_id, topic_code, year FROM search_document WHERE grams @@ %s::tsquery"]
            + [f"AND {c}" for c in checks]
            + ["AND key >= %s AND key <= %s ORDER BY key LIMIT %s"]
        )
        lo = key_lo if key_lo is not None else -(2**63)
        hi = key_hi if key_hi is not None else 2**63 - 1
        # The planner chooses: the GIN index (then sort) for rarer queries, a walk of the key index checking
        # each row for frequent ones (it stops after `limit` matches). See docs/search.md for the costs.
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, lo, hi, limit])
            return [HitRow(*r) for r in cursor.fetchall()]

    def day_counts(self) -> list[tuple[int, int]]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT day, count(*) FROM search_document GROUP BY day ORDER BY day DESC")
            return [(d.toordinal(), n) for d, n in cursor]

    def index_size(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_document')")
            return int(cursor.fetchone()[0])
