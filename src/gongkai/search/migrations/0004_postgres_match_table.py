"""PostgreSQL: the matching data moves to a narrow table, `search_match` (docs/search.md, "The index").

A search reads many more rows than it shows: walks of the key index test bit signatures, GIN bitmap scans
visit every candidate. On `search_document` each of those rows is a wide one (stored texts, the inline
normalised text) with its signatures TOASTed, several buffer reads a row. `search_match` holds only the key,
the filter columns, the signatures (inline, never TOASTed) and the lexemes (`grams`, compressed out of line:
a GIN scan does not read them), about 600 bytes a row. `search_document` keeps the stored texts and the
normalised text for exact checks. Existing rows are carried over by recomputing them. SQLite: nothing.
"""

from django.db import DatabaseError, migrations, transaction

CREATE = [
    """CREATE TABLE search_match (
        key bigint PRIMARY KEY,
        org_id bigint NOT NULL,
        org_path varchar(255) NOT NULL,
        topic_code varchar(8) NOT NULL,
        topic_parent_code varchar(8) NOT NULL,
        year smallint NOT NULL,
        statutory_class varchar(30) NOT NULL,
        genre_code varchar(30) NOT NULL,
        validity varchar(10) NOT NULL,
        is_normative boolean NOT NULL,
        sig bytea NOT NULL,
        tsig bytea NOT NULL,
        grams tsvector NOT NULL
    )""",
    "ALTER TABLE search_match ALTER COLUMN sig SET STORAGE PLAIN, ALTER COLUMN tsig SET STORAGE PLAIN",
    "CREATE INDEX search_match_grams ON search_match USING gin (grams)",
]
#: The lexemes are read only to build the GIN index: compressed (and out of line, as they are large), lz4
#: where the server has it (faster to write than pglz).
LZ4 = "ALTER TABLE search_match ALTER COLUMN grams SET COMPRESSION lz4"
DROP_OLD = [
    "DROP INDEX IF EXISTS search_document_grams",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS grams, DROP COLUMN IF EXISTS sig, "
    "DROP COLUMN IF EXISTS tsig",
]
#: The columns of search_document at this migration that a Doc is rebuilt from.
SOURCE_COLUMNS = (
    "item_id", "url", "title", "doc_no", "index_no", "summary", "keywords", "body", "day", "org_id",
    "org_path", "org_name", "org_code", "topic_code", "topic_parent_code", "topic_name", "genre_code",
    "genre_name", "statutory_class", "validity", "is_normative",
)  # fmt: skip
RESTORE_OLD = [
    "ALTER TABLE search_document ADD COLUMN grams tsvector NOT NULL DEFAULT ''::tsvector, "
    "ADD COLUMN sig bytea NOT NULL DEFAULT '', ADD COLUMN tsig bytea NOT NULL DEFAULT ''",
    "CREATE INDEX search_document_grams ON search_document USING gin (grams)",
    "DROP TABLE IF EXISTS search_match",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from gongkai.search.backends.postgres import MATCH_COLUMNS, match_values
    from gongkai.search.documents import Doc

    for sql in [*CREATE, *DROP_OLD]:
        schema_editor.execute(sql)
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute(LZ4)
    except DatabaseError:  # a server built without lz4 keeps pglz
        pass
    insert = "INSERT INTO search_match ({}) VALUES ({})".format(  # noqa: S608 - constants
        ", ".join(MATCH_COLUMNS), ", ".join(["%s"] * len(MATCH_COLUMNS))
    )
    with schema_editor.connection.cursor() as read, schema_editor.connection.cursor() as write:
        read.execute(f"SELECT {', '.join(SOURCE_COLUMNS)} FROM search_document ORDER BY key")  # noqa: S608
        while rows := read.fetchmany(1000):
            docs = [Doc.from_row(dict(zip(SOURCE_COLUMNS, r, strict=True))) for r in rows]
            write.executemany(insert, [match_values(d, d.norm_fields()) for d in docs])


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in RESTORE_OLD:
            schema_editor.execute(sql)  # the old columns come back empty: run `gongkai search reindex`


class Migration(migrations.Migration):
    dependencies = [("search", "0003_postgres_signatures")]

    operations = [migrations.RunPython(forwards, backwards)]
