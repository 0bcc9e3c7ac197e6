"""Background tasks (django-tasks) of suggestions and proposals: the daily reminders, as the command."""

from __future__ import annotations

from django_tasks import task


@task()
def send_reminders() -> dict[str, object]:
    from gongkai.proposals.reminders import reminders_send

    report = reminders_send()
    return {"mails": report.mails, "counts": report.counts}
