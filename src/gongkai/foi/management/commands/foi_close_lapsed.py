"""Close applications whose correction or payment period ran out, and end the consultations of other organs
that did not answer in time (deemed agreement, Art. 34). Run daily, before foi_reminders."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from gongkai.foi.services import applications_close_lapsed, consultations_deemed_agreed


class Command(BaseCommand):
    help = (
        "将逾期未补正、逾期未缴费的申请按“其他处理”办结（条例第三十条、第四十二条），并生成告知书；"
        "被征求意见机关逾期未答复的，视为同意（条例第三十四条）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按该日期计算（YYYY-MM-DD）")

    def handle(self, *args, today=None, **options):
        day = None
        if today:
            try:
                day = date.fromisoformat(today)
            except ValueError:
                raise CommandError(f"日期“{today}”无效，格式为 YYYY-MM-DD。") from None
        for consultation in consultations_deemed_agreed(today=day):
            self.stdout.write(
                f"{consultation.application.tracking_no}：{consultation.party}逾期未答复，视为同意（第三十四条）"
            )
        closed = applications_close_lapsed(today=day)
        for application in closed:
            self.stdout.write(f"{application.tracking_no}：{application.get_outcome_display()}")
        self.stdout.write(self.style.SUCCESS(f"共办结 {len(closed)} 件。"))
