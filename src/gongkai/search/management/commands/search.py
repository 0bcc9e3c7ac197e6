"""`gongkai search reindex`: rebuild the search index from the catalog, with a progress bar.
`gongkai search query 环境保护`: run a search from the command line (for checks and support)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from gongkai.search import selectors, services


class Command(BaseCommand):
    help = "全文检索：重建索引（reindex）或执行检索（query）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        reindex = sub.add_parser("reindex", help="从已发布的政府信息重建检索索引")
        reindex.add_argument("--no-progress", action="store_true", help="不显示进度条")
        query = sub.add_parser("query", help="执行一次检索并显示结果")
        query.add_argument("q", help="检索词")
        query.add_argument("--sort", choices=selectors.SORTS, default="relevance")

    def handle(self, *args, action: str, **options):
        if action == "reindex":
            total = services.published_count()
            bar = tqdm(total=total, unit="条", disable=options["no_progress"], file=self.stderr._out)
            done = services.reindex(progress=bar.update)
            bar.close()
            self.stdout.write(self.style.SUCCESS(f"已重建检索索引：{done} 条。"))
        elif action == "query":
            result = selectors.search(q=options["q"], sort=options["sort"])
            approx = "约" if result.total_is_estimate else ""
            self.stdout.write(f"{approx}{result.total} 条，{result.elapsed_ms:.1f} ms")
            for item in result.items:
                self.stdout.write(f"{item.day} {item.title} {item.url}")
        else:  # pragma: no cover - argparse refuses other actions
            raise CommandError(action)
