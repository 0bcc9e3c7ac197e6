from datetime import date

from django.core.management.base import BaseCommand, CommandError

from gongkai.supervision import services
from gongkai.supervision.tasks import JOB


class Command(BaseCommand):
    help = (
        "Compute every organisation's self-checks for a day (today by default) and send the task reminders."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD (default: today in Beijing time)")
        parser.add_argument("--no-reminders", action="store_true", help="compute the checks only")

    def handle(self, *args, date=None, no_reminders=False, **options):
        day = None
        if date:
            try:
                day = _parse(date)
            except ValueError as exc:
                raise CommandError(f"日期格式应为 YYYY-MM-DD：{date}") from exc
        n = services.self_checks_run(actor=JOB, day=day)
        self.stdout.write(f"自查：{n} 个机构。")
        if not no_reminders:
            counts = services.tasks_remind(actor=JOB, today=day)
            self.stdout.write(f"任务提醒：即将到期 {counts['due_soon']} 项，逾期 {counts['overdue']} 项。")
            reports = services.reports_remind(today=day)
            self.stdout.write(f"报送提醒：即将到期 {reports['due_soon']} 份，逾期 {reports['overdue']} 份。")


def _parse(value: str) -> date:
    return date.fromisoformat(value)
