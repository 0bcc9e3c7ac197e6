"""gongkai publish_scheduled: publish every scheduled item whose time has come (run every minute by cron/systemd,
or let the task worker run catalog.tasks.publish_scheduled_items)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from gongkai.catalog.services import publish_scheduled


class Command(BaseCommand):
    help = "发布已到定时发布时间的信息。"

    def handle(self, *args, **options):
        done, failed = publish_scheduled()
        for item in done:
            self.stdout.write(f"已发布：{item.index_no} {item.title}")
        for item, message in failed:
            self.stderr.write(f"未能发布：{item.title}：{message}")
        self.stdout.write(f"定时发布：成功 {len(done)} 条，失败 {len(failed)} 条。")
