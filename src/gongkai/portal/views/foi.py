"""Public pages of disclosure on application: apply online, the receipt, and following one case by query code."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.core.actors import Actor
from gongkai.core.edge import shows_upload_limit_on_its_form
from gongkai.core.fonts import FontMissing
from gongkai.core.forms import form_errors_from
from gongkai.core.notfound import first_or_404
from gongkai.foi import letter_pdf, public_access, selectors, services, workflow
from gongkai.foi.forms import CorrectionForm, EvaluationForm, PortalApplicationForm, TrackForm
from gongkai.foi.models import Evaluation
from gongkai.orgs import selectors as org_selectors
from gongkai.orgs.models import LEVEL_RANK, Level


def _receiving_org(code: str):
    org = org_selectors.get_public_org(credit_code=code)
    if not workflow.can_receive_applications(org):
        raise Http404("该机构不受理政府信息公开申请。")
    return org


def _picker_groups(query: str) -> tuple[list[tuple[str | Promise, list]], int]:
    """The organisations to apply to, grouped by level (市级, 县（区）级 …) in tree order, filtered by a part of the
    name, short name or credit code; with the number shown."""
    needle = query.casefold()
    groups: dict[str, list] = {}
    shown = 0
    for org, depth in org_selectors.directory():
        haystack = f"{org.name} {org.short_name} {org.credit_code}".casefold()
        if needle and needle not in haystack:
            continue
        groups.setdefault(org.level, []).append((org, depth, workflow.can_receive_applications(org)))
        shown += 1
    rank = {level.value: n for level, n in LEVEL_RANK.items()}
    ordered = sorted(groups.items(), key=lambda kv: rank.get(kv[0], 9))
    return [(Level(level).label if level in Level.values else level, rows) for level, rows in ordered], shown


@require_GET
def apply_home(request):
    query = (request.GET.get("q") or "").strip()[:50]
    groups, shown = _picker_groups(query)
    return render(
        request,
        "portal/foi/apply_home.html",
        {"groups": groups, "shown": shown, "query": query, "track_form": TrackForm(), "column": "apply"},
    )


@shows_upload_limit_on_its_form
@never_cache
@require_http_methods(["GET", "POST"])
def apply_form(request, code: str):
    org = _receiving_org(code)
    guide = org_selectors.current_guide(org)
    refused = getattr(request, "upload_refused", None)  # too large: the body was never read
    posted = request.method == "POST" and not refused
    form = PortalApplicationForm(request.POST if posted else None, request.FILES if posted else None)
    status = 400 if posted else 200
    if refused:
        # the form as full_clean() leaves it (the stubs do not declare BaseForm._errors)
        form._errors, form.cleaned_data = ErrorDict(), {}  # type: ignore[attr-defined]
        form.add_error(None, refused)
        status = 413
    if posted:
        client = request.META.get("REMOTE_ADDR", "")
        if form.is_valid():
            try:
                public_access.check_submission_rate(client)
                submission = services.application_submit(
                    org=org,
                    data=form.data_for_service(),
                    attachments=form.cleaned_data["attachments"],
                    submission_token=form.cleaned_data["submission_token"],
                )
            except public_access.TooManySubmissions as exc:
                form.add_error(None, str(exc))
                status = 429
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                if submission.created:
                    public_access.count_submission(client)
                # Rendered directly, never stored: reloading re-posts the same token and shows the same receipt.
                return render(
                    request,
                    "portal/foi/receipt.html",
                    {"application": submission.application, "query_code": submission.query_code, "org": org,
                     "terms": selectors.receipt_terms(submission.application), "column": "apply"},
                )  # fmt: skip
        else:
            form.add_service_errors()
    return render(
        request,
        "portal/foi/apply_form.html",
        {"org": org, "guide": guide, "form": form, "column": "apply",
         "ancestors": org_selectors.ancestors_of(org)},
        status=status,
    )  # fmt: skip


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    form = TrackForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            application = public_access.find_application(
                tracking_no=form.cleaned_data["tracking_no"],
                query_code=form.cleaned_data["query_code"],
                client=request.META.get("REMOTE_ADDR", ""),
            )
        except public_access.TooManyAttempts as exc:
            form.add_error(None, str(exc))
            status = 429
        except Http404:
            form.add_error(None, "申请编号或查询码不正确，请核对后重新输入。")
            status = 404
        else:
            public_access.open_in_session(request.session, application)
            return redirect("portal:foi_case", tracking_no=application.tracking_no)
    elif request.method == "POST":
        status = 400
    return render(request, "portal/foi/track.html", {"form": form, "column": "apply"}, status=status)


def _opened(request, tracking_no: str):
    application = public_access.get_session_application(request.session, tracking_no)
    if application is None:
        raise Http404("请先输入申请编号和查询码。")
    return application


@never_cache
@require_GET
def case(request, tracking_no: str):
    application = public_access.get_session_application(request.session, tracking_no)
    if application is None:
        messages.info(request, "请输入申请编号和查询码查看办理情况。")
        return redirect("portal:foi_track")
    return render(request, "portal/foi/case.html", _case_context(request, application))


def _actor(request: HttpRequest) -> Actor:
    """The applicant of the case this browser opened with its query code; else the visitor, whom every rule
    refuses."""
    return public_access.session_applicant(request.session) or request.user


def _case_context(request, application, **forms) -> dict:
    evaluation = Evaluation.objects.filter(application=application).first()
    context = {
        "application": application,
        "applicant": selectors.applicant_view(application, full=False),
        "clock": selectors.clock_for(application),
        "events": selectors.public_events(application),
        "letters": selectors.public_letters(application),
        "files": selectors.public_files(application),
        "correction_form": CorrectionForm()
        if workflow.applicant_can_correct(_actor(request), application)
        else None,
        "evaluation": evaluation,
        "evaluation_form": EvaluationForm()
        if not evaluation and workflow.applicant_can_evaluate(_actor(request), application)
        else None,
        "column": "apply",
    }
    context.update(forms)
    return context


@require_GET
def case_letter(request, tracking_no: str, pk: int):
    application = _opened(request, tracking_no)
    letter = first_or_404(selectors.public_letters(application).filter(pk=pk), "没有找到该文书。")
    try:  # the applicant gets the PDF rendition with the organ's seal; the DOCX stays with the office
        content = letter_pdf.render(letter)
    except FontMissing as exc:
        return render(
            request,
            "portal/error.html",
            {"status": 503, "title": "PDF暂不可用", "message": exc.message},
            status=503,
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(letter.pdf_name)}"
    return response


@require_GET
def case_file(request, tracking_no: str, pk: int):
    application = _opened(request, tracking_no)
    record = first_or_404(selectors.public_files(application).filter(pk=pk), "没有找到该文件。")
    return FileResponse(
        record.file.open("rb"), as_attachment=True, filename=record.name, content_type=record.content_type
    )


def _case_form(request, application, form, name: str, call, done: str):
    """A form on the case page: its service call `call(cleaned_data)`, then back to the case with `done`; or
    the case page again with the form's errors (400)."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, done)
            return redirect("portal:foi_case", tracking_no=application.tracking_no)
    context = _case_context(request, application, **{name: form})
    return render(request, "portal/foi/case.html", context, status=400)


@require_POST
def case_correction(request, tracking_no: str):
    application = _opened(request, tracking_no)
    return _case_form(
        request,
        application,
        CorrectionForm(request.POST, request.FILES),
        "correction_form",
        lambda data: services.application_receive_correction(
            actor=_actor(request), application=application, text=data["text"], attachments=data["attachments"]
        ),
        "补正已提交，答复期限自今日起重新计算。",
    )


@require_POST
def case_evaluation(request, tracking_no: str):
    application = _opened(request, tracking_no)
    return _case_form(
        request,
        application,
        EvaluationForm(request.POST),
        "evaluation_form",
        lambda data: services.application_evaluate(
            actor=_actor(request), application=application, rating=data["rating"], comment=data["comment"]
        ),
        "感谢您的评价。",
    )


@require_POST
def case_leave(request):
    public_access.close_session(request.session)
    return redirect(reverse("portal:foi_track"))
