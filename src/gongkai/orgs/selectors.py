"""Reading organisations, memberships and guides."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from gongkai.core.notfound import first_or_404
from gongkai.orgs import access
from gongkai.orgs.models import Guide, Membership, Organization, OrganizationQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def public_orgs() -> OrganizationQuerySet:
    return Organization.objects.active()


def get_public_org(*, credit_code: str) -> Organization:
    return first_or_404(
        Organization.objects.active().filter(credit_code=credit_code.upper()), "没有找到该机构。"
    )


def get_org_for_staff(*, user: User, credit_code: str, roles: tuple[str, ...] = ()) -> Organization:
    """An organisation `user` reaches through `roles` (any role when empty); 404 otherwise."""
    return first_or_404(
        access.orgs_for(user, *roles).filter(credit_code=credit_code.upper()), "没有找到该机构。"
    )


def children_of(org: Organization | None) -> OrganizationQuerySet:
    if org is None:
        return Organization.objects.filter(depth=1).active()
    return Organization.objects.get_children(org).filter(is_active=True)


def directory() -> list[tuple[Organization, int]]:
    """Every active organisation in tree order with its depth, for the public directory (one query)."""
    return [(org, org.depth) for org in Organization.objects.active().order_by("path")]


def ancestors_of(org: Organization) -> list[Organization]:
    """The chain of parents from the root down to (not including) `org`, in one query."""
    step = Organization.steplen
    paths = [org.path[: i * step] for i in range(1, org.depth)]
    return list(Organization.objects.filter(path__in=paths).order_by("depth"))


def current_guide(org: Organization) -> Guide | None:
    return Guide.objects.filter(org=org).order_by("-version").first()


def guide_versions(org: Organization) -> QuerySet[Guide]:
    return Guide.objects.filter(org=org).order_by("-version")


def get_guide_version(*, org: Organization, version: int) -> Guide:
    return first_or_404(Guide.objects.filter(org=org, version=version), "没有找到该版本的指南。")


def users_managed_by(user: User) -> QuerySet[User]:
    """Users holding a role in an organisation that `user` administers."""
    if access.is_platform_admin(user):
        return get_user_model().objects.order_by("username")
    orgs = access.orgs_administered(user)
    return get_user_model().objects.filter(memberships__org__in=orgs).distinct().order_by("username")


def get_user_for_admin(*, user: User, pk: int) -> User:
    return first_or_404(users_managed_by(user).filter(pk=pk), "没有找到该用户。")


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("org")


def memberships_in(org: Organization, *roles: str) -> QuerySet[Membership]:
    """The roles held in `org` (of `roles` only, when given), by user name."""
    qs = Membership.objects.filter(org=org)
    if roles:
        qs = qs.filter(role__in=roles)
    return qs.select_related("user").order_by("user__username", "role")


def heads_of(org: Organization) -> QuerySet[Membership]:
    """Who heads the organisation's working body (工作机构负责人), whether active or not."""
    return memberships_in(org, *access.HEAD_ROLES)
