"""Sessions, registration (by hand, the 交办清单, the API) and assignment (lead, co, split, merge, returns)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.core import audit
from gongkai.core.actors import Actor, is_user
from gongkai.core.validation import strip_controls
from gongkai.orgs.models import Organization
from gongkai.proposals import clock, contacts, deadlines, rules, xlsx
from gongkai.proposals.models import (
    KIND_BODY,
    Assignment,
    AssignmentRole,
    Kind,
    Proposal,
    Proposer,
    ProposerData,
    ProposerRole,
    ReturnRequest,
    ReturnState,
    Session,
    Status,
)
from gongkai.proposals.selectors import assignable_units, policy_for
from gongkai.proposals.services.base import _fields, _locked, _move, _require, _text
from gongkai.workdays.calendar import CalendarMissing

# --- Sessions ---------------------------------------------------------------------------------------------


@transaction.atomic
def session_create(
    *,
    actor: Actor,
    org: Organization,
    body: str,
    name: str,
    term: int,
    meeting: int | None,
    year: int,
    opens_on: date,
    closes_on: date | None = None,
) -> Session:
    _require(rules.may_assign(actor, org), "您不能为该机构登记会次。")
    name = strip_controls((name or "").strip())
    if not name or len(name) > 120:
        raise ValidationError({"name": "请填写会次名称（不超过120字）。"})
    if body not in KIND_BODY.values():
        raise ValidationError({"body": "请选择人大或政协。"})
    if not 1 <= term <= 99 or (meeting is not None and not 1 <= meeting <= 20):
        raise ValidationError("届次不正确。")
    if closes_on and closes_on < opens_on:
        raise ValidationError({"closes_on": "闭幕日期不能早于开幕日期。"})
    if Session.objects.filter(org=org, body=body, term=term, meeting=meeting, year=year).exists():
        raise ValidationError("该会次已经登记。")
    session = Session.objects.create(
        org=org, body=body, name=name, term=term, meeting=meeting, year=year, opens_on=opens_on,
        closes_on=closes_on,
    )  # fmt: skip
    audit.record(actor=actor, action="proposals.session_create", obj=session, org=org, after={"name": name})
    return session


# --- Registration (by hand, import, API) ------------------------------------------------------------------


def _check_proposers(kind: str, proposers: Sequence[ProposerData]) -> list[ProposerData]:
    cleaned = []
    for p in proposers:
        name = strip_controls((p.name or "").strip())
        if not name:
            continue
        if len(name) > 100 or len(p.affiliation or "") > 100 or len(p.contacts or "") > 500:
            raise ValidationError({"proposers": "提出人姓名、单位不超过100字，联系方式不超过500字。"})
        if p.role not in ProposerRole.values:
            raise ValidationError({"proposers": "提出人身份不正确。"})
        cleaned.append(ProposerData(name, p.role, strip_controls(p.affiliation.strip()), p.contacts.strip()))
    if not cleaned:
        raise ValidationError({"proposers": "请填写提出人（领衔人，或代表团、界别、党派、团体）。"})
    if not any(p.role in (ProposerRole.LEAD, ProposerRole.GROUP) for p in cleaned):
        raise ValidationError({"proposers": "请指明领衔人或提出的代表团、界别、党派、团体。"})
    return cleaned


def _register(
    *,
    actor: Actor,
    session: Session,
    kind: str,
    number: str,
    title: str,
    reasons: str,
    suggestions: str,
    proposers: Sequence[ProposerData],
    key_supervision: bool,
    supervising_leader: str,
    confidential: bool,
    source: str,
) -> Proposal:
    _require(rules.may_assign(actor, session.org), "您不能登记该会次的建议提案。")
    if kind not in Kind.values:
        raise ValidationError({"kind": "请选择类别。"})
    if KIND_BODY[Kind(kind)] != session.body:
        raise ValidationError({"kind": f"该会次只收{session.get_body_display()}，类别不符。"})
    number = _text("number", number, required=True)
    if Proposal.objects.filter(session=session, number=number).exists():
        raise ValidationError({"number": f"本会次已有第{number}号。"})
    people = _check_proposers(kind, proposers)
    leader = _text("supervising_leader", supervising_leader)
    if key_supervision and not leader:
        raise ValidationError({"supervising_leader": "重点督办件请填写督办领导。"})
    proposal = Proposal.objects.create(
        session=session, kind=kind, number=number, title=_text("title", title, required=True),
        reasons=_text("reasons", reasons), suggestions=_text("suggestions", suggestions),
        key_supervision=key_supervision, supervising_leader=leader, confidential=confidential, source=source,
        registered_by=actor if is_user(actor) else None,
    )  # fmt: skip
    for position, p in enumerate(people):
        Proposer.objects.create(
            proposal=proposal, role=p.role, name=p.name, affiliation=p.affiliation,
            contacts_sealed=contacts.seal(p.contacts), position=position,
        )  # fmt: skip
    audit.record(
        actor=actor, action="proposals.register", obj=proposal, org=session.org,
        after={**_fields(proposal), "number": number, "kind": kind, "source": source},
    )  # fmt: skip
    return proposal


@transaction.atomic
def proposal_register(
    *,
    actor: Actor,
    session: Session,
    kind: str,
    number: str,
    title: str,
    proposers: Sequence[ProposerData],
    reasons: str = "",
    suggestions: str = "",
    key_supervision: bool = False,
    supervising_leader: str = "",
    confidential: bool = False,
    source: str = "hand",
) -> Proposal:
    return _register(
        actor=actor, session=session, kind=kind, number=number, title=title, reasons=reasons,
        suggestions=suggestions, proposers=proposers, key_supervision=key_supervision,
        supervising_leader=supervising_leader, confidential=confidential, source=source,
    )  # fmt: skip


@transaction.atomic
def proposals_import(
    *, actor: Actor, session: Session, data: bytes, assigned_on: date | None = None
) -> list[Proposal]:
    """The 交办清单 as the 人大 or 政协 sends it (XLSX, columns in docs/proposals.md): all rows or none. Rows
    naming a 主办单位 (or 分办单位) are assigned on `assigned_on` (default today)."""
    _require(rules.may_assign(actor, session.org), "您不能登记该会次的建议提案。")
    rows = xlsx.read_rows(data)
    errors: list[str] = []
    created: list[Proposal] = []
    units = {o.name: o for o in assignable_units(session)}
    for row in rows:
        try:
            with transaction.atomic():
                proposal = _register(
                    actor=actor, session=session, kind=xlsx.kind_of(row.kind, session.body), number=row.number,
                    title=row.title, reasons=row.reasons, suggestions=row.suggestions, proposers=row.proposers,
                    key_supervision=row.key_supervision, supervising_leader=row.supervising_leader,
                    confidential=row.confidential, source="import",
                )  # fmt: skip
                if row.lead or row.split:
                    missing = [n for n in [row.lead, *row.co, *row.split] if n and n not in units]
                    if missing:
                        raise ValidationError(f"没有找到单位：{'、'.join(missing)}")
                    _assign(
                        actor=actor, proposal=proposal, lead=units.get(row.lead), co=[units[n] for n in row.co],
                        split=[units[n] for n in row.split], assigned_on=assigned_on or clock.today(),
                    )  # fmt: skip
                created.append(proposal)
        except ValidationError as exc:
            errors.append(f"第{row.line}行：{'；'.join(exc.messages)}")
    if errors:
        raise ValidationError(errors[:50])
    if not created:
        raise ValidationError("表格中没有建议提案。")
    return created


# --- Assignment -------------------------------------------------------------------------------------------


def _assign(
    *,
    actor: Actor,
    proposal: Proposal,
    lead: Organization | None,
    co: Sequence[Organization],
    split: Sequence[Organization],
    assigned_on: date,
) -> Proposal:
    proposal = _locked(proposal)
    _require(rules.may_assign(actor, proposal.session.org), "您不能交办该建议提案。")
    _move(proposal, Status.ASSIGNED)
    units = [o for o in [lead, *co, *split] if o is not None]
    if lead is None and len(split) < 2:
        raise ValidationError("请指定主办单位，或至少两个分办单位。")
    if lead is not None and split:
        raise ValidationError("主办与分办不能同时使用：有主办单位时，其他单位为会办。")
    if len({o.pk for o in units}) != len(units):
        raise ValidationError("同一单位不能重复交办。")
    if any(not o.is_active for o in units):
        raise ValidationError("不能交办给已停用的单位。")
    allowed = set(assignable_units(proposal.session).values_list("pk", flat=True))
    if any(o.pk not in allowed for o in units):
        raise ValidationError("只能交办给本级政府及其所属单位。")
    if assigned_on < proposal.session.opens_on or assigned_on > clock.today():
        raise ValidationError({"assigned_on": "交办日期应在会次开幕之后、不晚于今天。"})
    policy = policy_for(proposal.body)
    try:
        opinion_due = deadlines.co_opinion_due(policy, assigned_on) if co else None
    except CalendarMissing as exc:
        raise ValidationError(f"{exc.year}年的工作日历尚未导入，无法计算会办期限。") from None
    roles = [(lead, AssignmentRole.LEAD)] if lead else []
    roles += [(o, AssignmentRole.CO) for o in co] + [(o, AssignmentRole.SPLIT) for o in split]
    for org, role in roles:
        Assignment.objects.create(
            proposal=proposal, org=org, role=role, assigned_on=assigned_on,
            opinion_due_on=opinion_due if role == AssignmentRole.CO else None,
        )  # fmt: skip
    proposal.assigned_on = assigned_on
    proposal.due_on = deadlines.answer_due(policy, assigned_on, difficult=proposal.difficult)
    proposal.save(update_fields=["status", "assigned_on", "due_on", "updated_at"])
    audit.record(
        actor=actor, action="proposals.assign", obj=proposal, org=proposal.session.org, after=_fields(proposal),
        note="；".join(f"{r.label}：{o.name}" for o, r in roles),
    )  # fmt: skip
    return proposal


@transaction.atomic
def proposal_assign(
    *,
    actor: Actor,
    proposal: Proposal,
    lead: Organization | None,
    co: Sequence[Organization] = (),
    split: Sequence[Organization] = (),
    assigned_on: date | None = None,
) -> Proposal:
    return _assign(
        actor=actor, proposal=proposal, lead=lead, co=co, split=split,
        assigned_on=assigned_on or clock.today(),
    )  # fmt: skip


@transaction.atomic
def proposal_merge(*, actor: Actor, proposal: Proposal, into: Proposal) -> Proposal:
    """并案: identical items are handled together under `into`; each proposer still gets an answer."""
    proposal = _locked(proposal)
    _require(rules.may_assign(actor, proposal.session.org), "您不能并案处理该建议提案。")
    if into.pk == proposal.pk or into.session_id != proposal.session_id:
        raise ValidationError({"into": "只能并入本会次的另一件。"})
    if into.status == Status.MERGED or into.body != proposal.body:
        raise ValidationError({"into": "不能并入已并案的件或另一类别的件。"})
    if proposal.merged.exists():
        raise ValidationError("已有其他件并入本件，不能再并入他件。")
    _move(proposal, Status.MERGED)
    proposal.merged_into = into
    proposal.assignments.filter(active=True).update(active=False)
    proposal.save(update_fields=["status", "merged_into", "updated_at"])
    audit.record(
        actor=actor, action="proposals.merge", obj=proposal, org=proposal.session.org,
        after={"status": proposal.status, "merged_into": into.number},
    )  # fmt: skip
    return proposal


@transaction.atomic
def proposal_set_difficult(*, actor: Actor, proposal: Proposal, note: str) -> Proposal:
    """A wide or difficult item, with the assigner's approval: the longer period (代表法 Art. 51)."""
    proposal = _locked(proposal)
    _require(rules.ProposalRules(actor, proposal).can_set_difficult(), "该件现在不能延长办理期限。")
    note = strip_controls((note or "").strip())
    if not note:
        raise ValidationError({"note": "请写明延长办理期限的理由。"})
    assert proposal.assigned_on is not None
    proposal.difficult = True
    proposal.due_on = deadlines.answer_due(policy_for(proposal.body), proposal.assigned_on, difficult=True)
    proposal.save(update_fields=["difficult", "due_on", "updated_at"])
    audit.record(
        actor=actor, action="proposals.difficult", obj=proposal, org=proposal.session.org,
        after=_fields(proposal), note=note[:500],
    )  # fmt: skip
    return proposal


@transaction.atomic
def return_request(*, actor: Actor, assignment: Assignment, reasons: str) -> ReturnRequest:
    """A unit asks to return an item not its own, within the window after the assignment (never forwards it)."""
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("proposal__session", "org")
        .get(pk=assignment.pk)
    )
    _require(rules.may_handle(actor, assignment), "您不能为该单位申请退回。")
    proposal = assignment.proposal
    if proposal.status != Status.ASSIGNED:
        raise ValidationError("该件不在办理中，不能申请退回。")
    if assignment.return_requests.filter(state=ReturnState.PENDING).exists():
        raise ValidationError("已有待决定的退回申请。")
    reasons = strip_controls((reasons or "").strip())
    if not reasons:
        raise ValidationError({"reasons": "请写明退回理由。"})
    today = clock.today()
    try:
        ends = deadlines.return_window_ends(policy_for(proposal.body), assignment.assigned_on)
    except CalendarMissing as exc:
        raise ValidationError(f"{exc.year}年的工作日历尚未导入，无法计算退回期限。") from None
    if today > ends:
        raise ValidationError(
            f"退回申请应在交办后{policy_for(proposal.body).return_window_workdays}个工作日内（{ends:%Y年%m月%d日}前）提出，已过期限。"
        )
    request = ReturnRequest.objects.create(assignment=assignment, reasons=reasons[:5000], requested_on=today)
    audit.record(
        actor=actor, action="proposals.return_request", obj=proposal, org=assignment.org,
        after={"unit": assignment.org.name, "role": assignment.role}, note=reasons[:500],
    )  # fmt: skip
    return request


@transaction.atomic
def return_decide(*, actor: Actor, request: ReturnRequest, grant: bool, note: str = "") -> ReturnRequest:
    """The assigning office decides. A granted return of the lead (or of the last split unit) sends the item
    back to 待交办 for a new assignment with a new period."""
    request = (
        ReturnRequest.objects.select_for_update()
        .select_related("assignment__proposal__session")
        .get(pk=request.pk)
    )
    proposal = _locked(request.assignment.proposal)
    _require(rules.may_assign(actor, proposal.session.org), "您不能决定该退回申请。")
    if request.state != ReturnState.PENDING:
        raise ValidationError("该退回申请已经决定。")
    note = strip_controls((note or "").strip())
    if not grant and not note:
        raise ValidationError({"note": "不同意退回时请写明理由。"})
    request.state = ReturnState.GRANTED if grant else ReturnState.REFUSED
    request.decided_on = clock.today()
    request.decision_note = note[:2000]
    request.save(update_fields=["state", "decided_on", "decision_note", "updated_at"])
    assignment = request.assignment
    if grant:
        assignment.active = False
        assignment.save(update_fields=["active", "updated_at"])
        answering = proposal.assignments.filter(
            active=True, role__in=[AssignmentRole.LEAD, AssignmentRole.SPLIT]
        )
        if assignment.role != AssignmentRole.CO and not answering.exists():
            proposal.assignments.filter(active=True).update(active=False)
            _move(proposal, Status.REGISTERED)
            proposal.assigned_on = proposal.due_on = None
            proposal.save(update_fields=["status", "assigned_on", "due_on", "updated_at"])
    audit.record(
        actor=actor, action="proposals.return_decide", obj=proposal, org=proposal.session.org,
        after={**_fields(proposal), "unit": assignment.org.name, "granted": grant}, note=note[:500],
    )  # fmt: skip
    return request


@transaction.atomic
def opinion_send(*, actor: Actor, assignment: Assignment, text: str) -> Assignment:
    """A co-handler's opinion, sent to the lead (never to the delegate); a late one is kept and shown late."""
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("proposal__session", "org")
        .get(pk=assignment.pk)
    )
    _require(rules.may_handle(actor, assignment), "您不能为该单位提出会办意见。")
    if assignment.role != AssignmentRole.CO:
        raise ValidationError("只有会办单位向主办单位提出会办意见。")
    if assignment.proposal.status != Status.ASSIGNED or assignment.opinion_sent_on:
        raise ValidationError("该件现在不能提出会办意见。")
    text = strip_controls((text or "").strip())
    if len(text) < 10:
        raise ValidationError({"text": "会办意见不能为空，请写明具体意见（至少10字）。"})
    assignment.opinion = text[:20000]
    assignment.opinion_sent_on = clock.today()
    assignment.save(update_fields=["opinion", "opinion_sent_on", "updated_at"])
    late = bool(assignment.opinion_due_on and assignment.opinion_sent_on > assignment.opinion_due_on)
    audit.record(
        actor=actor, action="proposals.opinion", obj=assignment.proposal, org=assignment.org,
        after={"unit": assignment.org.name, "late": late},
    )  # fmt: skip
    return assignment
