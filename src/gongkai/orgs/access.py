"""Who may see and do what, by role and organisation. Every domain app asks here; nothing else decides.

How far a role reaches from the organisation of its membership:

| role        | reaches |
|-------------|---------|
| editor      | that organisation only |
| reviewer    | that organisation only |
| office      | that organisation only |
| supervisor  | the region: for a competent department (办公厅), its government and everything below it; otherwise the organisation's subtree |
| admin       | the organisation's subtree |
| head        | that organisation only (工作机构负责人: approves, see `can_approve`) |

Superusers reach everything, but approve nothing: approvals (`can_approve`) are the head's, or, where the
head has delegated in writing (`ApprovalPolicy`), the office's.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gongkai.core import actors
from gongkai.core.actors import Actor
from gongkai.core.models import AuditEvent
from gongkai.orgs.models import (
    ApprovalKind,
    ApprovalPolicy,
    Kind,
    Membership,
    Organization,
    OrganizationQuerySet,
    Role,
)

SUBTREE_ROLES = {Role.ADMIN}
REGION_ROLES = {Role.SUPERVISOR}


def _is_staff_user(user) -> bool:
    """A signed-in, active account (not a visitor, an applicant or a job of the platform)."""
    return actors.is_user(user) and bool(user.is_active)


def _scope_path(membership: Membership) -> str | None:
    """The path prefix a membership reaches, or None when it reaches its organisation only."""
    org = membership.org
    if membership.role in SUBTREE_ROLES:
        return org.path
    if membership.role in REGION_ROLES:
        if org.is_competent_department and org.kind != Kind.GOVERNMENT and org.depth > 1:
            return org.path[: -Organization.steplen]
        return org.path
    return None


def _memberships(user, roles: tuple[str, ...]) -> list[Membership]:
    cache = user.__dict__.setdefault("_gongkai_memberships", None)
    if cache is None:
        cache = list(Membership.objects.filter(user=user, org__is_active=True).select_related("org"))
        user.__dict__["_gongkai_memberships"] = cache
    return [m for m in cache if not roles or m.role in roles]


def orgs_q(user, *roles: str, field: str = "") -> Q | None:
    """A Q over organisations (or over `field`, e.g. "org") reached by `user` through `roles`.

    Returns None for "everything" (superusers); an impossible Q for nobody.
    """
    prefix = f"{field}__" if field else ""
    if not _is_staff_user(user):
        return Q(pk__in=[])
    if user.is_superuser:
        return None
    exact: set[int] = set()
    paths: set[str] = set()
    for membership in _memberships(user, roles):
        path = _scope_path(membership)
        if path is None:
            exact.add(membership.org_id)
        else:
            paths.add(path)
    # Drop paths inside other paths: fewer OR terms.
    paths = {p for p in paths if not any(p != q and p.startswith(q) for q in paths)}
    q = Q(**{f"{prefix}pk__in": sorted(exact)}) if exact else Q(pk__in=[])
    for path in sorted(paths):
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def orgs_for(user, *roles: str) -> OrganizationQuerySet:
    """Organisations `user` reaches through any of `roles` (all roles when none are given)."""
    q = orgs_q(user, *roles)
    qs = Organization.objects.all()
    return qs if q is None else qs.filter(q)


def filter_by_org(queryset, user, *roles: str, field: str = "org"):
    """Restrict a queryset of records owned by organisations to those `user` reaches through `roles`."""
    q = orgs_q(user, *roles, field=field)
    return queryset if q is None else queryset.filter(q)


def has_role(user, org: Organization, *roles: str) -> bool:
    if not _is_staff_user(user):
        return False
    if user.is_superuser:
        return True
    for membership in _memberships(user, roles):
        path = _scope_path(membership)
        if membership.org_id == org.pk or (path is not None and org.path.startswith(path)):
            return True
    return False


def roles_of(user) -> set[str]:
    if not _is_staff_user(user):
        return set()
    if user.is_superuser:
        return set(Role.values)
    return {m.role for m in _memberships(user, ())}


def is_staff_member(user) -> bool:
    return _is_staff_user(user) and (user.is_superuser or bool(_memberships(user, ())))


def holds_role(user, *roles: str) -> bool:
    """Whether `user` holds one of `roles` in an active organisation (superusers: always). No query once the
    memberships are loaded, so menus can ask it on every page."""
    return _is_staff_user(user) and (user.is_superuser or bool(_memberships(user, roles)))


def membership_orgs(user, *roles: str) -> list[Organization]:
    """The active organisations of `user`'s memberships in `roles` (not what they reach: see orgs_for)."""
    return [m.org for m in _memberships(user, roles)] if _is_staff_user(user) else []


def members(org: Organization, *roles: str):
    """The active users holding one of `roles` in `org` itself (who may be assigned its work), by username."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(memberships__org=org, memberships__role__in=roles, is_active=True)
        .distinct()
        .order_by("username")
    )


#: Administer an organisation (its data, users and roles in its subtree); edit its disclosure guide.
ADMIN_ROLES = (Role.ADMIN,)
GUIDE_ROLES = (Role.OFFICE, Role.ADMIN)
#: The head of an organisation's disclosure office (工作机构负责人).
HEAD_ROLES = (Role.HEAD,)


def orgs_administered(user) -> OrganizationQuerySet:
    return orgs_for(user, *ADMIN_ROLES)


def may_administer(user, org: Organization) -> bool:
    return has_role(user, org, *ADMIN_ROLES)


# --- What an actor may change in the tree (orgs.services enforces these) ------------------------------------


def may_manage_org(actor: Actor, org: Organization | None) -> bool:
    """Administer `org` (its data, users and roles); with no `org`, create a root organisation (superusers)."""
    if actors.is_system(actor):  # system jobs: the demo loader, migrations
        return True
    if org is None:
        return is_platform_admin(actor)
    return has_role(actor, org, *ADMIN_ROLES)


def may_change_reach(actor: Actor, org: Organization) -> bool:
    """Only an administrator of an organisation above `org` (or a superuser) changes what its roles reach
    (kind, level, competent department): an organisation's own administrators never widen their own reach."""
    if actors.is_system(actor) or is_platform_admin(actor):
        return True
    parent = Organization.objects.get_parent(org)
    return parent is not None and has_role(actor, parent, *ADMIN_ROLES)


def reach_of(*, org: Organization, role: str) -> Organization:
    """The organisation whose subtree a membership (org, role) reaches: the organisation itself for every role
    except a supervisor in a competent department, who reaches its government's region."""
    if role in REGION_ROLES and org.is_competent_department and org.kind != Kind.GOVERNMENT and org.depth > 1:
        parent = Organization.objects.get_parent(org)
        return parent if parent is not None else org
    return org


def role_fits(org: Organization, role: str) -> bool:
    """A supervisor oversees a region: the role is held in a government or its competent department (办公厅)."""
    return role not in REGION_ROLES or org.is_competent_department or org.kind == Kind.GOVERNMENT


def may_grant(actor: Actor, *, user, org: Organization, role: str) -> bool:
    """Who may grant which role (docs/orgs.md): nobody grants themselves a role, and a grant never reaches
    beyond the granting administrator's own reach."""
    if actors.is_system(actor) or is_platform_admin(actor):
        return True
    if actors.is_user(actor) and user.pk == actor.pk:
        return False
    return has_role(actor, reach_of(org=org, role=role), *ADMIN_ROLES)


def works_within(user, org: Organization) -> bool:
    """Whether `user` holds a role in `org` or an organisation below it (whose account `org`'s admins manage)."""
    return Membership.objects.filter(user=user, org__path__startswith=org.path).exists()


def may_set_approval_policy(actor: Actor, org: Organization) -> bool:
    """An administrator above the organisation (of its parent's subtree); a superuser for a root. The
    organisation's own administrators do not decide who approves their organisation's answers."""
    if actors.is_system(actor):
        return True
    if not (actors.is_user(actor) and actor.is_active):
        return False
    if actor.is_superuser:
        return True
    parent = Organization.objects.get_parent(org)
    return parent is not None and has_role(actor, parent, *ADMIN_ROLES)


def may_edit_guide(user, org: Organization) -> bool:
    return has_role(user, org, *GUIDE_ROLES)


def role_labels(roles: set[str]) -> list[str]:
    """The names of `roles` in the order of `Role` (the dashboard's "my post")."""
    return [str(label) for value, label in Role.choices if value in roles]


def sees_calendar(roles: set[str]) -> bool:
    """The work calendar's state on the dashboard: everyone whose deadlines depend on it."""
    return bool(roles & {Role.ADMIN, Role.SUPERVISOR, Role.OFFICE})


def sees_audit_log(roles: set[str]) -> bool:
    return bool(roles & {Role.ADMIN, Role.SUPERVISOR})


def is_platform_admin(user) -> bool:
    """A superuser: creates root organisations and reads the whole audit log, beyond every membership."""
    return _is_staff_user(user) and bool(user.is_superuser)


def may_create_root(user) -> bool:
    return is_platform_admin(user)


def audit_events_for(queryset: QuerySet[AuditEvent], user) -> QuerySet[AuditEvent]:
    """The audit events `user` may read: those of the organisations any of their roles reaches; all of them
    for a platform administrator."""
    if is_platform_admin(user):
        return queryset
    return filter_by_org(queryset, user)


def can_manage_users(user) -> bool:
    """Administrators (of any organisation) manage the users of their subtree."""
    return holds_role(user, Role.ADMIN)


def can_manage_calendar(user) -> bool:
    """Platform administrators: superusers and administrators of a root organisation."""
    if not _is_staff_user(user):
        return False
    return user.is_superuser or any(m.org.depth == 1 for m in _memberships(user, (Role.ADMIN,)))


#: Shown wherever the approval setting is edited or an approval is refused.
APPROVAL_LEGAL_NOTE = (
    "《中华人民共和国政府信息公开条例》第三十三条：需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，"
    "延长的期限最长不得超过20个工作日。依申请公开答复和年度报告的审批按本机关的工作规程；"
    "负责人书面授权工作机构人员审批的，应载明授权文件。"
)


def approval_policy(org: Organization) -> ApprovalPolicy | None:
    return ApprovalPolicy.objects.filter(org_id=org.pk).first()


def is_head(user, org: Organization) -> bool:
    """The user holds the head role in that very organisation (superusers are not heads)."""
    if not _is_staff_user(user):
        return False
    return any(m.org_id == org.pk for m in _memberships(user, (Role.HEAD,)))


def can_approve(user, org: Organization, kind: str) -> bool:
    """May `user` approve `kind` (ApprovalKind) for `org`: its head, or its office when the head delegated.

    The two-person rule (nobody approves what they drafted or asked for) is the caller's, who knows the drafter.
    """
    if kind not in ApprovalKind.values:
        raise ValueError(f"unknown approval kind: {kind}")
    if not _is_staff_user(user):
        return False
    if is_head(user, org):
        return True
    policy = approval_policy(org)
    if policy is None or not policy.delegates(kind):
        return False
    return any(m.org_id == org.pk for m in _memberships(user, (Role.OFFICE,)))


def forget(user) -> None:
    """Drop the per-request membership cache (after granting or revoking roles)."""
    user.__dict__.pop("_gongkai_memberships", None)
