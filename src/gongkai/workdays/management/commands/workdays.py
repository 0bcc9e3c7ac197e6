"""`gongkai workdays import FILE | seed | show YEAR | add DATE N`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.core.actors import System
from gongkai.core.audit import RequestContext, reset_context, set_context
from gongkai.workdays import calendar, services
from gongkai.workdays.models import CalendarYear


class Command(BaseCommand):
    help = "Maintain the working-day calendar (holidays and make-up working days)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import a calendar file (docs/workdays.md)")
        imp.add_argument("file")
        imp.add_argument("--source", default="", help="the State Council notice, e.g. 国办发明电〔2026〕7号")
        sub.add_parser("seed", help="enter every year chinesecalendar knows that is not entered yet")
        show = sub.add_parser("show", help="list a year's special days")
        show.add_argument("year", type=int)
        add = sub.add_parser("add", help="the date N working days after DATE")
        add.add_argument("date")
        add.add_argument("n", type=int)

    def handle(self, *args, **options):
        token = set_context(RequestContext(source="command"))
        try:
            getattr(self, "do_" + options["action"])(options)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from None
        except calendar.CalendarMissing as exc:
            raise CommandError(str(exc)) from None
        finally:
            reset_context(token)

    def do_import(self, options):
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"文件不存在：{path}") from None
        except UnicodeDecodeError:
            raise CommandError(f"文件不是 UTF-8 编码：{path}") from None
        years = services.calendar_import_text(
            actor=System("工作日历导入"), text=text, source=options["source"]
        )
        for year in years:
            self.stdout.write(self.style.SUCCESS(f"{year.year}年：已录入 {year.days.count()} 个特殊日期"))

    def do_seed(self, options):
        seeded = services.calendar_seed(actor=System("工作日历导入"))
        self.stdout.write(f"录入 {len(seeded)} 个年份" + (f"（{seeded[0]}-{seeded[-1]}）" if seeded else ""))

    def do_show(self, options):
        year = CalendarYear.objects.filter(year=options["year"]).first()
        if year is None:
            raise CommandError(str(calendar.CalendarMissing(options["year"])))
        for day in year.days.all():
            self.stdout.write(f"{day.date} {day.kind:<8} {day.name}")

    def do_add(self, options):
        try:
            start = date.fromisoformat(options["date"])
        except ValueError:
            raise CommandError("日期格式应为 YYYY-MM-DD") from None
        if options["n"] < 0:
            raise CommandError("工作日数不能为负数")
        self.stdout.write(calendar.add_workdays(start, options["n"]).isoformat())
