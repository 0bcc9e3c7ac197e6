"""Part 四 (推进“互联网+政务服务”工作情况) of the work report, provided to `gongkai.workreport` at start-up: the
published guides of the government's region (行政许可 among them, complete or missing key elements) and the
basic-level standard disclosure catalogs with the entries covered in the year."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gongkai.orgs.models import Organization
from gongkai.servicecatalog import selectors
from gongkai.servicecatalog.models import Entry, StandardCatalog
from gongkai.workreport.sections import Built, Context, Figure

PERMIT = "行政许可"


def services(ctx: Context) -> Built:
    def guides() -> QuerySet[Any]:
        return selectors.published_guides().filter(item__org_id__in=ctx.org_ids)

    def incomplete_ids() -> list[int]:
        orgs = Organization.objects.filter(pk__in=ctx.org_ids)
        return [row.version.pk for row in selectors.incomplete_guides(orgs)]

    def entries() -> QuerySet[Any]:
        catalogs = StandardCatalog.objects.filter(org_id__in=ctx.org_ids, year=ctx.year)
        return Entry.objects.filter(catalog__in=catalogs).select_related("catalog__org", "catalog__domain")

    def covered() -> QuerySet[Any]:
        catalogs = StandardCatalog.objects.filter(org_id__in=ctx.org_ids, year=ctx.year)
        return entries().filter(pk__in=selectors.covered_entries(catalogs))

    figures = [
        Figure("services.guides", "公开政务服务事项办事指南（项）", "guide", guides),
        Figure(
            "services.guides.permits",
            "其中：行政许可事项（项）",
            "guide",
            lambda: guides().filter(item__basic__item_type__name=PERMIT),
        ),
        Figure(
            "services.guides.complete",
            "要素齐全的办事指南（项）",
            "guide",
            lambda: guides().exclude(pk__in=incomplete_ids()),
        ),
        Figure("services.entries", "基层政务公开标准目录事项（项）", "entry", entries),
        Figure("services.entries.covered", "其中：按时限公开的事项（项）", "entry", covered),
    ]

    def text(v: dict[str, int]) -> str:
        def n(ref: str) -> int:
            return v.get(ref, 0)

        lines = [
            f"{ctx.subject}在政府网站“办事服务”栏目公开政务服务事项办事指南{n('services.guides')}项，其中行政许可事项"
            f"{n('services.guides.permits')}项；办事指南要素齐全的{n('services.guides.complete')}项。"
        ]
        if n("services.entries"):
            lines.append(
                f"编制基层政务公开标准目录，梳理公开事项{n('services.entries')}项，其中按目录规定时限公开的"
                f"{n('services.entries.covered')}项。"
            )
        return "\n".join(lines)

    return Built(figures, text)
