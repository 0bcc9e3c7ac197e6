"""Demo reports: office figures and published annual reports of 抚顺市 for recent years, built from the demo
records of the catalog and applications steps (which run before this one). Idempotent."""

from __future__ import annotations

import random
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.orgs.models import Kind, Membership, Organization, Role
from gongkai.reports import services
from gongkai.reports.models import AnnualReport, OfficeFigures, ReportStatus, Scope

YEARS_BACK = 3


def _office_figures(city: Organization, year: int) -> int:
    rng = random.Random(f"gongkai-demo-{year}")
    created = 0
    for org in city.subtree().filter(kind__in=[Kind.GOVERNMENT, Kind.DEPARTMENT]).order_by("path"):
        if OfficeFigures.objects.filter(org=org, year=year).exists():
            continue
        big = org.depth == 2 and org.kind == Kind.DEPARTMENT
        services.office_figures_save(
            actor=None,
            org=org,
            year=year,
            licensing_decisions=rng.randrange(50, 1500) if big else rng.randrange(0, 120),
            penalty_decisions=rng.randrange(0, 400) if big else rng.randrange(0, 30),
            coercion_decisions=rng.randrange(0, 40) if big else rng.randrange(0, 5),
            fee_income_wan=Decimal(rng.randrange(0, 2_000_000)) / 10000 if big else Decimal("0"),
            note="演示数据",
        )
        created += 1
    return created


#: What the office writes where the drafts ask it to complete a section (【请工作机构…】).
COMPLETIONS = [
    (
        "【请工作机构补充：政府信息管理",
        "严格执行政府信息公开发布前审查，按标准目录维护政府信息公开专栏，政务公开工作纳入年度绩效考核。",
    ),
    ("【请工作机构补充。】", "个别单位政策解读的及时性和针对性有待提高"),
    ("【请工作机构结合实际修改。】", ""),
    ("【请工作机构补充其他需要报告的事项", "本年度无其他需要报告的事项。"),
]


def _completed(text: str) -> str:
    def fill(match) -> str:
        return next((with_ for start, with_ in COMPLETIONS if match.group(0).startswith(start)), "")

    return services.PLACEHOLDER.sub(fill, text)


def _member(org: Organization, role: str, *, exclude_role: str | None = None):
    qs = Membership.objects.filter(org=org, role=role, user__is_active=True).select_related("user")
    if exclude_role:
        qs = qs.exclude(user__memberships__org=org, user__memberships__role=exclude_role)
    m = qs.order_by("user__username").first()
    return m.user if m else None


def _report(org: Organization, year: int, scope: str) -> str:
    """The office compiles (completes the drafts) and submits; the head approves. As staff would."""
    report = AnnualReport.objects.filter(org=org, year=year, scope=scope).first()
    if report is None:
        report = services.annual_report_create(actor=None, org=org, year=year, scope=scope)
    if report.is_published:
        return "existing"
    office, head = _member(org, Role.OFFICE, exclude_role=Role.HEAD), _member(org, Role.HEAD)
    if office is None or head is None:
        return "draft"
    try:
        if report.status == ReportStatus.DRAFT:
            services.annual_report_update(
                actor=office, report=report, **{f: _completed(getattr(report, f)) for f in NARRATIVE}
            )
            services.annual_report_submit(actor=office, report=report)
        services.annual_report_approve(actor=head, report=report)
    except ValidationError:
        return "draft"  # a check failed: left for staff to see why
    return "published"


NARRATIVE = ("overview", "problems", "other_matters")


def load(city: Organization) -> str:
    this_year = timezone.localdate().year
    years = list(range(this_year - YEARS_BACK, this_year))
    entered = sum(_office_figures(city, year) for year in years)
    outcomes: list[str] = []
    for year in years:
        outcomes.append(_report(city, year, Scope.REGION))
    last = this_year - 1
    for name, scope in (("抚顺市生态环境局", Scope.ALONE), ("新抚区人民政府", Scope.REGION)):
        org = Organization.objects.filter(name=name).first()
        if org is not None:
            outcomes.append(_report(org, last, scope))
    published = outcomes.count("published")
    drafts = outcomes.count("draft")
    return (
        f"年度报告 {len(outcomes)} 份（新发布 {published}，草稿 {drafts}，已存在 {outcomes.count('existing')}），"
        f"填报数据 {entered} 条，年度 {years[0]}-{years[-1]}"
    )
