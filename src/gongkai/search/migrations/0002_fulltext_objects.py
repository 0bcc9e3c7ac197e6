"""The full-text objects of the database in use (docs/adr/0004-search-backends.md)."""

from django.db import migrations

# The text arrives normalised with a space after every character (search/text.py), so the plain `ascii`
# tokenizer (split at ASCII spaces) gives one token per character, and is the fastest to build.
SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(text, content='', columnsize=0, tokenize='ascii')",
    "CREATE VIRTUAL TABLE search_title_fts USING fts5(text, content='', columnsize=0, tokenize='ascii')",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_title_fts", "DROP TABLE IF EXISTS search_fts"]

POSTGRES_CREATE = [
    "ALTER TABLE search_document ADD COLUMN norm text NOT NULL DEFAULT '', "
    "ADD COLUMN title_norm text NOT NULL DEFAULT '', "
    "ADD COLUMN grams tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX search_document_grams ON search_document USING gin (grams)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_document_grams",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS grams, DROP COLUMN IF EXISTS title_norm, "
    "DROP COLUMN IF EXISTS norm",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(f"search: no full-text backend for {schema_editor.connection.vendor}")
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_document")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
