"""What each role sees first. Each panel is a title, figures and links, built from selectors."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from gongkai.backoffice import panels as domain_panels
from gongkai.backoffice.panels import Panel
from gongkai.core.models import AuditEvent
from gongkai.orgs import access
from gongkai.workdays.models import CalendarYear


def _calendar_panel() -> Panel:
    today = timezone.localdate()
    known = set(CalendarYear.objects.values_list("year", flat=True))
    panel = Panel("工作日历", [("已录入年份", len(known), reverse("backoffice:calendar_list"))])
    if today.year not in known:
        panel.note, panel.level = f"{today.year}年日历尚未录入，期限无法计算。", "bad"
    elif today.month >= 10 and today.year + 1 not in known:
        panel.note, panel.level = (
            f"{today.year + 1}年日历尚未录入：跨年期限将显示为无法计算。请在国务院办公厅发布放假通知后录入。",
            "warn",
        )
    return panel


def panels_for(user) -> list[Panel]:
    roles = access.roles_of(user)
    panels: list[Panel] = []
    role_names = "、".join(access.role_labels(roles))
    orgs = access.orgs_for(user)
    panels.append(
        Panel(
            "我的岗位",
            [("角色", role_names or "—", None), ("可访问机构", orgs.count(), reverse("backoffice:org_list"))],
        )
    )
    panels.extend(_domain_panels(user, roles))
    if access.sees_calendar(roles):
        panels.append(_calendar_panel())
    if access.sees_audit_log(roles):
        events = access.audit_events_for(AuditEvent.objects.all(), user)
        panels.append(Panel("操作日志", [("近期操作", events.count(), reverse("backoffice:audit_log"))]))
    return panels


def _domain_panels(user, roles: set[str]) -> list[Panel]:
    """Panels contributed by domain apps (catalog queues, applications due…), each from its selectors."""
    found: list[Panel] = []
    for builder in domain_panels.BUILDERS:
        found.extend(builder(user, roles))
    return found
