"""Staff workspace of the catalog: editor, my drafts, review queue, scheduled, timeliness, bulk actions,
channel publications and each item's history. Views parse, authorise through selectors, call one service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.backoffice.decorators import opens_for, staff_required
from gongkai.catalog import forms as catalog_forms
from gongkai.catalog import rules, selectors, services
from gongkai.catalog.models import EDITABLE_STATUSES, Status
from gongkai.catalog.rules import EDITOR_ROLES, ItemRules
from gongkai.core.forms import form_errors_from
from gongkai.core.notfound import first_or_404

PAGE = 30


def _page(request, qs):
    return Paginator(qs, PAGE).get_page(request.GET.get("page"))


# --- Lists ---------------------------------------------------------------------------------------


def _list(request, qs, title: str, intro: str, menu: str, **context):
    """A page of items on the catalog's list page, with its title, introduction and menu entry."""
    context = {"page": _page(request, qs), "title": title, "intro": intro, "menu": menu, **context}
    return render(request, "backoffice/catalog/list.html", context)


@staff_required
def item_list(request):
    qs = selectors.items_visible_to(request.user).order_by("-updated_at", "-pk")
    status = request.GET.get("status", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    q = " ".join(request.GET.get("q", "").split())[:100]
    if q:
        qs = selectors.filter_items(qs, selectors.CatalogFilters(q=q))
    query = f"status={status}&q={q}" if status or q else ""
    return _list(
        request,
        qs,
        "全部信息",
        "",
        "catalog_items",
        statuses=Status.choices,
        status=status,
        q=q,
        bulk=catalog_forms.BulkForm(),
        query=query,
    )


@staff_required
def my_drafts(request):
    return _list(
        request,
        selectors.my_drafts(request.user),
        "我的草稿",
        "本人起草、尚未发布的信息（含已退回、待审核）。",
        "catalog_drafts",
        bulk=catalog_forms.BulkForm(),
    )


@staff_required
def review_queue(request):
    return _list(
        request,
        selectors.review_queue(request.user),
        "待审核",
        "发布前审查（含保密审查）。本人起草的信息不在此列。",
        "catalog_review",
        bulk=catalog_forms.BulkForm(),
        show_due=True,
    )


@staff_required
def scheduled(request):
    return _list(
        request,
        selectors.scheduled_items(request.user),
        "定时发布",
        "到达设定时间后由定时任务（publish_scheduled）自动发布。",
        "catalog_scheduled",
        show_scheduled=True,
    )


@staff_required
def timeliness(request):
    window = selectors.risk_window()
    return render(
        request,
        "backoffice/catalog/timeliness.html",
        {
            "window": window,
            "at_risk": selectors.at_risk_items(request.user, window=window)[:200],
            "late": _page(request, selectors.late_items(request.user, today=window.today)),
            "summary": selectors.late_summary(request.user, today=window.today),
            "menu": "catalog_timeliness",
        },
    )


@staff_required
@require_POST
def bulk(request):
    form = catalog_forms.BulkForm(request.POST)
    ids = catalog_forms.selected_ids(request.POST.getlist("items"))
    back = request.POST.get("next") or ""
    if not (
        back.startswith("/manage/")
        and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=False)
    ):
        back = reverse("backoffice:catalog_items")
    if not form.is_valid() or not form.cleaned_data["action"]:
        messages.error(request, "请选择批量操作。")
        return redirect(back)
    if not ids:
        messages.error(request, "请至少选择一条信息。")
        return redirect(back)
    items = list(selectors.items_visible_to(request.user).filter(pk__in=ids[:200]))
    done, failed = services.items_bulk(
        actor=request.user,
        items=items,
        action=form.cleaned_data["action"],
        basis=form.cleaned_data["basis"],
        reason=form.cleaned_data["reason"],
    )
    if done:
        messages.success(request, f"已{services.BULK_ACTIONS[form.cleaned_data['action']]} {len(done)} 条。")
    for item, message in failed[:20]:
        messages.error(request, f"“{item.title[:30]}”未处理：{message}")
    hidden = len(ids) - len(items)
    if hidden > 0:
        messages.error(request, f"{hidden} 条信息不存在或无权访问，未处理。")
    return redirect(back)


# --- One item ------------------------------------------------------------------------------------


@staff_required
@opens_for(rules.can_draft, "您不是任何机构的信息编辑，不能起草信息。")
@require_http_methods(["GET", "POST"])
def item_create(request):
    orgs = selectors.drafting_orgs(request.user)
    chosen = orgs.filter(credit_code=request.GET.get("org") or "").first()
    # Every statutory class is offered here; the service refuses an Art. 21 class that does not fit the
    # organisation chosen, with a message on the field.
    form = catalog_forms.ItemForm(request.POST or None, orgs=orgs, initial={"org": chosen})
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        co_orgs, focus_areas = values.pop("co_orgs"), values.pop("focus_areas")
        try:
            item = services.item_create(
                actor=request.user, org=form.cleaned_data["org"], co_orgs=co_orgs, focus_areas=focus_areas,
                **values,
            )  # fmt: skip
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, "草稿已保存。可上传附件后提交审核。")
            return redirect("backoffice:catalog_item", pk=item.pk)
    return render(
        request,
        "backoffice/catalog/item_form.html",
        {"form": form, "title": "起草信息", "menu": "catalog_new"},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk: int):
    item = selectors.get_item_for_staff(user=request.user, pk_or_public_id=pk)
    if not ItemRules(request.user, item).may_draft():
        raise PermissionDenied("您不是该机构的信息编辑。")
    if item.status not in EDITABLE_STATUSES:
        messages.error(request, "该信息当前不能修改（已提交或已发布）。已发布的信息请使用“更正”。")
        return redirect("backoffice:catalog_item", pk=item.pk)
    form = catalog_forms.ItemForm(
        request.POST or None, org=item.org, initial=catalog_forms.item_initial(item)
    )
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        co_orgs, focus_areas = values.pop("co_orgs"), values.pop("focus_areas")
        try:
            services.item_update(
                actor=request.user, item=item, co_orgs=co_orgs, focus_areas=focus_areas, **values
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("backoffice:catalog_item", pk=item.pk)
    return render(
        request,
        "backoffice/catalog/item_form.html",
        {"form": form, "item": item, "title": "修改信息", "menu": "catalog_items"},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def item_correct(request, pk: int):
    item = selectors.get_item_for_staff(user=request.user, pk_or_public_id=pk)
    if not ItemRules(request.user, item).may_publish():
        raise PermissionDenied("只有该机构的审核人或公开工作机构可以更正已发布的信息。")
    if item.status != Status.PUBLISHED:
        messages.error(request, "只有已发布的信息可以更正。")
        return redirect("backoffice:catalog_item", pk=item.pk)
    form = catalog_forms.CorrectionForm(
        request.POST or None, org=item.org, initial=catalog_forms.item_initial(item)
    )
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        reason = values.pop("reason")
        co_orgs, focus_areas = values.pop("co_orgs"), values.pop("focus_areas")
        try:
            services.item_correct(
                actor=request.user,
                item=item,
                reason=reason,
                co_orgs=co_orgs,
                focus_areas=focus_areas,
                **values,
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, "已更正，原内容保存为历史版本。")
            return redirect("backoffice:catalog_item", pk=item.pk)
    return render(
        request,
        "backoffice/catalog/item_form.html",
        {"form": form, "item": item, "title": "更正已发布信息", "menu": "catalog_items"},
    )


def _detail_context(request, item, **forms):
    user = request.user
    window = selectors.risk_window()
    deadline_warning = ""
    if item.due_on is None and item.status not in {Status.PUBLISHED, Status.WITHDRAWN}:
        from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

        try:
            WorkCalendar().add_workdays(item.formed_on, 1)
        except CalendarMissing as exc:
            deadline_warning = str(exc)
        else:
            deadline_warning = "公开期限尚未计算，请保存一次以重新计算。"
    can = ItemRules(user, item).open_actions()
    return {
        "item": item,
        "reviews": list(selectors.reviews_of(item)),
        "attachments": item.attachments.all(),
        "attachment_rows": selectors.attachment_extractions(item),
        "versions": item.versions.all(),
        "events": selectors.item_timeline(item),
        "co_orgs": item.co_orgs.all(),
        "focus_areas": item.focus_areas.all(),
        "publications": item.publications.all(),
        "deadline_warning": deadline_warning,
        "at_risk": item.due_on is not None and window.until is not None and item.due_on <= window.until,
        **{f"can_{name}": is_open for name, is_open in can.items()},
        "own_draft": item.created_by_id == user.pk,
        "review_form": forms.get("review_form") or catalog_forms.ReviewForm(),
        "schedule_form": forms.get("schedule_form") or catalog_forms.ScheduleForm(),
        "withdraw_form": forms.get("withdraw_form") or catalog_forms.WithdrawForm(),
        "validity_form": forms.get("validity_form")
        or catalog_forms.ValidityForm(initial={"validity": item.validity}),
        "attachment_form": forms.get("attachment_form") or catalog_forms.AttachmentForm(),
        "menu": "catalog_items",
    }


@staff_required
def item_detail(request, pk: int):
    item = selectors.get_item_for_staff(user=request.user, pk_or_public_id=pk)
    return render(request, "backoffice/catalog/item_detail.html", _detail_context(request, item))


def _rerender(request, item, **forms):
    return render(
        request, "backoffice/catalog/item_detail.html", _detail_context(request, item, **forms), status=400
    )


def _service_error(request, item, exc: ValidationError | PermissionDenied, form=None, form_name=None):
    if isinstance(exc, PermissionDenied):
        raise exc
    if form is not None:
        form_errors_from(form, exc)
        return _rerender(request, item, **{form_name: form})
    messages.error(request, "；".join(exc.messages))
    return redirect("backoffice:catalog_item", pk=item.pk)


def _act(request, pk: int, run, *, done, form_class=None, form_name: str = "", to: str = ""):
    """One action on an item from its page: the item as this user may see it; the form, shown again with
    its errors when invalid; the service call `run(item, cleaned_data)`, whose refusal is shown on the form
    (or as a message without one); then `done` (text, or a function of the call's result) as a success
    message and back to the item's page (or `to`)."""
    item = selectors.get_item_for_staff(user=request.user, pk_or_public_id=pk)
    form = None
    if form_class is not None:
        form = form_class(request.POST, request.FILES)
        if not form.is_valid():
            return _rerender(request, item, **{form_name: form})
    try:
        result = run(item, form.cleaned_data if form is not None else {})
    except ValidationError as exc:
        return _service_error(request, item, exc, form, form_name or None)
    messages.success(request, done(result) if callable(done) else done)
    return redirect(to) if to else redirect("backoffice:catalog_item", pk=item.pk)


@staff_required
@require_POST
def item_submit(request, pk: int):
    return _act(
        request, pk, lambda item, _: services.item_submit(actor=request.user, item=item), done="已提交审核。"
    )


@staff_required
@require_POST
def item_review(request, pk: int):
    def run(item, data):
        return services.item_review(
            actor=request.user, item=item, conclusion=data["conclusion"], basis=data["basis"],
            escalated_to=data["escalated_to"], confidentiality_checked=data["confidentiality_checked"],
            publish_at=data["publish_at"],
        )  # fmt: skip

    return _act(
        request, pk, run, form_class=catalog_forms.ReviewForm, form_name="review_form",
        done=lambda item: f"审核结论已记录，当前状态：{item.get_status_display()}。",
    )  # fmt: skip


@staff_required
@require_POST
def item_publish(request, pk: int):
    return _act(
        request, pk, lambda item, _: services.item_publish(actor=request.user, item=item),
        done=lambda item: f"已发布，索引号 {item.index_no}。",
    )  # fmt: skip


@staff_required
@require_POST
def item_schedule(request, pk: int):
    return _act(
        request, pk,
        lambda item, data: services.item_schedule(actor=request.user, item=item, publish_at=data["publish_at"]),
        form_class=catalog_forms.ScheduleForm, form_name="schedule_form", done="已设置定时发布。",
    )  # fmt: skip


@staff_required
@require_POST
def item_unschedule(request, pk: int):
    return _act(
        request, pk, lambda item, _: services.item_unschedule(actor=request.user, item=item),
        done="已取消定时发布。",
    )  # fmt: skip


@staff_required
@require_POST
def item_withdraw(request, pk: int):
    return _act(
        request, pk,
        lambda item, data: services.item_withdraw(actor=request.user, item=item, reason=data["reason"]),
        form_class=catalog_forms.WithdrawForm, form_name="withdraw_form",
        done="已撤回。公开网址将显示撤回说明。",
    )  # fmt: skip


@staff_required
@require_POST
def item_validity(request, pk: int):
    def run(item, data):
        return services.item_set_validity(
            actor=request.user, item=item, validity=data["validity"], changed_on=data["changed_on"],
            replaced_by=data["replaced_by"], note=data["note"],
        )  # fmt: skip

    return _act(
        request,
        pk,
        run,
        form_class=catalog_forms.ValidityForm,
        form_name="validity_form",
        done="有效性已更新。",
    )


@staff_required
@require_POST
def item_discard(request, pk: int):
    return _act(
        request, pk, lambda item, _: services.item_discard(actor=request.user, item=item),
        done="草稿已删除。", to="backoffice:catalog_drafts",
    )  # fmt: skip


@staff_required
@require_POST
def attachment_add(request, pk: int):
    return _act(
        request, pk,
        lambda item, data: services.attachment_add(actor=request.user, item=item, upload=data["file"]),
        form_class=catalog_forms.AttachmentForm, form_name="attachment_form",
        done=lambda attachment: f"已上传附件“{attachment.original_name}”。",
    )  # fmt: skip


def _attachment(request, pk: int, attachment_pk: int):
    """An item this user may see and one of its attachments, else 404."""
    item = selectors.get_item_for_staff(user=request.user, pk_or_public_id=pk)
    attachment = first_or_404(item.attachments.filter(pk=attachment_pk), "没有找到该附件。")
    return item, attachment


@staff_required
@require_POST
def attachment_remove(request, pk: int, attachment_pk: int):
    item, attachment = _attachment(request, pk, attachment_pk)
    try:
        services.attachment_remove(actor=request.user, attachment=attachment)
    except ValidationError as exc:
        return _service_error(request, item, exc)
    messages.success(request, "已删除附件。")
    return redirect("backoffice:catalog_item", pk=item.pk)


@staff_required
@require_POST
def attachment_extract(request, pk: int, attachment_pk: int):
    """Read an attachment's text again (after a failure)."""
    item, attachment = _attachment(request, pk, attachment_pk)
    try:
        services.attachment_extract_again(actor=request.user, attachment=attachment)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect("backoffice:catalog_item", pk=item.pk)
    messages.success(request, f"已安排重新读取“{attachment.original_name}”的文字。")
    return redirect("backoffice:catalog_item", pk=item.pk)


@staff_required
def attachment_texts(request):
    """The reading of attachments' text: status, method, confidence, progress, and why a file failed."""
    from gongkai.documents.models import ExtractionStatus

    status = request.GET.get("status", "")
    page = _page(request, selectors.attachment_extractions_visible(request.user, status=status))
    attachments = selectors.attachments_by_id(e.source_id for e in page)
    rows = [(e, attachments.get(e.source_id)) for e in page]
    return render(
        request,
        "backoffice/catalog/attachment_texts.html",
        {
            "page": page,
            "rows": rows,
            "statuses": ExtractionStatus.choices,
            "status": status,
            "query": f"status={status}" if status else "",
            "menu": "catalog_attachment_texts",
        },
    )


@staff_required
def attachment_preview(request, pk: int, attachment_pk: int):
    """Staff download of an attachment of an item they may see (drafts included; not counted)."""
    _item, attachment = _attachment(request, pk, attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except OSError:
        raise Http404("附件文件不存在。") from None
    return FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )


# --- Channel publications ------------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def publications(request):
    orgs = selectors.publishable_orgs(request.user, *EDITOR_ROLES)
    form = catalog_forms.PublicationForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.publication_record(actor=request.user, **data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, "已登记。")
            return redirect("backoffice:catalog_publications")
    qs = selectors.publications_visible_to(request.user)
    return render(
        request,
        "backoffice/catalog/publications.html",
        {
            "form": form,
            "page": _page(request, qs),
            "can_record": orgs.exists(),
            "menu": "catalog_publications",
        },
    )
