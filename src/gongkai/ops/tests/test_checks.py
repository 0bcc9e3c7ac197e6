"""`gongkai check --deploy --database default`: pending migrations, the calendar, the task worker, the disk,
the last backup."""

from __future__ import annotations

from collections import namedtuple
from datetime import date, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.ops import checks
from gongkai.ops.models import BackupRun
from gongkai.workdays.models import CalendarYear

pytestmark = pytest.mark.django_db
DB = ["default"]


def _ids(found) -> list[str]:
    return [m.id for m in found]


def test_nothing_to_say_on_a_healthy_platform(freeze, settings):
    freeze(date(2026, 6, 1))
    settings.GONGKAI_BACKUP_MAX_AGE_HOURS = 0
    assert checks.pending_migrations(databases=DB) == []
    assert checks.calendar_years(databases=DB) == []
    assert checks.tasks_running(databases=DB) == []
    # Checks that need the database stay silent unless it is asked for (Django's `--database`).
    assert checks.recent_backup(databases=None) == []


def test_pending_migrations_warn(db):
    migration = namedtuple("M", "app_label name")("foi", "0099_future")
    with mock.patch(
        "django.db.migrations.executor.MigrationExecutor.migration_plan", return_value=[(migration, False)]
    ):
        found = checks.pending_migrations(databases=DB)
    assert _ids(found) == ["gongkai.ops.W001"] and "foi.0099_future" in found[0].msg


def test_next_years_calendar_missing_in_december_warns(freeze):
    freeze(date(2026, 12, 1))
    CalendarYear.objects.filter(year=2027).delete()
    assert _ids(checks.calendar_years(databases=DB)) == ["gongkai.ops.W002"]
    freeze(date(2026, 11, 30))
    assert checks.calendar_years(databases=DB) == []


def test_this_years_calendar_missing_is_an_error(freeze):
    freeze(date(2031, 3, 2))
    assert "gongkai.ops.E002" in _ids(checks.calendar_years(databases=DB))


def test_tasks_waiting_too_long_warn(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASK_BACKEND = "database"
    settings.GONGKAI_TASK_MAX_AGE_MINUTES = 15
    task = DBTaskResult.objects.create(
        task_path="gongkai.foi.tasks.x",
        args_kwargs={"args": [], "kwargs": {}},
        run_after=timezone.now(),
        queue_name="default",
        backend_name="default",
    )
    assert checks.tasks_running(databases=DB) == []
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - timedelta(minutes=40))
    found = checks.tasks_running(databases=DB)
    assert _ids(found) == ["gongkai.ops.W003"] and "1 个任务" in found[0].msg
    settings.TASK_BACKEND = "immediate"
    assert checks.tasks_running(databases=DB) == []


def test_a_full_disk_warns(settings, tmp_path):
    settings.GONGKAI_DISK_MIN_FREE_PERCENT = 10
    usage = namedtuple("usage", "total used free")
    with mock.patch(
        "gongkai.ops.checks.shutil.disk_usage", return_value=usage(100 * 2**30, 95 * 2**30, 5 * 2**30)
    ):
        found = checks.disk_space()
    assert "gongkai.ops.W004" in _ids(found) and "5.0%" in found[0].msg
    with mock.patch(
        "gongkai.ops.checks.shutil.disk_usage", return_value=usage(100 * 2**30, 50 * 2**30, 50 * 2**30)
    ):
        assert checks.disk_space() == []


def test_no_recent_backup_warns(settings):
    settings.GONGKAI_BACKUP_MAX_AGE_HOURS = 26
    assert _ids(checks.recent_backup(databases=DB)) == ["gongkai.ops.W005"]
    now = timezone.now()
    BackupRun.objects.create(
        started_at=now,
        finished_at=now - timedelta(hours=30),
        location="x",
        vendor="sqlite",
        size_bytes=1,
        tables=1,
        rows=1,
        files=0,
        manifest_sha256="0" * 64,
    )
    assert "最近一次在" in checks.recent_backup(databases=DB)[0].msg
    BackupRun.objects.create(
        started_at=now,
        finished_at=now - timedelta(hours=2),
        location="x",
        vendor="sqlite",
        size_bytes=1,
        tables=1,
        rows=1,
        files=0,
        manifest_sha256="0" * 64,
    )
    assert checks.recent_backup(databases=DB) == []


def test_the_check_command_shows_them(settings):
    settings.GONGKAI_BACKUP_MAX_AGE_HOURS = 26
    out = StringIO()
    call_command("check", "--deploy", "--database", "default", "--tag", "operations", stdout=out, stderr=out)
    assert "gongkai.ops.W005" in out.getvalue()
