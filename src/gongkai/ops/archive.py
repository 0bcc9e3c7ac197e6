"""The archive export of a closed year, for the archives office (Art. 25 of the regulation; docs/operations.md).

One folder `gongkai-archive-<year>[-<credit code>]/`:

    manifest.json                  year, scope, counts per part, size and SHA-256 of every file
    catalog/items.jsonl            the items published in the year (metadata, body, versions, publications)
    catalog/files/…                their attachments, as stored
    applications/applications.jsonl  the applications received in the year, each with its events, letters,
                                   files, consultations, fee, answer and remedies
    applications/files/…           their letters and files
    reports/reports.jsonl          the annual reports of the year as published (the frozen figures)
    reports/<id>.docx / .xlsx      each published report rendered from those figures
    audit/events.jsonl             the audit events of the year (Asia/Shanghai dates)

Records are written with Django's serializer (model, key, fields), one JSON object per line, UTF-8. The export
holds personal data (applications): encrypt it for the archives office's key (`--encrypt-to`) when it leaves
the server. Nothing is removed from the platform: exporting a year deletes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.utils import timezone

from gongkai.ops.backup import BackupError, check_writable, encrypt_folder
from gongkai.ops.snapshot import file_sha256, walk


def _day_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_default_timezone()
    return (
        dt.datetime(year, 1, 1, tzinfo=tz),
        dt.datetime(year + 1, 1, 1, tzinfo=tz),
    )


def _records(objs: Iterable) -> list[dict[str, Any]]:
    return serializers.serialize("python", objs)


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    return n


def _copy(storage_file, target: Path) -> str | None:
    """Copy one stored file; returns its name in the export, or None when it is missing on disk."""
    try:
        source = Path(storage_file.path)
    except (ValueError, NotImplementedError):
        return None
    if not source.is_file():
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    return target.as_posix()


def export_year(
    *, year: int, output: Path, org=None, recipients: list | None = None, today: dt.date | None = None
) -> tuple[Path, dict[str, Any]]:
    from gongkai.catalog.models import Item, Publication
    from gongkai.core.models import AuditEvent
    from gongkai.foi.models import Application, Status
    from gongkai.reports import exports
    from gongkai.reports.models import AnnualReport, ReportStatus

    today = today or timezone.localdate()
    if year >= today.year:
        raise BackupError(f"{year} 年尚未结束：只能导出已结束的年度。")
    check_writable(output)
    name = f"gongkai-archive-{year}" + (f"-{org.credit_code}" if org is not None else "")
    final = output / (name + (".tar.age" if recipients else ""))
    if final.exists():
        raise BackupError(f"{final} 已存在。")
    folder = output / (name + ".partial")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(mode=0o700)
    start, end = _day_bounds(year)
    orgs = Q()
    if org is not None:
        orgs = Q(org__path__startswith=org.path)
    missing: list[str] = []
    try:
        # Catalog: items published in the year, with their versions, publications and attachments.
        items = (
            Item.objects.filter(orgs, published_at__gte=start, published_at__lt=end)
            .select_related("org")
            .prefetch_related("versions", "attachments", "focus_areas")
            .order_by("published_at", "pk")
        )

        def item_rows():
            for item in items:
                row = _records([item])[0]
                row["versions"] = _records(item.versions.all())
                row["publications"] = _records(Publication.objects.filter(item=item))
                row["attachments"] = []
                for att in item.attachments.all():
                    rec = _records([att])[0]
                    copied = _copy(att.file, folder / "catalog" / "files" / att.file.name)
                    rec["archive_file"] = (
                        f"catalog/files/{att.file.name}" if copied else missing.append(att.file.name)
                    )
                    row["attachments"].append(rec)
                yield row

        counts = {"items": _write_jsonl(folder / "catalog" / "items.jsonl", item_rows())}

        # Applications received (or, never received, submitted) in the year, with everything about them.
        apps = (
            Application.objects.filter(orgs)
            .filter(
                Q(received_on__gte=dt.date(year, 1, 1), received_on__lt=dt.date(year + 1, 1, 1))
                | Q(received_on__isnull=True, submitted_at__gte=start, submitted_at__lt=end)
            )
            .order_by("pk")
        )
        still_open: list[str] = []

        def application_rows():
            for a in apps.prefetch_related("events", "letters", "files", "consultations", "remedies"):
                row = _records([a])[0]
                if a.status != Status.CLOSED:
                    still_open.append(a.tracking_no)
                row["events"] = _records(a.events.all())
                row["consultations"] = _records(a.consultations.all())
                row["remedies"] = _records(a.remedies.all())
                for rel in ("fee", "answer"):
                    obj = getattr(a, rel, None) if hasattr(a, rel) else None
                    row[rel] = _records([obj])[0] if obj is not None else None
                for rel in ("letters", "files"):
                    row[rel] = []
                    for f in getattr(a, rel).all():
                        rec = _records([f])[0]
                        copied = _copy(f.file, folder / "applications" / "files" / f.file.name)
                        rec["archive_file"] = (
                            f"applications/files/{f.file.name}" if copied else missing.append(f.file.name)
                        )
                        row[rel].append(rec)
                yield row

        counts["applications"] = _write_jsonl(
            folder / "applications" / "applications.jsonl", application_rows()
        )

        # Annual reports of the year as published, and their documents rendered from the frozen figures.
        reports = AnnualReport.objects.filter(orgs, year=year, status=ReportStatus.PUBLISHED).order_by("pk")
        for report in reports:
            for fmt in ("docx", "xlsx"):
                path = folder / "reports" / f"{report.pk}.{fmt}"
                path.parent.mkdir(parents=True, exist_ok=True)
                assert report.snapshot is not None  # frozen when it was published
                path.write_bytes(exports.render(report.snapshot, fmt))
        counts["reports"] = _write_jsonl(folder / "reports" / "reports.jsonl", _records(reports))

        # The audit events of the year (of the organisations in scope, or all of them).
        events = AuditEvent.objects.filter(occurred_at__gte=start, occurred_at__lt=end)
        if org is not None:
            events = events.filter(org__path__startswith=org.path)
        counts["audit_events"] = _write_jsonl(
            folder / "audit" / "events.jsonl", _records(events.order_by("occurred_at", "pk").iterator())
        )

        manifest = {
            "kind": "gongkai-archive",
            "year": year,
            "scope": {"org": org.name, "credit_code": org.credit_code} if org is not None else "全部机构",
            "created_at": timezone.now().isoformat(timespec="seconds"),
            "legal_basis": "《中华人民共和国政府信息公开条例》第二十五条",
            "counts": counts,
            "applications_open_at_export": still_open,
            "missing_files": [m for m in missing if m],
            "files": {
                p.relative_to(folder).as_posix(): {"size": p.stat().st_size, "sha256": file_sha256(p)}
                for p in walk(folder)
            },
        }
        (folder / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
        )
        if recipients:
            plain = folder.with_name(name)
            folder.rename(plain)
            folder = plain
            partial = final.with_name(final.name + ".partial")
            encrypt_folder(plain, partial, recipients)
            partial.rename(final)
        else:
            folder.rename(final)
    except OSError as exc:
        raise BackupError(f"写入归档失败（{exc.filename or output}）：{exc.strerror or exc}") from None
    finally:
        for leftover in (output / (name + ".partial"), output / name if recipients else None):
            if leftover is not None and leftover.exists() and leftover != final:
                shutil.rmtree(leftover, ignore_errors=True)
    return final, manifest
