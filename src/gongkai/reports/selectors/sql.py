"""Raw SQL under the ORM: the compiled WHERE of a queryset, an index hint for SQLite, cursor reads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import QuerySet

REPORT_INDEX = "item_report_idx"  # catalog.Item: (status, disclosure, org, topic, class, published_at, …)
CLOSED_INDEX = "foi_app_closed_idx"  # foi.Application: (org, applicant_type, outcome, closed_on)
NORMATIVE_INDEX = "item_normative_idx"  # catalog.Item's (is_normative, validity) index


def _index_hint(name: str) -> str:
    """SQLite only: " INDEXED BY <name>" when that index exists (it does once migrated), else "".

    SQLite's planner reads a period's items through the (org, status, published_at) index and fetches every
    row by rowid, sorting for the GROUP BY: several times slower than reading the covering report index,
    which holds every column the count needs in GROUP BY order. PostgreSQL's planner weighs this itself.
    """
    if connection.vendor != "sqlite":
        return ""
    found = _fetch("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = %s", [name])
    return f" INDEXED BY {connection.ops.quote_name(name)}" if found else ""


def _rows(qs: QuerySet[Any, Any], index: str) -> list[dict[str, Any]]:
    """Run an ORM aggregate, on SQLite reading through the named index (`_index_hint`)."""
    sql, params = qs.query.sql_with_params()
    hint = _index_hint(index)
    if hint:
        table = connection.ops.quote_name(qs.model._meta.db_table)
        sql = sql.replace(f"FROM {table}", f"FROM {table}{hint}", 1)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _where(qs: QuerySet[Any, Any]) -> tuple[str, list[object]]:
    """The WHERE clause of an ORM queryset, compiled (parameters bound, never formatted in)."""
    compiler = qs.query.get_compiler(connection=connection)
    sql, params = compiler.compile(qs.query.where)
    return sql, list(params)
