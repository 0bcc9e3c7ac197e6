from django.core.management.base import BaseCommand

from gongkai.proposals.reminders import reminders_send


class Command(BaseCommand):
    help = "Mail the handling units about suggestions and proposals due soon, overdue, or with a late co-handler opinion."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, send nothing")

    def handle(self, *args, dry_run=False, **options):
        report = reminders_send(dry_run=dry_run)
        self.stdout.write(f"超期 {report.counts['overdue']} 件，即将到期 {report.counts['due_soon']} 件，"
                          f"会办意见逾期 {report.counts['opinion_late']} 件；发出 {report.mails} 封邮件。")  # fmt: skip
