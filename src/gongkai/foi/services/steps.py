"""The steps every change to a case takes: its envelope (`case_step`: one transaction, the row locked, the
permission checked, audited), "today", the status move, the date checks and the due date recomputed."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time
from typing import Any, ParamSpec, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit as audit_log
from gongkai.core import validation
from gongkai.core.actors import Actor
from gongkai.foi import reported, workflow
from gongkai.foi.clock import Clock
from gongkai.foi.models import ALLOWED_MOVES, Application, Status
from gongkai.foi.selectors import clock_for
from gongkai.orgs.models import Organization
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

#: The 2019 Regulations took effect on this day; no application under them was received earlier.
EARLIEST_DATE = date(2019, 5, 15)

#: Fields of an application that may enter the audit log (no personal data).
_AUDIT_FIELDS = [
    "status", "org", "handler", "received_on", "due_on", "due_missing_year", "closed_on", "outcome",
    "correction_requested_on", "correction_received_on", "extension_days", "longer_period_days",
]  # fmt: skip

P = ParamSpec("P")
R = TypeVar("R")


def case_step(
    action: str,
    *,
    approval: str | None = None,
    check: bool = True,
    statuses: tuple[str, ...] = (),
    note: Callable[[Any], str] | None = None,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A change to one case (the service's `application`), in one transaction: the row locked (the service gets
    the locked row); the actor's permission checked, the office's or the approver's of `approval` (`check=False`
    where the service checks itself); the case in one of `statuses`, if given; and when the change succeeds,
    the audit event `action` with the state before and after, and `note(result)`."""

    def decorate(service: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(service)
        @transaction.atomic
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            actor = cast("Actor", kwargs["actor"])
            application = kwargs["application"] = locked(cast("Application", kwargs["application"]))
            if approval is not None:
                workflow.require_approver(actor, application.org, approval)
            elif check:
                workflow.require_office(actor, application.org)
            if statuses:
                require_status(application, *statuses)
            before = snapshot(application)
            result = service(*args, **kwargs)
            audit(actor, action, application, before, note=note(result) if note else "")
            return result

        return run

    return decorate


_as_of: ContextVar[date | None] = ContextVar("gongkai_foi_as_of", default=None)


@contextmanager
def recording_as_of(day: date) -> Iterator[None]:
    """Record past handling as if on `day` (migrating paper records, the demo): "today" in every check and
    default date is `day`. Never used by the interfaces."""
    token = _as_of.set(day)
    try:
        yield
    finally:
        _as_of.reset(token)


def today() -> date:
    return _as_of.get() or timezone.localdate()


def now() -> datetime:
    day = _as_of.get()
    if day is None:
        return timezone.now()
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


def snapshot(application: Application) -> dict[str, Any]:
    return audit_log.snapshot(application, _AUDIT_FIELDS)


def audit(
    actor: Actor, action: str, application: Application, before: dict[str, Any] | None, note: str = ""
) -> None:
    audit_log.record(
        actor=actor,
        action=action,
        obj=application,
        org=application.org,
        before=before,
        after=snapshot(application),
        note=note,
    )


def locked(application: Application) -> Application:
    """The row, locked for the rest of the transaction: two clerks never move one case at once."""
    return Application.objects.select_for_update().select_related("org").get(pk=application.pk)


def move(application: Application, to: str) -> None:
    require_status(application, *(status for status, moves in ALLOWED_MOVES.items() if to in moves))
    application.status = to


def active_status(application: Application) -> str:
    return Status.IN_PROGRESS if application.handler_id else Status.RECEIVED


def require_status(application: Application, *statuses: str) -> None:
    if application.status not in statuses:
        raise ValidationError(
            "当前状态“%(status)s”下不能执行该操作。", params={"status": application.get_status_display()}
        )


def check_date(value: object, *, field: str, label: str, not_before: date | None = None) -> date:
    floor = max(not_before or EARLIEST_DATE, EARLIEST_DATE)
    day = validation.check_date(value, field=field, label=label, today=today(), earliest=floor)
    assert day is not None  # required: check_date raised otherwise
    return day


def require_open_year(org: Organization, day: object, *, field: str, label: str) -> None:
    """Published years never change: once an annual report covering `org` is published for a year, no event
    writes a date of that year that the report counts (received, closed, fee paid). See docs/reports.md."""
    if isinstance(day, date) and day.year in reported.reported_years(org.pk):
        raise ValidationError(
            {
                field: [
                    f"{org.name}{day.year}年度的政府信息公开工作年度报告已发布，该年度的数据不再变动，"
                    f"{label}不能登记为{day.isoformat()}。请按实际办理之日登记，原日期写入说明；"
                    "需要更正已发布年度数据的，在下一年度报告中说明。"
                ]
            }
        )


def workdays_after(
    start: date, n: int, calendar: WorkCalendar | None = None
) -> tuple[date | None, int | None]:
    """`n` working days after `start`, or (None, the missing year) when that year has no calendar yet: the step
    is the law's and is recorded; the date is filled in when the year is entered (applications_recompute_due)."""
    try:
        return (calendar or WorkCalendar()).add_workdays(start, n), None
    except CalendarMissing as exc:
        return None, exc.year


def recompute(application: Application, calendar: WorkCalendar | None = None) -> Clock:
    clock = clock_for(application, calendar=calendar)
    application.due_on = clock.due_on
    application.due_missing_year = clock.missing_year
    return clock


def save(application: Application, *fields: str) -> None:
    application.save(update_fields=[*fields, "due_on", "due_missing_year", "status", "updated_at"])
