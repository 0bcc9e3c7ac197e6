"""Back office of public interaction: the queues per role, a message's page with the actions its rules open,
and the statistics. Every POST calls a service; the page asks `interaction.rules` what to offer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.core.forms import form_errors_from, run_service
from gongkai.interaction import forms as f
from gongkai.interaction import redaction, rules, selectors, services
from gongkai.interaction.models import Message
from gongkai.orgs.models import Organization


@dataclass(frozen=True)
class Action:
    title: str
    form: Callable[..., forms.Form]
    run: Callable[[HttpRequest, Message, dict[str, Any]], object]
    done: str


def _org(code: str) -> Organization:
    org = Organization.objects.active().filter(credit_code=code).first()
    if org is None:
        raise ValidationError("请选择机构。")
    return org


def _move(request: HttpRequest, m: Message, d: dict[str, Any]) -> object:
    data = {k: d[k] for k in ("id_type", "id_number", "delivery_form", "delivery_method")}
    return services.message_move_to_foi(actor=request.user, message=m, org=_org(d["org"]), data=data)


def _assign(request: HttpRequest, m: Message, d: dict[str, Any]) -> object:
    co = [_org(c) for c in d.get("co") or []]
    return services.message_assign(actor=request.user, message=m, lead=_org(d["lead"]), co=co)


def _publish(request: HttpRequest, m: Message, d: dict[str, Any]) -> object:
    return services.message_publish(
        actor=request.user, message=m, publish=d["decision"] == "yes", title=d["title"], body=d["body"],
        reply=d["reply"],
    )  # fmt: skip


A = Action
ACTIONS: dict[str, Action] = {
    "accept": A("受理", f.AcceptForm, lambda r, m, d: services.message_accept(actor=r.user, message=m, complex_=d["complex_"]), "已受理。"),
    "refuse": A("不予受理", f.RefuseForm, lambda r, m, d: services.message_refuse(actor=r.user, message=m, reason=d["reason"], note=d["note"], proper_channel=d["proper_channel"]), "已不予受理并告知理由。"),
    "move_to_foi": A("转为政府信息公开申请", f.MoveForm, _move, "已转入依申请公开办理，收到申请之日保持不变。"),
    "assign": A("转办", f.AssignForm, _assign, "已转办。"),
    "reply_direct": A("直接答复", f.TextForm, lambda r, m, d: services.message_reply_direct(actor=r.user, message=m, text=d["text"]), "已答复。"),
    "decide_return": A("审核退回申请", f.DecideForm, lambda r, m, d: services.message_return_decide(actor=r.user, message=m, grant=d["decision"] == "yes", note=d["note"]), "已审核退回申请。"),
    "decide_extension": A("审核延期申请", f.DecideForm, lambda r, m, d: services.message_extension_decide(actor=r.user, message=m, grant=d["decision"] == "yes", note=d["note"]), "已审核延期申请。"),
    "instruct": A("录入领导批示", f.TextForm, lambda r, m, d: services.message_instruct(actor=r.user, message=m, text=d["text"]), "已录入批示。"),
    "sign": A("签收", f.EmptyForm, lambda r, m, d: services.message_sign(actor=r.user, message=m), "已签收。"),
    "ask_return": A("申请退回", f.ReasonForm, lambda r, m, d: services.message_return_request(actor=r.user, message=m, reason=d["reason"]), "已申请退回，待受理机构审核。"),
    "note": A("办理记录", f.NoteForm, lambda r, m, d: services.message_note(actor=r.user, message=m, note=d["note"], contacted=d["contacted"]), "已记录。"),
    "draft_reply": A("起草答复", f.TextForm, lambda r, m, d: services.message_reply_draft(actor=r.user, message=m, text=d["text"]), "答复已送单位审核。"),
    "ask_extension": A("申请延期", f.ExtensionForm, lambda r, m, d: services.message_extension_request(actor=r.user, message=m, amount=d["amount"], reason=d["reason"]), "已申请延期，待受理机构审核。"),
    "approve_reply": A("单位审核答复", f.DecideForm, lambda r, m, d: services.message_reply_approve(actor=r.user, message=m, approve=d["decision"] == "yes", note=d["note"]), "已审核。"),
    "review_reply": A("平台审核答复", f.DecideForm, lambda r, m, d: services.message_reply_review(actor=r.user, message=m, approve=d["decision"] == "yes", note=d["note"]), "已审核。"),
    "publish": A("公开审核", f.PublishForm, _publish, "已完成公开审核。"),
    "evaluate": A("录入回访评价", f.StaffEvaluationForm, lambda r, m, d: services.message_evaluate(actor=r.user, message=m, level=d["level"], comment=d["comment"], reopen=d["reopen"]), "已录入评价。"),
    "close": A("办结", f.EmptyForm, lambda r, m, d: services.message_close(actor=r.user, message=m), "已办结。"),
    "archive": A("归档", f.EmptyForm, lambda r, m, d: services.message_archive(actor=r.user, message=m), "已归档。"),
}  # fmt: skip


def _form(name: str, request: HttpRequest, message: Message, data: Any = None) -> forms.Form:
    cls = ACTIONS[name].form
    if name == "assign":
        return cls(data, orgs=selectors.assign_targets(message), prefix=name)
    if name == "move_to_foi":
        return cls(data, orgs=selectors.move_targets(request.user), prefix=name)
    if name == "publish" and data is None:
        body, _log = services.redact(message, message.body)
        reply, _log = services.redact(message, message.reply)
        title, _log = services.redact(message, message.title)
        if message.consent_personal:
            title, body, reply = message.title, message.body, message.reply
        return cls(initial={"decision": "yes", "title": title, "body": body, "reply": reply}, prefix=name)
    return cls(data, prefix=name)


def _context(
    request: HttpRequest, message: Message, bound: dict[str, forms.Form] | None = None
) -> dict[str, Any]:
    open_ = rules.MessageRules(request.user, message).open_actions()
    bound = bound or {}
    actions = [
        (name, ACTIONS[name].title, bound.get(name) or _form(name, request, message))
        for name, ok in open_.items()
        if ok and name in ACTIONS
    ]
    writer = rules.can_see_writer(request.user, message)
    return {
        "message": message,
        "writer": writer,
        "files": message.files.all() if rules.can_see_files(request.user, message) else None,
        "body": message.body if writer else redaction.redact(message, message.body)[0],
        "actions": actions,
        "events": message.events.select_related("org"),
        "assignments": message.assignments.select_related("org"),
        "extensions": message.extensions.all(),
        "evaluations": message.evaluations.all(),
        "effective_due": selectors.deadlines.effective_due(message),
        "overdue": selectors.deadlines.overdue(message),
        "menu": "interaction",
    }


@staff_required
@require_GET
def queues(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "backoffice/interaction/queues.html",
        {"queues": selectors.queues(request.user), "menu": "interaction"},
    )


@staff_required
@never_cache
@require_GET
def message(request: HttpRequest, message_no: str) -> HttpResponse:
    msg = selectors.get_for_staff(request.user, message_no)
    return render(request, "backoffice/interaction/message.html", _context(request, msg))


@staff_required
@require_GET
def file_download(request: HttpRequest, message_no: str, file_pk: int) -> FileResponse:
    """A writer's attachment, to those who may see the writer (not to a reported unit)."""
    msg = selectors.get_for_staff(request.user, message_no)
    record = msg.files.filter(pk=file_pk).first()
    if record is None or not rules.can_see_files(request.user, msg):
        raise Http404("没有找到该附件。")
    return FileResponse(
        record.file.open("rb"), as_attachment=True, filename=record.name, content_type=record.content_type
    )


@staff_required
@require_POST
def action(request: HttpRequest, message_no: str, name: str) -> HttpResponse:
    msg = selectors.get_for_staff(request.user, message_no)
    if name not in ACTIONS:
        raise Http404("没有该操作。")
    form = _form(name, request, msg, request.POST)
    if run_service(form, lambda data: ACTIONS[name].run(request, msg, data)):
        messages.success(request, ACTIONS[name].done)
        return redirect(reverse("backoffice:interaction_message", args=[msg.number]))
    msg.refresh_from_db()
    context = _context(request, msg, bound={name: form})
    if name not in [n for n, _t, _f in context["actions"]]:
        context["actions"].insert(0, (name, ACTIONS[name].title, form))
    return render(request, "backoffice/interaction/message.html", context, status=400)


@staff_required
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    """Per channel and per answering unit, for a kind and a period of received dates; the months of the year."""
    channels = list(selectors.owned_channels(request.user)) or list(selectors.public_channels())
    form = f.StatsFilterForm(request.GET or None)
    scope: dict[str, Any] = {}
    if form.is_valid():
        scope = {k: v for k, v in form.cleaned_data.items() if v}
    rows = [(c.name, selectors.statistics(channel=c, **scope)) for c in channels]
    units = [
        (o.name, selectors.statistics(org_id=o.pk, **scope)) for o in selectors.answering_units(channels)
    ]
    year = timezone.localdate().year
    months = [(f"{m}月", s) for m, s in selectors.monthly(None, year, channels=channels)]
    oldest = {s.oldest for _, s in (*rows, *units, *months) if s.oldest is not None}
    openable = {message.number for message in oldest if rules.may_see(request.user, message)}
    return render(
        request,
        "backoffice/interaction/stats.html",
        {
            "form": form,
            "rows": rows,
            "units": units,
            "months": months,
            "openable": openable,  # the oldest unanswered messages this user may open (linked)
            "year": year,
            "definitions": selectors.DEFINITIONS,
            "menu": "interaction_stats",
        },
    )


@staff_required
@never_cache
@require_http_methods(["GET", "POST"])
def tickets_import(request: HttpRequest) -> HttpResponse:
    """Forwarded tickets from an upstream export file, into a channel the user screens."""
    channels = [c for c in selectors.owned_channels(request.user) if c.forwarded]
    form = f.ImportForm(request.POST or None, request.FILES or None, channels=channels)
    result, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            channel = next(c for c in channels if c.code == form.cleaned_data["channel"])
            upload = form.cleaned_data["file"]
            try:
                result = services.tickets_import(
                    actor=request.user, channel=channel, content=upload.read(), name=upload.name
                )
                status = 200
            except ValidationError as exc:
                form_errors_from(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
    return render(
        request,
        "backoffice/interaction/import.html",
        {"form": form, "result": result, "menu": "interaction"},
        status=status,
    )
