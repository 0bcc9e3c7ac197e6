"""The daily supervision job: reminders, 催办 and 督办 as steps in the ticket's history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.core.actors import System
from gongkai.interaction import deadlines
from gongkai.interaction.models import (
    Message,
)
from gongkai.interaction.services.base import (
    _audit,
    _event,
)

SUPERVISION = System("催办督办")


@dataclass
class SupervisionReport:
    reminded: list[str]
    urged: list[str]
    supervised: list[str]


def messages_supervise(*, now: datetime | None = None) -> SupervisionReport:
    """The daily job: a reminder before the (effective) deadline, 催办 at expiry, 督办 once overdue by the row's
    working days; each once per message and deadline, as a step in the ticket's history and the audit log."""
    from gongkai.interaction.models import UNANSWERED
    from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

    now = now or timezone.now()
    calendar = WorkCalendar()
    report = SupervisionReport([], [], [])
    open_ = Message.objects.filter(status__in=UNANSWERED).exclude(
        due_at__isnull=True, upstream_due_at__isnull=True
    )
    for message in open_.select_related("channel", "channel__owner"):
        due = deadlines.effective_due(message)
        if due is None:
            continue
        policy = deadlines.policy_for(message.channel, message.kind, message.complex)
        remind_hours = policy.remind_hours if policy else 24
        late_days = policy.supervise_after_workdays if policy else 5
        done = set(
            message.events.filter(at__gte=message.accepted_at or message.submitted_at).values_list(
                "action", flat=True
            )
        )
        step = ""
        if now > due:
            try:
                overdue_days = calendar.workdays_between(timezone.localdate(due), timezone.localdate(now))
            except CalendarMissing:
                overdue_days = 0
            if overdue_days >= late_days and "supervise" not in done:
                step, summary, bucket = (
                    "supervise",
                    f"督办：已超期{overdue_days}个工作日仍未答复",
                    report.supervised,
                )
            elif "urge" not in done and "supervise" not in done:
                step, summary, bucket = (
                    "urge",
                    f"催办：已超过答复时限{timezone.localtime(due):%Y-%m-%d %H:%M}",
                    report.urged,
                )
        elif due - now <= timedelta(hours=remind_hours) and "remind" not in done:
            step, summary, bucket = (
                "remind",
                f"提醒：将于{timezone.localtime(due):%Y-%m-%d %H:%M}到期",
                report.reminded,
            )
        if not step:
            continue
        with transaction.atomic():
            lead = message.assignments.filter(active=True, lead=True).select_related("org").first()
            _event(
                message, step, SUPERVISION, summary, org=lead.org if lead else message.channel.owner, at=now
            )
            _audit(SUPERVISION, step, message, None, summary)
        bucket.append(message.number)
    return report
