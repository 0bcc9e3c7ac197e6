"""Suggestions and proposals API (staff, session login): the items a user sees, registration, assignment.

Proposers' contacts are accepted on registration and never returned: the API has no reader of them."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from gongkai.api.pagination import Page
from gongkai.core.notfound import first_or_404
from gongkai.proposals import rules, selectors, services, statistics
from gongkai.proposals.models import ProposerData, ProposerRole

router = Router(tags=["建议提案办理"])


class ProposalOut(Schema):
    id: int
    session: str
    number: str
    kind: str
    title: str
    status: str
    key_supervision: bool
    assigned_on: date | None
    due_on: date | None
    units: str

    @staticmethod
    def resolve_session(obj: Any) -> str:
        return obj.session.name

    @staticmethod
    def resolve_units(obj: Any) -> str:
        return selectors.assigned_unit_names(obj)


class ProposalDetailOut(ProposalOut):
    reasons: str
    suggestions: str
    proposers: list[str]
    actions: dict[str, bool]

    @staticmethod
    def resolve_proposers(obj: Any) -> list[str]:
        return [f"{p.get_role_display()}：{p.name}" for p in obj.proposers.all()]

    @staticmethod
    def resolve_actions(obj: Any, context: Any) -> dict[str, bool]:
        return rules.ProposalRules(context["request"].user, obj).open_actions()


class ProposerIn(Schema):
    name: str
    role: str = ProposerRole.LEAD
    affiliation: str = ""
    contacts: str = ""


class ProposalIn(Schema):
    session: int
    kind: str
    number: str
    title: str
    reasons: str = ""
    suggestions: str = ""
    proposers: list[ProposerIn]
    key_supervision: bool = False
    supervising_leader: str = ""
    confidential: bool = False


class AssignIn(Schema):
    lead: int | None = None
    co: list[int] = []
    split: list[int] = []
    assigned_on: date | None = None


class ListFilters(Schema):
    session: int | None = None
    status: str | None = None


@router.get("/", response=list[ProposalOut], auth=django_auth, summary="我可见的建议提案")
@paginate(Page)
def proposal_list(request: Any, filters: Query[ListFilters]) -> Any:
    qs = selectors.proposals_visible_to(request.user)
    if filters.session:
        qs = qs.filter(session_id=filters.session)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs


class StatsFilters(Schema):
    session: int | None = None
    year: int | None = None
    unit: str = ""
    kind: str = ""


def _figures(f: statistics.Figures) -> dict[str, Any]:
    counts = {k: v for k, v in vars(f).items() if k != "classes"}
    return {**counts, "classes": dict(f.classes), "rates": f.rates}


@router.get("/statistics", auth=django_auth, summary="办理统计（按人大政协、类别、承办单位；含统计口径）")
def proposal_statistics(request: Any, filters: Query[StatsFilters]) -> Any:
    items = selectors.filter_for_statistics(
        selectors.proposals_visible_to(request.user), session=filters.session, year=filters.year,
        unit=filters.unit, kind=filters.kind,
    )  # fmt: skip
    table = statistics.compute(items)
    return {
        "definitions": statistics.DEFINITIONS, "total": _figures(table.total),
        "by_body": {k: _figures(v) for k, v in table.by_body.items()},
        "by_kind": {k: _figures(v) for k, v in table.by_kind.items()},
        "by_unit": {k: _figures(v) for k, v in table.by_unit.items()},
    }  # fmt: skip


@router.get("/{pk}", response=ProposalDetailOut, auth=django_auth, summary="一件建议提案（不含联系方式）")
def proposal_detail(request: Any, pk: int) -> Any:
    return selectors.get_proposal_for_staff(user=request.user, pk=pk)


@router.post("/", response={201: ProposalDetailOut}, auth=django_auth, summary="登记一件建议提案")
def proposal_register(request: Any, payload: ProposalIn) -> Any:
    session = first_or_404(
        selectors.sessions_visible_to(request.user).filter(pk=payload.session), "没有找到该会次。"
    )
    data = payload.model_dump(exclude={"session", "proposers"})
    people = [ProposerData(**p.model_dump()) for p in payload.proposers]
    proposal = services.proposal_register(
        actor=request.user, session=session, proposers=people, source="api", **data
    )
    return Status(201, proposal)


@router.post("/{pk}/assign", response=ProposalDetailOut, auth=django_auth, summary="交办（主办、会办或分办）")
def proposal_assign(request: Any, pk: int, payload: AssignIn) -> Any:
    proposal = selectors.get_proposal_for_staff(user=request.user, pk=pk)
    units = {o.pk: o for o in selectors.assignable_units(proposal.session)}
    wanted = [u for u in [payload.lead, *payload.co, *payload.split] if u is not None]
    if any(u not in units for u in wanted):
        raise ValidationError("单位不在可交办的范围内。")
    return services.proposal_assign(
        actor=request.user, proposal=proposal, lead=units[payload.lead] if payload.lead else None,
        co=[units[u] for u in payload.co], split=[units[u] for u in payload.split], assigned_on=payload.assigned_on,
    )  # fmt: skip
