"""Seed the official calendar 2004-2026 from the chinesecalendar package (data only)."""

from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.workdays.services import chinesecalendar_days, chinesecalendar_years

    CalendarYear = apps.get_model("workdays", "CalendarYear")
    SpecialDay = apps.get_model("workdays", "SpecialDay")
    for year in chinesecalendar_years():
        if CalendarYear.objects.filter(year=year).exists():
            continue
        calendar_year = CalendarYear.objects.create(year=year, source="chinesecalendar")
        SpecialDay.objects.bulk_create(
            SpecialDay(calendar_year=calendar_year, date=d.date, kind=d.kind, name=d.name)
            for d in chinesecalendar_days(year)
        )


def unseed(apps, schema_editor):
    CalendarYear = apps.get_model("workdays", "CalendarYear")
    SpecialDay = apps.get_model("workdays", "SpecialDay")
    SpecialDay.objects.filter(calendar_year__source="chinesecalendar").delete()
    CalendarYear.objects.filter(source="chinesecalendar").delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
