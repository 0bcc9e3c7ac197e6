"""Upgrade test: every migration applied to a database that holds data (docs/operations.md, "Upgrades").

There are no tagged releases to take an old schema from, so the oldest schema is rebuilt from the
migrations themselves: every project app is migrated to its first migration (the schema of the project's
first commit), every model of that state gets rows (values made from the field types, foreign keys pointing at
the rows made before), and then every migration is applied. Each row must survive with the values of the
columns it had. Then every app is migrated back to its first migration and forward again with the data in
place (every migration is reversible with data present), and the rows are checked once more.

Run as `python -m gongkai.ops.upgrade_test` with DATABASE_URL pointing at an empty database; it prints what it
checked and exits 1 on any difference. The suite runs it (ops/tests/test_upgrade.py) on the suite's backend.
"""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
import os
import sys
import uuid
from typing import Any

PROJECT_APPS = ["core", "workdays", "orgs", "catalog", "search", "foi", "reports", "ops"]
_n = itertools.count(1)


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    firsts = {}
    for app in PROJECT_APPS:
        roots = list(graph.root_nodes(app))
        if roots:
            firsts[app] = roots[0][1]
    # The oldest schema: each app at its first migration (and what those need).
    targets = list(firsts.items())
    executor.migrate(targets)
    executor.loader.build_graph()
    state = executor.loader.project_state(targets)
    made = populate(state.apps, [a for a in PROJECT_APPS if a in firsts])
    before = snapshot(made)
    print(f"oldest schema: {len(made)} tables, {sum(len(v[2]) for v in before.values())} rows made")

    call_command("migrate", verbosity=0, interactive=False)
    problems = compare(before, "after every migration")

    # Back to the oldest schema with the data in place, then forward again.
    for app in reversed([a for a in PROJECT_APPS if a in firsts]):
        call_command("migrate", app, firsts[app], verbosity=0, interactive=False)
    call_command("migrate", verbosity=0, interactive=False)
    problems += compare(before, "after migrating back to the first migrations and forward again")
    for p in problems:
        print("  - " + p)
    print(f"{len(problems)} differences")
    return 1 if problems else 0


def value_for(field, n: int):
    from django.db import models

    if field.blank and not field.unique and field.get_internal_type() in {"CharField", "TextField"}:
        return ""
    if field.choices:
        return field.choices[0][0]
    t = field.get_internal_type()
    if isinstance(field, models.JSONField):
        return {"n": n}
    if t in {"CharField", "SlugField", "TextField"}:
        text = f"v{n}"
        return text[: field.max_length] if field.max_length else text
    if t == "EmailField":
        return f"u{n}@example.gov.cn"
    if t in {"FileField", "ImageField"}:
        return f"upgrade/{n}.bin"
    if t == "GenericIPAddressField":
        return "127.0.0.1"
    if t == "UUIDField":
        return uuid.UUID(int=n)
    if t == "BooleanField":
        return False
    if t in {"DateTimeField"}:
        return dt.datetime(2100, 1, 2, 3, 4, 5, tzinfo=dt.UTC) + dt.timedelta(days=n)
    if t == "DateField":
        return dt.date(2100, 1, 2) + dt.timedelta(days=n)
    if t == "TimeField":
        return dt.time(9, 30)
    if t == "DecimalField":
        return decimal.Decimal("1.5")
    if t == "FloatField":
        return 1.5
    if t in {"PositiveSmallIntegerField", "SmallIntegerField"}:
        return 2100 + n % 50  # a year the seeded calendar does not hold, within the reports' year range
    if "Integer" in t or t in {"BigAutoField", "AutoField"}:
        return 2100 + n
    if t == "BinaryField":
        return b"\x00\x01"
    raise TypeError(f"no value for {field.model.__name__}.{field.name} ({t})")


def populate(apps, app_labels: list[str]) -> dict:
    """Rows for every model of these apps at this state: {table: (model, pk name, [pks])}."""
    from django.db import models, transaction

    user_model = apps.get_model("auth", "User")
    unusable = "!"  # an unusable password
    users = [user_model.objects.create(username=f"upgrade{i}", password=unusable) for i in range(2)]
    made: dict[str, tuple] = {user_model._meta.db_table: (user_model, "id", [u.pk for u in users])}
    pending = [
        m
        for a in app_labels
        for m in apps.get_app_config(a).get_models(include_auto_created=True)
        if m._meta.managed
    ]
    for _round in range(len(pending) + 1):
        if not pending:
            break
        waiting = []
        for model in pending:
            fks = [
                f
                for f in model._meta.concrete_fields
                if isinstance(f, models.ForeignKey) and f.related_model is not model
            ]
            if any(f.related_model._meta.db_table not in made for f in fks if not f.null):
                waiting.append(model)
                continue
            pks: list[Any] = []
            for _i in range(2):
                values = {}
                for f in model._meta.concrete_fields:
                    if f.primary_key and f.get_internal_type() in {"AutoField", "BigAutoField"}:
                        continue
                    if isinstance(f, models.ForeignKey):
                        target = made.get(f.related_model._meta.db_table)
                        if target:
                            values[f.attname] = target[2][_i % len(target[2])]
                        continue
                    if f.has_default() or (f.null and not f.unique):
                        continue
                    if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                        continue
                    values[f.attname] = value_for(f, next(_n))
                if model.__name__ == "Organization":  # treebeard's materialised path: two roots
                    values |= {"path": f"{len(pks) + 1:04d}", "depth": 1, "numchild": 0}
                with transaction.atomic():
                    pks.append(model._base_manager.create(**values).pk)
            made[model._meta.db_table] = (model, model._meta.pk.attname, pks)
        if len(waiting) == len(pending):
            raise RuntimeError("cannot order: " + ", ".join(m.__name__ for m in waiting))
        pending = waiting
    return made


def snapshot(made: dict) -> dict:
    from django.db import connection

    out = {}
    with connection.cursor() as cur:
        for table, (model, pk, pks) in made.items():
            cols = [f.column for f in model._meta.concrete_fields]
            q = connection.ops.quote_name
            cur.execute(
                f"SELECT {', '.join(q(c) for c in cols)} FROM {q(table)} WHERE {q(pk)} IN ({', '.join(['%s'] * len(pks))}) "  # noqa: S608
                f"ORDER BY {q(pk)}",
                pks,
            )
            out[table] = (pk, cols, [tuple(map(_plain, r)) for r in cur.fetchall()])
    return out


def _plain(value):
    if isinstance(value, str) and value[:1] in "{[":
        import json

        try:
            return json.dumps(json.loads(value), sort_keys=True)
        except ValueError:
            return value
    if isinstance(value, dict | list):
        import json

        return json.dumps(value, sort_keys=True)
    return str(value)


def compare(before: dict, when: str) -> list[str]:
    from django.db import connection

    problems = []
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cur:
        for table, (pk, cols, rows) in before.items():
            if table not in existing:
                problems.append(f"{when}: table {table} is gone (it held {len(rows)} rows)")
                continue
            have = {c.name for c in connection.introspection.get_table_description(cur, table)}
            kept = [c for c in cols if c in have]
            lost = [c for c in cols if c not in have]
            if lost:
                problems.append(f"{when}: {table} lost columns {', '.join(lost)}")
            q = connection.ops.quote_name
            pks = [r[cols.index(pk)] for r in rows]
            cur.execute(
                f"SELECT {', '.join(q(c) for c in kept)} FROM {q(table)} WHERE {q(pk)} IN ({', '.join(['%s'] * len(pks))}) "  # noqa: S608
                f"ORDER BY {q(pk)}",
                pks,
            )
            got = [tuple(map(_plain, r)) for r in cur.fetchall()]
            expected = [tuple(r[cols.index(c)] for c in kept) for r in rows]
            if got != expected:
                problems.append(f"{when}: {table} rows differ ({len(expected)} expected, {len(got)} found)")
    print(f"{when}: {len(before)} tables compared")
    return problems


if __name__ == "__main__":
    sys.exit(main())
