"""gongkai import_items FILE.jsonl[.gz] --org CODE: published items from JSON Lines (docs/import-format.md)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.catalog.importing import import_file
from gongkai.core.audit import RequestContext, reset_context, set_context
from gongkai.orgs.models import Organization


class Command(BaseCommand):
    help = "导入已发布的政府信息（JSON Lines，可为 gzip 压缩），经审核记录为“导入”。重复运行不会重复导入。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON Lines 文件（.jsonl 或 .jsonl.gz）")
        parser.add_argument("--org", required=True, help="发布机构的统一社会信用代码")
        parser.add_argument(
            "--topic", default="22", help="行中没有 topic 时使用的主题分类代码（默认 22 其他）"
        )
        parser.add_argument("--class", dest="statutory_class", default="a20_15",
                            help="行中没有 statutory_class 且 kind 无法推断时使用的法定公开类别（默认 a20_15）")  # fmt: skip
        parser.add_argument("--batch-size", type=int, default=500, help="每个事务的行数（默认 500）")
        parser.add_argument("--max-errors", type=int, default=50, help="最多显示的错误行数")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(
        self, *args, file, org, topic, statutory_class, batch_size, max_errors, no_progress, **options
    ):
        organisation = Organization.objects.filter(credit_code=org.strip().upper(), is_active=True).first()
        if organisation is None:
            raise CommandError(f"没有找到机构：{org}（请使用统一社会信用代码）")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        if batch_size < 1 or batch_size > 10000:
            raise CommandError("--batch-size 应在 1 到 10000 之间。")
        bar = None
        if not no_progress and sys.stderr.isatty():
            from tqdm import tqdm

            bar = tqdm(unit="行", desc="导入", file=sys.stderr)
        token = set_context(RequestContext(source="import"))
        try:
            result = import_file(
                path, org=organisation, default_topic=topic, default_class=statutory_class, batch_size=batch_size,
                progress=bar.update if bar else None,
            )  # fmt: skip
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        except OSError as exc:
            raise CommandError(f"无法读取文件：{exc}") from None
        finally:
            reset_context(token)
            if bar:
                bar.close()
        for lineno, message in result.errors[:max_errors]:
            self.stderr.write(f"第{lineno}行：{message}")
        if result.failed > max_errors:
            self.stderr.write(f"……另有 {result.failed - max_errors} 行错误未显示。")
        summary = (
            f"导入完成：新增 {result.created} 条，已存在跳过 {result.skipped} 条，错误 {result.failed} 行。"
        )
        self.stdout.write(self.style.SUCCESS(summary) if not result.failed else self.style.WARNING(summary))
        if result.failed and not result.created and not result.skipped:
            raise CommandError("没有导入任何一行。")
