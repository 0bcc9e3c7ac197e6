"""Dashboard panels of the domain apps. Each builder takes (user, roles) and returns a list of Panels.

Add a builder per domain here, reading only that domain's selectors.
"""

from __future__ import annotations

BUILDERS: list = []


def catalog_panels(user, roles: set[str]) -> list:
    """Proactive disclosure: my drafts, the review queue, approved and scheduled items, at-risk and late."""
    from django.urls import reverse

    from gongkai.backoffice.dashboard import Panel
    from gongkai.catalog import selectors as catalog_selectors
    from gongkai.catalog.models import Status
    from gongkai.orgs.models import Role

    if not roles & {Role.EDITOR, Role.REVIEWER, Role.OFFICE, Role.SUPERVISOR, Role.ADMIN}:
        return []
    figures = []
    if roles & {Role.EDITOR, Role.OFFICE}:
        drafts = catalog_selectors.my_drafts(user)
        figures.append(("我的草稿", drafts.count(), reverse("backoffice:catalog_drafts")))
        returned = drafts.filter(status=Status.RETURNED).count()
        if returned:
            figures.append(("被退回待修改", returned, reverse("backoffice:catalog_drafts")))
    if roles & {Role.REVIEWER, Role.SUPERVISOR}:
        figures.append(
            ("待审核", catalog_selectors.review_queue(user).count(), reverse("backoffice:catalog_review"))
        )
    if roles & {Role.REVIEWER, Role.OFFICE}:
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


BUILDERS.append(catalog_panels)
