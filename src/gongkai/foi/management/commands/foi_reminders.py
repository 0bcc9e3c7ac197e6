"""Mail handlers about information applications due soon or overdue (run daily from cron or the task worker)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from gongkai.foi.reminders import SECTIONS, reminders_send


class Command(BaseCommand):
    help = "向承办人发送依申请公开办理提醒：即将到期（默认3个工作日内）、已超期、期限无法计算、待确认收到。"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按该日期计算（YYYY-MM-DD），用于补发或测试")
        parser.add_argument("--dry-run", action="store_true", help="只统计，不发送邮件")

    def handle(self, *args, today=None, dry_run=False, **options):
        day = None
        if today:
            try:
                day = date.fromisoformat(today)
            except ValueError:
                raise CommandError(f"日期“{today}”无效，格式为 YYYY-MM-DD。") from None
        report = reminders_send(today=day, dry_run=dry_run)
        for key, title in SECTIONS:
            self.stdout.write(f"{title}：{report.counts.get(key, 0)}件")
        if report.without_address:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(report.without_address)}件申请找不到承办人邮箱：{'、'.join(report.without_address[:20])}"
                )
            )
        verb = "将发送" if dry_run else "已发送"
        self.stdout.write(
            self.style.SUCCESS(f"{verb}提醒邮件 {len(report.recipients) if dry_run else report.mails} 封。")
        )
