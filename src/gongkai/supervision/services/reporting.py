"""Periodic reports upward: built from the records, submitted, returned with a comment, resubmitted, accepted."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.actors import Actor
from gongkai.orgs import access
from gongkai.orgs.models import Organization
from gongkai.supervision import rules, selectors
from gongkai.supervision.models import (
    PeriodicReport,
    PeriodKind,
    ReportingRule,
    SubmissionState,
)
from gongkai.supervision.services.base import require, text


def due_date(kind: str, year: int, period: int) -> date:
    """The rule's day of the month after the period."""
    rule = ReportingRule.objects.get(kind=kind)
    last_month = period if kind == PeriodKind.MONTH else period * 3
    y, m = (year + 1, 1) if last_month == 12 else (year, last_month + 1)
    return date(y, m, rule.due_day)


def report_prepare(*, actor: Actor, org: Organization, kind: str, year: int, period: int) -> PeriodicReport:
    """Create the unit's report of a period (or refresh a draft or returned one) with figures from the records."""
    require(rules.may_report(actor, org), "您无权为该单位报送。")
    if kind not in PeriodKind.values:
        raise ValidationError({"kind": "请选择月报或季报。"})
    if not 1 <= period <= (12 if kind == PeriodKind.MONTH else 4):
        raise ValidationError({"period": "期间无效。"})
    figures = selectors.period_figures(org, kind, year, period)
    with transaction.atomic():
        report, created = PeriodicReport.objects.select_for_update().get_or_create(
            org=org, kind=kind, year=year, period=period,
            defaults={"figures": figures, "due_on": due_date(kind, year, period)},
        )  # fmt: skip
        if not created:
            if report.state not in (SubmissionState.DRAFT, SubmissionState.RETURNED):
                raise ValidationError("已报送的数据不能重新生成。")
            report.figures = figures
            report.save(update_fields=["figures", "updated_at"])
        audit.record(actor=actor, action="supervision.report_prepare", obj=report, org=org, after=figures)
    return report


def _move(report: PeriodicReport, state: str) -> None:
    if not report.can_move_to(state):
        raise ValidationError(
            f"该报送当前状态为“{report.get_state_display()}”，不能变为“{SubmissionState(state).label}”。"
        )
    report.state = state


def report_submit(*, actor: Actor, report: PeriodicReport, summary: str) -> PeriodicReport:
    require(rules.may_report(actor, report.org), "您无权为该单位报送。")
    summary = text("summary", "工作小结", summary, limit=20000, required=True)
    with transaction.atomic():
        report = PeriodicReport.objects.select_for_update().get(pk=report.pk)
        before = {"state": report.state}
        _move(report, SubmissionState.SUBMITTED)
        report.summary, report.submitted_at = summary, timezone.now()
        report.save(update_fields=["state", "summary", "submitted_at", "updated_at"])
        audit.record_on(
            report,
            actor=actor,
            action="supervision.report_submit",
            before=before,
            after={"state": report.state},
        )
    return report


def reporting_supervisor(actor: Actor, report: PeriodicReport) -> bool:
    """The competent department above the unit (not the unit's own office)."""
    parent = Organization.objects.get_parent(report.org) if report.org.depth > 1 else None
    return rules.may_supervise(actor, report.org) and (parent is None or rules.may_supervise(actor, parent))


def report_return(*, actor: Actor, report: PeriodicReport, comment: str) -> PeriodicReport:
    require(reporting_supervisor(actor, report), "只有主管部门可以退回报送。")
    comment = text("comment", "退回意见", comment, limit=4000, required=True)
    with transaction.atomic():
        report = PeriodicReport.objects.select_for_update().get(pk=report.pk)
        before = {"state": report.state}
        _move(report, SubmissionState.RETURNED)
        report.return_comment = comment
        report.save(update_fields=["state", "return_comment", "updated_at"])
        audit.record_on(
            report,
            actor=actor,
            action="supervision.report_return",
            before=before,
            after={"state": report.state},
            note=comment,
        )
    return report


def report_accept(*, actor: Actor, report: PeriodicReport) -> PeriodicReport:
    require(reporting_supervisor(actor, report), "只有主管部门可以接收报送。")
    with transaction.atomic():
        report = PeriodicReport.objects.select_for_update().get(pk=report.pk)
        before = {"state": report.state}
        _move(report, SubmissionState.ACCEPTED)
        report.accepted_at = timezone.now()
        report.save(update_fields=["state", "accepted_at", "updated_at"])
        audit.record_on(
            report,
            actor=actor,
            action="supervision.report_accept",
            before=before,
            after={"state": report.state},
        )
    return report


def reports_remind(*, today: date | None = None, dry_run: bool = False) -> dict[str, int]:
    """Mail the units' offices about reports not yet submitted (draft or returned) whose deadline is within the
    rule's reminder days, or past. A reminder is a mail, not a change of state: nothing is written."""
    today = today or timezone.localdate()
    rules_by_kind = {r.kind: r for r in ReportingRule.objects.all()}
    mail: dict[str, list[str]] = defaultdict(list)
    counts = {"due_soon": 0, "overdue": 0}
    pending = PeriodicReport.objects.filter(
        state__in=[SubmissionState.DRAFT, SubmissionState.RETURNED]
    ).select_related("org")
    for report in pending:
        rule = rules_by_kind.get(report.kind)
        window = rule.remind_days if rule is not None else 3
        if report.due_on < today:
            kind = "overdue"
        elif report.due_on <= today + timedelta(days=window):
            kind = "due_soon"
        else:
            continue
        counts[kind] += 1
        line = f"- {report.period_label}{report.get_kind_display()}：报送期限 {report.due_on:%Y-%m-%d}" + (
            "（已逾期）" if kind == "overdue" else ""
        )
        for user in access.members(report.org, *rules.UNIT_ROLES):
            if user.email:
                mail[user.email].append(line)
    if mail and not dry_run:
        messages = [
            EmailMessage(
                f"[{settings.GONGKAI_SITE_NAME}] 政务公开定期报送提醒（{len(lines)}份）",
                "\n".join([f"以下报送尚未完成（{today:%Y年%m月%d日}）：", "", *lines]),
                settings.DEFAULT_FROM_EMAIL,
                [address],
            )
            for address, lines in sorted(mail.items())
        ]
        with get_connection() as connection:
            connection.send_messages(messages)
    return counts
