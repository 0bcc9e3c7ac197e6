"""Reading the text of files: requests, the run in the bounded worker, the result (docs/documents.md).

Callers (the catalog's and the applications' services) check who may do what and call these with the file's
model instance; this app never reads another app's tables. Nothing here blocks publication: a file whose text
cannot be read is recorded with the reason, and everything else goes on.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.actors import System
from gongkai.documents import conf, runner
from gongkai.documents.extract import SUPPORTED
from gongkai.documents.models import Extraction, ExtractionMethod, ExtractionStatus
from gongkai.documents.signals import text_ready

log = logging.getLogger(__name__)
PROGRESS_EVERY = 1.0  # seconds between progress writes


def source_label(source: models.Model) -> str:
    return source._meta.label_lower


def _copy_result(target: Extraction, done: Extraction) -> None:
    for field in ("method", "confidence", "pages_total", "pages_done", "ocr_pages", "text", "chars", "notes"):
        setattr(target, field, getattr(done, field))
    target.status = ExtractionStatus.DONE
    target.error = ""
    target.finished_at = timezone.now()
    target.seconds = 0.0


@transaction.atomic
def extraction_request(*, source: models.Model, kind: str, sha256: str) -> Extraction:
    """Ask for the text of `source` (a model instance with a `file`): read in the background after the
    transaction commits. The same bytes read before are not read again."""
    extraction, _created = Extraction.objects.select_for_update().get_or_create(
        source_type=source_label(source), source_id=source.pk, defaults={"kind": kind, "sha256": sha256}
    )
    extraction.kind, extraction.sha256 = kind, sha256
    extraction.status, extraction.error = ExtractionStatus.PENDING, ""
    extraction.pages_done = 0
    if kind not in SUPPORTED:
        extraction.status = ExtractionStatus.FAILED
        extraction.error = f"不支持提取该类型文件的文字（{kind.upper()}）。"
        extraction.save()
        transaction.on_commit(lambda: _announce(extraction))
        return extraction
    same = (
        Extraction.objects.filter(sha256=sha256, kind=kind, status=ExtractionStatus.DONE)
        .exclude(pk=extraction.pk)
        .first()
    )
    if same is not None:
        _copy_result(extraction, same)
        extraction.save()
        transaction.on_commit(lambda: _announce(extraction))
        return extraction
    extraction.save()
    pk = extraction.pk
    transaction.on_commit(lambda: _enqueue(pk))
    return extraction


def _announce(extraction: Extraction) -> None:
    """Tell the owners of the file (their failure is logged: the text is saved whatever they do)."""
    for receiver, result in text_ready.send_robust(sender=Extraction, extraction=extraction):
        if isinstance(result, Exception):
            log.error("text_ready receiver %s failed for %s", receiver, extraction, exc_info=result)


def _enqueue(pk: int) -> None:
    from gongkai.documents.tasks import extract_text

    try:
        extract_text.enqueue(pk)
    except Exception:  # a failing queue must not fail the upload that asked for it
        log.exception("Could not enqueue the text extraction %s", pk)


@contextmanager
def _local_path(fieldfile: FieldFile) -> Iterator[str]:
    """A path on this machine for a stored file (a copy for storages without one)."""
    try:
        yield fieldfile.path
        return
    except (NotImplementedError, AttributeError, ValueError):
        pass
    directory = tempfile.mkdtemp(prefix="gk-extract-")
    try:
        target = os.path.join(directory, "source")
        with fieldfile.open("rb") as src, open(target, "wb") as out:
            shutil.copyfileobj(src, out)
        yield target
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def extraction_run(*, extraction_id: int) -> Extraction:
    """Read the file now (the background task calls this). Progress is written as pages are read, outside
    any transaction, so the back office sees it while the file is read."""
    extraction = Extraction.objects.get(pk=extraction_id)
    if extraction.status not in (ExtractionStatus.PENDING, ExtractionStatus.RUNNING):
        return extraction
    Extraction.objects.filter(pk=extraction.pk).update(
        status=ExtractionStatus.RUNNING, started_at=timezone.now(), attempts=extraction.attempts + 1
    )
    try:
        model = apps.get_model(extraction.source_type)
    except (LookupError, ValueError):
        return _finish(extraction, error="文件类别无效。")
    source = model.objects.filter(pk=extraction.source_id).first()
    if source is None:
        return _finish(extraction, error="文件已被删除。")
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY or done == total:
            last[0] = now
            Extraction.objects.filter(pk=extraction.pk).update(pages_done=done, pages_total=total)

    try:
        with _local_path(source.file) as path:
            outcome = runner.run(
                path,
                extraction.kind,
                limits=conf.limits(),
                timeout=conf.timeout_seconds(),
                memory_mb=conf.memory_mb(),
                progress=progress,
            )
    except OSError:
        return _finish(extraction, error="找不到存储的文件。")
    if not outcome.ok:
        return _finish(extraction, error=outcome.error, seconds=outcome.seconds)
    return _finish(extraction, result=outcome.result, seconds=outcome.seconds)


@transaction.atomic
def _finish(
    extraction: Extraction, *, result: dict | None = None, error: str = "", seconds: float | None = None
) -> Extraction:
    extraction = Extraction.objects.select_for_update().get(pk=extraction.pk)
    extraction.finished_at = timezone.now()
    extraction.seconds = seconds
    if result is None:
        extraction.status = ExtractionStatus.FAILED
        extraction.error = error or "无法读取。"
        extraction.text, extraction.chars = "", 0
    else:
        pages = result["pages"]
        extraction.status = ExtractionStatus.DONE
        extraction.error = ""
        extraction.method = result["method"] if result["method"] in ExtractionMethod.values else ""
        extraction.confidence = result["confidence"]
        extraction.pages_total = result["pages_total"]
        extraction.pages_done = len(pages)
        extraction.ocr_pages = sum(1 for p in pages if p["method"] == "ocr")
        extraction.text = "\f".join(p["text"] for p in pages)
        extraction.chars = len(extraction.text)
        extraction.notes = "\n".join(result["notes"])
        if not extraction.text.strip():
            extraction.notes = "\n".join(filter(None, [extraction.notes, "文件中没有可读取的文字。"]))
    extraction.save()
    audit.record(
        actor=System("读取文件文字"),
        action="document.text_extracted" if result is not None else "document.text_failed",
        obj=extraction,
        after={"status": extraction.status, "method": extraction.method, "chars": extraction.chars},
        note=extraction.error,
    )
    transaction.on_commit(lambda: _announce(extraction))
    return extraction


@transaction.atomic
def extraction_again(*, source: models.Model) -> Extraction | None:
    """Read a file again (after a failure, or with newer readers). The caller has checked permission."""
    extraction = Extraction.objects.filter(source_type=source_label(source), source_id=source.pk).first()
    if extraction is None:
        return None
    extraction.status, extraction.error = ExtractionStatus.PENDING, ""
    extraction.pages_done = 0
    extraction.save(update_fields=["status", "error", "pages_done", "updated_at"])
    pk = extraction.pk
    transaction.on_commit(lambda: _enqueue(pk))
    return extraction


def extraction_forget(*, source: models.Model) -> None:
    """The file is gone: its text goes with it."""
    Extraction.objects.filter(source_type=source_label(source), source_id=source.pk).delete()
