"""Records of a case beyond its handling: the archive package of a closed case (Art. 45) and the applicant's
requests to correct records about themselves (Art. 41)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

import gongkai.foi.services.events as events
import gongkai.foi.services.steps as steps
from gongkai.core import actors, audit
from gongkai.core.actors import Actor
from gongkai.core.validation import required_text, strip_controls
from gongkai.foi import archive, conf, workflow
from gongkai.foi.models import Application, EventKind, LetterKind, RecordCorrection, RecordCorrectionDecision


@transaction.atomic
def application_archive(*, actor: Actor, application: Application) -> archive.Package:
    """Export a closed case's file as one archive package (Art. 45) with its manifest; each export is recorded
    in the case's history and the audit log (with the manifest's digest of the package)."""
    workflow.require_office(actor, application.org)
    if application.is_open:
        raise ValidationError("只有已办结的申请才能归档。")
    package = archive.build(application, made_by=actors.label(actor), years=conf.retention_years())
    before = steps.snapshot(application)
    events.add(
        application,
        EventKind.ARCHIVED,
        actor=actor,
        on=steps.today(),
        summary=f"导出归档包（{len(package.manifest['members'])}个文件，保管至{package.manifest['retain_until']}）",
        data={"retain_until": package.manifest["retain_until"], "members": len(package.manifest["members"])},
    )
    steps.audit(actor, "application.archive", application, before, note=f"保管期限{conf.retention_years()}年")
    return package


# --- Art. 41: correcting records about the applicant -------------------------------------------------------


@transaction.atomic
def record_correction_request(
    *, actor: Actor, application: Application, requested_on: date, record: str, correction: str, evidence: str
) -> RecordCorrection:
    """The applicant asks, with evidence, to correct a record about them that the organ provided (Art. 41)."""
    application = steps.locked(application)
    workflow.require_office(actor, application.org)
    errors: dict[str, list[str]] = {}
    values = {
        "record": strip_controls(record),
        "correction": strip_controls(correction),
        "evidence": strip_controls(evidence),
    }
    labels = {"record": "需要更正的记录", "correction": "要求更正的内容", "evidence": "证明记录不准确的证据"}
    for name, value in values.items():
        if not value or len(value) > 5000:
            errors[name] = [f"请填写{labels[name]}（最多5000字）。"]
    if errors:
        raise ValidationError(errors)
    steps.check_date(
        requested_on, field="requested_on", label="提出更正要求日期", not_before=application.received_on
    )
    item = RecordCorrection.objects.create(application=application, requested_on=requested_on, **values)
    events.add(
        application,
        EventKind.RECORD_CORRECTION_REQUESTED,
        actor=actor,
        on=requested_on,
        summary="申请人提供证据证明本机关提供的与其自身相关的政府信息记录不准确，要求更正（条例第四十一条）",
        note=f"记录：{values['record']}\n要求：{values['correction']}\n证据：{values['evidence']}",
        public=True,
        data={"record_correction": item.pk},
    )
    audit.record_on(application, actor=actor, action="application.record_correction_request")
    return item


@transaction.atomic
def record_correction_decide(
    *,
    actor: Actor,
    item: RecordCorrection,
    decision: str,
    decided_on: date,
    note: str,
    referred_org_name: str = "",
) -> RecordCorrection:
    """The organ's decision on a correction request, told to the applicant by letter (Art. 41)."""
    application = steps.locked(item.application)
    workflow.require_office(actor, application.org)
    item = RecordCorrection.objects.select_for_update().get(pk=item.pk)
    if item.decision:
        raise ValidationError("该更正要求已经处理。")
    if decision not in RecordCorrectionDecision.values:
        raise ValidationError({"decision": ["请选择处理结果。"]})
    note = required_text(note, "note", 5000, "请写明处理说明（更正了什么，或不予更正的理由）（最多5000字）。")
    referred_org_name = strip_controls(referred_org_name)
    if decision == RecordCorrectionDecision.REFERRED and not referred_org_name:
        raise ValidationError({"referred_org_name": ["不属于本机关职能范围的，请写明有权更正的机关。"]})
    if len(referred_org_name) > 100:
        raise ValidationError({"referred_org_name": ["机关名称过长（最多100字）。"]})
    steps.check_date(decided_on, field="decided_on", label="处理日期", not_before=item.requested_on)
    item.decision, item.decided_on, item.decision_note = decision, decided_on, note
    item.referred_org_name = referred_org_name if decision == RecordCorrectionDecision.REFERRED else ""
    item.save(update_fields=["decision", "decided_on", "decision_note", "referred_org_name", "updated_at"])
    events.add(
        application,
        EventKind.RECORD_CORRECTION_DECIDED,
        actor=actor,
        on=decided_on,
        summary=f"更正政府信息记录：{RecordCorrectionDecision(decision).label}",
        note=note,
        public=True,
        data={"record_correction": item.pk},
    )
    events.issue_letter(
        application, LetterKind.RECORD_CORRECTION, on=decided_on, actor=actor, record_correction=item
    )
    audit.record_on(application, actor=actor, action="application.record_correction_decide", note=decision)
    return item
