"""PostgreSQL: `search_match` is derived from `search_document` (migration 0004) but is no model, so Django's
`flush` (and any TRUNCATE of the documents) left its rows behind: a search then counted documents that no
longer exist. A statement trigger empties it whenever `search_document` is truncated. It is ENABLE ALWAYS so
that it also fires in replica mode, which the test suite uses to flush past the audit log's triggers.
The trigger deletes rather than truncates: `clear()` truncates both tables in one statement, where a nested
TRUNCATE of `search_match` is refused, and by the time an AFTER trigger runs it is already empty.
SQLite's FTS5 tables are read through `search_document` and need no such trigger."""

from django.db import migrations

PG_UP = [
    """CREATE OR REPLACE FUNCTION search_document_truncate_matches() RETURNS trigger AS $$
       BEGIN DELETE FROM search_match; RETURN NULL; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER search_document_truncate_matches AFTER TRUNCATE ON search_document
       FOR EACH STATEMENT EXECUTE FUNCTION search_document_truncate_matches();""",
    "ALTER TABLE search_document ENABLE ALWAYS TRIGGER search_document_truncate_matches;",
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS search_document_truncate_matches ON search_document;",
    "DROP FUNCTION IF EXISTS search_document_truncate_matches();",
]


def up(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_UP:
            schema_editor.execute(sql)


def down(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_DOWN:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_document_attachments")]
    operations = [migrations.RunPython(up, down)]
