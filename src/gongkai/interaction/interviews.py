"""在线访谈: announced at least `announce_days` before it starts (安徽 city rule: 3 days), the public's questions
moderated, answered live or within `answer_workdays` working days after the end (5 WD), the transcript published
after the end. Run by the interviewed unit's office (or its supervisor: 政府办 organises)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.actors import Actor, System
from gongkai.core.validation import checked_text, strip_controls
from gongkai.interaction.models import Interview, InterviewQuestion
from gongkai.interaction.rules import may_run
from gongkai.orgs.models import Organization
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

QUESTION_FORM = System("网站访谈提问")


def _require(ok: bool, text: str) -> None:
    if not ok:
        raise PermissionDenied(text)


@transaction.atomic
def interview_announce(
    *,
    actor: Actor,
    org: Organization,
    title: str,
    guests: str,
    starts_at: datetime,
    ends_at: datetime,
    summary: str = "",
    announce_days: int = 3,
    answer_workdays: int = 5,
    now: datetime | None = None,
) -> Interview:
    _require(may_run(actor, org), "只有访谈单位的工作机构可以发布访谈预告。")
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    if ends_at <= starts_at:
        errors.setdefault("ends_at", []).append("结束时间应晚于开始时间。")
    if starts_at - now < timedelta(days=announce_days):
        errors.setdefault("starts_at", []).append(f"访谈应至少提前{announce_days}日在网站预告。")
    values = {}
    for field, label, value, limit in (("title", "访谈主题", title, 200), ("guests", "嘉宾", guests, 300)):
        try:
            values[field] = checked_text(value, field, label, limit=limit)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    interview = Interview.objects.create(
        org=org, starts_at=starts_at, ends_at=ends_at, announced_at=now, summary=strip_controls(summary),
        announce_days=announce_days, answer_workdays=answer_workdays, **values,
    )  # fmt: skip
    audit.record(actor=actor, action="interview.announce", obj=interview, org=org)
    return interview


def accepts_questions(interview: Interview, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return interview.transcript_published_at is None and interview.announced_at <= now <= interview.ends_at


@transaction.atomic
def question_submit(
    *, interview: Interview, data: dict[str, Any], suspect: str = "", now: datetime | None = None
) -> InterviewQuestion:
    now = now or timezone.now()
    if not accepts_questions(interview, now):
        raise ValidationError("该访谈已结束，不再接受提问。")
    question = InterviewQuestion.objects.create(
        interview=interview,
        text=checked_text(data.get("text"), "text", "问题", limit=1000),
        asker=checked_text(data.get("asker"), "asker", "昵称", required=False, limit=30),
        submitted_at=now,
        suspect=suspect[:200],
    )
    audit.record(actor=QUESTION_FORM, action="interview.question", obj=question, org=interview.org)
    return question


@transaction.atomic
def question_moderate(*, actor: Actor, question: InterviewQuestion, approve: bool) -> InterviewQuestion:
    interview = question.interview
    _require(may_run(actor, interview.org), "您不能审核该访谈的提问。")
    question.approved = approve
    if approve and question.due_on is None:
        try:
            calendar = WorkCalendar()
            question.due_on = calendar.add_workdays(
                timezone.localdate(interview.ends_at), interview.answer_workdays
            )
        except CalendarMissing:
            question.due_on = None
    question.save(update_fields=["approved", "due_on", "updated_at"])
    audit.record(actor=actor, action="interview.moderate", obj=question, org=interview.org)
    return question


@transaction.atomic
def question_answer(
    *, actor: Actor, question: InterviewQuestion, answer: str, now: datetime | None = None
) -> InterviewQuestion:
    """Answered during the interview (live) or after it, by the due day (a late answer is recorded as such)."""
    interview = question.interview
    _require(may_run(actor, interview.org), "您不能答复该访谈的提问。")
    if not question.approved:
        raise ValidationError("提问尚未审核通过。")
    now = now or timezone.now()
    question.answer = checked_text(answer, "answer", "答复", limit=5000)
    question.answered_at = now
    question.answered_live = interview.starts_at <= now <= interview.ends_at
    question.save(update_fields=["answer", "answered_at", "answered_live", "updated_at"])
    audit.record(actor=actor, action="interview.answer", obj=question, org=interview.org)
    return question


def late(question: InterviewQuestion) -> bool:
    if question.due_on is None or question.answered_live:
        return False
    day = timezone.localdate(question.answered_at) if question.answered_at else timezone.localdate()
    return day > question.due_on


@transaction.atomic
def transcript_publish(*, actor: Actor, interview: Interview, transcript: str) -> Interview:
    _require(may_run(actor, interview.org), "您不能发布该访谈的实录。")
    if timezone.now() < interview.ends_at:
        raise ValidationError("访谈结束后才能发布实录。")
    interview.transcript = checked_text(transcript, "transcript", "访谈实录")
    interview.transcript_published_at = timezone.now()
    interview.save(update_fields=["transcript", "transcript_published_at", "updated_at"])
    audit.record_on(interview, actor=actor, action="interview.transcript")
    return interview
