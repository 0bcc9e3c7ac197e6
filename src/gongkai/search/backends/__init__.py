"""Search backends, chosen by the database vendor in use (docs/search.md)."""

from __future__ import annotations

from django.db import connection

from gongkai.search.backends.base import Backend, Filters, HitRow, Tier

__all__ = ["Backend", "Filters", "HitRow", "Tier", "get_backend"]


def get_backend() -> Backend:
    if connection.vendor == "postgresql":
        from gongkai.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    if connection.vendor == "sqlite":
        from gongkai.search.backends.sqlite import SQLiteBackend

        return SQLiteBackend()
    raise RuntimeError(f"No search backend for the {connection.vendor} database.")
