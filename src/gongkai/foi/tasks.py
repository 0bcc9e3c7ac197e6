"""Background tasks (django-tasks): the daily jobs of information applications, for a task worker.

They call the same functions as the `foi_close_lapsed` and `foi_reminders` commands.
"""

from __future__ import annotations

from django_tasks import task


@task()
def close_lapsed() -> list[str]:
    from gongkai.foi.services import applications_close_lapsed, consultations_deemed_agreed

    consultations_deemed_agreed()
    return [a.tracking_no for a in applications_close_lapsed()]


@task()
def send_reminders() -> dict:
    from gongkai.foi.reminders import reminders_send

    report = reminders_send()
    return {"mails": report.mails, "counts": report.counts, "without_address": report.without_address}


@task()
def produce_redaction(redaction_id: int) -> dict:
    """Burn in a redaction, rebuild its text layer and check it (documents' bounded worker)."""
    from gongkai.foi.services.redaction import redaction_run

    redaction = redaction_run(redaction_id=redaction_id)
    return {"status": redaction.status, "error": redaction.error}


@task()
def notify_applicant(application_id: int, change: str) -> dict:
    """Tell the applicant of a status change (`foi.notifications`): after the change's commit."""
    from gongkai.foi.notifications import deliver

    return deliver(application_id, change)
