"""Annual reports under access control: the staff's, the published ones, the ones due."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from django.db.models import QuerySet

from gongkai.core.actors import Actor
from gongkai.core.notfound import first_or_404
from gongkai.orgs import access
from gongkai.orgs.models import Kind, Organization, OrganizationQuerySet
from gongkai.reports import conf, rules
from gongkai.reports.models import AnnualReport, ReportedYear, ReportStatus


def reports_for_staff(user: Actor) -> QuerySet[AnnualReport]:
    return access.filter_by_org(AnnualReport.objects.select_related("org"), user, *rules.VIEW_ROLES)


def get_report_for_staff(*, user: Actor, pk: int) -> AnnualReport:
    return first_or_404(reports_for_staff(user).filter(pk=pk), "没有找到该年度报告。")


def published_reports() -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(status=ReportStatus.PUBLISHED).select_related("org")


def get_published_report(*, credit_code: str, year: int, scope: str) -> AnnualReport:
    return first_or_404(
        published_reports().filter(
            org__credit_code=credit_code.upper(), year=year, scope=scope, org__is_active=True
        ),
        "没有找到该年度报告。",
    )


def reported_years(org_id: int) -> set[int]:
    """The years whose annual report covering the organisation is published (its figures never move)."""
    return set(ReportedYear.objects.filter(org_id=org_id).values_list("year", flat=True))


def previous_published(report_org: Organization, year: int, scope: str) -> AnnualReport | None:
    return (
        AnnualReport.objects.filter(org=report_org, year=year - 1, scope=scope, status=ReportStatus.PUBLISHED)
        .only("snapshot", "year")
        .first()
    )


def report_duty_orgs(user: Actor | None = None) -> OrganizationQuerySet:
    """Organisations that publish an annual report (Art. 49): governments and their departments."""
    qs = Organization.objects.active().filter(kind__in=[Kind.GOVERNMENT, Kind.DEPARTMENT])
    if user is not None:
        qs = access.filter_by_org(qs, user, *rules.VIEW_ROLES, field="")
    return qs.order_by("path")


def deadline_for(org: Organization, year: int) -> date:
    """The day the annual report of `year` is due: governments by 31 March, departments by 31 January of the
    next year (settings GONGKAI_REPORT_DEADLINE_GOVERNMENT / _DEPARTMENT, "MM-DD")."""
    month, day = conf.deadline_government() if org.kind == Kind.GOVERNMENT else conf.deadline_department()
    if (month, day) == (2, 29) and not calendar.isleap(year + 1):
        day = 28
    return date(year + 1, month, day)


def reports_due(*, today: date, user: Actor | None = None) -> list[dict[str, Any]]:
    """Last year's annual reports still to publish, with their deadline and days left (two queries)."""
    year = today.year - 1
    orgs = list(report_duty_orgs(user))
    published = set(
        AnnualReport.objects.filter(
            year=year, status=ReportStatus.PUBLISHED, org__in=[o.pk for o in orgs]
        ).values_list("org_id", flat=True)
    )
    out: list[dict[str, Any]] = []
    for org in orgs:
        if org.pk in published:
            continue
        deadline = deadline_for(org, year)
        days = (deadline - today).days
        out.append(
            {"org": org, "year": year, "deadline": deadline, "days_left": days, "overdue_days": max(0, -days)}
        )
    out.sort(key=lambda e: (e["days_left"], e["org"].path))
    return out


def statistics_governments() -> OrganizationQuerySet:
    """Governments offered on the public statistics page (active, in tree order)."""
    return Organization.objects.active().filter(kind=Kind.GOVERNMENT).order_by("path")
