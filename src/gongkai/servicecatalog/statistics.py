"""Figures of the service catalog for the reports and the back office (definitions in docs/servicecatalog.md).

- items per type and organisation: service items (业务办理项) with a published guide, by 事项类型 (A.1);
- guides complete: published guides with every active key element present;
- entries covered: standard-catalog entries with a tagged item published inside the entry's 公开时限.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, QuerySet

from gongkai.orgs.models import Organization
from gongkai.servicecatalog import selectors
from gongkai.servicecatalog.models import GuideVersion

PERMIT_TYPE = "01"  # 行政许可 (A.1): report table 2 counts decisions on these items


def items_by_type_and_org(
    organizations: Iterable[Organization] | QuerySet[Organization],
) -> list[dict[str, object]]:
    """[{org, org_name, type_code, type_name, count}] of published guides, ordered by organisation and type."""
    rows = (
        GuideVersion.objects.published()
        .filter(item__org__in=list(organizations))
        .values(
            "item__org_id", "item__org__name", "item__basic__item_type__code", "item__basic__item_type__name"
        )
        .annotate(count=Count("id"))
        .order_by("item__org__path", "item__basic__item_type__code")
    )
    return [
        {"org": r["item__org_id"], "org_name": r["item__org__name"], "type_code": r["item__basic__item_type__code"],
         "type_name": r["item__basic__item_type__name"], "count": r["count"]}
        for r in rows
    ]  # fmt: skip


def permit_items(organizations: Iterable[Organization] | QuerySet[Organization]) -> int:
    return (
        GuideVersion.objects.published()
        .filter(item__org__in=list(organizations), item__basic__item_type__code=PERMIT_TYPE)
        .count()
    )


def summary(organizations: Iterable[Organization] | QuerySet[Organization]) -> dict[str, int]:
    orgs = list(organizations)
    completeness = selectors.guide_completeness_by_org(orgs)
    coverage = selectors.coverage_by_org(orgs)
    return {
        "guides": sum(a + b for a, b in completeness.values()),
        "complete": sum(a for a, _b in completeness.values()),
        "incomplete": sum(b for _a, b in completeness.values()),
        "permits": permit_items(orgs),
        "entries": sum(c.entries for c in coverage.values()),
        "covered": sum(c.covered for c in coverage.values()),
    }
