"""Reminder mail to the handling units' offices: items due within the policy's reminder days, overdue items, and
co-handler opinions past their period; the assigning office gets its overdue list. Run daily (command
`proposal_reminders`, or the task). The mail names numbers, titles and dates, never a proposer's contacts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import timezone

from gongkai.orgs import access
from gongkai.orgs.models import Organization
from gongkai.proposals import rules
from gongkai.proposals.models import Assignment, AssignmentRole, Proposal, Status
from gongkai.proposals.selectors import OPEN, policy_for


@dataclass
class ReminderReport:
    today: date
    mails: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def _line(proposal: Proposal, when: str) -> str:
    scheme = "http" if settings.DEBUG else "https"
    url = reverse("backoffice:proposals_detail", args=[proposal.pk])
    return f"- 第{proposal.number}号《{proposal.title[:40]}》{when}\n  {scheme}://{settings.GONGKAI_SITE_DOMAIN}{url}"


def _addresses(org: Organization, roles: tuple[str, ...]) -> list[str]:
    return sorted({u.email for u in access.members(org, *roles) if u.email})


def reminders_send(*, today: date | None = None, dry_run: bool = False) -> ReminderReport:
    today = today or timezone.localdate()
    report = ReminderReport(today)
    mail: dict[str, list[str]] = defaultdict(list)
    answering = [AssignmentRole.LEAD, AssignmentRole.SPLIT]
    open_items = Assignment.objects.filter(active=True, role__in=answering, proposal__status__in=OPEN)
    counts = {"overdue": 0, "due_soon": 0, "opinion_late": 0}
    for a in open_items.select_related("proposal", "proposal__session__org", "org"):
        p = a.proposal
        if p.due_on is None:
            continue
        if p.due_on < today:
            counts["overdue"] += 1
            line = _line(p, f"答复期限 {p.due_on:%Y-%m-%d}（已超期{(today - p.due_on).days}天）")
            for address in _addresses(a.org, rules.HANDLING_ROLES) + _addresses(
                p.session.org, rules.ASSIGNING_ROLES
            ):
                mail[address].append(f"{a.org.name}：{line}")
        elif p.due_on <= today + timedelta(days=policy_for(p.body).remind_days):
            counts["due_soon"] += 1
            for address in _addresses(a.org, rules.HANDLING_ROLES):
                mail[address].append(_line(p, f"答复期限 {p.due_on:%Y-%m-%d}"))
    late = Assignment.objects.filter(
        active=True, role=AssignmentRole.CO, opinion_sent_on=None, opinion_due_on__lt=today,
        proposal__status=Status.ASSIGNED,
    ).select_related("proposal", "org")  # fmt: skip
    for a in late:
        counts["opinion_late"] += 1
        for address in _addresses(a.org, rules.HANDLING_ROLES):
            mail[address].append(_line(a.proposal, f"会办意见应于 {a.opinion_due_on:%Y-%m-%d} 前送主办单位"))
    report.counts = counts
    messages = [
        EmailMessage(
            f"[{settings.GONGKAI_SITE_NAME}] 建议提案办理提醒（{len(lines)}件）",
            "\n".join([f"以下建议提案需要办理（{today:%Y年%m月%d日}）：", "", *lines]),
            settings.DEFAULT_FROM_EMAIL,
            [address],
        )
        for address, lines in sorted(mail.items())
    ]
    if messages and not dry_run:
        with get_connection() as connection:
            report.mails = connection.send_messages(messages) or 0
    return report
