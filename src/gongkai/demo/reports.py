"""Demo reports: office figures and the annual reports of every organ of 抚顺市 that must publish one (Art. 49),
for the last three years, built from the demo records of the catalog and applications steps (which run before
this one).

Each report is published in January of the following year, on a working day: departments first, governments
(whose region reports add up their departments and lower governments) in the second half of the month. Reports
whose day has not come yet when the demo is loaded are not published; one department (LATE_DEPARTMENT) has not
published last year's report: its draft is ready, so the supervisor's list shows that one organ once the
deadline has passed. Idempotent.
"""

from __future__ import annotations

import random
import re
from datetime import date, datetime, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.demo.city import DEMO
from gongkai.orgs.models import Kind, Membership, Organization, Role
from gongkai.reports import services
from gongkai.reports.models import AnnualReport, OfficeFigures, ReportStatus, Scope
from gongkai.reports.selectors import report_duty_orgs
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

YEARS_BACK = 3
#: The one department that has not yet published last year's report.
LATE_DEPARTMENT = "抚顺市交通运输局"
#: Organs whose reports carry their DOCX/PDF copies in the catalog (the city and the demo staff's organs);
#: the others' copies are rendered on demand by the portal's report page, which keeps the load fast.
WITH_FILES = {"抚顺市人民政府", "抚顺市人民政府办公室", "抚顺市生态环境局", "抚顺市财政局", "新抚区人民政府"}

#: What the office writes where the generated draft leaves a 【…】 for it.
FILLED = {
    "（四）政府信息管理与平台建设。": (
        "（四）政府信息管理与平台建设。严格执行政府信息公开发布前保密审查和“三审三校”制度，定期清理更新"
        "政府信息公开目录和公开指南；依托抚顺市政府信息公开平台统一发布政府信息，规范设置法定主动公开内容栏目；"
        "将政务公开工作纳入年度绩效考核，全年未发生因政府信息公开工作被责任追究的情况。"
    ),
    "（一）存在的主要问题：": (
        "（一）存在的主要问题：一是政策解读形式还比较单一，图解、视频等解读方式运用不多；二是部分信息公开的"
        "时效性有待进一步提高。"
    ),
}
OTHER_MATTERS = (
    "本年度人大代表建议和政协提案办理结果已按规定公开。本年度政务公开工作要点确定的各项任务均已落实。"
)


def _office_figures(city: Organization, year: int) -> int:
    rng = random.Random(f"gongkai-demo-{year}")
    created = 0
    for org in city.subtree().filter(kind__in=[Kind.GOVERNMENT, Kind.DEPARTMENT]).order_by("path"):
        if OfficeFigures.objects.filter(org=org, year=year).exists():
            continue
        big = org.depth == 2 and org.kind == Kind.DEPARTMENT
        services.office_figures_save(
            actor=DEMO,
            org=org,
            year=year,
            licensing_decisions=rng.randrange(50, 1500) if big else rng.randrange(0, 120),
            penalty_decisions=rng.randrange(0, 400) if big else rng.randrange(0, 30),
            coercion_decisions=rng.randrange(0, 40) if big else rng.randrange(0, 5),
            fee_income_wan=Decimal(rng.randrange(0, 2_000_000)) / 10000 if big else Decimal("0"),
            note="各科室报送",
        )
        created += 1
    return created


def _filled(text: str) -> str:
    """The draft narrative with its placeholders written out as the office would."""
    for start, replacement in FILLED.items():
        text = re.sub(re.escape(start) + r"【[^】]*】", replacement, text)
    text = re.sub(r"【请工作机构结合实际修改。】", "", text)
    text = re.sub(r"\n?【请工作机构补充其他需要报告的事项[^】]*】", "\n" + OTHER_MATTERS, text)
    return text


def _member(org: Organization, role: str, *, exclude_role: str | None = None):
    """The organ's staff member holding `role` (the demo login where there is one). Organs without a demo login
    still have a working body: an account that cannot log in stands for it, so that their reports are
    submitted and approved by the office and the head like everyone's."""
    from django.contrib.auth import get_user_model

    from gongkai.orgs import services as org_services

    qs = Membership.objects.filter(org=org, role=role, user__is_active=True).select_related("user")
    if exclude_role:
        qs = qs.exclude(user__memberships__org=org, user__memberships__role=exclude_role)
    m = qs.order_by("user__username").first()
    if m is not None:
        return m.user
    User = get_user_model()
    username = f"{org.org_code}_{role}"
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(username, first_name=f"{org.display_name}{Role(role).label}")
        user.set_unusable_password()
        user.save(update_fields=["password"])
    org_services.membership_grant(actor=DEMO, user=user, org=org, role=role)
    return user


def compile_annual_report(org: Organization, year: int, scope: str) -> AnnualReport:
    """The office compiles the report: the generated draft with its 【…】 parts written out."""
    report = AnnualReport.objects.filter(org=org, year=year, scope=scope).first()
    if report is None:
        report = services.annual_report_create(actor=DEMO, org=org, year=year, scope=scope)
    if not report.is_published and "【" in report.overview + report.problems + report.other_matters:
        report = services.annual_report_update(
            actor=DEMO, report=report, overview=_filled(report.overview), problems=_filled(report.problems),
            other_matters=_filled(report.other_matters),
        )  # fmt: skip
    return report


def publish_annual_report(org: Organization, year: int, scope: str, on: date) -> str:
    """Compile one annual report, submit it as the organ's office and have its head approve it on the working
    day `on` (10:00): the one place the demo publishes a report."""
    report = compile_annual_report(org, year, scope)
    if report.is_published:
        return "existing"
    moment = timezone.make_aware(datetime.combine(on, time(10, 0)))
    office, head = _member(org, Role.OFFICE, exclude_role=Role.HEAD), _member(org, Role.HEAD)
    try:
        if report.status == ReportStatus.DRAFT:
            services.annual_report_submit(actor=office, report=report, today=on)
        services.annual_report_approve(
            actor=head, report=report, published_at=moment, attach_files=org.name in WITH_FILES
        )
    except ValidationError:
        return "draft"  # a check failed: left for staff to see why
    return "published"


def publication_day(calendar: WorkCalendar, org: Organization, year: int) -> date:
    """The working day in January of `year + 1` the organ publishes its report: departments from the 8th
    working day, governments (which add up the others) from the 14th."""
    rng = random.Random(f"{org.credit_code}-{year}")
    nth = rng.randint(14, 17) if org.kind == Kind.GOVERNMENT else rng.randint(6, 12)
    return calendar.add_workdays(date(year, 12, 31), nth)


def load(city: Organization) -> str:
    today = timezone.localdate()
    calendar = WorkCalendar()
    this_year = today.year
    years = list(range(this_year - YEARS_BACK, this_year))
    entered = sum(_office_figures(city, year) for year in years)
    outcomes: list[str] = []
    orgs = [o for o in report_duty_orgs() if o.path.startswith(city.path)]
    for year in years:
        # Departments before governments: a government's region report adds them up.
        for org in sorted(orgs, key=lambda o: (o.kind == Kind.GOVERNMENT, -o.depth, o.path)):
            scope = Scope.REGION if org.kind == Kind.GOVERNMENT else Scope.ALONE
            try:
                day = publication_day(calendar, org, year)
            except CalendarMissing:
                continue
            if year == this_year - 1 and org.name == LATE_DEPARTMENT:
                compile_annual_report(org, year, scope)
                outcomes.append("draft")
                continue
            if day >= today:
                continue  # not yet: the office is still compiling it
            outcomes.append(publish_annual_report(org, year, scope, day))
    published = outcomes.count("published")
    drafts = outcomes.count("draft")
    return (
        f"年度报告 {len(outcomes)} 份（新发布 {published}，草稿 {drafts}，已存在 {outcomes.count('existing')}），"
        f"填报数据 {entered} 条，年度 {years[0]}-{years[-1]}"
    )
