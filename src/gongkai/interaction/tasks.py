"""Background tasks (django-tasks) of public interaction, for a task worker."""

from __future__ import annotations

from django_tasks import task


@task()
def supervise() -> dict[str, list[str]]:
    """Daily: reminders before the deadline, 催办 at expiry, 督办 when long overdue (`services.messages_supervise`)."""
    from gongkai.interaction.services import messages_supervise

    report = messages_supervise()
    return {"reminded": report.reminded, "urged": report.urged, "supervised": report.supervised}
