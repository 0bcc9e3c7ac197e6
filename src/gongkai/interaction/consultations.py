"""意见征集: a draft put to the public for a period no shorter than its legal basis sets (or a written reason),
comments with moderation and consent, each comment's disposition, and the published 采纳情况反馈.

The state changes follow the services' shape (`consultation_<verb>(*, actor, ...)`: rules, validation, write,
audit, one transaction). The drafting unit's office (or its supervisor) runs its consultations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.actors import Actor, System
from gongkai.core.validation import checked_text, strip_controls
from gongkai.interaction.models import (
    Comment,
    Consultation,
    ConsultationBasis,
    ConsultationStatus,
    Disposition,
    TimeUnit,
)
from gongkai.interaction.rules import may_run
from gongkai.orgs.models import Organization
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

COMMENT_FORM = System("网站意见征集")


def _require(ok: bool, text: str) -> None:
    if not ok:
        raise PermissionDenied(text)


def minimum_close(
    basis: ConsultationBasis, opens_on: date, calendar: WorkCalendar | None = None
) -> date | None:
    """The earliest closing day the basis allows (the opening day counts as day 1)."""
    if basis.unit == TimeUnit.WORKDAYS:
        calendar = calendar or WorkCalendar()
        try:
            first = calendar.next_workday(opens_on)
            return calendar.add_workdays(first, basis.min_amount - 1)
        except CalendarMissing:
            return None
    return opens_on + timedelta(days=basis.min_amount - 1)


@transaction.atomic
def consultation_open(
    *,
    actor: Actor,
    org: Organization,
    basis: ConsultationBasis,
    title: str,
    draft: str,
    explanation: str,
    opens_on: date,
    closes_on: date,
    short_reason: str = "",
) -> Consultation:
    """Publish a draft for comment. A period shorter than the basis's minimum needs a written reason
    (重大行政决策程序暂行条例 §15: the reason is published when the consultation opens)."""
    _require(may_run(actor, org), "只有起草单位的工作机构可以发起意见征集。")
    errors: dict[str, list[str]] = {}
    values: dict[str, str] = {}
    given = {"title": title, "draft": draft, "explanation": explanation}
    for field, label, limit in (
        ("title", "草案名称", 200),
        ("draft", "草案全文", 100000),
        ("explanation", "起草说明", 20000),
    ):
        try:
            values[field] = checked_text(given[field], field, label, limit=limit)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if closes_on < opens_on:
        errors.setdefault("closes_on", []).append("截止日期不能早于开始日期。")
    short_reason = strip_controls(short_reason)
    earliest = minimum_close(basis, opens_on)
    if earliest is None:
        errors.setdefault("closes_on", []).append("所涉年份的工作日历尚未录入，无法核对最短征求期限。")
    elif closes_on < earliest and not short_reason:
        errors.setdefault("short_reason", []).append(
            f"{basis.name}征求意见期限不少于{basis.min_amount}{basis.get_unit_display()}"
            f"（应不早于{earliest.isoformat()}截止）；缩短期限的，须写明理由并随征集公布。"
        )
    if errors:
        raise ValidationError(errors)
    consultation = Consultation.objects.create(
        org=org, basis=basis, opens_on=opens_on, closes_on=closes_on, short_reason=short_reason, **values
    )
    audit.record(actor=actor, action="consultation.open", obj=consultation, org=org, note=short_reason)
    return consultation


def is_open(consultation: Consultation, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        consultation.status == ConsultationStatus.OPEN
        and consultation.opens_on <= today <= consultation.closes_on
    )


@transaction.atomic
def comment_submit(
    *, consultation: Consultation, data: dict[str, Any], suspect: str = "", now: datetime | None = None
) -> Comment:
    """A comment from the portal (held for moderation; published only with consent and once approved)."""
    now = now or timezone.now()
    if not is_open(consultation, timezone.localdate(now)):
        raise ValidationError("该意见征集不在征集期内。")
    comment = Comment.objects.create(
        consultation=consultation,
        text=checked_text(data.get("text"), "text", "意见", limit=5000),
        writer_name=checked_text(data.get("writer_name"), "writer_name", "姓名", required=False, limit=50),
        phone=checked_text(data.get("phone"), "phone", "联系电话", required=False, limit=30),
        consent_publish=bool(data.get("consent_publish")),
        suspect=suspect[:200],
        submitted_at=now,
    )
    audit.record(actor=COMMENT_FORM, action="consultation.comment", obj=comment, org=consultation.org)
    return comment


@transaction.atomic
def comment_moderate(*, actor: Actor, comment: Comment, approve: bool) -> Comment:
    _require(may_run(actor, comment.consultation.org), "您不能审核该征集的意见。")
    comment.approved = approve
    comment.save(update_fields=["approved", "updated_at"])
    audit.record(actor=actor, action="consultation.moderate", obj=comment, org=comment.consultation.org)
    return comment


@transaction.atomic
def comment_dispose(
    *, actor: Actor, comment: Comment, disposition: str, reason: str = "", topic: str = ""
) -> Comment:
    """采纳 / 部分采纳 / 未采纳 / 不属于征求范围; a reason is required unless adopted."""
    consultation = comment.consultation
    _require(may_run(actor, consultation.org), "您不能处理该征集的意见。")
    if disposition not in Disposition.values:
        raise ValidationError({"disposition": ["请选择处理结果。"]})
    reason = checked_text(reason, "reason", "理由", required=disposition != Disposition.ADOPTED, limit=2000)
    comment.disposition, comment.reason, comment.topic = disposition, reason, strip_controls(topic)[:60]
    comment.save(update_fields=["disposition", "reason", "topic", "updated_at"])
    audit.record(actor=actor, action="consultation.dispose", obj=comment, org=consultation.org)
    return comment


@dataclass
class Tally:
    received: int
    adopted: int
    partly: int
    not_adopted: int
    out_of_scope: int
    undecided: int


def tally(consultation: Consultation) -> Tally:
    rows = list(consultation.comments.exclude(approved=False).values_list("disposition", flat=True))
    return Tally(
        received=len(rows),
        adopted=rows.count(Disposition.ADOPTED),
        partly=rows.count(Disposition.PARTLY),
        not_adopted=rows.count(Disposition.NOT_ADOPTED),
        out_of_scope=rows.count(Disposition.OUT_OF_SCOPE),
        undecided=rows.count(""),
    )


@transaction.atomic
def consultation_feedback(
    *, actor: Actor, consultation: Consultation, text: str, catalog_item_id: int | None = None
) -> Consultation:
    """Publish the 采纳情况反馈 once the period is over and every comment has its disposition."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _require(may_run(actor, consultation.org), "您不能发布该征集的反馈。")
    if timezone.localdate() <= consultation.closes_on:
        raise ValidationError("征集期尚未结束，不能发布采纳情况反馈。")
    counts = tally(consultation)
    if counts.undecided:
        raise ValidationError(f"还有{counts.undecided}条意见未作处理。")
    consultation.feedback = checked_text(text, "text", "采纳情况说明", limit=20000)
    consultation.feedback_at = timezone.now()
    consultation.status = ConsultationStatus.FEEDBACK
    consultation.catalog_item_id = catalog_item_id
    consultation.save()
    audit.record_on(consultation, actor=actor, action="consultation.feedback")
    return consultation
