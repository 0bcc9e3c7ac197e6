"""Meetings and trainings; inspections with their findings, the units' responses and verification."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.actors import Actor
from gongkai.orgs.models import Organization
from gongkai.supervision import rules
from gongkai.supervision.models import (
    Finding,
    FindingState,
    Inspection,
    InspectionMode,
    Meeting,
    MeetingKind,
    Severity,
)
from gongkai.supervision.services.base import require, text


def meeting_record(
    *, actor: Actor, org: Organization, kind: str, held_on: date, title: str, participants: str = "",
    topics: str = "", minutes: str = "",
) -> Meeting:  # fmt: skip
    require(rules.may_supervise(actor, org), "只有主管部门可以登记会议培训。")
    if kind not in MeetingKind.values:
        raise ValidationError({"kind": "请选择类别。"})
    with transaction.atomic():
        meeting = Meeting.objects.create(
            org=org, kind=kind, held_on=held_on, title=text("title", "名称", title, limit=200, required=True),
            participants=text("participants", "参加单位和人员", participants, limit=4000),
            topics=text("topics", "议题", topics, limit=4000), minutes=text("minutes", "纪要", minutes, limit=20000),
        )  # fmt: skip
        audit.record(
            actor=actor, action="supervision.meeting_record", obj=meeting, org=org, after={"kind": kind}
        )
    return meeting


def inspection_create(
    *, actor: Actor, org: Organization, title: str, mode: str, held_on: date, units: list[Organization],
    joint_with: str = "",
) -> Inspection:  # fmt: skip
    require(rules.may_supervise(actor, org), "只有主管部门可以组织检查。")
    if mode not in InspectionMode.values:
        raise ValidationError({"mode": "请选择检查方式。"})
    if not units:
        raise ValidationError({"units": "请选择被检查单位。"})
    if any(not rules.may_supervise(actor, u) for u in units):
        raise ValidationError({"units": "被检查单位应在本地区范围内。"})
    with transaction.atomic():
        inspection = Inspection.objects.create(
            org=org, title=text("title", "名称", title, limit=200, required=True), mode=mode, held_on=held_on,
            joint_with=text("joint_with", "联合检查单位", joint_with, limit=200),
        )  # fmt: skip
        inspection.units.set(units)
        audit.record(actor=actor, action="supervision.inspection_create", obj=inspection, org=org,
                     after={"units": len(units)})  # fmt: skip
    return inspection


def finding_add(
    *, actor: Actor, inspection: Inspection, org: Organization, indicator: str, description: str,
    rectify_by: date, severity: str = Severity.MINOR, evidence: str = "",
) -> Finding:  # fmt: skip
    require(rules.may_supervise(actor, inspection.org), "只有检查单位可以登记问题。")
    if not inspection.units.filter(pk=org.pk).exists():
        raise ValidationError({"org": "该单位不在本次检查范围内。"})
    if severity not in Severity.values:
        raise ValidationError({"severity": "请选择严重程度。"})
    if rectify_by < inspection.held_on:
        raise ValidationError({"rectify_by": "整改期限不能早于检查日期。"})
    with transaction.atomic():
        finding = Finding.objects.create(
            inspection=inspection, org=org, indicator=text("indicator", "检查指标", indicator, limit=100, required=True),
            description=text("description", "问题", description, limit=4000, required=True),
            evidence=text("evidence", "证据", evidence, limit=4000), severity=severity, rectify_by=rectify_by,
        )  # fmt: skip
        audit.record(actor=actor, action="supervision.finding_add", obj=finding, org=org,
                     after={"severity": severity, "rectify_by": rectify_by.isoformat()})  # fmt: skip
    return finding


def _move(finding: Finding, state: str) -> None:
    from gongkai.supervision.models import FINDING_TRANSITIONS

    if state not in FINDING_TRANSITIONS[finding.state]:
        raise ValidationError(
            f"该问题当前状态为“{finding.get_state_display()}”，不能变为“{FindingState(state).label}”。"
        )
    finding.state = state


def finding_respond(*, actor: Actor, finding: Finding, response: str, on: date | None = None) -> Finding:
    require(rules.may_report(actor, finding.org), "只有被检查单位可以反馈整改情况。")
    response = text("response", "整改情况", response, limit=4000, required=True)
    with transaction.atomic():
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        before = {"state": finding.state}
        _move(finding, FindingState.RESPONDED)
        finding.response, finding.responded_on = response, on or timezone.localdate()
        finding.save(update_fields=["state", "response", "responded_on", "updated_at"])
        audit.record_on(
            finding,
            actor=actor,
            action="supervision.finding_respond",
            before=before,
            after={"state": finding.state},
        )
    return finding


def finding_verify(
    *, actor: Actor, finding: Finding, accepted: bool, note: str = "", on: date | None = None
) -> Finding:
    """The inspecting office confirms the rectification, or sends it back with a note."""
    require(rules.may_supervise(actor, finding.inspection.org), "只有检查单位可以核实整改。")
    note = text("note", "说明", note, limit=2000, required=not accepted)
    with transaction.atomic():
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        before = {"state": finding.state}
        if accepted:
            _move(finding, FindingState.VERIFIED)
            finding.verified_on = on or timezone.localdate()
        else:
            _move(finding, FindingState.OPEN)
        finding.save(update_fields=["state", "verified_on", "updated_at"])
        audit.record_on(
            finding,
            actor=actor,
            action="supervision.finding_verify" if accepted else "supervision.finding_reopen",
            before=before,
            after={"state": finding.state},
            note=note,
        )
    return finding
