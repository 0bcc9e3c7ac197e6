"""Changes to organisations, users, memberships and guides. Each checks permission and writes an audit event."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from gongkai.core import actors, audit
from gongkai.core.actors import Actor
from gongkai.core.identifiers import validate_credit_code
from gongkai.orgs import access
from gongkai.orgs.models import (
    LEVEL_RANK,
    ApprovalPolicy,
    Guide,
    Kind,
    Level,
    Membership,
    Organization,
    Role,
)

User = get_user_model()

if TYPE_CHECKING:
    from django.contrib.auth.models import User as UserT

ORG_FIELDS = [
    "name",
    "short_name",
    "credit_code",
    "level",
    "kind",
    "is_competent_department",
    "is_active",
    "sort_order",
]


def _require_admin_of(actor: Actor, org: Organization | None) -> None:
    if not access.may_manage_org(actor, org):
        raise PermissionDenied("只有超级管理员可以创建顶级机构。" if org is None else "您无权管理该机构。")


#: Fields that decide how far roles in an organisation reach (docs/orgs.md, "Who may change what").
REACH_FIELDS = ("kind", "is_competent_department", "level")


def _require_admin_above(actor: Actor, org: Organization) -> None:
    if not access.may_change_reach(actor, org):
        raise PermissionDenied("机构类型、层级和“政务公开主管部门”标记只能由上级机构的管理员修改。")


def _require_may_grant(actor: Actor, *, user: UserT, org: Organization, role: str) -> None:
    if access.may_grant(actor, user=user, org=org, role=role):
        return
    if actors.is_user(actor) and user.pk == actor.pk:
        raise PermissionDenied("不能为自己授予角色，请由上级机构的管理员授予。")
    raise PermissionDenied("该角色的管辖范围超出了您管理的机构范围，不能授予。")


def _validate_org(
    *,
    name: str,
    credit_code: str,
    level: str,
    kind: str,
    parent: Organization | None,
    exclude_pk: int | None = None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors.setdefault("name", []).append("请填写机构全称。")
    try:
        validate_credit_code(credit_code)
    except ValidationError as exc:
        errors.setdefault("credit_code", []).extend(exc.messages)
    if level not in Level.values:
        errors.setdefault("level", []).append("层级无效。")
    if kind not in Kind.values:
        errors.setdefault("kind", []).append("类型无效。")
    others = Organization.objects.exclude(pk=exclude_pk) if exclude_pk else Organization.objects.all()
    if name and others.filter(name=name.strip()).exists():
        errors.setdefault("name", []).append(f"机构“{name.strip()}”已存在。")
    if credit_code and others.filter(credit_code=credit_code.strip().upper()).exists():
        errors.setdefault("credit_code", []).append("该统一社会信用代码已被其他机构使用。")
    if (
        parent is not None
        and level in Level.values
        and LEVEL_RANK[Level(level)] < LEVEL_RANK[Level(parent.level)]
    ):
        errors.setdefault("level", []).append(
            f"下级机构的层级不能高于上级机构（{parent.get_level_display()}）。"
        )
    return errors


@transaction.atomic
def organization_create(
    *,
    actor: Actor,
    parent: Organization | None,
    name: str,
    credit_code: str,
    level: str,
    kind: str,
    short_name: str = "",
    is_competent_department: bool = False,
    sort_order: int = 100,
) -> Organization:
    _require_admin_of(actor, parent)
    errors = _validate_org(name=name, credit_code=credit_code, level=level, kind=kind, parent=parent)
    if errors:
        raise ValidationError(errors)
    fields = {
        "name": name.strip(),
        "short_name": short_name.strip(),
        "credit_code": credit_code.strip().upper(),
        "level": level,
        "kind": kind,
        "is_competent_department": is_competent_department,
        "sort_order": sort_order,
    }
    try:
        with transaction.atomic():
            org = (
                Organization.objects.add_child(parent, fields)
                if parent
                else Organization.objects.add_root(fields)
            )
    except IntegrityError:
        raise ValidationError("机构名称或统一社会信用代码与已有机构重复。") from None
    audit.record(actor=actor, action="org.create", obj=org, org=org, after=audit.snapshot(org, ORG_FIELDS))
    return org


@transaction.atomic
def organization_update(*, actor: Actor, org: Organization, **changes: Any) -> Organization:
    _require_admin_of(actor, org)
    unknown = set(changes) - set(ORG_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    org = Organization.objects.select_for_update().get(pk=org.pk)
    before = audit.snapshot(org, ORG_FIELDS)
    if any(field in changes and changes[field] != before[field] for field in REACH_FIELDS):
        _require_admin_above(actor, org)
    merged = {**before, **changes}
    errors = _validate_org(
        name=merged["name"],
        credit_code=merged["credit_code"],
        level=merged["level"],
        kind=merged["kind"],
        parent=Organization.objects.get_parent(org),
        exclude_pk=org.pk,
    )
    if errors:
        raise ValidationError(errors)
    for key, value in changes.items():
        setattr(org, key, value.strip() if isinstance(value, str) else value)
    org.credit_code = org.credit_code.upper()
    org.save(update_fields=[*changes.keys(), "updated_at"])
    audit.record(
        actor=actor,
        action="org.update",
        obj=org,
        org=org,
        before=before,
        after=audit.snapshot(org, ORG_FIELDS),
    )
    return org


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    username: str,
    password: str,
    full_name: str = "",
    email: str = "",
    org: Organization,
    roles: list[str],
) -> UserT:
    _require_admin_of(actor, org)
    username = username.strip()
    if not username:
        raise ValidationError({"username": ["请填写用户名。"]})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": [f"用户名“{username}”已被使用。"]})
    user = User(username=username, first_name=full_name.strip()[:150], email=email.strip())
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    user.save()
    audit.record(
        actor=actor,
        action="user.create",
        obj=user,
        org=org,
        after={"username": username, "full_name": full_name},
    )
    for role in roles:
        membership_grant(actor=actor, user=user, org=org, role=role)
    return user


@transaction.atomic
def user_set_active(*, actor: Actor, user: UserT, active: bool, org: Organization) -> UserT:
    """Deactivate or reactivate an account (accounts are never deleted: the audit log names them)."""
    _require_admin_of(actor, org)
    if not access.works_within(user, org) and not access.is_platform_admin(actor):
        raise PermissionDenied("该用户不在您管理的机构范围内。")
    before = {"is_active": user.is_active}
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.record(
        actor=actor,
        action="user.activate" if active else "user.deactivate",
        obj=user,
        org=org,
        before=before,
        after={"is_active": active},
    )
    return user


@transaction.atomic
def membership_grant(*, actor: Actor, user: UserT, org: Organization, role: str) -> Membership:
    _require_admin_of(actor, org)
    if role not in Role.values:
        raise ValidationError({"role": ["角色无效。"]})
    if not access.role_fits(org, role):
        raise ValidationError({"role": ["监督角色只能授予政府或其主管部门（办公厅）的人员。"]})
    _require_may_grant(actor, user=user, org=org, role=role)
    membership, created = Membership.objects.get_or_create(user=user, org=org, role=role)
    if created:
        audit.record(
            actor=actor,
            action="membership.grant",
            obj=membership,
            org=org,
            after={"user": user.pk, "role": role},
        )
    access.forget(user)
    return membership


@transaction.atomic
def membership_revoke(*, actor: Actor, membership: Membership) -> None:
    _require_admin_of(actor, membership.org)
    audit.record_on(
        membership,
        actor=actor,
        action="membership.revoke",
        before={"user": membership.user_id, "role": membership.role},
    )
    membership.delete()
    access.forget(membership.user)


POLICY_FIELDS = ["delegate_extensions", "delegate_answers", "delegate_reports", "basis"]


@transaction.atomic
def approval_policy_set(
    *,
    actor: Actor,
    org: Organization,
    delegate_extensions: bool = False,
    delegate_answers: bool = False,
    delegate_reports: bool = False,
    basis: str = "",
) -> ApprovalPolicy:
    """Record whether the head of `org`'s working body has delegated approvals to its members, and by which
    document. Without delegation only the head approves (`access.can_approve`)."""
    if not access.may_set_approval_policy(actor, org):
        raise PermissionDenied("只有上级机构的管理员可以设置本机构的审批授权。")
    basis = str(basis or "").replace("\r\n", "\n").strip()
    flags = {
        "delegate_extensions": bool(delegate_extensions),
        "delegate_answers": bool(delegate_answers),
        "delegate_reports": bool(delegate_reports),
    }
    if any(flags.values()) and not basis:
        raise ValidationError(
            {"basis": ["授权工作机构人员审批的，请填写负责人书面授权的依据（文件名称、文号、日期）。"]}
        )
    if len(basis) > 2000:
        raise ValidationError({"basis": ["授权依据过长（最多2000字）。"]})
    Organization.objects.select_for_update().get(pk=org.pk)
    policy = ApprovalPolicy.objects.filter(org=org).first()
    before = audit.snapshot(policy, POLICY_FIELDS) if policy else None
    policy = policy or ApprovalPolicy(org=org)
    for key, value in flags.items():
        setattr(policy, key, value)
    policy.basis = basis
    policy.updated_by = actor if actors.is_user(actor) else None
    policy.save()
    audit.record(
        actor=actor,
        action="org.approval_policy",
        obj=policy,
        org=org,
        before=before,
        after=audit.snapshot(policy, POLICY_FIELDS),
        note=access.APPROVAL_LEGAL_NOTE,
    )
    return policy


@transaction.atomic
def guide_publish(*, actor: Actor, org: Organization, **content: str) -> Guide:
    """Publish a new version of the organisation's guide. Earlier versions stay as they were."""
    if not actors.is_system(actor) and not access.may_edit_guide(actor, org):
        raise PermissionDenied("只有本机构的公开工作机构或管理员可以编制指南。")
    unknown = set(content) - set(Guide.CONTENT_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    Organization.objects.select_for_update().get(pk=org.pk)  # one publisher at a time per organisation
    last = Guide.objects.filter(org=org).order_by("-version").first()
    guide = Guide(
        org=org,
        version=(last.version + 1) if last else 1,
        created_by=actor if actors.is_user(actor) else None,
    )
    for key, value in content.items():
        setattr(guide, key, (value or "").strip())
    guide.full_clean(exclude=["org", "created_by", "version"])
    guide.save()
    audit.record(
        actor=actor,
        action="guide.publish",
        obj=guide,
        org=org,
        before=audit.snapshot(last, Guide.CONTENT_FIELDS) if last else None,
        after=audit.snapshot(guide, Guide.CONTENT_FIELDS),
    )
    return guide
