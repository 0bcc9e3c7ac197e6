"""The demo's work report: the city's 政务公开工作总结 of the last full year, generated from the records the other
steps created and left as a draft for the office to edit (the parts of supervision and the service catalog
are added by those apps when they are installed)."""

from __future__ import annotations

from django.utils import timezone

from gongkai.core.actors import System
from gongkai.orgs.models import Organization
from gongkai.workreport import builder, selectors, services
from gongkai.workreport.models import WorkReport


def load(city: Organization) -> str:
    year = timezone.localdate().year - 1
    existing = WorkReport.objects.filter(org=city, year=year).first()
    if existing is not None:
        return f"{existing.title}（已存在，未改动）"
    report = services.work_report_create(actor=System("演示数据"), org=city, year=year)
    figures = builder.figures_of(services.report_data(report))
    return f"{report.title}（草稿，{len(figures)} 项数字）；已发布 {selectors.published().count()} 份"
