"""The demo's work reports: the city's 政务公开工作总结 of the current year and of the last full one, generated from
the records the other steps created and left as drafts for the office to edit. The current year's is drafted as
an office drafts its summary in December (published after the year ends); the last full year's carries the
suggestions and proposals, whose demo sessions are 2025's. The parts of supervision and the service catalog
are added by those apps when they are installed."""

from __future__ import annotations

from django.utils import timezone

from gongkai.core.actors import System
from gongkai.orgs.models import Organization
from gongkai.workreport import builder, services
from gongkai.workreport.models import WorkReport


def load(city: Organization) -> str:
    this_year = timezone.localdate().year
    lines = []
    for year in (this_year, this_year - 1):
        existing = WorkReport.objects.filter(org=city, year=year).first()
        if existing is not None:
            lines.append(f"{existing.title}（已存在，未改动）")
            continue
        report = services.work_report_create(actor=System("演示数据"), org=city, year=year)
        figures = builder.figures_of(services.report_data(report))
        lines.append(f"{report.title}（草稿，{len(figures)} 项数字）")
    return "；".join(lines)
