"""Who may see and do what, by role and organisation. Every domain app asks here; nothing else decides.

How far a role reaches from the organisation of its membership:

| role        | reaches |
|-------------|---------|
| editor      | that organisation only |
| reviewer    | that organisation only |
| office      | that organisation only |
| supervisor  | the region: for a competent department (办公厅), its government and everything below it; otherwise the organisation's subtree |
| admin       | the organisation's subtree |

Superusers reach everything.
"""

from __future__ import annotations

from django.db.models import Q

from gongkai.orgs.models import Kind, Membership, Organization, OrganizationQuerySet, Role

SUBTREE_ROLES = {Role.ADMIN}
REGION_ROLES = {Role.SUPERVISOR}


def _is_staff_user(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


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


def can_manage_users(user) -> bool:
    """Administrators (of any organisation) manage the users of their subtree."""
    return holds_role(user, Role.ADMIN)


def can_manage_calendar(user) -> bool:
    """Platform administrators: superusers and administrators of a root organisation."""
    if not _is_staff_user(user):
        return False
    return user.is_superuser or any(m.org.depth == 1 for m in _memberships(user, (Role.ADMIN,)))


def forget(user) -> None:
    """Drop the per-request membership cache (after granting or revoking roles)."""
    user.__dict__.pop("_gongkai_memberships", None)
