"""`gongkai archive YEAR`: the export of a closed year for the archives office (Art. 25; docs/operations.md)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.ops import archive, backup
from gongkai.orgs.models import Organization


class Command(BaseCommand):
    help = "Export a closed year (catalog, applications, annual reports, audit events) with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument(
            "--output", help="folder that receives the export (default GONGKAI_BACKUP_DIR/archives)"
        )
        parser.add_argument(
            "--org", help="only this organisation and those under it (unified social credit code)"
        )
        parser.add_argument(
            "--encrypt-to",
            action="append",
            default=[],
            metavar="AGE_PUBLIC_KEY",
            help="encrypt for this age key",
        )

    def handle(self, *args, **options):
        org = None
        if options["org"]:
            org = Organization.objects.filter(credit_code=options["org"].strip().upper()).first()
            if org is None:
                raise CommandError(f"没有统一社会信用代码为 {options['org']} 的机构。")
        try:
            path, manifest = archive.export_year(
                year=options["year"],
                output=Path(options["output"] or Path(settings.GONGKAI_BACKUP_DIR) / "archives"),
                org=org,
                recipients=backup.parse_recipients(options["encrypt_to"]),
            )
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        c = manifest["counts"]
        self.stdout.write(
            self.style.SUCCESS(
                f"{manifest['year']}年归档已导出：{path}（信息 {c['items']} 条，申请 {c['applications']} 件，"
                f"年度报告 {c['reports']} 份，审计事件 {c['audit_events']} 条，文件 {len(manifest['files'])} 个）"
            )
        )
        if manifest["applications_open_at_export"]:
            self.stdout.write(
                f"注意：{len(manifest['applications_open_at_export'])} 件申请导出时尚未办结（见清单），"
                "办结后可重新导出。"
            )
        if manifest["missing_files"]:
            self.stdout.write(
                f"警告：{len(manifest['missing_files'])} 个文件在磁盘上缺失（见清单 missing_files）。"
            )
