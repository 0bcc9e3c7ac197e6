"""PostgreSQL: refuse TRUNCATE of audit events too (row triggers do not fire on TRUNCATE). SQLite has no
TRUNCATE; its DELETE without WHERE is refused by the row trigger of 0002."""

from django.db import migrations

PG_UP = [
    """CREATE OR REPLACE FUNCTION core_auditevent_no_truncate() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit events are append-only (TRUNCATE refused)'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER core_auditevent_no_truncate BEFORE TRUNCATE ON core_auditevent
       FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_no_truncate();""",
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON core_auditevent;",
    "DROP FUNCTION IF EXISTS core_auditevent_no_truncate();",
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
    dependencies = [("core", "0002_audit_append_only")]
    operations = [migrations.RunPython(up, down)]
