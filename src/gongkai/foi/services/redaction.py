"""Redaction for partial disclosure (Art. 37): staff mark what to withhold on a delivered PDF, each mark with
its legal reason (Art. 14-16); the platform burns the marks in, rebuilds the text layer, checks that nothing
marked can be read from the result, and stores the redacted copy as a new delivered file. The original never
leaves the office. The PDF work runs in the documents app's bounded worker (docs/documents.md).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

import gongkai.foi.services.events as events
import gongkai.foi.services.steps as steps
from gongkai.core import actors, audit
from gongkai.core.actors import Actor, System
from gongkai.documents import conf as documents_conf
from gongkai.documents import runner
from gongkai.documents import services as documents_services
from gongkai.documents.redact import PATTERNS
from gongkai.foi import workflow
from gongkai.foi.models import (
    Application,
    ApplicationFile,
    EventKind,
    FileKind,
    MarkSource,
    Redaction,
    RedactionMark,
    RedactionReason,
    RedactionStatus,
    Status,
)

MAX_TERMS = 20
MAX_MARKS = 2000


@dataclass
class FoundHit:
    index: int
    page: int
    text: str
    context: str
    boxes: list[dict]
    label: str
    source: str


def _is_pdf(record: ApplicationFile) -> bool:
    return record.content_type == "application/pdf"


def _check_reason(reason: str) -> None:
    if reason not in RedactionReason.values:
        raise ValidationError({"reason": ["请选择不予公开的理由（条例第十四条至第十六条）。"]})


def _require_draft(redaction: Redaction) -> None:
    if redaction.status not in (RedactionStatus.DRAFT, RedactionStatus.FAILED):
        raise ValidationError(
            "遮盖文件已生成（或正在生成），标注不能再修改；如需调整，请对原件重新发起遮盖处理。"
        )


def _job(name: str, payload: dict) -> dict:
    outcome = runner.run_job(
        name,
        payload,
        limits=documents_conf.limits(),
        timeout=documents_conf.timeout_seconds(),
        memory_mb=documents_conf.memory_mb(),
    )
    if not outcome.ok:
        raise ValidationError(outcome.error)
    assert outcome.result is not None  # a job that succeeded has its result
    return outcome.result


@transaction.atomic
def redaction_start(*, actor: Actor, record: ApplicationFile) -> Redaction:
    """Open the redaction of a delivered PDF (the open one if there is one)."""
    application = record.application
    workflow.require_office(actor, application.org)
    if record.kind != FileKind.DELIVERED or record.redacted_from_id:
        raise ValidationError("只能对拟提供的政府信息原件进行遮盖处理。")
    if not _is_pdf(record):
        raise ValidationError("目前只能对 PDF 文件进行遮盖处理；请先将文件转换为 PDF 后上传。")
    open_one = record.redactions.filter(status__in=[RedactionStatus.DRAFT, RedactionStatus.FAILED]).first()
    if open_one is not None:
        return open_one
    user = actor if actors.is_user(actor) else None
    redaction = Redaction.objects.create(application=application, source=record, created_by=user)
    audit.record_on(application, actor=actor, action="application.redaction_start", note=record.name)
    return redaction


def redaction_find(
    *, actor: Actor, redaction: Redaction, terms: str = "", patterns: list[str] | None = None
) -> list[FoundHit]:
    """Every hit of the terms (one a line, or separated by spaces) and patterns, for the preview."""
    workflow.require_office(actor, redaction.application.org)
    words = list(dict.fromkeys(t for t in (terms or "").replace("\n", " ").split(" ") if t.strip()))
    if len(words) > MAX_TERMS or any(len(w) > 50 for w in words):
        raise ValidationError({"terms": [f"最多{MAX_TERMS}个检索词，每个最多50个字。"]})
    patterns = [p for p in (patterns or []) if p in PATTERNS]
    if not words and not patterns:
        raise ValidationError({"terms": ["请输入检索词或选择要识别的格式。"]})
    found = _job("find", {"path": redaction.source.file.path, "terms": words, "patterns": patterns})
    hits = []
    for n, h in enumerate(found["hits"]):
        label, source = _label_of(h["text"], words, patterns)
        hits.append(FoundHit(n, h["page"], h["text"], h["context"], h["boxes"], label, source))
    return hits


def _label_of(text: str, words: list[str], patterns: list[str]) -> tuple[str, str]:
    import re

    squashed = "".join(text.split())
    for w in words:
        if "".join(w.split()) == squashed:
            return w, MarkSource.TERM
    for p in patterns:
        if re.fullmatch(PATTERNS[p][1], text):
            return PATTERNS[p][0], MarkSource.PATTERN
    return (patterns and PATTERNS[patterns[0]][0]) or "", MarkSource.PATTERN


def _marks_left(redaction: Redaction, adding: int) -> None:
    if redaction.marks.count() + adding > MAX_MARKS:
        raise ValidationError(f"一份文件最多{MAX_MARKS}处遮盖标注。")


@transaction.atomic
def redaction_add_hits(
    *, actor: Actor, redaction: Redaction, terms: str, patterns: list[str], selected: list[int], reason: str
) -> list[RedactionMark]:
    """Mark the chosen hits of a preview (found again here, never taken from the form)."""
    redaction = Redaction.objects.select_for_update().get(pk=redaction.pk)
    workflow.require_office(actor, redaction.application.org)
    _require_draft(redaction)
    _check_reason(reason)
    hits = {
        h.index: h for h in redaction_find(actor=actor, redaction=redaction, terms=terms, patterns=patterns)
    }
    chosen = [hits[i] for i in dict.fromkeys(selected) if i in hits]
    if not chosen:
        raise ValidationError({"selected": ["请至少选择一处命中内容。"]})
    _marks_left(redaction, sum(len(h.boxes) for h in chosen))
    user = actor if actors.is_user(actor) else None
    marks = []
    for hit in chosen:
        for box in hit.boxes:
            marks.append(
                RedactionMark.objects.create(
                    redaction=redaction,
                    page=box["page"],
                    x0=box["x0"],
                    y0=box["y0"],
                    x1=box["x1"],
                    y1=box["y1"],
                    reason=reason,
                    source=hit.source,
                    label=hit.label[:100],
                    text=hit.text,
                    created_by=user,
                )
            )
    _log_marks(actor, redaction, marks, "application.redaction_mark")
    return marks


@transaction.atomic
def redaction_add_region(
    *,
    actor: Actor,
    redaction: Redaction,
    page: int,
    left: float,
    top: float,
    right: float,
    bottom: float,
    reason: str,
) -> RedactionMark:
    """Mark a rectangle of a page, given in percent of the page as shown (0-100 from the top left)."""
    from gongkai.documents.redact import Box, RedactionFailed, page_sizes, shown_to_page, text_under

    redaction = Redaction.objects.select_for_update().get(pk=redaction.pk)
    workflow.require_office(actor, redaction.application.org)
    _require_draft(redaction)
    _check_reason(reason)
    path = redaction.source.file.path
    try:
        sizes = page_sizes(path)
    except (RedactionFailed, OSError) as exc:
        raise ValidationError(str(exc) or "无法打开原件。") from None
    errors = {}
    if not 1 <= page <= len(sizes):
        errors["page"] = [f"页码应在1至{len(sizes)}之间。"]
    values = (left, top, right, bottom)
    if any(v is None or not 0 <= v <= 100 for v in values):
        errors["left"] = ["区域的位置以页面宽度、高度的百分比表示，应在0至100之间。"]
    elif right - left < 0.2 or bottom - top < 0.2:
        errors["right"] = ["区域过小：右边须大于左边，下边须大于上边。"]
    if errors:
        raise ValidationError(errors)
    _marks_left(redaction, 1)
    width, height = sizes[page - 1]
    shown = Box(page, left / 100 * width, top / 100 * height, right / 100 * width, bottom / 100 * height)
    box = shown_to_page(path, shown)
    user = actor if actors.is_user(actor) else None
    mark = RedactionMark.objects.create(
        redaction=redaction, page=page, x0=box.x0, y0=box.y0, x1=box.x1, y1=box.y1, reason=reason,
        source=MarkSource.REGION, text=text_under(path, [box])[0], created_by=user,
    )  # fmt: skip
    _log_marks(actor, redaction, [mark], "application.redaction_mark")
    return mark


def _log_marks(actor: Actor, redaction: Redaction, marks: list[RedactionMark], action: str) -> None:
    application = redaction.application
    audit.record_on(
        application,
        actor=actor,
        action=action,
        after={
            "file": redaction.source.name,
            "marks": [
                {
                    "page": m.page,
                    "region": [round(m.x0, 1), round(m.y0, 1), round(m.x1, 1), round(m.y1, 1)],
                    "reason": m.reason,
                    "source": m.source,
                }
                for m in marks
            ],
        },
    )


@transaction.atomic
def redaction_remove_mark(*, actor: Actor, mark: RedactionMark) -> None:
    redaction = Redaction.objects.select_for_update().get(pk=mark.redaction_id)
    workflow.require_office(actor, redaction.application.org)
    _require_draft(redaction)
    application = redaction.application
    audit.record_on(
        application,
        actor=actor,
        action="application.redaction_unmark",
        before={
            "page": mark.page,
            "region": [round(mark.x0, 1), round(mark.y0, 1), round(mark.x1, 1), round(mark.y1, 1)],
            "reason": mark.reason,
        },
    )
    mark.delete()


@transaction.atomic
def redaction_produce(*, actor: Actor, redaction: Redaction) -> Redaction:
    """Produce the redacted copy from the marks, in the background (the status says when it is done)."""
    redaction = Redaction.objects.select_for_update().select_related("application__org").get(pk=redaction.pk)
    workflow.require_office(actor, redaction.application.org)
    _require_draft(redaction)
    if not redaction.marks.exists():
        raise ValidationError("请先标注需要遮盖的内容。")
    redaction.status = RedactionStatus.PRODUCING
    redaction.error = ""
    redaction.produced_by = actor if actors.is_user(actor) else None
    redaction.save(update_fields=["status", "error", "produced_by", "updated_at"])
    pk = redaction.pk
    transaction.on_commit(lambda: _enqueue(pk))
    return redaction


def _enqueue(pk: int) -> None:
    from gongkai.foi.tasks import produce_redaction

    produce_redaction.enqueue(pk)


def redaction_run(*, redaction_id: int) -> Redaction:
    """Burn in, rebuild the text, check; store the copy or say why not (the task calls this)."""
    redaction = Redaction.objects.select_related("source", "application").get(pk=redaction_id)
    if redaction.status != RedactionStatus.PRODUCING:
        return redaction
    marks = list(redaction.marks.all())
    boxes = [{"page": m.page, "x0": m.x0, "y0": m.y0, "x1": m.x1, "y1": m.y1} for m in marks]
    secrets = sorted({m.text for m in marks if len("".join(m.text.split())) >= 2})
    with tempfile.TemporaryDirectory(prefix="gk-redaction-") as tmp:
        out = os.path.join(tmp, "redacted.pdf")
        try:
            result = _job(
                "redact",
                {"path": redaction.source.file.path, "out": out, "boxes": boxes, "secrets": secrets,
                 "dpi": documents_conf.redaction_dpi()},
            )  # fmt: skip
        except ValidationError as exc:
            return _failed(redaction, "；".join(exc.messages))
        except OSError:
            return _failed(redaction, "找不到原件文件。")
        if result["leaks"]:
            where = "、".join(sorted({w for _s, w in result["leaks"]}))
            return _failed(
                redaction, f"检查未通过：遮盖后的文件中仍能读出被遮盖的内容（{where}），文件未生成。"
            )
        return _stored(redaction, out, result["report"])


_JOB = System("区分处理")


@transaction.atomic
def _failed(redaction: Redaction, error: str) -> Redaction:
    redaction = Redaction.objects.select_for_update().get(pk=redaction.pk)
    redaction.status = RedactionStatus.FAILED
    redaction.error = error
    redaction.save(update_fields=["status", "error", "updated_at"])
    application = redaction.application
    audit.record_on(application, actor=_JOB, action="application.redaction_failed", note=error)
    return redaction


@transaction.atomic
def _stored(redaction: Redaction, path: str, report: dict) -> Redaction:
    import hashlib

    redaction = (
        Redaction.objects.select_for_update().select_related("source", "application").get(pk=redaction.pk)
    )
    application = Application.objects.select_for_update().get(pk=redaction.application_id)
    source = redaction.source
    stem = source.name.rsplit(".", 1)[0][:70]
    with open(path, "rb") as handle:
        data = handle.read()
    # Public at once only when the case is already closed (the answer decides otherwise).
    public = application.status == Status.CLOSED
    record = ApplicationFile(
        application=application, kind=FileKind.DELIVERED, name=f"{stem}（区分处理）.pdf",
        content_type="application/pdf", size=len(data), sha256=hashlib.sha256(data).hexdigest(),
        public=public, uploaded_by=redaction.produced_by, redacted_from=source,
    )  # fmt: skip
    with open(path, "rb") as handle:
        record.file.save(record.name, File(handle), save=False)
    record.save()
    # The original never leaves the office once a redacted copy exists.
    ApplicationFile.objects.filter(pk=source.pk).update(public=False)
    redaction.status = RedactionStatus.DONE
    redaction.output = record
    redaction.report = {
        **report,
        "checked": ["pdftotext", "extractor", "bytes"],
        "secrets": len(redaction.marks.all()),
    }
    redaction.produced_at = timezone.now()
    redaction.save(update_fields=["status", "output", "report", "produced_at", "updated_at"])
    documents_services.extraction_request(source=record, kind="pdf", sha256=record.sha256)
    actor: Actor = redaction.produced_by or _JOB
    events.add(
        application,
        EventKind.FILE,
        actor=actor,
        on=steps.today(),
        summary=f"生成区分处理文件：{record.name}（遮盖{report['marks']}处）",
    )
    audit.record_on(
        application,
        actor=actor,
        action="application.redaction_produce",
        after={
            "file": record.name,
            "sha256": record.sha256,
            "pages": report["pages"],
            "marks": report["marks"],
        },
    )
    return redaction


def redacted_files(application: Application) -> QuerySet[ApplicationFile]:
    """The redacted copies among the delivered files (what a partial disclosure delivers)."""
    return application.files.filter(kind=FileKind.DELIVERED, redacted_from__isnull=False)


def require_view(actor: Actor, application: Application) -> None:
    """Reading a redaction (the original's pages, its hits) is for those who may see the case's personal
    data: the handling office."""
    if not workflow.can_see_personal_data(actor, application):
        raise PermissionDenied("只有本机关的政府信息公开工作机构可以进行遮盖处理。")
