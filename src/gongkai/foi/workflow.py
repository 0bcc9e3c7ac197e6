"""Who may act on an information application, and which actions are open now.

The services enforce the role half (`require_office`, `require_approver`, `require_second_person`) and check the
status themselves; the back office and the API ask `open_actions`, `approval_actions` and `can_*` for what to offer. Reach by role is decided by
`orgs.access` only. Nothing here reads another module of this app except its models and settings, so every other
module may ask it.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied

from gongkai.core import actors
from gongkai.core.actors import Actor, Applicant
from gongkai.foi import conf
from gongkai.foi.models import Answer, AnswerState, Application, Fee, Status
from gongkai.orgs import access
from gongkai.orgs.models import Kind, Organization, OrganizationQuerySet, Role

#: The approvals of a case and the kind of approval each is (`orgs.access.can_approve`).
APPROVAL_ACTIONS = {
    "extension_approve": "extension",
    "extension_refuse": "extension",
    "answer_approve": "answer",
    "answer_return": "answer",
}

#: Who sees applications: the office handles them, the supervisor oversees, the head approves.
STAFF_ROLES = (Role.OFFICE, Role.SUPERVISOR, Role.HEAD)
#: Who has the applications among their work on the dashboard.
DASHBOARD_ROLES = (Role.OFFICE, Role.SUPERVISOR)


def sees_applications(roles: set[str]) -> bool:
    """Whether a holder of `roles` (`orgs.access.roles_of`) has the applications' queues on the dashboard."""
    return bool(roles & set(DASHBOARD_ROLES))


def orgs_to_view(user: Actor) -> OrganizationQuerySet:
    """The organisations whose applications `user` sees, in tree order (queue filters)."""
    return access.orgs_for(user, *STAFF_ROLES).order_by("path")


def applicant_may_act(actor: Actor, application: Application) -> bool:
    """An applicant acts on their own case only."""
    return isinstance(actor, Applicant) and actor.application_id == application.pk


def applicant_can_correct(actor: Actor, application: Application) -> bool:
    """The portal's correction form: the applicant's own case, awaiting their correction (Art. 30)."""
    return applicant_may_act(actor, application) and application.status == Status.AWAITING_CORRECTION


def applicant_can_evaluate(actor: Actor, application: Application) -> bool:
    """The portal's rating form: the applicant's own case, once it is answered (closed)."""
    return applicant_may_act(actor, application) and application.status == Status.CLOSED


def can_receive_applications(org: Organization) -> bool:
    """Art. 27: governments at every level and their departments (acting in their own name)."""
    return org.is_active and org.kind in (Kind.GOVERNMENT, Kind.DEPARTMENT)


def can_register(user: Actor) -> bool:
    """Whether `user` may register applications received by letter, in person, fax or e-mail: the office of an
    organ that receives applications (an office reaches its own organisation only), without a query."""
    if getattr(user, "is_superuser", False):
        return access.holds_role(user)
    return any(can_receive_applications(o) for o in access.membership_orgs(user, Role.OFFICE))


def may_handle(user: Actor, org: Organization) -> bool:
    """Handling is the work of the organisation's disclosure office."""
    return access.has_role(user, org, Role.OFFICE)


#: Who sets an organisation's electronic seal (the image on its letters): its administrator or the head.
SEAL_ROLES = (Role.ADMIN, Role.HEAD)
#: Who handles applications and may be assigned one (the disclosure office).
OFFICE_ROLES = (Role.OFFICE,)


def may_manage_seal(actor: Actor, org: Organization) -> bool:
    return actors.is_user(actor) and access.has_role(actor, org, *SEAL_ROLES)


def can_handle(user: Actor, application: Application) -> bool:
    return may_handle(user, application.org)


def require_office(actor: Actor, org: Organization) -> None:
    """Handling is the work of the organisation's disclosure office (role office); a job of the platform may
    act too."""
    if not actors.is_system(actor) and not may_handle(actor, org):
        raise PermissionDenied("只有本机关的政府信息公开工作机构可以办理该申请。")


def may_approve(user: Actor, org: Organization, kind: str) -> bool:
    """The head of the working body, or the office where the head delegated (`orgs.ApprovalPolicy`)."""
    return access.can_approve(user, org, kind)


APPROVAL_WHAT = {"extension": "延长答复期限", "answer": "依申请公开答复", "report": "年度报告"}


def require_approver(actor: Actor, org: Organization, kind: str) -> None:
    """Approvals are the head's (Art. 33 for extensions), or the office's where the head delegated
    (`orgs.ApprovalPolicy`); a job of the platform may act too (the demo, migrations)."""
    if not actors.is_system(actor) and not may_approve(actor, org, kind):
        raise PermissionDenied(
            f"{APPROVAL_WHAT[kind]}须经本机关政府信息公开工作机构负责人批准；您不是该机关的工作机构负责人，"
            "也未获负责人授权。"
        )


def _own_draft(actor: Actor, first_user_id: int | None) -> bool:
    """While the two-person rule is on, nobody approves what they drafted or asked for themselves."""
    own = actors.is_user(actor) and first_user_id is not None and actor.pk == first_user_id
    return conf.two_person_approval() and own


def require_second_person(actor: Actor, first_user_id: int | None, what: str) -> None:
    if _own_draft(actor, first_user_id):
        raise PermissionDenied(f"{what}须由拟办人以外的人员批准：不能批准本人拟办的事项。")


def _answer_of(application: Application) -> Answer | None:
    try:
        return application.answer
    except ObjectDoesNotExist:
        return None


def can_approve(user: Actor, application: Application, kind: str, *, answer: Answer | None = None) -> bool:
    """May `user` approve (or refuse, or return) the case's pending extension ("extension") or answer
    ("answer"): the head of the working body, or the office where the head delegated, and never the person
    who asked for the extension or drafted the answer while the two-person rule is on."""
    if not may_approve(user, application.org, kind):
        return False
    if kind == "extension":
        first = application.extension_requested_by_id
    else:
        answer = answer if answer is not None else _answer_of(application)
        first = answer.drafted_by_id if answer is not None else None
    return not _own_draft(user, first)


def approval_actions(user: Actor, application: Application, *, answer: Answer | None = None) -> list[str]:
    """The approvals waiting on this case that `user` may make now (back office buttons, API `approvals`)."""
    if application.status in (Status.RECEIVED, Status.IN_PROGRESS) and (
        application.extension_requested_days and not application.extension_days
    ):
        names = ["extension_approve", "extension_refuse"]
    elif application.status == Status.PENDING_APPROVAL:
        names = ["answer_approve", "answer_return"]
    else:
        return []
    return [n for n in names if can_approve(user, application, APPROVAL_ACTIONS[n], answer=answer)]


def can_see_personal_data(user: Actor, application: Application) -> bool:
    """Identity numbers and contacts: the handling organisation's office only (not supervisors, not superusers)."""
    return any(org.pk == application.org_id for org in access.membership_orgs(user, Role.OFFICE))


def handling_actions(
    application: Application, user: Actor, *, fee: Fee | None, answer: Answer | None
) -> list[str]:
    """The office's actions open in the case's status (the services decide again on submission)."""
    if not can_handle(user, application):
        return []
    s = application.status
    running = s in (Status.RECEIVED, Status.IN_PROGRESS)
    names = ["note", "remedy"]
    if s != Status.SUBMITTED:
        names.append("record_correction")
    if s == Status.SUBMITTED:
        names += ["confirm", "transfer", "close"]
    if running:
        names += ["assign", "answer_draft", "file", "consult_start", "close"]
        if not application.correction_requested_on:
            names.append("correction_request")
        extension_possible = not (
            application.longer_period_days and not conf.longer_period_extension_workdays()
        )  # an Art. 35 period excludes an extension unless the settings allow one
        if not application.extension_days and not application.extension_requested_days and extension_possible:
            names.append("extension_request")
        if not application.reasons_requested_on:
            names.append("reasons_request")
        elif not application.reasons_received_on:
            names.append("reasons_receive")
        elif not application.longer_period_days:
            names.append("longer_period")
        if fee is None:
            names.append("fee_notice")
        if not application.correction_requested_on and not application.consultations.exists():
            names.append("transfer")
        if answer is not None and answer.state == AnswerState.DRAFT:
            names.append("answer_submit")
    if s == Status.AWAITING_CORRECTION:
        names += ["assign", "correction_received", "close"]
    if s == Status.CONSULTING:
        names += ["assign", "consult_start", "answer_draft", "file", "close"]
    if s == Status.AWAITING_PAYMENT:
        names += ["fee_paid", "fee_waive", "close"]
    if s == Status.PENDING_APPROVAL:
        names += ["file"]
    if (
        s not in (Status.CLOSED, Status.SUBMITTED)
        and application.consultations.filter(
            kind="third_party", opinion="disagree", disclosure_notice_on__isnull=True
        ).exists()
    ):
        names.append("third_party_notice")
    if s == Status.CLOSED:
        names.append("file")
    return names


def open_actions(
    application: Application, user: Actor, *, fee: Fee | None, answer: Answer | None
) -> list[str]:
    """Every action `user` finds open on the case now: the office's handling, then the approvals the permission
    layer lets `user` make (the head, or the office where delegated)."""
    names = [
        n for n in handling_actions(application, user, fee=fee, answer=answer) if n not in APPROVAL_ACTIONS
    ]
    return names + approval_actions(user, application, answer=answer)
