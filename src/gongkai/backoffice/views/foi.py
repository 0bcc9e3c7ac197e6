"""Staff pages of information applications: queues, intake, the case page and its actions, downloads.

Every action is one POST to `foi_action`, which binds the action's form, calls its one service and redirects;
on a refusal the case page is shown again with the form's errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.backoffice.decorators import opens_for, staff_required
from gongkai.core.forms import form_errors_from
from gongkai.core.notfound import first_or_404
from gongkai.foi import conf as foi_conf
from gongkai.foi import forms as foi_forms
from gongkai.foi import selectors, services, workflow
from gongkai.foi.models import FileKind, Status
from gongkai.orgs.models import Kind, Organization

PAGE_SIZE = 50


def _case_url(application) -> str:
    from django.urls import reverse

    return reverse("backoffice:foi_case", args=[application.tracking_no])


# --- Queues -----------------------------------------------------------------------------------------


@staff_required
@require_GET
def queue(request, name: str = "open"):
    if name not in selectors.QUEUES:
        raise Http404("没有该队列。")
    orgs = list(workflow.orgs_to_view(request.user))
    form = foi_forms.QueueFilterForm(request.GET or None, orgs=orgs)
    today = timezone.localdate()
    horizon, missing = selectors.remind_horizon(today)
    qs = selectors.queue(name, user=request.user, today=today, horizon=horizon)
    if form.is_valid():
        if form.cleaned_data["q"]:
            text = form.cleaned_data["q"].strip()
            qs = qs.filter(Q(tracking_no__iexact=text) | Q(info_title__icontains=text))
        if form.cleaned_data["org"]:
            qs = qs.filter(org__credit_code=form.cleaned_data["org"])
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
    return render(
        request,
        "backoffice/foi/queue.html",
        {
            "page": page,
            "form": form,
            "queue_name": name,
            "queue_title": selectors.QUEUES[name][0],
            "queues": [(key, title) for key, (title, _f) in selectors.QUEUES.items()],
            "today": today,
            "missing_year": missing,
            "query": query,
            "menu": f"foi_{name}",
        },
    )


@staff_required
@require_GET
def closed(request):
    """Closed cases, for remedies and look-ups."""
    qs = (
        selectors.applications_for_staff(request.user)
        .filter(status=Status.CLOSED)
        .order_by("-closed_on", "-pk")
    )
    text = (request.GET.get("q") or "").strip()[:100]
    if text:
        qs = qs.filter(Q(tracking_no__iexact=text) | Q(info_title__icontains=text))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "backoffice/foi/closed.html",
        {"page": page, "q": text, "query": urlencode({"q": text}) if text else "", "menu": "foi_closed"},
    )


@staff_required
@require_GET
def proactive_candidates(request):
    """Art. 44: information asked for repeatedly, from closed cases: candidates for proactive disclosure."""
    from datetime import timedelta

    form = foi_forms.ProactiveFilterForm(request.GET or None)
    today = timezone.localdate()
    since = today - timedelta(days=365)
    if form.is_valid() and form.cleaned_data["since"]:
        since = form.cleaned_data["since"]
    candidates = selectors.proactive_candidates(user=request.user, since=since)
    return render(
        request,
        "backoffice/foi/proactive.html",
        {
            "form": form,
            "since": since,
            "candidates": candidates,
            "minimum": foi_conf.proactive_candidate_min(),
            "menu": "foi_closed",
        },
    )


# --- Intake -----------------------------------------------------------------------------------------


@staff_required
@opens_for(workflow.can_register, "只有政府信息公开工作机构可以登记申请。")
@never_cache
@require_http_methods(["GET", "POST"])
def register(request):
    orgs = selectors.registering_orgs(request.user)
    posted = request.method == "POST"
    form = foi_forms.RegisterForm(
        request.POST if posted else None, request.FILES if posted else None, orgs=orgs
    )
    if request.method == "POST" and form.is_valid():
        org = next(o for o in orgs if o.credit_code == form.cleaned_data["org"])
        try:
            submission = services.application_register(
                actor=request.user,
                org=org,
                channel=form.cleaned_data["channel"],
                received_on=form.cleaned_data["received_on"],
                arrived_on=form.cleaned_data["arrived_on"],
                data=form.data_for_service(),
                attachments=form.cleaned_data["attachments"],
                evidence_received_at=form.cleaned_data["evidence_received_at"],
                evidence_ref=form.cleaned_data["evidence_ref"],
                evidence_files=form.cleaned_data["evidence_files"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            # Shown once: only its hash is stored. Staff give it to the applicant with the receipt.
            return render(
                request,
                "backoffice/foi/registered.html",
                {
                    "application": submission.application,
                    "query_code": submission.query_code,
                    "menu": "foi_register",
                },
            )
    if request.method == "POST" and not form.is_valid():
        form.add_service_errors()
    return render(
        request,
        "backoffice/foi/register.html",
        {"form": form, "menu": "foi_register"},
        status=400 if request.method == "POST" else 200,
    )


# --- The case ---------------------------------------------------------------------------------------


@dataclass
class Action:
    form: type | None
    run: Any  # (request, application, cleaned data, pk) -> None; calls one service
    title: str
    done: str  # the message after success


def _user(request, application, pk):
    handler = selectors.handlers_for(application.org).filter(pk=pk).first()
    if handler is None:
        raise ValidationError({"handler": ["承办人须为本机关政府信息公开工作机构的在岗人员。"]})
    return handler


def _org(code):
    org = Organization.objects.filter(credit_code=code).first()
    if org is None:
        raise ValidationError({"to_org": ["请选择接收申请的行政机关。"]})
    return org


def _found(queryset, what: str):
    """The one record of the case the action names, else 404."""
    return first_or_404(queryset, f"没有找到该{what}。")


def _on_case(service):
    """The run of an action that calls `service` on the case with the form's data as they are."""
    return lambda request, application, data, pk: service(actor=request.user, application=application, **data)


ACTIONS: dict[str, Action] = {
    "confirm": Action(
        foi_forms.ConfirmReceiptForm,
        _on_case(services.application_confirm_receipt),
        "确认收到",
        "已确认收到申请。",
    ),
    "assign": Action(
        foi_forms.AssignForm,
        lambda r, a, d, pk: services.application_assign(
            actor=r.user, application=a, handler=_user(r, a, d["handler"])
        ),
        "分办",
        "已分办。",
    ),
    "transfer": Action(
        foi_forms.TransferForm,
        lambda r, a, d, pk: services.application_transfer(
            actor=r.user, application=a, to_org=_org(d["to_org"]), reason=d["reason"]
        ),
        "转送其他机关",
        "已转送。",
    ),
    "note": Action(foi_forms.NoteForm, _on_case(services.application_note), "内部备注", "已添加备注。"),
    "correction_request": Action(
        foi_forms.CorrectionRequestForm,
        _on_case(services.application_request_correction),
        "告知补正",
        "已告知补正，补正告知书已生成。",
    ),
    "correction_received": Action(
        foi_forms.CorrectionReceivedForm,
        _on_case(services.application_receive_correction),
        "登记收到补正",
        "已登记收到补正，答复期限重新计算。",
    ),
    "consult_start": Action(
        foi_forms.ConsultStartForm,
        _on_case(services.application_consult_start),
        "征求意见",
        "已登记征求意见，期限暂停计算。",
    ),
    "consult_end": Action(
        foi_forms.ConsultEndForm,
        lambda r, a, d, pk: services.application_consult_end(
            actor=r.user,
            consultation=_found(a.consultations.filter(pk=pk, ended_on__isnull=True), "征求意见"),
            **d,
        ),
        "登记意见",
        "已登记征求意见结果。",
    ),
    "third_party_notice": Action(
        foi_forms.ThirdPartyNoticeForm,
        lambda r, a, d, pk: services.application_third_party_notice(
            actor=r.user,
            consultation=_found(a.consultations.filter(pk=pk, ended_on__isnull=False), "征求意见"),
            **d,
        ),
        "书面告知第三方决定公开（第三十二条）",
        "已书面告知第三方，告知书已生成。",
    ),
    "extension_request": Action(
        foi_forms.ExtensionRequestForm,
        _on_case(services.application_extension_request),
        "提请延期",
        "已提请延期，等待负责人审批。",
    ),
    "extension_approve": Action(
        foi_forms.ExtensionApproveForm,
        _on_case(services.application_extend),
        "批准延期",
        "已批准延期，延期告知书已生成。",
    ),
    "extension_refuse": Action(
        foi_forms.ReturnForm, _on_case(services.application_extension_refuse), "不同意延期", "已不同意延期。"
    ),
    "reasons_request": Action(
        foi_forms.ReasonsRequestForm,
        _on_case(services.application_reasons_request),
        "要求说明理由（第三十五条）",
        "已要求申请人说明理由，通知书已生成。",
    ),
    "reasons_receive": Action(
        foi_forms.ReasonsReceiveForm,
        _on_case(services.application_reasons_receive),
        "登记申请人说明的理由",
        "已登记申请人说明的理由。",
    ),
    "longer_period": Action(
        foi_forms.LongerPeriodForm,
        _on_case(services.application_set_longer_period),
        "合理延长答复期限（第三十五条）",
        "已确定答复期限。",
    ),
    "fee_notice": Action(
        foi_forms.FeeNoticeForm,
        _on_case(services.application_fee_notice),
        "收费通知",
        "已发出收费通知，期限暂停计算。",
    ),
    "fee_paid": Action(
        foi_forms.FeePaidForm, _on_case(services.application_fee_paid), "登记缴费", "已登记缴费。"
    ),
    "fee_waive": Action(
        foi_forms.FeeWaiveForm, _on_case(services.application_fee_waive), "减免费用", "已减免费用。"
    ),
    "answer_draft": Action(
        foi_forms.AnswerDraftForm,
        _on_case(services.application_answer_save_draft),
        "答复草稿",
        "答复草稿已保存。",
    ),
    "answer_submit": Action(
        None,
        lambda r, a, d, pk: services.application_answer_submit(actor=r.user, application=a),
        "提交审批",
        "已提交负责人审批。",
    ),
    "answer_return": Action(
        foi_forms.ReturnForm, _on_case(services.application_answer_return), "退回修改", "已退回修改。"
    ),
    "answer_approve": Action(
        foi_forms.AnswerApproveForm,
        _on_case(services.application_answer),
        "批准并答复",
        "已批准并作出答复，告知书已生成。",
    ),
    "close": Action(foi_forms.CloseForm, _on_case(services.application_close), "办结（不答复）", "已办结。"),
    "file": Action(
        foi_forms.FileForm,
        lambda r, a, d, pk: services.application_add_file(actor=r.user, application=a, upload=d["file"]),
        "上传提供的信息",
        "文件已上传。",
    ),
    "record_correction": Action(
        foi_forms.RecordCorrectionRequestForm,
        _on_case(services.record_correction_request),
        "登记更正政府信息记录的要求（第四十一条）",
        "已登记更正要求。",
    ),
    "record_correction_decide": Action(
        foi_forms.RecordCorrectionDecideForm,
        lambda r, a, d, pk: services.record_correction_decide(
            actor=r.user, item=_found(a.record_corrections.filter(pk=pk, decision=""), "更正要求"), **d
        ),
        "处理更正要求",
        "已处理更正要求，告知书已生成。",
    ),
    "remedy": Action(foi_forms.RemedyForm, _on_case(services.remedy_record), "登记行政复议/诉讼", "已登记。"),
    "remedy_update": Action(
        foi_forms.RemedyUpdateForm,
        lambda r, a, d, pk: services.remedy_update(
            actor=r.user, remedy=_found(a.remedies.filter(pk=pk), "记录"), **d
        ),
        "更新结果",
        "已更新结果。",
    ),
}


APPROVALS = workflow.APPROVAL_ACTIONS


def _form_for(name: str, application, data=None, files=None):
    action = ACTIONS[name]
    if action.form is None:
        return None
    kwargs: dict[str, Any] = {"prefix": name}
    if name == "assign":
        kwargs["handlers"] = selectors.handlers_for(application.org)
    if name == "answer_draft":
        kwargs["consultations"] = list(application.consultations.filter(ended_on__isnull=False))
    if name == "transfer":
        kwargs["orgs"] = [
            o
            for o in Organization.objects.active().filter(kind__in=[Kind.GOVERNMENT, Kind.DEPARTMENT])
            if o.pk != application.org_id
        ]
    answer = selectors.answer_of(application) if name == "answer_draft" and data is None else None
    if answer is not None:
        kwargs["initial"] = {
            "outcome": answer.outcome, "facts": answer.facts, "already_disclosed": answer.already_disclosed,
            "catalog_refs": answer.catalog_refs, "referred_org_name": answer.referred_org_name,
            "consultation": str(answer.consultation_id or ""),
        }  # fmt: skip
    return action.form(data, files, **kwargs) if data is not None else action.form(**kwargs)


def _case_context(request, application, bound: dict | None = None) -> dict:
    full = workflow.can_see_personal_data(request.user, application)
    fee = selectors.fee_of(application)
    answer = selectors.answer_of(application)
    names = workflow.open_actions(application, request.user, fee=fee, answer=answer)
    action_forms = []
    for name in names:
        if name in ("consult_end", "remedy_update", "third_party_notice", "record_correction_decide"):
            continue
        form = (bound or {}).get(name) or _form_for(name, application)
        action_forms.append((name, ACTIONS[name].title, form))
    consultations = list(application.consultations.all())
    remedies = list(application.remedies.all())
    return {
        "application": application,
        "applicant": selectors.applicant_view(application, full=full),
        "clock": selectors.clock_for(application),
        "events": application.events.select_related("actor").order_by("created_at", "pk"),
        "consultations": [
            (c, (bound or {}).get(f"consult_end:{c.pk}") or _form_for("consult_end", application))
            for c in consultations
        ],
        "record_corrections": [
            (
                c,
                (bound or {}).get(f"record_correction_decide:{c.pk}")
                or _form_for("record_correction_decide", application),
            )
            for c in application.record_corrections.all()
        ],
        "notice_forms": {
            c.pk: (bound or {}).get(f"third_party_notice:{c.pk}")
            or _form_for("third_party_notice", application)
            for c in consultations
            if "third_party_notice" in names and c.opinion == "disagree" and c.disclosure_notice_on is None
        },
        "fee": fee,
        "answer": answer,
        "letters": application.letters.all(),
        "files": [f for f in application.files.all() if full or f.kind != FileKind.IDENTITY_PROOF],
        "file_rows": _file_rows(application, full=full),
        "remedies": [
            (r, (bound or {}).get(f"remedy_update:{r.pk}") or _form_for("remedy_update", application))
            for r in remedies
        ],
        "action_forms": action_forms,
        "confirm_due": selectors.confirmation_due(application),
        "retention_years": foi_conf.retention_years(),
        "today": timezone.localdate(),
        "can_handle": workflow.can_handle(request.user, application),
        "full": full,
        "menu": "foi_open",
    }


def _file_rows(application, *, full: bool) -> list[tuple]:
    """(file, its text extraction, its redactions) for the case page; redaction is for the office."""
    from gongkai.documents.selectors import extractions_for

    files = [f for f in application.files.all() if full or f.kind != FileKind.IDENTITY_PROOF]
    texts = extractions_for("foi.applicationfile", [f.pk for f in files])
    redactions: dict[int, list] = {}
    for r in application.redactions.all():
        redactions.setdefault(r.source_id, []).append(r)
    return [(f, texts.get(f.pk), redactions.get(f.pk, [])) for f in files]


@staff_required
@never_cache
@require_GET
def case(request, tracking_no: str):
    application = selectors.get_application_for_staff(user=request.user, tracking_no=tracking_no)
    return render(request, "backoffice/foi/case.html", _case_context(request, application))


@staff_required
@require_POST
def action(request, tracking_no: str, name: str, pk: int | None = None):
    application = selectors.get_application_for_staff(user=request.user, tracking_no=tracking_no)
    if name not in ACTIONS:
        raise Http404("没有该操作。")
    if name not in APPROVALS and not workflow.can_handle(request.user, application):
        raise PermissionDenied("只有本机关的政府信息公开工作机构可以办理该申请。")
    form = _form_for(name, application, request.POST, request.FILES)
    key = f"{name}:{pk}" if pk is not None else name
    if form is None or form.is_valid():
        try:
            ACTIONS[name].run(request, application, form.cleaned_data if form else {}, pk)
        except ValidationError as exc:
            if form is None:
                messages.error(request, "；".join(exc.messages))
                return redirect(_case_url(application))
            form_errors_from(form, exc)
        except PermissionDenied as exc:
            if form is None:
                messages.error(request, str(exc))
                return redirect(_case_url(application))
            form.add_error(None, str(exc))
        else:
            messages.success(request, ACTIONS[name].done)
            return redirect(_case_url(application))
    application.refresh_from_db()
    context = _case_context(request, application, bound={key: form})
    return render(request, "backoffice/foi/case.html", context, status=400)


@staff_required
@require_GET
def letter_download(request, tracking_no: str, pk: int):
    application = selectors.get_application_for_staff(user=request.user, tracking_no=tracking_no)
    letter = first_or_404(application.letters.filter(pk=pk), "没有找到该文书。")
    if not workflow.can_see_personal_data(request.user, application):
        raise Http404("没有找到该文书。")  # letters name the applicant
    return FileResponse(letter.file.open("rb"), as_attachment=True, filename=letter.download_name)


@staff_required
@require_GET
def file_download(request, tracking_no: str, pk: int):
    application = selectors.get_application_for_staff(user=request.user, tracking_no=tracking_no)
    record = application.files.filter(pk=pk).first()
    full = workflow.can_see_personal_data(request.user, application)
    if record is None or (record.kind == FileKind.IDENTITY_PROOF and not full):
        raise Http404("没有找到该文件。")
    if not full and record.redactions.exists():
        raise Http404("没有找到该文件。")  # an original under redaction holds what is withheld: office only
    return FileResponse(
        record.file.open("rb"), as_attachment=True, filename=record.name, content_type=record.content_type
    )


@staff_required
@require_POST
def archive_download(request, tracking_no: str):
    """Art. 45: the closed case's archive package (ZIP with manifest), made by the office; each export recorded."""
    import io

    application = selectors.get_application_for_staff(user=request.user, tracking_no=tracking_no)
    try:
        package = services.application_archive(actor=request.user, application=application)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
        return redirect(_case_url(application))
    return FileResponse(
        io.BytesIO(package.content), as_attachment=True, filename=package.name, content_type="application/zip"
    )
