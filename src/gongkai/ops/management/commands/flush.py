"""`flush` refuses a database that holds records the law needs kept (gongkai.ops.retention).

Django's flush empties every table. On a platform database that would delete the catalog, the applications and
the audit log; to replace a database with a backup, `gongkai restore --force` first backs up what it replaces.
The test framework's own flushes of test databases are let through.
"""

from __future__ import annotations

from django.core.management.base import CommandError
from django.core.management.commands.flush import Command as DjangoFlush
from django.db import DatabaseError

from gongkai.ops.retention import in_test_environment, kept_counts


class Command(DjangoFlush):
    help = DjangoFlush.help + " Refused when the database holds records the law needs kept."

    def handle(self, **options):
        if not in_test_environment():
            try:
                held = {k: v for k, v in kept_counts(options["database"]).items() if v}
            except DatabaseError:
                held = {}
            if held:
                listing = "、".join(f"{k} {v} 条" for k, v in held.items())
                raise CommandError(
                    f"数据库中有依法须保存的记录（{listing}），flush 会删除它们：拒绝执行。"
                    "要用备份替换数据库，请用 gongkai restore --force（会先备份现有数据）。"
                )
        return super().handle(**options)
