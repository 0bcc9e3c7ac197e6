"""The daily job: compute the self-checks and send the task reminders (as the platform)."""

from __future__ import annotations

from django_tasks import task

from gongkai.core.actors import System
from gongkai.supervision import services

JOB = System("每日自查")


@task()
def supervision_daily() -> dict[str, int]:
    checked = services.self_checks_run(actor=JOB)
    reminded = services.tasks_remind(actor=JOB)
    reports = services.reports_remind()
    return {
        "checked": checked,
        **reminded,
        "reports_due_soon": reports["due_soon"],
        "reports_overdue": reports["overdue"],
    }
