"""Mail the annual-report deadline reminders (run daily from cron or the task worker)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from gongkai.reports import services


class Command(BaseCommand):
    help = "发送政府信息公开工作年度报告发布期限提醒（幂等，每个提醒只发一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按该日期计算（YYYY-MM-DD），用于补发或测试")

    def handle(self, *args, today=None, **options):
        day = None
        if today:
            try:
                day = date.fromisoformat(today)
            except ValueError:
                raise CommandError(f"日期“{today}”无效，格式为 YYYY-MM-DD。") from None
        sent = services.reminders_send(today=day)
        for row in sent:
            self.stdout.write(f"{row.org.name} {row.year}年度报告：已提醒（{row.recipients}人）")
        self.stdout.write(self.style.SUCCESS(f"共发送提醒 {len(sent)} 条。"))
