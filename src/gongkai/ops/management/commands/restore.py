"""`gongkai restore BACKUP`: restore a backup into an empty database and file folders, then check it."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.ops import backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `gongkai backup` and compare the result with its manifest. Refuses a "
        "database or file folder that is not empty unless --force (which first backs up what it replaces)."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="the backup folder or .tar.age archive")
        parser.add_argument("--identity-file", help="the age private key file (for an encrypted backup)")
        parser.add_argument("--database-url", help="restore into this database (default: DATABASE_URL)")
        parser.add_argument("--media-root", help="restore catalog files here (default: MEDIA_ROOT)")
        parser.add_argument(
            "--private-root", help="restore application files here (default: GONGKAI_FOI_FILES_ROOT)"
        )
        parser.add_argument("--no-files", action="store_true", help="the database only")
        parser.add_argument(
            "--force", action="store_true", help="overwrite a database or folders that hold data"
        )
        parser.add_argument(
            "--safety-dir", help="where --force backs up what it replaces (default GONGKAI_BACKUP_DIR)"
        )
        parser.add_argument(
            "--verify-only",
            action="store_true",
            help="restore nothing: compare the database and files with the backup",
        )
        parser.add_argument(
            "--workdir", help="where an encrypted backup is unpacked (default: the temp folder)"
        )
        parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None)

    def handle(self, *args, **options):
        show = options["progress"] if options["progress"] is not None else sys.stderr.isatty()
        progress = backup.Progress(show)
        tmp = None
        try:
            identities = (
                backup.read_identities(options["identity_file"]) if options["identity_file"] else None
            )
            folder, tmp = backup.open_backup(
                Path(options["backup"]),
                identities=identities,
                workdir=Path(options["workdir"]) if options["workdir"] else None,
            )
            db = backup.Database.from_url(options["database_url"]) if options["database_url"] else None
            roots = backup.file_roots()
            if options["media_root"]:
                roots["media"] = Path(options["media_root"])
            if options["private_root"]:
                roots["private"] = Path(options["private_root"])
            if options["verify_only"]:
                manifest = backup.read_manifest(folder)
                files = not options["no_files"] and manifest.get("includes_files", True)
                comparison = backup.verify(manifest, db=db, roots=roots if files else None)
            else:
                safety = Path(options["safety_dir"] or settings.GONGKAI_BACKUP_DIR)

                def before_overwrite(target: backup.Database) -> None:
                    self.stdout.write(f"覆盖前先备份现有数据到 {safety}…")
                    saved = backup.create(
                        output=safety,
                        db=target,
                        include_files=not options["no_files"],
                        progress=progress,
                        say=self.stdout.write,
                    )
                    self.stdout.write(f"现有数据已备份：{saved.location}")

                comparison = backup.restore(
                    folder=folder,
                    db=db,
                    roots=roots,
                    force=options["force"],
                    include_files=not options["no_files"],
                    progress=progress,
                    say=self.stdout.write,
                    before_overwrite=before_overwrite,
                )
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        finally:
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)
        for line in comparison.lines():
            self.stdout.write(line)
        if not comparison.ok:
            raise CommandError("与备份清单不一致（见上）。")
        self.stdout.write(self.style.SUCCESS("与备份清单一致：0 项差异。"))
