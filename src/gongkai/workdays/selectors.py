from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from gongkai.core.notfound import first_or_404
from gongkai.workdays.models import CalendarYear, DayKind


def years_summary() -> QuerySet[CalendarYear]:
    return CalendarYear.objects.annotate(
        holidays=Count("days", filter=Q(days__kind=DayKind.HOLIDAY)),
        workdays=Count("days", filter=Q(days__kind=DayKind.WORKDAY)),
    ).order_by("-year")


def get_year(year: int) -> CalendarYear:
    return first_or_404(CalendarYear.objects.filter(year=year), f"{year}年的工作日历尚未录入。")
