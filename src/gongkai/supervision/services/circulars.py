"""Circulars (通报): drafted from the records of a period and scope, edited, approved, issued (published or
internal), and each listed problem tracked until rectified."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.actors import Actor
from gongkai.orgs.models import Organization
from gongkai.supervision import rules, selectors
from gongkai.supervision.models import Circular, CircularState, Problem, ProblemKind
from gongkai.supervision.services.base import require, text, user_or_none


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def draft_body(scope: Organization, start: date, end: date, found: list[selectors.Found]) -> str:
    """The circular's opening text from the figures; the office edits it before approval."""
    counts = Counter(f.kind for f in found)
    units = len({f.org.pk for f in found})
    lines = [
        f"根据政务公开工作要点和网站监管要求，通过系统监测和人工核查，对{scope.name}所属各单位"
        f"{_cn(start)}至{_cn(end)}政务公开工作情况进行了检查。现将有关情况通报如下：",
        "",
        f"一、发现的问题。共发现问题{len(found)}个，涉及{units}个单位：",
    ]
    for kind, label in ProblemKind.choices:
        if counts.get(kind):
            lines.append(f"（{label}）{counts[kind]}个；")
    lines += ["", "二、整改要求。请有关单位对照问题清单，于整改期限前完成整改并报送整改情况。"]
    return "\n".join(lines)


def circular_draft(
    *,
    actor: Actor,
    org: Organization,
    scope: Organization,
    period_start: date,
    period_end: date,
    title: str = "",
    rectify_by: date | None = None,
    as_at: date | None = None,
) -> Circular:
    """A draft listing every problem the records show for the period in the scope."""
    require(
        rules.may_supervise(actor, org) and rules.may_supervise(actor, scope), "只有主管部门可以起草通报。"
    )
    if period_end < period_start:
        raise ValidationError({"period_end": "期间止不能早于期间起。"})
    found = selectors.problems_found(scope, period_start, period_end, as_at=as_at)
    title = text(
        "title",
        "标题",
        title or f"关于{period_start.year}年{period_start.month}月政务公开工作情况的通报",
        limit=200,
        required=True,
    )
    with transaction.atomic():
        circular = Circular.objects.create(
            org=org, scope=scope, period_start=period_start, period_end=period_end, title=title,
            body=draft_body(scope, period_start, period_end, found), drafted_by=user_or_none(actor),
            rectify_by=rectify_by,
        )  # fmt: skip
        Problem.objects.bulk_create(
            [
                Problem(
                    circular=circular,
                    org=f.org,
                    kind=f.kind,
                    ref=f.ref,
                    label=f.label[:300],
                    auto_close=f.auto_close,
                )
                for f in found
            ]
        )
        audit.record(actor=actor, action="supervision.circular_draft", obj=circular, org=org,
                     after={"problems": len(found)})  # fmt: skip
    return circular


def _move(circular: Circular, state: str) -> None:
    if not circular.can_move_to(state):
        raise ValidationError(
            f"该通报当前状态为“{circular.get_state_display()}”，不能变为“{CircularState(state).label}”。"
        )
    circular.state = state


def circular_edit(*, actor: Actor, circular: Circular, title: str, body: str, doc_no: str = "",
                  rectify_by: date | None = None) -> Circular:  # fmt: skip
    require(rules.may_supervise(actor, circular.org), "您无权修改该通报。")
    if circular.state != CircularState.DRAFT:
        raise ValidationError("只有草稿可以修改。")
    with transaction.atomic():
        circular.title = text("title", "标题", title, limit=200, required=True)
        circular.body = text("body", "正文", body, limit=50000, required=True)
        circular.doc_no = text("doc_no", "文号", doc_no, limit=60)
        circular.rectify_by = rectify_by
        circular.save(update_fields=["title", "body", "doc_no", "rectify_by", "updated_at"])
        audit.record_on(circular, actor=actor, action="supervision.circular_edit")
    return circular


def circular_approve(*, actor: Actor, circular: Circular) -> Circular:
    require(
        rules.may_approve_circular(actor, circular.org, circular.drafted_by_id),
        "起草人以外的主管部门人员审定通报。",
    )
    with transaction.atomic():
        before = {"state": circular.state}
        _move(circular, CircularState.APPROVED)
        circular.approved_by = user_or_none(actor)
        circular.save(update_fields=["state", "approved_by", "updated_at"])
        audit.record_on(
            circular,
            actor=actor,
            action="supervision.circular_approve",
            before=before,
            after={"state": circular.state},
        )
    return circular


def circular_issue(*, actor: Actor, circular: Circular, public: bool, on: date | None = None) -> Circular:
    """Issue an approved circular: published (on the portal) or sent internally."""
    require(rules.may_supervise(actor, circular.org), "您无权印发该通报。")
    with transaction.atomic():
        before = {"state": circular.state}
        _move(circular, CircularState.PUBLISHED if public else CircularState.INTERNAL)
        circular.issued_on = on or timezone.localdate()
        circular.save(update_fields=["state", "issued_on", "updated_at"])
        audit.record_on(
            circular,
            actor=actor,
            action="supervision.circular_issue",
            before=before,
            after={"state": circular.state},
        )
    return circular


def problem_rectify(*, actor: Actor, problem: Problem, response: str, on: date | None = None) -> Problem:
    """The responsible unit reports a problem rectified (the office sees the report in the circular's list)."""
    require(rules.may_report(actor, problem.org), "只有责任单位可以报告整改。")
    if problem.rectified:
        raise ValidationError("该问题已整改。")
    response = text("response", "整改说明", response, limit=4000, required=True)
    with transaction.atomic():
        problem.response, problem.rectified_on = response, on or timezone.localdate()
        problem.save(update_fields=["response", "rectified_on", "updated_at"])
        audit.record(actor=actor, action="supervision.problem_rectify", obj=problem.circular, org=problem.org,
                     after={"problem": problem.pk})  # fmt: skip
    return problem


def problems_refresh(*, actor: Actor, circular: Circular, today: date | None = None) -> int:
    """Close the problems whose records show them put right (an application answered, a message answered, a
    column updated, a task done, a finding verified). Returns how many closed."""
    require(
        rules.may_supervise(actor, circular.org) or rules.may_see(actor, circular.scope), "您无权更新该通报。"
    )
    today = today or timezone.localdate()
    closed = 0
    with transaction.atomic():
        for problem in circular.problems.filter(rectified_on__isnull=True, auto_close=True).select_related(
            "org"
        ):
            on = selectors.problem_still_open(problem, today)
            if on is not None:
                problem.rectified_on = on
                problem.response = problem.response or "系统核对：记录显示已整改。"
                problem.save(update_fields=["rectified_on", "response", "updated_at"])
                audit.record(actor=actor, action="supervision.problem_rectify", obj=circular, org=problem.org,
                             after={"problem": problem.pk}, note="auto")  # fmt: skip
                closed += 1
    return closed
