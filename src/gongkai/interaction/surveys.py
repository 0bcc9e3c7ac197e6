"""调查 (questionnaires): single choice, multiple choice and free text; one answer per person, the person being
the phone number given (kept only as a keyed hash), under the same anti-abuse rules as the letters; the results
counted per choice and published when the survey says so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.actors import Actor, System
from gongkai.core.validation import strip_controls
from gongkai.interaction.models import QuestionKind, Survey, SurveyResponse
from gongkai.interaction.rules import may_run
from gongkai.orgs.models import Organization

SURVEY_FORM = System("网站调查")
_PREFIX = {"单选": QuestionKind.SINGLE, "多选": QuestionKind.MULTIPLE, "填空": QuestionKind.TEXT}


def parse_questions(text: str) -> list[dict[str, Any]]:
    """One question a line: «单选：问题|选项一|选项二», «多选：…», «填空：问题»."""
    questions: list[dict[str, Any]] = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = strip_controls(line)
        if not line:
            continue
        head, _sep, rest = line.replace(":", "：").partition("：")
        kind = _PREFIX.get(head.strip())
        parts = [p.strip() for p in rest.split("|") if p.strip()]
        if kind is None or not parts:
            raise ValidationError(
                {
                    "questions": [
                        f"第{number}行格式不正确：应为“单选：问题|选项一|选项二”、“多选：…”或“填空：问题”。"
                    ]
                }
            )
        if kind != QuestionKind.TEXT and len(parts) < 3:
            raise ValidationError({"questions": [f"第{number}行：选择题至少要有两个选项。"]})
        questions.append(
            {"kind": kind, "text": parts[0], "choices": parts[1:] if kind != QuestionKind.TEXT else []}
        )
    if not questions:
        raise ValidationError({"questions": ["请至少填写一个问题。"]})
    return questions


@transaction.atomic
def survey_create(
    *, actor: Actor, org: Organization, title: str, intro: str, questions: str, opens_on: date, closes_on: date,
    results_public: bool = True,
) -> Survey:  # fmt: skip
    if not may_run(actor, org):
        raise PermissionDenied("只有发起单位的工作机构可以发布调查。")
    title = strip_controls(title)
    if not title:
        raise ValidationError({"title": ["请填写调查主题。"]})
    if closes_on < opens_on:
        raise ValidationError({"closes_on": ["截止日期不能早于开始日期。"]})
    survey = Survey.objects.create(
        org=org, title=title[:200], intro=strip_controls(intro), questions=parse_questions(questions),
        opens_on=opens_on, closes_on=closes_on, results_public=results_public,
    )  # fmt: skip
    audit.record(actor=actor, action="survey.create", obj=survey, org=org)
    return survey


def is_open(survey: Survey, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return survey.opens_on <= today <= survey.closes_on


def response_submit(
    *, survey: Survey, answers: dict[str, Any], phone_key: str, client_key: str = "", suspect: str = "",
    now: datetime | None = None,
) -> SurveyResponse:  # fmt: skip
    """`answers`: {"q0": "选项", "q1": ["选项", …], "q2": "文字"}; every question must be answered."""
    now = now or timezone.now()
    if not is_open(survey, timezone.localdate(now)):
        raise ValidationError("该调查不在调查期内。")
    if not phone_key:
        raise ValidationError({"phone": ["请填写手机号码（每人限答一次，号码不公开、不保存明文）。"]})
    clean: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for i, q in enumerate(survey.questions):
        key, value = f"q{i}", answers.get(f"q{i}")
        if q["kind"] == QuestionKind.SINGLE:
            ok = value in q["choices"]
        elif q["kind"] == QuestionKind.MULTIPLE:
            value = [v for v in (value or []) if v in q["choices"]]
            ok = bool(value)
        else:
            value = strip_controls(value)[:500]
            ok = bool(value)
        if not ok:
            errors.setdefault(key, []).append("请回答此题。")
        clean[key] = value
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                survey=survey, answers=clean, phone_key=phone_key, client_key=client_key[:64], suspect=suspect[:200],
                submitted_at=now,
            )  # fmt: skip
            audit.record(actor=SURVEY_FORM, action="survey.answer", obj=response, org=survey.org)
    except IntegrityError:
        raise ValidationError({"phone": ["该手机号码已参加过本次调查，每人限答一次。"]}) from None
    return response


@dataclass
class QuestionResult:
    text: str
    kind: str
    counts: list[tuple[str, int]]
    texts: int


def results(survey: Survey) -> tuple[int, list[QuestionResult]]:
    responses = list(survey.responses.exclude(suspect__contains="隐藏字段").values_list("answers", flat=True))
    out = []
    for i, q in enumerate(survey.questions):
        values = [r.get(f"q{i}") for r in responses]
        if q["kind"] == QuestionKind.TEXT:
            out.append(QuestionResult(q["text"], q["kind"], [], sum(1 for v in values if v)))
            continue
        counts = []
        for choice in q["choices"]:
            if q["kind"] == QuestionKind.SINGLE:
                counts.append((choice, sum(1 for v in values if v == choice)))
            else:
                counts.append((choice, sum(1 for v in values if isinstance(v, list) and choice in v)))
        out.append(QuestionResult(q["text"], q["kind"], counts, 0))
    return len(responses), out
