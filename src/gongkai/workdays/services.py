"""Changing the working-day calendar: entering a year, importing a file, seeding from chinesecalendar."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.core import access, actors, audit, deadlines
from gongkai.core.actors import Actor
from gongkai.workdays.models import CalendarYear, DayKind, SpecialDay


def calendar_changed(*, years: list[int]) -> dict[str, int]:
    """After a year's calendar changed, inside the transaction: every deadline owner registered in
    `gongkai.core.deadlines` (applications, catalog items) recomputes its records. Returns changes per owner."""
    return deadlines.recompute(years=years)


_KIND_WORDS = {
    "holiday": DayKind.HOLIDAY, "休": DayKind.HOLIDAY, "放假": DayKind.HOLIDAY,
    "workday": DayKind.WORKDAY, "班": DayKind.WORKDAY, "上班": DayKind.WORKDAY,
}  # fmt: skip
_MAX_RANGE_DAYS = 31


@dataclass(frozen=True)
class Day:
    date: date
    kind: str
    name: str = ""


class CalendarFileError(ValidationError):
    pass


def _parse_date(text: str, lineno: int) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CalendarFileError(f"第{lineno}行：日期“{text.strip()}”格式错误，应为 YYYY-MM-DD。") from None


def parse_calendar_text(text: str) -> dict[int, list[Day]]:
    """Parse the calendar file format (docs/workdays.md) into days per year.

    Each line: `DATE,KIND[,NAME]` or `DATE..DATE,KIND[,NAME]`; KIND is holiday/休/放假 or workday/班/上班;
    `#` starts a comment. Every error names its line; nothing is returned unless the whole file is valid.
    """
    years: dict[int, dict[date, Day]] = {}
    errors: list[str] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip().lstrip("\ufeff")
        if not line:
            continue
        parts = [p.strip() for p in re.split(r"[,，\t]", line)]
        if len(parts) < 2 or len(parts) > 3:
            errors.append(f"第{lineno}行：应为“日期,类型[,名称]”三栏，实际{len(parts)}栏。")
            continue
        when, kind_word = parts[0], parts[1]
        name = parts[2] if len(parts) == 3 else ""
        kind = _KIND_WORDS.get(kind_word.lower())
        if kind is None:
            errors.append(
                f"第{lineno}行：类型“{kind_word}”无法识别，应为 holiday（放假）或 workday（上班）。"
            )
            continue
        if len(name) > 50:
            errors.append(f"第{lineno}行：名称过长（最多50字）。")
            continue
        try:
            if ".." in when:
                first_text, last_text = when.split("..", 1)
                first, last = _parse_date(first_text, lineno), _parse_date(last_text, lineno)
                if last < first or (last - first).days >= _MAX_RANGE_DAYS:
                    raise CalendarFileError(f"第{lineno}行：日期区间“{when}”无效（结束早于开始或超过31天）。")
            else:
                first = last = _parse_date(when, lineno)
        except CalendarFileError as exc:
            errors.extend(exc.messages)
            continue
        day = first
        while day <= last:
            if not 1990 <= day.year <= 2200:
                errors.append(f"第{lineno}行：年份{day.year}超出范围（1990-2200）。")
                break
            bucket = years.setdefault(day.year, {})
            if day in bucket and bucket[day].kind != kind:
                errors.append(f"第{lineno}行：{day} 与前面的行矛盾（既放假又上班）。")
            if kind == DayKind.WORKDAY and day.weekday() < 5:
                errors.append(f"第{lineno}行：{day} 是周一至周五，本来就是工作日，不能登记为调休上班日。")
            bucket[day] = Day(day, kind, name)
            day += timedelta(days=1)
    if errors:
        raise CalendarFileError(errors)
    if not years:
        raise CalendarFileError("文件中没有任何日期。")
    return {year: sorted(days.values(), key=lambda d: d.date) for year, days in years.items()}


def _require_admin(actor: Actor) -> None:
    # Platform administrators maintain the calendar; the orgs app says who they are (core.access).
    if not actors.is_system(actor) and not access.allowed(access.PLATFORM_ADMIN, actor):
        raise PermissionDenied("只有平台管理员可以维护工作日历。")


@transaction.atomic
def calendar_year_set(*, actor: Actor, year: int, days: list[Day], source: str = "") -> CalendarYear:
    """Enter or replace one year's holidays and make-up working days."""
    _require_admin(actor)
    if not 1990 <= year <= 2200:
        raise ValidationError(f"年份{year}超出范围（1990-2200）。")
    wrong = [d.date for d in days if d.date.year != year]
    if wrong:
        raise ValidationError(f"日期 {wrong[0]} 不属于{year}年。")
    calendar_year, created = CalendarYear.objects.get_or_create(year=year, defaults={"source": source})
    before = None
    if not created:
        before = {
            "source": calendar_year.source,
            "days": [f"{d} {k}" for d, k in calendar_year.days.values_list("date", "kind")],
        }
        calendar_year.days.all().delete()
        calendar_year.source = source
        calendar_year.save(update_fields=["source", "updated_at"])
    SpecialDay.objects.bulk_create(
        SpecialDay(calendar_year=calendar_year, date=d.date, kind=d.kind, name=d.name) for d in days
    )
    audit.record(
        actor=actor,
        action="calendar.year_set" if created else "calendar.year_replace",
        obj=calendar_year,
        before=before,
        after={"source": source, "days": [f"{d.date} {d.kind}" for d in days]},
    )
    calendar_changed(years=[year])
    return calendar_year


@transaction.atomic
def calendar_import_text(*, actor: Actor, text: str, source: str = "") -> list[CalendarYear]:
    """Import a calendar file: every year in it is replaced, or nothing is when any line is wrong."""
    _require_admin(actor)
    parsed = parse_calendar_text(text)
    return [calendar_year_set(actor=actor, year=y, days=d, source=source) for y, d in sorted(parsed.items())]


_HOLIDAY_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}  # fmt: skip


def _holiday_name(value: object) -> str:
    text = str(getattr(value, "value", value) or "")
    return _HOLIDAY_NAMES.get(text, text)[:50]


def chinesecalendar_days(year: int) -> list[Day]:
    """The official days of `year` as published in the chinesecalendar package."""
    import chinese_calendar

    days: list[Day] = []
    for day, holiday in sorted(chinese_calendar.holidays.items()):
        if day.year == year and day.weekday() < 5:
            days.append(Day(day, DayKind.HOLIDAY, _holiday_name(holiday)))
    for day, holiday in sorted(chinese_calendar.workdays.items()):
        if day.year == year and day.weekday() >= 5:
            days.append(Day(day, DayKind.WORKDAY, _holiday_name(holiday) + "调休"))
    return sorted(days, key=lambda d: d.date)


def chinesecalendar_years() -> list[int]:
    import chinese_calendar

    return sorted({d.year for d in chinese_calendar.holidays})


@transaction.atomic
def calendar_seed(*, actor: Actor, years: list[int] | None = None) -> list[int]:
    """Enter the years chinesecalendar knows that are not yet entered. Idempotent."""
    seeded = []
    existing = set(CalendarYear.objects.values_list("year", flat=True))
    for year in years or chinesecalendar_years():
        if year in existing:
            continue
        calendar_year_set(actor=actor, year=year, days=chinesecalendar_days(year), source="chinesecalendar")
        seeded.append(year)
    return seeded
