"""Operational checks for `gongkai check --deploy --database default` (docs/operations.md).

They need the database, so Django runs them only when `--database` is given (tag `database`); the disk check
needs none and runs with `--deploy`.
"""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError, connections
from django.utils import timezone


def _wants(databases) -> bool:
    return bool(databases) and "default" in databases


@register(Tags.database, "operations", deploy=True)
def pending_migrations(app_configs=None, databases=None, **kwargs):
    if not _wants(databases):
        return []
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connections["default"])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return [Error(f"数据库无法访问：{exc}", id="gongkai.ops.E001")]
    if not plan:
        return []
    names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan[:10])
    return [
        Warning(
            f"有 {len(plan)} 个数据库迁移尚未执行（{names}{'…' if len(plan) > 10 else ''}）。",
            hint="先备份（gongkai backup），再运行 gongkai migrate。",
            id="gongkai.ops.W001",
        )
    ]


@register(Tags.database, "operations", deploy=True)
def calendar_years(app_configs=None, databases=None, **kwargs):
    if not _wants(databases):
        return []
    from gongkai.workdays.models import CalendarYear

    today = timezone.localdate()
    try:
        years = set(
            CalendarYear.objects.filter(year__in=[today.year, today.year + 1]).values_list("year", flat=True)
        )
    except DatabaseError:
        return []  # reported by pending_migrations
    found = []
    if today.year not in years:
        found.append(
            Error(
                f"缺少 {today.year} 年的工作日日历：期限无法计算。",
                hint="按国务院办公厅通知录入：gongkai workdays import FILE --source 文号（docs/workdays.md）。",
                id="gongkai.ops.E002",
            )
        )
    if today.month == 12 and today.year + 1 not in years:
        found.append(
            Warning(
                f"尚未录入 {today.year + 1} 年的工作日日历；跨年的期限将无法计算。",
                hint="国务院办公厅发布放假安排后即录入：gongkai workdays import FILE --source 文号。",
                id="gongkai.ops.W002",
            )
        )
    return found


@register(Tags.database, "operations", deploy=True)
def tasks_running(app_configs=None, databases=None, **kwargs):
    if not _wants(databases) or settings.TASK_BACKEND != "database":
        return []
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    limit = timedelta(minutes=settings.GONGKAI_TASK_MAX_AGE_MINUTES)
    try:
        due = DBTaskResult.objects.filter(status=TaskResultStatus.READY).ready()
        oldest = due.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        stale = due.filter(enqueued_at__lt=timezone.now() - limit).count()
    except DatabaseError:
        return []
    if oldest is None or not stale:
        return []
    minutes = int((timezone.now() - oldest).total_seconds() // 60)
    return [
        Warning(
            f"任务队列中有 {stale} 个任务等待超过 {settings.GONGKAI_TASK_MAX_AGE_MINUTES} 分钟（最久 {minutes} 分钟）："
            "任务进程可能没有运行。",
            hint="检查 gongkai-worker 服务（systemctl status gongkai-worker，docs/deployment.md）。",
            id="gongkai.ops.W003",
        )
    ]


def _watched_paths() -> list[Path]:
    paths = [
        settings.DATA_DIR,
        settings.MEDIA_ROOT,
        settings.GONGKAI_FOI_FILES_ROOT,
        settings.GONGKAI_BACKUP_DIR,
    ]
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3") and str(db["NAME"]).startswith("/"):
        paths.append(Path(db["NAME"]).parent)
    return [Path(p) for p in paths]


def _existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


@register("operations", deploy=True)
def disk_space(app_configs=None, **kwargs):
    limit = settings.GONGKAI_DISK_MIN_FREE_PERCENT
    seen: set[int] = set()
    found = []
    for path in _watched_paths():
        real = _existing(path)
        try:
            device = os.stat(real).st_dev
            usage = shutil.disk_usage(real)
        except OSError:
            continue
        if device in seen:
            continue
        seen.add(device)
        free = usage.free * 100 / usage.total if usage.total else 100
        if free < limit:
            found.append(
                Warning(
                    f"{path} 所在磁盘只剩 {free:.1f}%（{usage.free / 2**30:.1f} GB）可用，低于 {limit}%。",
                    hint="清理旧备份或扩容；磁盘写满时申请与附件无法保存。",
                    id="gongkai.ops.W004",
                )
            )
    return found


@register(Tags.database, "operations", deploy=True)
def recent_backup(app_configs=None, databases=None, **kwargs):
    hours = settings.GONGKAI_BACKUP_MAX_AGE_HOURS
    if not _wants(databases) or not hours:
        return []
    from gongkai.ops.models import BackupRun

    try:
        last = BackupRun.objects.order_by("-finished_at").first()
    except DatabaseError:
        return []
    if last is not None and timezone.now() - last.finished_at <= timedelta(hours=hours):
        return []
    when = f"最近一次在 {timezone.localtime(last.finished_at):%Y-%m-%d %H:%M}" if last else "从未备份"
    return [
        Warning(
            f"超过 {hours} 小时没有成功的备份（{when}）。",
            hint="检查备份定时任务（gongkai-backup.timer，docs/operations.md）。",
            id="gongkai.ops.W005",
        )
    ]
