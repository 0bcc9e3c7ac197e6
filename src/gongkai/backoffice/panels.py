"""Dashboard panels of the domain apps. Each builder takes (user, roles) and returns a list of Panels.

Add a builder per domain here, reading only that domain's selectors, and list it in `BUILDERS` at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Panel:
    title: str
    figures: list[tuple[str, object, str | None]] = field(default_factory=list)  # label, value, link
    note: str = ""
    level: str = ""  # "", "warn", "bad"


def reports_panels(user, roles: set[str]) -> list:
    """Annual reports: last year's reports still to publish, the nearest deadline, drafts in progress."""
    from django.urls import reverse
    from django.utils import timezone

    from gongkai.reports import rules as report_rules
    from gongkai.reports import selectors as report_selectors

    if not report_rules.sees_reports(roles):
        return []
    today = timezone.localdate()
    due = report_selectors.reports_due(today=today, user=user)
    drafts = report_selectors.reports_for_staff(user).filter(status="draft").count()
    panel = Panel(
        "年度报告",
        [
            (f"待发布的{today.year - 1}年度报告", len(due), reverse("backoffice:report_deadlines")),
            ("编制中的报告", drafts, reverse("backoffice:report_list")),
            ("统计图表", "查看", reverse("backoffice:report_statistics")),
        ],
    )
    overdue = [d for d in due if d["days_left"] < 0]
    soon = [d for d in due if 0 <= d["days_left"] <= 30]
    if overdue:
        panel.note, panel.level = f"{len(overdue)}个机构的年度报告已超过发布期限，请尽快发布。", "bad"
    elif soon:
        first = soon[0]
        panel.note, panel.level = (
            f"{first['org'].name}等{len(soon)}个机构的年度报告将于{first['deadline']:%m月%d日}前到期。",
            "warn",
        )
    return [panel]


def catalog_panels(user, roles: set[str]) -> list:
    """Proactive disclosure: my drafts, the review queue, approved and scheduled items, at-risk and late."""
    from django.urls import reverse

    from gongkai.catalog import rules as catalog_rules
    from gongkai.catalog import selectors as catalog_selectors
    from gongkai.catalog.models import Status

    work = catalog_rules.work_of(roles)
    if not work["any"]:
        return []
    figures: list[tuple[str, object, str | None]] = []
    if work["drafts"]:
        drafts = catalog_selectors.my_drafts(user)
        figures.append(("我的草稿", drafts.count(), reverse("backoffice:catalog_drafts")))
        returned = drafts.filter(status=Status.RETURNED).count()
        if returned:
            figures.append(("被退回待修改", returned, reverse("backoffice:catalog_drafts")))
    if work["review"]:
        figures.append(
            ("待审核", catalog_selectors.review_queue(user).count(), reverse("backoffice:catalog_review"))
        )
    if work["publish"]:
        figures.append(
            (
                "已审核待发布",
                catalog_selectors.approved_unpublished(user).count(),
                reverse("backoffice:catalog_items") + "?status=approved",
            )
        )
        figures.append(
            (
                "定时发布",
                catalog_selectors.scheduled_items(user).count(),
                reverse("backoffice:catalog_scheduled"),
            )
        )
    window = catalog_selectors.risk_window()
    at_risk = catalog_selectors.at_risk_items(user, window=window).count()
    overdue = catalog_selectors.late_items(user, today=window.today).filter(published_at__isnull=True).count()
    late_year = (
        catalog_selectors.late_items(user, today=window.today)
        .filter(published_at__year=window.today.year)
        .count()
    )
    timeliness = reverse("backoffice:catalog_timeliness")
    figures += [("临近公开期限", at_risk, timeliness), ("逾期未发布", overdue, timeliness),
                (f"{window.today.year}年超期发布", late_year, timeliness)]  # fmt: skip
    panel = Panel("主动公开", figures)
    if window.warning:
        panel.note, panel.level = window.warning, "warn"
    elif overdue:
        panel.note, panel.level = f"{overdue}条信息已超过公开期限仍未发布。", "bad"
    elif at_risk:
        panel.note, panel.level = f"{at_risk}条信息将在{window.until:%m月%d日}前到期。", "warn"
    return [panel]


def foi_panels(user, roles: set[str]) -> list:
    """Information applications: to confirm, unassigned, due within 3 working days, overdue, no calendar."""
    from django.urls import reverse
    from django.utils import timezone

    from gongkai.foi import selectors as foi_selectors
    from gongkai.foi import workflow

    if not workflow.sees_applications(roles):
        return []
    today = timezone.localdate()
    overdue = foi_selectors.applications_overdue(user=user, today=today).count()
    due_soon = foi_selectors.applications_due_soon(user=user, today=today).count()
    missing = foi_selectors.applications_missing_calendar(user=user).count()

    def link(name: str) -> str:
        return reverse("backoffice:foi_queue_named", args=[name])

    panel = Panel(
        "依申请公开",
        [
            ("待确认收到", foi_selectors.applications_unconfirmed(user=user).count(), link("unconfirmed")),
            ("待分办", foi_selectors.applications_unassigned(user=user).count(), link("unassigned")),
            ("3个工作日内到期", due_soon, link("due_soon")),
            ("已超期", overdue, link("overdue")),
            ("待审批答复", foi_selectors.applications_pending_approval(user=user).count(), link("approval")),
        ],
    )
    if missing:
        panel.note, panel.level = f"{missing}件申请的答复期限落入尚未录入日历的年份，无法计算。", "bad"
    elif overdue:
        panel.note, panel.level = f"{overdue}件申请已超过答复期限。", "bad"
    elif due_soon:
        panel.note, panel.level = f"{due_soon}件申请将在3个工作日内到期。", "warn"
    return [panel]


def proposals_panels(user, roles: set[str]) -> list:
    """Suggestions and proposals: items in handling, overdue, due soon, replies waiting for publication."""
    from django.urls import reverse
    from django.utils import timezone

    from gongkai.proposals import rules as proposal_rules
    from gongkai.proposals import selectors as proposal_selectors

    if not proposal_rules.sees_proposals(roles):
        return []
    today = timezone.localdate()
    visible = proposal_selectors.proposals_visible_to(user)
    if not visible.exists():
        return []
    overdue = proposal_selectors.overdue(user, today).count()
    soon = proposal_selectors.due_soon(user, today, 15).count()
    to_publish = proposal_selectors.replies_to_publish(user)
    late = to_publish.filter(publish_due_on__lt=today).count()
    deadlines = reverse("backoffice:proposals_deadlines")
    panel = Panel(
        "建议提案办理",
        [
            (
                "办理中",
                visible.filter(status__in=proposal_selectors.OPEN).count(),
                reverse("backoffice:proposals_list"),
            ),
            ("已超期", overdue, deadlines),
            ("15日内到期", soon, deadlines),
            ("答复待公开", to_publish.count(), deadlines),
        ],
    )
    if overdue or late:
        panel.note, panel.level = f"{overdue}件超过答复期限，{late}件答复超过公开期限。", "bad"
    elif soon:
        panel.note, panel.level = f"{soon}件将在15日内到期。", "warn"
    return [panel]


def interaction_panels(user, roles: set[str]) -> list:
    """Public interaction: messages to screen, my unit's tickets, answers to approve or review, the overdue and
    oldest-unanswered watch (the 19号 three-month rule)."""
    from django.urls import reverse

    from gongkai.interaction import rules as interaction_rules
    from gongkai.interaction import selectors as interaction_selectors

    if not interaction_rules.sees_messages(roles):
        return []
    q = interaction_selectors.queues(user)
    link = reverse("backoffice:interaction_queues")
    panel = Panel(
        "政民互动",
        [
            ("待审查", len(q.screening), link),
            ("本单位工单", len(q.unit), link),
            ("待审核答复", len(q.approval) + len(q.review), link),
            ("超期或久未答复", len(q.overdue), link),
        ],
    )
    if q.overdue:
        panel.note, panel.level = (
            f"{len(q.overdue)}件有效留言已超期或收到超过60天仍未答复（3个月未答复将单项否决）。",
            "bad",
        )
    return [panel]


def servicecatalog_panels(user, roles: set[str]) -> list:
    """The service catalog: published guides in reach, those missing key elements, versions awaiting review."""
    from django.urls import reverse

    from gongkai.servicecatalog import rules as service_rules
    from gongkai.servicecatalog import selectors as service_selectors

    if not service_rules.sees(roles):
        return []
    by_org = service_selectors.guide_completeness_by_org(service_rules.reached_orgs(user))
    waiting = service_selectors.awaiting_review(user).count()
    if not by_org and not waiting:
        return []
    incomplete = sum(i for _c, i in by_org.values())
    return [
        Panel(
            "政务服务事项目录",
            [
                (
                    "已公开办事指南",
                    sum(c + i for c, i in by_org.values()),
                    reverse("backoffice:servicecatalog_list"),
                ),
                ("要素不全", incomplete, reverse("backoffice:servicecatalog_incomplete")),
                ("待审核版本", waiting, reverse("backoffice:servicecatalog_list")),
            ],
            note="办事指南重点要素缺失属网站检查单项否决。" if incomplete else "",
            level="warn" if incomplete else "",
        )
    ]


#: The builders in the order of their panels on the dashboard.
def supervision_panels(user, roles: set[str]) -> list:
    """Supervision: the latest self-checks over the reach (vetoes, warnings), overdue tasks, reports to handle."""
    from django.urls import reverse
    from django.utils import timezone

    from gongkai.supervision import rules as supervision_rules
    from gongkai.supervision import selectors as supervision_selectors

    if not supervision_rules.can_open(user):
        return []
    rows = supervision_selectors.dashboard(supervision_rules.visible_orgs(user))
    vetoes = sum(r.vetoes for r in rows)
    warnings = sum(r.warnings for r in rows)
    overdue = supervision_selectors.overdue_tasks(user, timezone.localdate()).count()
    panel = Panel(
        "监督保障",
        [
            ("自查达到否决线", vetoes, reverse("backoffice:supervision")),
            ("自查预警", warnings, reverse("backoffice:supervision")),
            ("逾期未完成的任务", overdue, reverse("backoffice:supervision_plans")),
        ],
    )
    if vetoes:
        panel.note, panel.level = f"{vetoes}项自查达到网站检查单项否决线，请立即整改。", "bad"
    elif warnings or overdue:
        panel.note, panel.level = "有自查预警或逾期任务。", "warn"
    return [panel]


BUILDERS: list[Callable[[Any, set[str]], list[Panel]]] = [
    reports_panels,
    catalog_panels,
    foi_panels,
    proposals_panels,
    interaction_panels,
    supervision_panels,
    servicecatalog_panels,
]
