"""Staff pages of policy interpretation and release: interpretations (the list with deadlines and late flags,
drafting, editing; review and publication are the catalog's, on the interpretation's item page), press
conferences, responses to public concern, gazette issues, new-media accounts and the statistics."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.backoffice.decorators import opens_for, staff_required
from gongkai.catalog import selectors as catalog_selectors
from gongkai.catalog.models import EDITABLE_STATUSES
from gongkai.core.fonts import FontMissing
from gongkai.core.forms import form_errors_from
from gongkai.interpretation import forms, selectors, services
from gongkai.interpretation.compilation import compilation_docx, title_of
from gongkai.interpretation.compilation import compilation_pdf as render_compilation_pdf
from gongkai.interpretation.forms import InterpretationForm
from gongkai.interpretation.media import media_response
from gongkai.interpretation.models import SECTIONS, Kind
from gongkai.interpretation.rules import InterpretationRules, RecordRules, may_draft_somewhere


@staff_required
def interpretation_list(request):
    qs = selectors.interpretations_visible_to(request.user)
    kind = request.GET.get("kind", "")
    if kind in Kind.values:
        qs = qs.filter(kind=kind)
    if request.GET.get("late") == "1":
        qs = qs.filter(is_late=True)
    return render(
        request,
        "backoffice/interpretation/list.html",
        {
            "page": Paginator(qs, 30).get_page(request.GET.get("page")),
            "kinds": Kind.choices,
            "kind": kind,
            "late": request.GET.get("late") == "1",
            "menu": "interpretations",
        },
    )


@staff_required
@opens_for(may_draft_somewhere, "您不是信息编辑，不能起草政策解读。")
@require_http_methods(["GET", "POST"])
def interpretation_create(request):
    documents = selectors.normative_documents_for(request.user)
    form = InterpretationForm(
        request.POST or None,
        documents=documents,
        orgs=catalog_selectors.drafting_orgs(request.user),
        initial={"documents": [request.GET["document"]]}
        if request.GET.get("document", "").isdecimal()
        else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            found = services.interpretation_create(
                actor=request.user,
                documents=data["documents"],
                org=data["org"],
                title=data["title"],
                kind=data["kind"],
                interpreter=data["interpreter"],
                written_on=data["written_on"],
                links=data["links"],
                sections=form.sections(),
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, "解读草稿已保存；请在解读信息页提交审核。")
            return redirect("backoffice:interpretation_detail", found.pk)
    return render(
        request,
        "backoffice/interpretation/form.html",
        {"form": form, "title": "起草政策解读", "menu": "interpretations"},
    )


@staff_required
def interpretation_detail(request, pk: int):
    found = selectors.get_interpretation_for_staff(user=request.user, pk=pk)
    rules = InterpretationRules(request.user, found.org)
    return render(
        request,
        "backoffice/interpretation/detail.html",
        {
            "i": found,
            "documents": found.documents.select_related("org").order_by("pk"),
            "can_edit": rules.may_draft() and found.item.status in EDITABLE_STATUSES,
            "menu": "interpretations",
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def interpretation_edit(request, pk: int):
    found = selectors.get_interpretation_for_staff(user=request.user, pk=pk)
    initial = {name: getattr(found, name) for name, _ in SECTIONS}
    initial.update(
        documents=list(found.documents.values_list("pk", flat=True)),
        kind=found.kind,
        interpreter=found.interpreter,
        links=found.links,
    )
    form = InterpretationForm(
        request.POST or None,
        initial=initial,
        documents=(selectors.normative_documents_for(request.user) | found.documents.all()).distinct(),
        orgs=catalog_selectors.drafting_orgs(request.user),
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.interpretation_update(
                actor=request.user,
                interpretation=found,
                documents=data["documents"],
                kind=data["kind"],
                interpreter=data["interpreter"],
                links=data["links"],
                sections=form.sections(),
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("backoffice:interpretation_detail", found.pk)
    return render(
        request,
        "backoffice/interpretation/form.html",
        {"form": form, "title": f"修改解读：{found.item.title}", "menu": "interpretations"},
    )


# --- Press conferences ----------------------------------------------------------------------------------


@staff_required
def conference_list(request):
    return render(
        request,
        "backoffice/interpretation/conferences.html",
        {
            "page": Paginator(selectors.conferences_visible_to(request.user), 30).get_page(
                request.GET.get("page")
            ),
            "menu": "conferences",
        },
    )


@staff_required
@opens_for(may_draft_somewhere, "您不是信息编辑，不能登记新闻发布会。")
@require_http_methods(["GET", "POST"])
def conference_create(request):
    form = forms.ConferenceForm(
        request.POST or None,
        orgs=catalog_selectors.drafting_orgs(request.user),
        documents=selectors.normative_documents_for(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            found = services.conference_create(
                actor=request.user,
                org=data["org"],
                documents=data["documents"],
                **{k: data[k] for k in services.CONFERENCE_FIELDS},
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, "已登记。")
            return redirect("backoffice:conference_detail", found.pk)
    return render(
        request,
        "backoffice/interpretation/form.html",
        {"form": form, "title": "登记新闻发布会", "menu": "conferences"},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def conference_detail(request, pk: int):
    found = selectors.get_conference_for_staff(user=request.user, pk=pk)
    rules = RecordRules(request.user, found.org)
    initial = {k: getattr(found, k) for k in services.CONFERENCE_FIELDS}
    initial["documents"] = list(found.documents.values_list("pk", flat=True))
    form = forms.ConferenceForm(
        request.POST or None,
        initial=initial,
        documents=(selectors.normative_documents_for(request.user) | found.documents.all()).distinct(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.conference_update(
                actor=request.user,
                conference=found,
                documents=data["documents"],
                **{k: data[k] for k in services.CONFERENCE_FIELDS},
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("backoffice:conference_detail", found.pk)
    return render(
        request,
        "backoffice/interpretation/conference.html",
        {
            "c": found,
            "form": form if rules.may_record() else None,
            "can_publish": rules.may_publish() and found.status != "published",
            "can_notice": rules.may_publish() and found.status == "draft",
            "media": found.media.all(),
            "media_form": forms.ConferenceMediaForm() if rules.may_record() else None,
            "may_remove_media": rules.may_record() and found.status != "published",
            "menu": "conferences",
        },
    )


@staff_required
@require_POST
def conference_media_add(request, pk: int):
    found = selectors.get_conference_for_staff(user=request.user, pk=pk)
    form = forms.ConferenceMediaForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.conference_media_add(
                actor=request.user,
                conference=found,
                upload=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, "已上传。")
            return redirect("backoffice:conference_detail", found.pk)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect("backoffice:conference_detail", found.pk)


@staff_required
@require_POST
def conference_media_remove(request, pk: int, media_pk: int):
    media = selectors.get_conference_media_for_staff(user=request.user, pk=pk, media_pk=media_pk)
    try:
        services.conference_media_remove(actor=request.user, media=media)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已删除。")
    return redirect("backoffice:conference_detail", pk)


@staff_required
def conference_media_file(request, pk: int, media_pk: int):
    media = selectors.get_conference_media_for_staff(user=request.user, pk=pk, media_pk=media_pk)
    return media_response(media)


@staff_required
@require_POST
def conference_publish(request, pk: int):
    found = selectors.get_conference_for_staff(user=request.user, pk=pk)
    try:
        services.conference_publish(
            actor=request.user, conference=found, notice=request.POST.get("notice") == "1"
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已发布。")
    return redirect("backoffice:conference_detail", found.pk)


# --- Responses to public concern ------------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def response_list(request):
    orgs = catalog_selectors.drafting_orgs(request.user)
    form = forms.ResponseForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_record(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, "已登记。")
            return redirect("backoffice:response_list")
    return render(
        request,
        "backoffice/interpretation/responses.html",
        {
            "form": form if orgs.exists() else None,
            "page": Paginator(selectors.responses_visible_to(request.user), 30).get_page(
                request.GET.get("page")
            ),
            "menu": "responses",
        },
    )


# --- The gazette ----------------------------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def issue_list(request):
    orgs = catalog_selectors.drafting_orgs(request.user)
    form = forms.IssueForm(request.POST or None, request.FILES or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.issue_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, "已登记；请填写目录。")
            return redirect("backoffice:issue_detail", found.pk)
    return render(
        request,
        "backoffice/interpretation/issues.html",
        {
            "form": form if orgs.exists() else None,
            "page": Paginator(selectors.issues_visible_to(request.user), 30).get_page(
                request.GET.get("page")
            ),
            "menu": "gazette",
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def issue_detail(request, pk: int):
    found = selectors.get_issue_for_staff(user=request.user, pk=pk)
    rules = RecordRules(request.user, found.org)
    entries = list(selectors.contents(found))
    form = forms.ContentsForm(
        request.POST or None,
        initial={"lines": "\n".join(f"{e.item.index_no} {e.section}".strip() for e in entries)},
    )
    if request.method == "POST" and form.is_valid():
        rows = form.entries(selectors.publishable_items_for(request.user))
        if form.is_valid():
            try:
                services.issue_set_contents(actor=request.user, issue=found, entries=rows)
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, "目录已保存。")
                return redirect("backoffice:issue_detail", found.pk)
    return render(
        request,
        "backoffice/interpretation/issue.html",
        {
            "issue": found,
            "entries": entries,
            "form": form if rules.may_record() and not found.is_published else None,
            "can_publish": rules.may_publish() and not found.is_published,
            "menu": "gazette",
        },
    )


@staff_required
@require_POST
def issue_publish(request, pk: int):
    found = selectors.get_issue_for_staff(user=request.user, pk=pk)
    try:
        services.issue_publish(actor=request.user, issue=found)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已发布。")
    return redirect("backoffice:issue_detail", found.pk)


# --- New media ------------------------------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def account_list(request):
    orgs = catalog_selectors.drafting_orgs(request.user)
    form = forms.AccountForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.account_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, "已登记。")
            return redirect("backoffice:account_detail", found.pk)
    accounts = (
        selectors.accounts_visible_to(request.user)
        .annotate(n_posts=Count("posts"))
        .order_by("org__path", "platform", "name")
    )
    return render(
        request,
        "backoffice/interpretation/accounts.html",
        {
            "form": form if orgs.exists() else None,
            "page": Paginator(accounts, 30).get_page(request.GET.get("page")),
            "menu": "media",
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def account_detail(request, pk: int):
    account = selectors.get_account_for_staff(user=request.user, pk=pk)
    may_record = RecordRules(request.user, account.org).may_record()
    which = request.POST.get("form", "")
    post_form = forms.PostForm(request.POST if which == "post" else None, prefix="post")
    import_form = forms.ImportForm(
        request.POST if which == "import" else None,
        request.FILES if which == "import" else None,
        prefix="import",
    )
    monthly_form = forms.MonthlyForm(request.POST if which == "monthly" else None, prefix="monthly")
    bound = {"post": post_form, "import": import_form, "monthly": monthly_form}.get(which)
    if request.method == "POST" and bound is not None and bound.is_valid():
        data = bound.cleaned_data
        try:
            if which == "post":
                services.post_record(actor=request.user, account=account, **data)
                messages.success(request, "已登记。")
            elif which == "import":
                raw = data["file"].read(20 * 1024 * 1024 + 1)
                if len(raw) > 20 * 1024 * 1024:
                    raise ValidationError({"file": "文件过大（最多20 MB）。"})
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise ValidationError({"file": "请使用 UTF-8 编码的 CSV 文件。"}) from None
                imported, skipped = services.posts_import(actor=request.user, account=account, text=text)
                messages.success(request, f"已导入{imported}条，跳过已登记的{skipped}条。")
            else:
                services.monthly_count_record(actor=request.user, account=account, **data)
                messages.success(request, "已登记。")
        except ValidationError as exc:
            form_errors_from(bound, exc)
        else:
            return redirect("backoffice:account_detail", account.pk)
    return render(
        request,
        "backoffice/interpretation/account.html",
        {
            "account": account,
            "forms": [
                ("post", "登记一条", post_form),
                ("import", "导入 CSV", import_form),
                ("monthly", "登记月度发布数", monthly_form),
            ]
            if may_record
            else [],
            "posts": account.posts.all()[:50],
            "monthly": account.monthly_counts.all()[:24],
            "menu": "media",
        },
    )


# --- Statistics -----------------------------------------------------------------------------------------


@staff_required
def statistics(request):
    orgs = selectors.statistics_orgs(request.user)
    data = request.GET
    if not data and orgs.exists():  # the first visit: the user's first organisation, this year so far
        today = timezone.localdate()
        data = {
            "org": orgs[0].credit_code,
            "start": date(today.year, 1, 1).isoformat(),
            "end": today.isoformat(),
        }
    form = forms.StatisticsForm(data or None, orgs=orgs)
    figures = None
    if form.is_valid():
        data = form.cleaned_data
        figures = selectors.statistics(org=data["org"], start=data["start"], end=data["end"])
    return render(
        request,
        "backoffice/interpretation/statistics.html",
        {"form": form, "figures": figures, "menu": "interpretation_stats"},
    )


def _compilation_of(request):
    org = selectors.statistics_orgs(request.user).filter(credit_code=request.GET.get("org", "")).first()
    year = request.GET.get("year", "")
    if org is None or not (year.isascii() and year.isdigit()) or not (2000 <= int(year) <= 2100):
        raise Http404("请选择机构和年度。")
    return org, int(year)


def _attachment(content: bytes, content_type: str, *, year: int, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    ext = name.rsplit(".", 1)[-1]
    response["Content-Disposition"] = (
        f"attachment; filename=\"compilation-{year}.{ext}\"; filename*=UTF-8''{quote(name)}"
    )
    return response


@staff_required
def compilation(request):
    """The year's compilation of a region's interpretations (DOCX)."""
    org, year = _compilation_of(request)
    return _attachment(
        compilation_docx(org=org, year=year),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        year=year,
        name=f"{title_of(org=org, year=year)}.docx",
    )


@staff_required
def compilation_pdf(request):
    """The same compilation as PDF; without a Chinese font on the server, the statistics page says so."""
    org, year = _compilation_of(request)
    try:
        content = render_compilation_pdf(org=org, year=year)
    except FontMissing as exc:
        messages.error(request, exc.message)
        query = urlencode({"org": org.credit_code, "start": date(year, 1, 1), "end": date(year, 12, 31)})
        return redirect(f"{reverse('backoffice:interpretation_statistics')}?{query}")
    return _attachment(content, "application/pdf", year=year, name=f"{title_of(org=org, year=year)}.pdf")
