"""Staff pages of the reports: annual reports (build, check, edit, publish, export), the records behind every
number, office figures, monthly and quarterly figures, the statistics dashboard, report deadlines."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.backoffice.decorators import opens_for, staff_required
from gongkai.core import fonts
from gongkai.core.fonts import FontMissing
from gongkai.core.forms import form_errors_from, run_action, text_area
from gongkai.orgs.models import Organization
from gongkai.reports import builder, dashboard, exports, rules, selectors, services, tables
from gongkai.reports.models import OfficeFigures, Scope
from gongkai.reports.rules import ReportRules
from gongkai.reports.scopes import MIN_YEAR, resolve, validate_scope, validate_year, year_bounds

# --- Forms (validate and render; services save) ---------------------------------------------------


def _year_choices():
    this = timezone.localdate().year
    return [(y, f"{y}年") for y in range(this, MIN_YEAR - 1, -1)]


class OrgChoiceField(forms.ChoiceField):
    def __init__(self, *args, orgs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = [(o.credit_code, "　" * (o.depth - 1) + o.name) for o in orgs]


class ReportCreateForm(forms.Form):
    org = OrgChoiceField(label="机构")
    year = forms.TypedChoiceField(label="年度", coerce=int)
    scope = forms.ChoiceField(label="统计范围", choices=Scope.choices, initial=Scope.REGION)

    def __init__(self, *args, orgs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = OrgChoiceField(orgs=orgs).choices
        self.fields["year"].choices = _year_choices()
        self.fields["year"].initial = timezone.localdate().year - 1


class NarrativeForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    overview = text_area("一、总体情况", rows=14, required=False)
    problems = text_area("五、存在的主要问题及改进情况", rows=8, required=False)
    other_matters = text_area("六、其他需要报告的事项", rows=6, required=False)


class OfficeFiguresForm(forms.Form):
    # Plain text inputs: the service parses and explains bad numbers in Chinese.
    licensing_decisions = forms.CharField(
        label="行政许可本年处理决定数量（件）", required=False, max_length=20
    )
    penalty_decisions = forms.CharField(label="行政处罚本年处理决定数量（件）", required=False, max_length=20)
    coercion_decisions = forms.CharField(
        label="行政强制本年处理决定数量（件）", required=False, max_length=20
    )
    fee_income_wan = forms.CharField(
        label="行政事业性收费本年收费金额（万元）",
        required=False,
        max_length=30,
        help_text="单位万元，最多4位小数",
    )
    note = forms.CharField(label="说明", required=False, max_length=300)


def _scope_params(request, user) -> tuple[Organization, int, str]:
    """org / year / scope from the query string, checked (a clear Chinese error, never a 500)."""
    orgs = rules.orgs_to_view(user)
    code = request.GET.get("org") or ""
    org = orgs.filter(credit_code=code.upper()).first() if code else orgs.first()
    if org is None:
        raise Http404("没有找到该机构。")
    year = validate_year(request.GET.get("year") or timezone.localdate().year - 1)
    default_scope = Scope.REGION if org.kind == "government" else Scope.ALONE
    scope = validate_scope(org, request.GET.get("scope") or default_scope)
    return org, year, scope


def _error_page(request, exc: ValidationError, *, menu="reports", status=400):
    return render(
        request, "backoffice/reports/error.html", {"errors": exc.messages, "menu": menu}, status=status
    )


# --- Annual reports -------------------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def report_list(request):
    editable = rules.orgs_to_draft(request.user)
    form = ReportCreateForm(request.POST or None, orgs=editable)
    if request.method == "POST" and form.is_valid():
        org = editable.filter(credit_code=form.cleaned_data["org"]).first()
        try:
            if org is None:
                raise ValidationError("没有找到该机构。")
            report = services.annual_report_create(
                actor=request.user, org=org, year=form.cleaned_data["year"], scope=form.cleaned_data["scope"]
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, f"已生成《{report.title}》草稿。")
            return redirect("backoffice:report_detail", pk=report.pk)
    page = Paginator(
        selectors.reports_for_staff(request.user).order_by("-year", "org__path", "scope"), 30
    ).get_page(request.GET.get("page"))
    today = timezone.localdate()
    due = selectors.reports_due(today=today, user=request.user)
    return render(
        request,
        "backoffice/reports/list.html",
        {
            "page": page,
            "form": form,
            "due": due[:10],
            "due_count": len(due),
            "menu": "reports",
            "today": today,
        },
    )


def _record_url(ref: str, report_pk: int) -> str:
    return reverse("backoffice:report_records", kwargs={"pk": report_pk}) + "?" + urlencode({"ref": ref})


@staff_required
def report_detail(request, pk: int):
    report = selectors.get_report_for_staff(user=request.user, pk=pk)
    data = services.report_data(report)
    statutory = tables.link_cells(tables.statutory_tables(data), lambda ref: _record_url(ref, report.pk))
    proactive = tables.link_cells(tables.proactive_tables(data), lambda ref: _record_url(ref, report.pk))
    for check in data["checks"]:
        for failure in check["failures"]:
            failure["url"] = _record_url(failure["records"], report.pk)
    ctx = exports.document_context(data)
    ctx.update(
        {
            "report": report,
            "data": data,
            "statutory": statutory,
            "proactive": proactive,
            **{
                f"can_{name}": is_open
                for name, is_open in ReportRules(request.user, report).open_actions().items()
            },
            "problems": [] if report.is_published else services.publication_problems(report, data),
            "all_passed": all(c["passed"] for c in data["checks"]),
            "deadline": services.deadline_for(report.org, report.year),
            "formats": exports.FORMATS,
            "menu": "reports",
        }
    )
    return render(request, "backoffice/reports/detail.html", ctx)


@staff_required
@require_http_methods(["GET", "POST"])
def report_edit(request, pk: int):
    report = selectors.get_report_for_staff(user=request.user, pk=pk)
    initial = {"title": report.title, "overview": report.overview, "problems": report.problems,
               "other_matters": report.other_matters}  # fmt: skip
    form = NarrativeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.annual_report_update(actor=request.user, report=report, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("backoffice:report_detail", pk=report.pk)
    return render(
        request, "backoffice/reports/edit.html", {"form": form, "report": report, "menu": "reports"}
    )


@staff_required
@require_POST
def report_redraft(request, pk: int):
    report = selectors.get_report_for_staff(user=request.user, pk=pk)
    try:
        services.annual_report_redraft(actor=request.user, report=report)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已按最新数据重新生成文字草稿。")
    return redirect("backoffice:report_detail", pk=report.pk)


@staff_required
@require_POST
def report_submit(request, pk: int):
    report = selectors.get_report_for_staff(user=request.user, pk=pk)
    run_action(
        request,
        lambda: services.annual_report_submit(actor=request.user, report=report),
        f"已提交工作机构负责人审批《{report.title}》。",
    )
    return redirect("backoffice:report_detail", pk=report.pk)


@staff_required
@require_POST
def report_approve(request, pk: int):
    report = selectors.get_report_for_staff(user=request.user, pk=pk)
    approved = run_action(
        request,
        lambda: services.annual_report_approve(actor=request.user, report=report),
        f"已批准发布《{report.title}》，并已在政府信息公开目录（年度报告）中公开。",
    )
    if approved and not fonts.cjk_font_available():
        messages.warning(
            request, f"{fonts.MESSAGE}目录中的PDF附件将在安装字体后由 gongkai report_pdfs 补充。"
        )
    return redirect("backoffice:report_detail", pk=report.pk)


@staff_required
@require_POST
def report_return(request, pk: int):
    report = selectors.get_report_for_staff(user=request.user, pk=pk)
    note = request.POST.get("note", "")
    run_action(
        request,
        lambda: services.annual_report_return(actor=request.user, report=report, note=note),
        "已退回工作机构修改。",
    )
    return redirect("backoffice:report_detail", pk=report.pk)


@staff_required
def report_export(request, pk: int, fmt: str):
    report = selectors.get_report_for_staff(user=request.user, pk=pk)
    if fmt not in exports.FORMATS:
        raise Http404("不支持该导出格式。")
    data = services.report_data(report)
    try:
        return _download(data, fmt, inline=fmt in {"html", "json"})
    except FontMissing as exc:
        messages.error(request, exc.message)
        return redirect("backoffice:report_detail", pk=report.pk)


def _download(data: dict, fmt: str, *, inline: bool = False) -> HttpResponse:
    from urllib.parse import quote

    content = exports.render(data, fmt)
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    name = quote(exports.filename(data, fmt))
    response["Content-Disposition"] = f"{'inline' if inline else 'attachment'}; filename*=UTF-8''{name}"
    if fmt == "html":
        exports.allow_own_styles(response, content)
    return response


RECORD_LINKS = {
    "item": ["backoffice:catalog_item", "portal:catalog_item"],
    "application": ["backoffice:foi_application", "backoffice:foi_detail", "backoffice:application_detail"],
}


def _link(kind: str, obj) -> str:
    for name in RECORD_LINKS.get(kind, []):
        for kwargs in (
            {"slug": getattr(obj, "slug", None)},
            {"pk": obj.pk},
            {"tracking_no": getattr(obj, "tracking_no", None)},
        ):
            if None in kwargs.values():
                continue
            try:
                return reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                continue
    return ""


def records_url(org: Organization, year: int, scope: str, ref: str) -> str:
    """The staff page listing the records behind the figure `ref` ("<start>~<end>~<ref>" for a period)."""
    params = {"org": org.credit_code, "year": year, "scope": scope}
    if ref.count("~") == 2:
        params["start"], params["end"], ref = ref.split("~")
    params["ref"] = ref
    return reverse("backoffice:report_records_scope") + "?" + urlencode(params)


@staff_required
def report_records(request, pk: int):
    """The records behind one number of a report (or behind a failing check)."""
    report = selectors.get_report_for_staff(user=request.user, pk=pk)
    start, end = year_bounds(report.year)
    return _records(request, report.org, report.scope, start, end, back=(report.title, report.pk))


@staff_required
def records(request):
    """The records behind a number of the statistics, period or league pages (org, year, scope, ref)."""
    try:
        org, year, scope = _scope_params(request, request.user)
        start, end = year_bounds(year)
        if request.GET.get("start") or request.GET.get("end"):
            from datetime import date

            try:
                start, end = date.fromisoformat(request.GET["start"]), date.fromisoformat(request.GET["end"])
            except (KeyError, ValueError):
                raise ValidationError("统计期间无效。") from None
            if not (year_bounds(year)[0] <= start <= end <= year_bounds(year)[1]):
                raise ValidationError("统计期间须在所选年度之内。")
    except ValidationError as exc:
        return _error_page(request, exc)
    return _records(request, org, scope, start, end)


def _records(request, org, scope, start, end, back=None):
    ref = request.GET.get("ref", "")
    rs = resolve(org, scope)
    try:
        kind, qs = selectors.records_for(rs, ref, start, end)
    except selectors.UnknownFigure:
        raise Http404("没有找到该数字对应的记录。") from None
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    rows = [(obj, _link(kind, obj)) for obj in page.object_list]
    query = {k: v for k, v in request.GET.items() if k != "page"}
    return render(
        request,
        "backoffice/reports/records.html",
        {
            "back": back,
            "org": org,
            "scope_label": rs.scope_label,
            "start": start,
            "end": end,
            "ref": ref,
            "kind": kind,
            "page": page,
            "rows": rows,
            "query": urlencode(query),
            "menu": "reports",
        },
    )


# --- Office figures -------------------------------------------------------------------------------


@staff_required
@opens_for(rules.may_enter_figures_somewhere, "只有公开工作机构或监督人员可以填报年度报告数据。")
@require_http_methods(["GET", "POST"])
def office_figures(request):
    orgs = rules.orgs_to_draft(request.user)
    code = request.GET.get("org") or ""
    org = orgs.filter(credit_code=code.upper()).first() if code else orgs.first()
    if org is None:
        raise Http404("没有找到该机构。")
    try:
        year = validate_year(request.GET.get("year") or timezone.localdate().year - 1)
    except ValidationError as exc:
        return _error_page(request, exc)
    row = OfficeFigures.objects.filter(org=org, year=year).first()
    initial = {f: getattr(row, f) for f in OfficeFigures.FIELDS} if row else {}
    form = OfficeFiguresForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.office_figures_save(actor=request.user, org=org, year=year, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, f"已保存{org.name}{year}年填报数据。")
            return redirect(
                reverse("backoffice:report_figures") + "?" + urlencode({"org": org.credit_code, "year": year})
            )
    entered = (
        OfficeFigures.objects.filter(org__in=orgs, year=year).select_related("org").order_by("org__path")
    )
    return render(
        request,
        "backoffice/reports/figures.html",
        {"form": form, "org": org, "year": year, "orgs": orgs, "years": _year_choices(), "entered": entered,
         "menu": "report_figures"},
        status=400 if request.method == "POST" else 200,
    )  # fmt: skip


# --- Monthly and quarterly figures ----------------------------------------------------------------


@staff_required
def periods(request):
    try:
        org, year, scope = _scope_params(request, request.user)
        kind = request.GET.get("kind") or "month"
        data = builder.build_periods(org=org, year=year, scope=scope, kind=kind)
    except ValidationError as exc:
        return _error_page(request, exc, menu="report_periods")
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        response = HttpResponse(exports.period_to_xlsx(data), content_type=exports.CONTENT_TYPES["xlsx"])
        from urllib.parse import quote

        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(data['title'])}.xlsx"
        return response
    if fmt == "json":
        return HttpResponse(exports.to_json(data), content_type=exports.CONTENT_TYPES["json"])

    def link(ref: str) -> str:
        return records_url(org, year, scope, ref)

    selected = request.GET.get("period") or data["periods"][0]["key"]
    period = next((p for p in data["periods"] if p["key"] == selected), data["periods"][0])
    return render(
        request,
        "backoffice/reports/periods.html",
        {
            "data": data,
            "summary": tables.link_cells([tables.period_summary(data)], link)[0],
            "period": period,
            "period_table": tables.link_cells(
                [tables.table3(period, period=True)],
                lambda ref: link(f"{period['start']}~{period['end']}~{ref}"),
            )[0],
            "org": org,
            "year": year,
            "scope": scope,
            "kind": kind,
            "orgs": rules.orgs_to_view(request.user),
            "years": _year_choices(),
            "scopes": Scope.choices,
            "query": urlencode({"org": org.credit_code, "year": year, "scope": scope, "kind": kind}),
            "menu": "report_periods",
        },
    )


# --- Dashboard and deadlines ----------------------------------------------------------------------


@staff_required
def statistics(request):
    try:
        org, year, scope = _scope_params(request, request.user)
    except ValidationError as exc:
        return _error_page(request, exc, menu="report_stats")
    stats = dashboard.statistics(org, scope, year, today=timezone.localdate(), staff=True)
    return render(
        request,
        "backoffice/reports/statistics.html",
        {
            "stats": stats,
            "stats_charts": [
                stats["items_chart"],
                stats["applications_chart"],
                stats["outcomes_chart"],
                stats["due_chart"],
                stats["league_chart"],
            ],
            "org": org,
            "year": year,
            "scope": scope,
            "records_base": reverse("backoffice:report_records_scope")
            + "?"
            + urlencode({"org": org.credit_code, "year": year, "scope": scope}),
            "orgs": rules.orgs_to_view(request.user),
            "years": _year_choices(),
            "scopes": Scope.choices,
            "menu": "report_stats",
        },
    )


@staff_required
def deadlines(request):
    today = timezone.localdate()
    return render(
        request,
        "backoffice/reports/deadlines.html",
        {"due": selectors.reports_due(today=today, user=request.user), "today": today, "menu": "reports"},
    )
