"""`gongkai backup`: a consistent backup of the database and the files, with a manifest (docs/operations.md)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.ops import backup
from gongkai.ops.models import BackupRun


class Command(BaseCommand):
    help = "Back up the database and the media and private files into a folder (or an age-encrypted archive)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="folder that receives the backup (default GONGKAI_BACKUP_DIR)")
        parser.add_argument(
            "--encrypt-to",
            action="append",
            default=None,
            metavar="AGE_PUBLIC_KEY",
            help="encrypt for this age public key (age1…; repeatable; default GONGKAI_BACKUP_RECIPIENTS)",
        )
        parser.add_argument("--no-files", action="store_true", help="the database only")
        parser.add_argument(
            "--workdir", help="where an encrypted backup is assembled (default: the temp folder)"
        )
        parser.add_argument("--progress", action=argparse_bool(), default=None, help="show progress bars")
        parser.add_argument(
            "--generate-key",
            metavar="FILE",
            help="write a new age private key to FILE (mode 0600), print its public key, and stop",
        )

    def handle(self, *args, **options):
        try:
            if options["generate_key"]:
                recipient = backup.generate_identity(Path(options["generate_key"]))
                self.stdout.write(f"私钥已写入 {options['generate_key']}（请离线保管，恢复时需要）。")
                self.stdout.write(f"公钥（设为 GONGKAI_BACKUP_RECIPIENTS）：{recipient}")
                return
            recipients = backup.parse_recipients(
                options["encrypt_to"]
                if options["encrypt_to"] is not None
                else settings.GONGKAI_BACKUP_RECIPIENTS
            )
            show = options["progress"] if options["progress"] is not None else sys.stderr.isatty()
            result = backup.create(
                output=Path(options["output"] or settings.GONGKAI_BACKUP_DIR),
                recipients=recipients,
                include_files=not options["no_files"],
                progress=backup.Progress(show),
                say=self.stdout.write,
                workdir=Path(options["workdir"]) if options["workdir"] else None,
            )
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        record(result)
        m = result.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"备份完成：{result.location}（{result.size_bytes / 2**20:,.1f} MB，{len(m['tables'])} 张表，"
                f"{result.rows:,} 条记录，{len(m.get('files', {}))} 个文件，"
                f"{'已加密' if result.encrypted else '未加密'}）"
            )
        )


def record(result: backup.BackupResult) -> BackupRun:
    """The run, for the metrics and `gongkai check`. Not an audit event: it is written after the snapshot, and
    an audit row would make every backup differ from the database it was taken from."""
    return BackupRun.objects.create(
        started_at=result.started_at,
        finished_at=result.finished_at,
        location=str(result.location),
        vendor=result.manifest["vendor"],
        size_bytes=result.size_bytes,
        tables=len(result.manifest["tables"]),
        rows=result.rows,
        files=len(result.manifest.get("files", {})),
        encrypted=result.encrypted,
        manifest_sha256=result.manifest_sha256,
    )


def argparse_bool():
    import argparse

    return argparse.BooleanOptionalAction
