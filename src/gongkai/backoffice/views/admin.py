"""Staff workspace: dashboard, organisations, users, guides, calendar, audit log. Views stay thin."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.backoffice.decorators import opens_for, staff_required
from gongkai.backoffice.forms import (
    ApprovalPolicyForm,
    CalendarImportForm,
    GuideForm,
    LoginForm,
    MembershipForm,
    OrganizationForm,
    UserCreateForm,
)
from gongkai.core import labels
from gongkai.core.forms import form_errors_from
from gongkai.core.models import AuditEvent
from gongkai.orgs import access
from gongkai.orgs import selectors as org_selectors
from gongkai.orgs import services as org_services
from gongkai.orgs.models import Guide
from gongkai.workdays import selectors as workday_selectors
from gongkai.workdays import services as workday_services


class LoginView(auth_views.LoginView):
    template_name = "backoffice/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@require_POST
def logout_view(request):
    logout(request)
    return redirect("portal:home")


@staff_required
def dashboard(request):
    from gongkai.backoffice.dashboard import panels_for

    return render(
        request, "backoffice/dashboard.html", {"panels": panels_for(request.user), "menu": "dashboard"}
    )


# --- Organisations ---------------------------------------------------------------------------------


@staff_required
def org_list(request):
    orgs = access.orgs_for(request.user).order_by("path")
    manageable = set(access.orgs_administered(request.user).values_list("pk", flat=True))
    return render(
        request,
        "backoffice/org_list.html",
        {
            "orgs": orgs,
            "manageable": manageable,
            "menu": "orgs",
            "can_create_root": access.may_create_root(request.user),
        },
    )


@staff_required
def org_detail(request, code: str):
    org = org_selectors.get_org_for_staff(user=request.user, credit_code=code)
    return render(
        request,
        "backoffice/org_detail.html",
        {
            "org": org,
            "guide": org_selectors.current_guide(org),
            "can_admin": access.may_administer(request.user, org),
            "can_edit_guide": access.may_edit_guide(request.user, org),
            "can_set_approvals": access.may_set_approval_policy(request.user, org),
            "can_manage_seal": _can_manage_seal(request.user, org),
            "approval_policy": access.approval_policy(org),
            "members": org_selectors.memberships_in(org),
            "menu": "orgs",
        },
    )


def _can_manage_seal(user, org) -> bool:
    from gongkai.foi import workflow

    return workflow.may_manage_seal(user, org)


@staff_required
@require_http_methods(["GET", "POST"])
def org_approvals(request, code: str):
    """Who approves for the organisation: its head, or its office where the head delegated in writing. Set by
    an administrator above the organisation (orgs.services.approval_policy_set decides and audits)."""
    org = org_selectors.get_org_for_staff(user=request.user, credit_code=code)
    if not access.may_set_approval_policy(request.user, org):
        raise PermissionDenied("只有上级机构的管理员可以设置本机构的审批授权。")
    policy = access.approval_policy(org)
    initial = {f: getattr(policy, f) for f in org_services.POLICY_FIELDS} if policy else {}
    form = ApprovalPolicyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            org_services.approval_policy_set(actor=request.user, org=org, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, f"已保存{org.name}的审批授权。")
            return redirect("backoffice:org_detail", code=org.credit_code)
    return render(
        request,
        "backoffice/org_approvals.html",
        {
            "form": form,
            "org": org,
            "legal_note": access.APPROVAL_LEGAL_NOTE,
            "heads": org_selectors.heads_of(org),
            "menu": "orgs",
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def org_create(request, code: str | None = None):
    parent = (
        org_selectors.get_org_for_staff(user=request.user, credit_code=code, roles=access.ADMIN_ROLES)
        if code
        else None
    )
    if parent is None and not access.may_create_root(request.user):
        raise PermissionDenied("只有超级管理员可以创建顶级机构。")
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            org = org_services.organization_create(actor=request.user, parent=parent, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, f"已创建机构“{org.name}”。")
            return redirect("backoffice:org_detail", code=org.credit_code)
    return render(request, "backoffice/org_form.html", {"form": form, "parent": parent, "menu": "orgs"})


@staff_required
@require_http_methods(["GET", "POST"])
def org_edit(request, code: str):
    org = org_selectors.get_org_for_staff(user=request.user, credit_code=code, roles=access.ADMIN_ROLES)
    initial = {f: getattr(org, f) for f in OrganizationForm.base_fields}
    form = OrganizationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if v != initial[k]}
        try:
            if changes:
                org = org_services.organization_update(actor=request.user, org=org, **changes)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("backoffice:org_detail", code=org.credit_code)
    return render(request, "backoffice/org_form.html", {"form": form, "org": org, "menu": "orgs"})


class SealForm(forms.Form):
    image = forms.FileField(
        label="电子印章图片",
        required=False,
        help_text="PNG（建议透明背景）或 JPEG，不超过1 MB，边长50-2000像素",
    )

    def clean_image(self):
        from gongkai.foi.services.seals import SEAL_MAX_BYTES

        image = self.cleaned_data["image"]
        if image is not None and image.size > SEAL_MAX_BYTES:
            raise forms.ValidationError("请选择不超过1 MB的印章图片。")
        return image


@staff_required
@require_http_methods(["GET", "POST"])
def org_seal(request, code: str):
    """The organ's electronic seal on the PDF letters applicants download (foi.services.seals decides and audits)."""
    from gongkai.foi.models import OrganizationSeal
    from gongkai.foi.services import seals

    org = org_selectors.get_org_for_staff(user=request.user, credit_code=code)
    if not _can_manage_seal(request.user, org):
        raise PermissionDenied("只有本机构的管理员或政府信息公开工作机构负责人可以设置电子印章。")
    form = SealForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("remove"):
                seals.org_seal_remove(actor=request.user, org=org)
                done = "已删除电子印章，告知书PDF将留出盖章位置。"
            else:
                upload = form.cleaned_data["image"]
                if upload is None:
                    raise ValidationError({"image": ["请选择不超过1 MB的印章图片。"]})
                seals.org_seal_set(actor=request.user, org=org, content=upload.read())
                done = "已保存电子印章，此后下载的告知书PDF将加盖该印章。"
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, done)
            return redirect("backoffice:org_seal", code=org.credit_code)
    seal = OrganizationSeal.objects.filter(org=org).first()
    return render(
        request, "backoffice/org_seal.html", {"org": org, "form": form, "seal": seal, "menu": "orgs"},
        status=400 if form.errors else 200,
    )  # fmt: skip


@staff_required
def org_seal_image(request, code: str):
    from gongkai.foi.models import OrganizationSeal

    org = org_selectors.get_org_for_staff(user=request.user, credit_code=code)
    seal = OrganizationSeal.objects.filter(org=org).first()
    if seal is None or not _can_manage_seal(request.user, org):
        raise Http404("没有电子印章。")
    return FileResponse(seal.image.open("rb"), content_type=seal.content_type)


@staff_required
@require_http_methods(["GET", "POST"])
def guide_edit(request, code: str):
    org = org_selectors.get_org_for_staff(user=request.user, credit_code=code, roles=access.GUIDE_ROLES)
    current = org_selectors.current_guide(org)
    form = GuideForm(request.POST or None, instance=current or Guide(org=org))
    if request.method == "POST" and form.is_valid():
        content = {f: form.cleaned_data[f] for f in Guide.CONTENT_FIELDS}
        try:
            guide = org_services.guide_publish(actor=request.user, org=org, **content)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, f"已发布第{guide.version}版指南。")
            return redirect("backoffice:org_detail", code=org.credit_code)
    return render(
        request, "backoffice/guide_form.html", {"form": form, "org": org, "current": current, "menu": "orgs"}
    )


# --- Users -----------------------------------------------------------------------------------------


_USERS_REFUSED = "只有管理员可以管理用户。"


def _admin_orgs(user):
    orgs = access.orgs_administered(user).order_by("path")
    if not orgs.exists():
        raise PermissionDenied(_USERS_REFUSED)
    return orgs


@staff_required
@opens_for(access.can_manage_users, _USERS_REFUSED)
def user_list(request):
    _admin_orgs(request.user)
    users = org_selectors.users_managed_by(request.user).prefetch_related("memberships__org")
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "backoffice/user_list.html", {"page": page, "menu": "users"})


@staff_required
@opens_for(access.can_manage_users, _USERS_REFUSED)
@require_http_methods(["GET", "POST"])
def user_create(request):
    orgs = list(_admin_orgs(request.user))
    form = UserCreateForm(request.POST or None)
    org_form = MembershipForm(request.POST or None, orgs=orgs)
    org_form.fields.pop("role")
    if request.method == "POST" and form.is_valid() and org_form.is_valid():
        org = org_selectors.get_org_for_staff(
            user=request.user, credit_code=org_form.cleaned_data["org"], roles=access.ADMIN_ROLES
        )
        try:
            user = org_services.user_create(
                actor=request.user,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                org=org,
                roles=form.cleaned_data["roles"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, f"已创建用户“{user.username}”。")
            return redirect("backoffice:user_detail", pk=user.pk)
    return render(request, "backoffice/user_form.html", {"form": form, "org_form": org_form, "menu": "users"})


@staff_required
@opens_for(access.can_manage_users, _USERS_REFUSED)
@require_http_methods(["GET", "POST"])
def user_detail(request, pk: int):
    orgs = list(_admin_orgs(request.user))
    target = org_selectors.get_user_for_admin(user=request.user, pk=pk)
    form = MembershipForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        org = org_selectors.get_org_for_staff(
            user=request.user, credit_code=form.cleaned_data["org"], roles=access.ADMIN_ROLES
        )
        try:
            org_services.membership_grant(
                actor=request.user, user=target, org=org, role=form.cleaned_data["role"]
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, "已授予岗位。")
            return redirect("backoffice:user_detail", pk=target.pk)
    manageable = {o.pk for o in orgs}
    return render(
        request,
        "backoffice/user_detail.html",
        {
            "target": target,
            "has_history": _has_history(request.user, "auth.user", target.pk),
            "memberships": org_selectors.memberships_of(target),
            "manageable": manageable,
            "form": form,
            "menu": "users",
        },
    )


@staff_required
@require_POST
def membership_revoke(request, pk: int, membership_pk: int):
    target = org_selectors.get_user_for_admin(user=request.user, pk=pk)
    membership = org_selectors.memberships_of(target).filter(pk=membership_pk).first()
    if membership is None or not access.may_administer(request.user, membership.org):
        raise Http404("没有找到该岗位。")
    org_services.membership_revoke(actor=request.user, membership=membership)
    messages.success(request, "已撤销岗位。")
    return redirect("backoffice:user_detail", pk=target.pk)


@staff_required
@require_POST
def user_toggle_active(request, pk: int):
    target = org_selectors.get_user_for_admin(user=request.user, pk=pk)
    if target.pk == request.user.pk:
        raise PermissionDenied("不能停用自己的账号。")
    membership = (
        org_selectors.memberships_of(target).filter(org__in=access.orgs_administered(request.user)).first()
    )
    if membership is None and not access.is_platform_admin(request.user):
        raise Http404("没有找到该用户。")
    org = membership.org if membership else None
    if org is None:
        raise PermissionDenied("该用户没有岗位，无法确定所属机构。")
    org_services.user_set_active(actor=request.user, user=target, active=not target.is_active, org=org)
    messages.success(request, "已启用账号。" if target.is_active else "已停用账号。")
    return redirect("backoffice:user_detail", pk=target.pk)


# --- Working-day calendar --------------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def calendar_list(request):
    can_manage = access.can_manage_calendar(request.user)
    form = CalendarImportForm(request.POST or None, request.FILES or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("只有平台管理员可以维护工作日历。")
        if form.is_valid():
            try:
                years = workday_services.calendar_import_text(
                    actor=request.user, text=form.cleaned_data["file"], source=form.cleaned_data["source"]
                )
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, "已导入：" + "、".join(f"{y.year}年" for y in years))
                return redirect("backoffice:calendar_list")
    return render(
        request,
        "backoffice/calendar_list.html",
        {"years": workday_selectors.years_summary(), "form": form, "menu": "calendar"},
    )


@staff_required
def calendar_year(request, year: int):
    calendar_year = workday_selectors.get_year(year)
    return render(
        request,
        "backoffice/calendar_year.html",
        {
            "calendar_year": calendar_year,
            "days": calendar_year.days.all(),
            "has_history": _has_history(request.user, "workdays.calendaryear", calendar_year.pk),
            "menu": "calendar",
        },
    )


# --- Audit log -------------------------------------------------------------------------------------


def _events_for(user):
    return access.audit_events_for(AuditEvent.objects.select_related("org"), user)


def _has_history(user, object_type: str, object_id) -> bool:
    """Whether the audit timeline of an object opens for `user` (it answers 404 when it shows nothing)."""
    return _events_for(user).filter(object_type=object_type, object_id=str(object_id)).exists()


@staff_required
def audit_log(request):
    events = _events_for(request.user)
    action = request.GET.get("action", "").strip()[:80]
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "backoffice/audit_log.html",
        {"page": page, "action": action, "action_choices": labels.action_choices(), "menu": "audit"},
    )


@staff_required
def audit_timeline(request, object_type: str, object_id: str):
    events = (
        _events_for(request.user)
        .filter(object_type=object_type, object_id=object_id)
        .order_by("occurred_at", "id")
    )
    if not events.exists():
        raise Http404("没有找到该对象的操作记录。")
    return render(
        request,
        "backoffice/audit_timeline.html",
        {"events": events, "title": events.last().object_repr, "menu": "audit"},
    )
