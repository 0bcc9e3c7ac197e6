"""Which organisations a report covers, and how they split into the parts the report adds up.

A scope is resolved once per report into a list of organisations (one small query); every aggregate then
filters on their ids and groups by organisation, so the same counts roll up into the scope total, its parts
(本级 + 下级政府) and the drill-down per organisation without a second query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.orgs.models import Kind, Level, Organization
from gongkai.reports.models import Scope

MIN_YEAR = 2008  # the Regulations took effect on 1 May 2008


@dataclass(frozen=True)
class Segment:
    """A part of the scope: the organisation itself with its departments, or one lower government's region."""

    key: str  # "own" or the credit code of a lower government
    label: str
    org_ids: frozenset[int]
    is_lower: bool


@dataclass
class ReportScope:
    org: Organization
    scope: str
    orgs: dict[int, Organization] = field(default_factory=dict)
    segments: list[Segment] = field(default_factory=list)

    @property
    def org_ids(self) -> list[int]:
        return sorted(self.orgs)

    def segment_of(self, org_id: int) -> Segment | None:
        for segment in self.segments:
            if org_id in segment.org_ids:
                return segment
        return None

    @property
    def scope_label(self) -> str:
        return str(Scope(self.scope).label)

    @property
    def subject(self) -> str:
        """How the narrative names who is reporting: 全市 / 市政府及其部门 / 本机关."""
        return subject_name(self.org, self.scope)


def subject_name(org: Organization, scope: str) -> str:
    short = org.short_name or org.name.removesuffix("人民政府")
    if scope == Scope.REGION:
        if short.endswith(("市", "县", "区", "省", "镇", "乡")):
            return f"全{short[-1]}"
        return f"{short}全域"
    if scope == Scope.WITH_DEPARTMENTS:
        if org.kind == Kind.GOVERNMENT:
            return f"{short}政府及其部门"
        return f"{org.name}及所属单位"
    return org.name


def validate_year(year, *, today: date | None = None) -> int:
    """The report year as an int, or a ValidationError in Chinese (years before 2008 or in the future)."""
    today = today or timezone.localdate()
    try:
        value = int(str(year).strip())
    except (TypeError, ValueError):
        raise ValidationError({"year": [f"年度“{year}”不是有效的年份。"]}) from None
    if value < MIN_YEAR or value > today.year:
        raise ValidationError({"year": [f"年度须在{MIN_YEAR}年至{today.year}年之间。"]})
    return value


def validate_scope(org: Organization, scope: str) -> str:
    if scope not in Scope.values:
        labels = "、".join(f"{v}（{label}）" for v, label in Scope.choices)
        raise ValidationError({"scope": [f"统计范围“{scope}”无效，可选：{labels}。"]})
    if scope == Scope.REGION and org.kind != Kind.GOVERNMENT:
        raise ValidationError({"scope": ["只有人民政府可以按本行政区域统计。"]})
    return scope


def resolve(org: Organization, scope: str) -> ReportScope:
    """The organisations of `scope` around `org` (one query), split into segments."""
    validate_scope(org, scope)
    result = ReportScope(org=org, scope=scope)
    if scope == Scope.ALONE:
        result.orgs = {org.pk: org}
        result.segments = [Segment("own", org.name, frozenset({org.pk}), False)]
        return result
    subtree = list(Organization.objects.filter(path__startswith=org.path).order_by("path"))
    # Lower governments (with their own regions) inside the subtree.
    lower = [o for o in subtree if o.pk != org.pk and o.kind == Kind.GOVERNMENT]
    top_lower = [g for g in lower if not any(g.path.startswith(p.path) and g.pk != p.pk for p in lower)]

    def under(o: Organization, gov: Organization) -> bool:
        return o.path.startswith(gov.path)

    own = [o for o in subtree if not any(under(o, g) for g in top_lower)]
    result.segments = [
        Segment("own", subject_name(org, Scope.WITH_DEPARTMENTS), frozenset(o.pk for o in own), False)
    ]
    result.orgs = {o.pk: o for o in own}
    if scope == Scope.REGION:
        for gov in top_lower:
            members = [o for o in subtree if under(o, gov)]
            result.segments.append(
                Segment(
                    gov.credit_code,
                    subject_name(gov, Scope.WITH_DEPARTMENTS),
                    frozenset(o.pk for o in members),
                    True,
                )
            )
            result.orgs.update({o.pk: o for o in members})
    return result


def lower_label(org: Organization) -> str:
    """The name of the lower governments in the seed's wording: 县（区）政府及其部门."""
    if org.level == Level.CITY:
        return "县（区）政府及其部门"
    if org.level == Level.COUNTY:
        return "乡镇（街道）及其部门"
    if org.level == Level.PROVINCE:
        return "市级政府及其部门"
    return "下级政府及其部门"


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def aware_range(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, end+1 00:00) in the platform's time zone, for DateTimeFields."""
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz),
    )
