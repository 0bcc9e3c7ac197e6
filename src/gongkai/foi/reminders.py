"""Reminder mail to handlers: cases due within a few working days, overdue cases, cases whose due date cannot
be computed, and online applications waiting for confirmation. Run daily (command `foi_reminders` or the task).

The mail names tracking numbers, organisations, titles and dates, never the applicant's personal data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import timezone

from gongkai.foi import conf, selectors
from gongkai.foi.models import Application

SECTIONS = (
    ("overdue", "已超过答复期限"),
    ("due_soon", "即将到期"),
    ("missing_calendar", "期限无法计算（工作日历未录入）"),
    ("confirm_late", "网上申请超过确认时限（条例第三十一条）"),
    ("unconfirmed", "网上申请待确认收到"),
)


@dataclass
class ReminderReport:
    today: date
    mails: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    recipients: list[str] = field(default_factory=list)
    without_address: list[str] = field(default_factory=list)  # tracking numbers nobody could be mailed about


def _case_url(application: Application) -> str:
    scheme = "http" if settings.DEBUG else "https"
    return f"{scheme}://{settings.GONGKAI_SITE_DOMAIN}{reverse('backoffice:foi_case', args=[application.tracking_no])}"


def _line(application: Application, section: str, today: date) -> str:
    title = application.info_title if len(application.info_title) <= 40 else application.info_title[:39] + "…"
    if section == "overdue":
        assert application.due_on is not None  # the overdue queue's
        when = f"答复期限 {application.due_on:%Y-%m-%d}（已超期{(today - application.due_on).days}天）"
    elif section == "due_soon":
        when = f"答复期限 {application.due_on:%Y-%m-%d}"
    elif section == "missing_calendar":
        when = f"{selectors.missing_calendar_year(application)}年工作日历未录入"
    elif section == "confirm_late":
        due = selectors.confirmation_due(application)
        when = f"应于 {due:%Y-%m-%d} 前确认（{conf.confirm_workdays()}个工作日）" if due else ""
    else:
        when = (
            f"提交于 {timezone.localtime(application.submitted_at):%Y-%m-%d %H:%M}"
            if application.submitted_at
            else ""
        )
    return f"- {application.tracking_no} {application.org.display_name}《{title}》{when}\n  {_case_url(application)}"


def _recipients(application: Application, office_cache: dict) -> list[str]:
    if application.handler is not None and application.handler.email:
        return [application.handler.email]
    if application.org_id not in office_cache:
        office_cache[application.org_id] = sorted(
            {u.email for u in selectors.handlers_for(application.org) if u.email}
        )
    return office_cache[application.org_id]


def reminders_send(*, today: date | None = None, dry_run: bool = False) -> ReminderReport:
    today = today or timezone.localdate()
    report = ReminderReport(today)
    horizon, _missing = selectors.remind_horizon(today)
    cases = {
        "overdue": selectors.applications_overdue(today=today),
        "due_soon": selectors.applications_due_soon(today=today, horizon=horizon),
        "missing_calendar": selectors.applications_missing_calendar(),
        "confirm_late": selectors.applications_confirmation_late(today=today),
        "unconfirmed": selectors.applications_unconfirmed(),
    }
    by_person: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    office_cache: dict[int, list[str]] = {}
    for section, qs in cases.items():
        rows = list(qs.select_related("org", "handler"))
        report.counts[section] = len(rows)
        for application in rows:
            addresses = _recipients(application, office_cache)
            if not addresses:
                report.without_address.append(application.tracking_no)
            for address in addresses:
                by_person[address][section].append(_line(application, section, today))
    messages = []
    for address, sections in sorted(by_person.items()):
        parts = [
            f"以下政府信息公开申请需要办理（{today:%Y年%m月%d日}，即将到期指{conf.remind_workdays()}个工作日内到期）：",
            "",
        ]
        for key, title in SECTIONS:
            if sections.get(key):
                parts += [f"【{title}】{len(sections[key])}件", *sections[key], ""]
        subject = f"[{settings.GONGKAI_SITE_NAME}] 依申请公开办理提醒：超期{len(sections.get('overdue', []))}件，即将到期{len(sections.get('due_soon', []))}件"
        messages.append(EmailMessage(subject, "\n".join(parts), settings.DEFAULT_FROM_EMAIL, [address]))
    report.recipients = sorted(by_person)
    if messages and not dry_run:
        with get_connection() as connection:
            report.mails = connection.send_messages(messages) or 0
    return report
