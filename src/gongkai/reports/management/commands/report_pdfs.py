"""The PDFs of published annual reports: check the Chinese font, and render again those made without one."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gongkai.core import fonts
from gongkai.reports import services


class Command(BaseCommand):
    help = (
        "检查生成PDF所需的中文字体；为已发布的年度报告补充或重新生成缺少中文字体的PDF附件"
        "（幂等：已正确的PDF不再生成）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="只检查中文字体，没有时以非零状态退出")
        parser.add_argument("--force", action="store_true", help="重新生成所有已发布年度报告的PDF")

    def handle(self, *args, check=False, force=False, **options):
        families = fonts.cjk_families()
        if not families:
            raise CommandError(fonts.MESSAGE)
        self.stdout.write(f"中文字体：{'、'.join(families[:4])}{' 等' if len(families) > 4 else ''}")
        if check:
            return
        try:
            done = services.pdf_renditions_regenerate(force=force)
        except fonts.FontMissing as exc:
            raise CommandError(exc.message) from None
        for report, reason in done:
            self.stdout.write(f"{report.title}：{reason}")
        self.stdout.write(self.style.SUCCESS(f"共处理 {len(done)} 份年度报告的PDF。"))
