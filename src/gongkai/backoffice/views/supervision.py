"""Staff pages of supervision: the self-check dashboard (region and per organisation), circulars and their
problems, work plans and tasks, inspections and findings, assessment results with their evidence, periodic
reports and the region's compiled report. Each POST calls one service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.backoffice.decorators import opens_for, staff_required
from gongkai.catalog import selectors as catalog_selectors
from gongkai.catalog.rules import ItemRules
from gongkai.core.forms import form_errors_from, run_service, text_area
from gongkai.core.widgets import DateInput
from gongkai.supervision import exports, rules, selectors, services
from gongkai.supervision.models import (
    CircularState,
    FindingState,
    Inspection,
    InspectionMode,
    MeetingKind,
    PeriodicReport,
    PeriodKind,
    Scheme,
    Severity,
    SubmissionState,
    Task,
    WorkPlan,
)

OPEN = "只有主管部门和各单位的公开工作机构可以打开监督保障页面。"
SUPERVISE = "只有主管部门（政府办公室监督岗）可以执行该操作。"

# --- Forms (validate and render; services save) ------------------------------------------------------------


class CircularForm(forms.Form):
    scope = forms.TypedChoiceField(label="通报范围", coerce=int)
    period_start = forms.DateField(label="期间起", widget=DateInput())
    period_end = forms.DateField(label="期间止", widget=DateInput())
    title = forms.CharField(label="标题", max_length=200, required=False, help_text="留空则按期间生成")
    rectify_by = forms.DateField(label="整改期限", required=False, widget=DateInput())

    def __init__(self, *args: Any, orgs: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["scope"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(o.pk, o.name) for o in orgs]


class CircularEditForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    doc_no = forms.CharField(label="文号", max_length=60, required=False)
    body = text_area("正文", 50000, rows=12)
    rectify_by = forms.DateField(label="整改期限", required=False, widget=DateInput())


class ResponseForm(forms.Form):
    response = text_area("整改说明", 4000, rows=3)


class VerifyForm(forms.Form):
    note = text_area("核实意见", 2000, required=False)


class TaskReportForm(forms.Form):
    org = forms.TypedChoiceField(label="报告单位", coerce=int)
    progress = text_area("进展情况", 4000, rows=4)
    completed = forms.BooleanField(label="已完成", required=False)
    index_nos = text_area(
        "佐证信息索引号", 2000, required=False, help_text="政府信息公开目录中的信息，每行一个索引号"
    )
    links = text_area("其他佐证（网址）", 2000, required=False)
    evidence = forms.FileField(
        label="佐证文件", required=False, help_text="PDF、OFD、Word、Excel、WPS、图片或 ZIP，按附件的规则检查",
        error_messages={"empty": "文件为空。"},
    )  # fmt: skip

    def __init__(self, *args: Any, orgs: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["org"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(o.pk, o.name) for o in orgs]


class PrepareForm(forms.Form):
    org = forms.TypedChoiceField(label="报送单位", coerce=int)
    kind = forms.ChoiceField(label="类别", choices=PeriodKind.choices)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    period = forms.IntegerField(label="月份或季度", min_value=1, max_value=12)

    def __init__(self, *args: Any, orgs: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["org"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(o.pk, o.name) for o in orgs]


class SubmitForm(forms.Form):
    summary = text_area("工作小结", 20000, rows=6)


class ReturnForm(forms.Form):
    comment = text_area("退回意见", 4000, rows=3)


class CompiledForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=PeriodKind.choices)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    period = forms.IntegerField(label="月份或季度", min_value=1, max_value=12)


def _fail(form: forms.Form, exc: ValidationError | PermissionDenied) -> None:
    if isinstance(exc, PermissionDenied):
        form.add_error(None, str(exc) or "您无权执行该操作。")
    else:
        form_errors_from(form, exc)


def _page(request: Any, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(
        request, f"backoffice/supervision/{template}", {"menu": "supervision", **context}, status=status
    )


# --- Self-checks -------------------------------------------------------------------------------------------------


@require_GET
@staff_required
@opens_for(rules.can_open, OPEN)
def dashboard(request: Any) -> HttpResponse:
    orgs = rules.visible_orgs(request.user)
    org_pk = request.GET.get("org", "")
    if org_pk:
        if not (org_pk.isascii() and org_pk.isdigit()):
            raise Http404("没有这个机构。")
        org = selectors.get_org_for_staff(user=request.user, pk=int(org_pk))
        rows = selectors.dashboard(orgs.filter(pk=org.pk))
        checks = []
        for c in rows[0].checks if rows else []:
            links = selectors.resolve_refs([e["ref"] for e in c.evidence], request.user)
            checks.append(
                (c, [(e["label"], url) for e, (_r, _o, url) in zip(c.evidence, links, strict=True)])
            )
        return _page(
            request, "checks_org.html", {"org": org, "row": rows[0] if rows else None, "checks": checks}
        )
    rows = selectors.dashboard(orgs)
    flagged = [r for r in rows if r.vetoes or r.warnings]
    return _page(request, "dashboard.html", {
        "rows": flagged, "day": rows[0].on if rows else None, "clean": [r.org for r in rows if r not in flagged],
    })  # fmt: skip


# --- Circulars -----------------------------------------------------------------------------------------------------


@require_GET
@staff_required
@opens_for(rules.can_open, OPEN)
def circular_list(request: Any) -> HttpResponse:
    circulars = list(selectors.circulars_for(request.user).order_by("-period_start", "-pk")[:100])
    return _page(
        request, "circulars.html", {"circulars": circulars, "supervising": rules.can_supervise(request.user)}
    )


@require_http_methods(["GET", "POST"])
@staff_required
@opens_for(rules.can_supervise, SUPERVISE)
def circular_new(request: Any) -> HttpResponse:
    orgs = list(rules.supervised_orgs(request.user))
    form = CircularForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        scope = next(o for o in orgs if o.pk == form.cleaned_data["scope"])
        issuer = next((o for o in orgs if o.is_competent_department), scope)
        try:
            circular = services.circular_draft(
                actor=request.user, org=issuer, scope=scope, period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"], title=form.cleaned_data["title"],
                rectify_by=form.cleaned_data["rectify_by"],
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as exc:
            _fail(form, exc)
        else:
            messages.success(request, "已根据记录起草通报，请修改正文后送审。")
            return redirect(reverse("backoffice:supervision_circular", args=[circular.pk]))
    return _page(
        request, "form.html", {"form": form, "title": "起草通报"}, status=400 if form.errors else 200
    )


def _circular_context(request: Any, circular: Any, **forms_: Any) -> dict[str, Any]:
    problems = list(circular.problems.select_related("org"))
    links = {r: url for r, _obj, url in selectors.resolve_refs([p.ref for p in problems], request.user)}
    supervising = rules.may_supervise(request.user, circular.org)
    return {
        "circular": circular,
        "problems": [(p, links.get(p.ref, ""), rules.may_report(request.user, p.org)) for p in problems],
        "supervising": supervising,
        "can_approve": circular.state == CircularState.DRAFT
        and rules.may_approve_circular(request.user, circular.org, circular.drafted_by_id),
        "edit_form": forms_.get("edit")
        or CircularEditForm(
            initial={
                "title": circular.title,
                "doc_no": circular.doc_no,
                "body": circular.body,
                "rectify_by": circular.rectify_by,
            }
        ),
        "rectify_form": forms_.get("rectify") or ResponseForm(),
        "open": sum(1 for p in problems if not p.rectified),
    }


@require_GET
@staff_required
@opens_for(rules.can_open, OPEN)
def circular_detail(request: Any, pk: int) -> HttpResponse:
    circular = selectors.get_circular_for_staff(user=request.user, pk=pk)
    return _page(request, "circular.html", _circular_context(request, circular))


CIRCULAR_ACTIONS: dict[str, tuple[Callable[..., Any], str]] = {
    "edit": (lambda r, c, d: services.circular_edit(actor=r.user, circular=c, **d), "已保存。"),
    "approve": (lambda r, c, d: services.circular_approve(actor=r.user, circular=c), "已审定。"),
    "issue_public": (
        lambda r, c, d: services.circular_issue(actor=r.user, circular=c, public=True),
        "已公开发布。",
    ),
    "issue_internal": (
        lambda r, c, d: services.circular_issue(actor=r.user, circular=c, public=False),
        "已内部印发。",
    ),
    "refresh": (
        lambda r, c, d: services.problems_refresh(actor=r.user, circular=c),
        "已按记录核对整改情况。",
    ),
}


@require_POST
@staff_required
@opens_for(rules.can_open, OPEN)
def circular_action(request: Any, pk: int, name: str) -> HttpResponse:
    circular = selectors.get_circular_for_staff(user=request.user, pk=pk)
    if name not in CIRCULAR_ACTIONS:
        raise Http404("没有该操作。")
    form: forms.Form = CircularEditForm(request.POST) if name == "edit" else forms.Form(request.POST)
    run, done = CIRCULAR_ACTIONS[name]
    if run_service(form, lambda data: run(request, circular, data)):
        messages.success(request, done)
        return redirect(reverse("backoffice:supervision_circular", args=[circular.pk]))
    circular.refresh_from_db()
    context = _circular_context(request, circular, edit=form if name == "edit" else None)
    context["action_errors"] = form.non_field_errors()
    return _page(request, "circular.html", context, status=400)


@require_POST
@staff_required
@opens_for(rules.can_open, OPEN)
def problem_rectify(request: Any, pk: int) -> HttpResponse:
    problem = selectors.get_problem_for_staff(user=request.user, pk=pk)
    form = ResponseForm(request.POST)
    if run_service(
        form, lambda d: services.problem_rectify(actor=request.user, problem=problem, response=d["response"])
    ):
        messages.success(request, "已报告整改。")
        return redirect(reverse("backoffice:supervision_circular", args=[problem.circular_id]))
    context = _circular_context(request, problem.circular, rectify=form)
    context["action_errors"] = form.non_field_errors()
    return _page(request, "circular.html", context, status=400)


# --- Plans and tasks -------------------------------------------------------------------------------------------------


@require_GET
@staff_required
@opens_for(rules.can_open, OPEN)
def plan_list(request: Any) -> HttpResponse:
    plans: list[WorkPlan] = list(selectors.plans_for(request.user).order_by("-year", "org__path")[:100])
    today = timezone.localdate()
    overdue = list(selectors.overdue_tasks(request.user, today).select_related("plan", "lead_org")[:200])
    return _page(request, "plans.html", {"plans": plans, "overdue": overdue, "today": today})


@require_GET
@staff_required
@opens_for(rules.can_open, OPEN)
def plan_detail(request: Any, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_staff(user=request.user, pk=pk)
    today = timezone.localdate()
    tasks = list(plan.tasks.select_related("lead_org").prefetch_related("co_orgs"))
    opens = set(selectors.tasks_for(request.user).filter(plan=plan).values_list("pk", flat=True))
    return _page(request, "plan.html", {
        "plan": plan, "today": today, "completion": selectors.task_completion(plan, today),
        "supervising": rules.may_supervise(request.user, plan.org),
        "may_draft_list": plan.list_item_id is None and bool(tasks) and ItemRules(request.user, org=plan.org).may_draft(),
        "tasks": [(t, t.is_overdue_on(today), t.pk in opens) for t in tasks],
    })  # fmt: skip


@require_POST
@staff_required
@opens_for(rules.can_open, OPEN)
def plan_draft_list(request: Any, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_staff(user=request.user, pk=pk)
    try:
        item = services.plan_draft_list(actor=request.user, plan=plan)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
        return redirect(reverse("backoffice:supervision_plan", args=[plan.pk]))
    messages.success(request, "已起草任务清单，请补充后送审公开。")
    return redirect(reverse("backoffice:catalog_item", args=[item.pk]))


def _task_orgs(user: Any, task: Task) -> list[Any]:
    candidates = [task.lead_org, *task.co_orgs.all()]
    return [o for o in candidates if rules.may_report(user, o)]


@require_http_methods(["GET", "POST"])
@staff_required
@opens_for(rules.can_open, OPEN)
def task_detail(request: Any, pk: int) -> HttpResponse:
    task = selectors.get_task_for_staff(user=request.user, pk=pk)
    orgs = _task_orgs(request.user, task)
    form = TaskReportForm(request.POST or None, request.FILES or None, orgs=orgs)
    if request.method == "POST":
        if not orgs:
            raise PermissionDenied("您不是本任务牵头或责任单位的人员。")
        if form.is_valid():
            numbers = [n.strip() for n in form.cleaned_data["index_nos"].splitlines() if n.strip()]
            items = list(catalog_selectors.items_visible_to(request.user).filter(index_no__in=numbers))
            if len(items) != len(set(numbers)):
                form.add_error("index_nos", "有索引号在您可见的已公开信息中找不到，请核对。")
            else:
                try:
                    services.task_report(
                        actor=request.user, task=task, org=next(o for o in orgs if o.pk == form.cleaned_data["org"]),
                        progress=form.cleaned_data["progress"], completed=form.cleaned_data["completed"],
                        items=items, links=form.cleaned_data["links"], evidence=form.cleaned_data["evidence"],
                    )  # fmt: skip
                except (ValidationError, PermissionDenied) as exc:
                    _fail(form, exc)
                else:
                    messages.success(request, "已报告进展。")
                    return redirect(reverse("backoffice:supervision_task", args=[task.pk]))
    reports = list(task.reports.select_related("org").prefetch_related("items"))
    return _page(
        request, "task.html", {"task": task, "reports": reports, "form": form if orgs else None},
        status=400 if form.errors else 200,
    )  # fmt: skip


@require_GET
@staff_required
@opens_for(rules.can_open, OPEN)
def task_evidence(request: Any, pk: int) -> FileResponse:
    """The evidence file of a progress report, for those who see the task."""
    report = selectors.get_task_report_for_staff(user=request.user, pk=pk)
    if not report.evidence_file:
        raise Http404("该进展没有佐证文件。")
    try:
        handle = report.evidence_file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("文件不存在。") from None
    response = FileResponse(handle, as_attachment=True, filename=report.evidence_name)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- Inspections -----------------------------------------------------------------------------------------------------


@require_GET
@staff_required
@opens_for(rules.can_open, OPEN)
def inspection_list(request: Any) -> HttpResponse:
    inspections: list[Inspection] = list(selectors.inspections_for(request.user)[:100])
    meetings = list(selectors.meetings_for(request.user)[:50])
    return _page(request, "inspections.html", {"inspections": inspections, "meetings": meetings})


def _inspection_context(request: Any, inspection: Inspection, errors: Any = None) -> dict[str, Any]:
    findings = list(inspection.findings.select_related("org"))
    supervising = rules.may_supervise(request.user, inspection.org)
    return {
        "inspection": inspection, "units": list(inspection.units.all()), "errors": errors, "supervising": supervising,
        "findings": [
            (f, rules.may_report(request.user, f.org) and f.state == FindingState.OPEN,
             supervising and f.state == FindingState.RESPONDED)
            for f in findings
        ],
    }  # fmt: skip


@require_GET
@staff_required
@opens_for(rules.can_open, OPEN)
def inspection_detail(request: Any, pk: int) -> HttpResponse:
    inspection = selectors.get_inspection_for_staff(user=request.user, pk=pk)
    return _page(request, "inspection.html", _inspection_context(request, inspection))


@require_POST
@staff_required
@opens_for(rules.can_open, OPEN)
def finding_action(request: Any, pk: int, name: str) -> HttpResponse:
    finding = selectors.get_finding_for_staff(user=request.user, pk=pk)
    form: forms.Form
    if name == "respond":
        form = ResponseForm(request.POST)
    elif name in ("verify", "reopen"):
        form = VerifyForm(request.POST)
    else:
        raise Http404("没有该操作。")

    def act(d: dict[str, Any]) -> object:
        if name == "respond":
            return services.finding_respond(actor=request.user, finding=finding, response=d["response"])
        return services.finding_verify(
            actor=request.user, finding=finding, accepted=name == "verify", note=d["note"]
        )

    if run_service(form, act):
        messages.success(request, "已保存。")
        return redirect(reverse("backoffice:supervision_inspection", args=[finding.inspection_id]))
    errors = [*form.non_field_errors(), *[e for errs in form.errors.values() for e in errs]]
    return _page(
        request, "inspection.html", _inspection_context(request, finding.inspection, errors), status=400
    )


# --- Assessment --------------------------------------------------------------------------------------------------------


@require_GET
@staff_required
@opens_for(rules.can_open, OPEN)
def scheme_list(request: Any) -> HttpResponse:
    schemes: list[Scheme] = list(selectors.schemes_for(request.user).order_by("-year", "pk")[:50])
    return _page(request, "schemes.html", {"schemes": schemes})


@require_GET
@staff_required
@opens_for(rules.can_open, OPEN)
def scheme_detail(request: Any, pk: int) -> HttpResponse:
    scheme = selectors.get_scheme_for_staff(user=request.user, pk=pk)
    supervising = rules.may_supervise(request.user, scheme.org)
    results = selectors.results(scheme)
    if not supervising:  # a unit sees its own line of a published result
        results = [r for r in results if rules.may_see(request.user, r.org)]
    indicators = list(scheme.indicators.select_related("parent"))
    scores = {(s.indicator_id, s.org_id): s for s in selectors.scores_of(scheme)}
    table = [
        (r, [(i, scores.get((i.pk, r.org.pk))) for i in indicators if not i.children.exists()])
        for r in results
    ]
    context = {"scheme": scheme, "indicators": indicators, "table": table, "supervising": supervising}
    return _page(request, "scheme.html", context)


@require_GET
@staff_required
@opens_for(rules.can_open, OPEN)
def score_detail(request: Any, pk: int) -> HttpResponse:
    score = selectors.get_score_for_staff(user=request.user, pk=pk)
    return _page(
        request,
        "score.html",
        {"score": score, "records": selectors.resolve_refs(score.evidence, request.user)},
    )


# --- Periodic reports ----------------------------------------------------------------------------------------------------


def _reporting_orgs(user: Any) -> list[Any]:
    return [o for o in rules.visible_orgs(user) if rules.may_report(user, o)]


@require_http_methods(["GET", "POST"])
@staff_required
@opens_for(rules.can_open, OPEN)
def report_list(request: Any) -> HttpResponse:
    orgs = _reporting_orgs(request.user)
    today = timezone.localdate()
    prepare = PrepareForm(request.POST or None, orgs=orgs, initial={"kind": "month", "year": today.year,
                                                                      "period": max(1, today.month - 1)})  # fmt: skip
    if request.method == "POST" and prepare.is_valid():
        try:
            report = services.report_prepare(
                actor=request.user, org=next(o for o in orgs if o.pk == prepare.cleaned_data["org"]),
                kind=prepare.cleaned_data["kind"], year=prepare.cleaned_data["year"],
                period=prepare.cleaned_data["period"],
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as exc:
            _fail(prepare, exc)
        else:
            return redirect(reverse("backoffice:supervision_report", args=[report.pk]))
    compiled_form = CompiledForm(request.GET or None)
    compiled = scope = None
    supervised = list(rules.supervised_orgs(request.user))
    if supervised and compiled_form.is_valid():
        scope = supervised[0]
        compiled = selectors.compiled(scope, compiled_form.cleaned_data["kind"], compiled_form.cleaned_data["year"],
                                      compiled_form.cleaned_data["period"])  # fmt: skip
    reports: list[PeriodicReport] = list(selectors.reports_for(request.user)[:200])
    return _page(request, "reports.html", {
        "reports": reports, "prepare": prepare if orgs else None, "compiled_form": compiled_form if supervised else None,
        "compiled": compiled, "scope": scope, "figures": selectors.FIGURES, "query": request.GET.urlencode(),
    }, status=400 if prepare.errors else 200)  # fmt: skip


@require_GET
@staff_required
@opens_for(rules.can_supervise, SUPERVISE)
def report_compiled(request: Any, fmt: str) -> HttpResponse:
    if fmt not in ("xlsx", "docx"):
        raise Http404("没有这种格式。")
    form = CompiledForm(request.GET)
    supervised = list(rules.supervised_orgs(request.user))
    if not form.is_valid() or not supervised:
        raise Http404("请选择类别、年度和期间。")
    scope = supervised[0]
    c = selectors.compiled(
        scope, form.cleaned_data["kind"], form.cleaned_data["year"], form.cleaned_data["period"]
    )
    if fmt == "xlsx":
        body, ctype = (
            exports.to_xlsx(scope, c),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        body, ctype = (
            exports.to_docx(scope, c),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="compiled-{c.kind}-{c.year}-{c.period}.{fmt}"'
    return response


def _report_context(request: Any, report: PeriodicReport, **forms_: Any) -> dict[str, Any]:
    unit = rules.may_report(request.user, report.org)
    upper = services.reporting_supervisor(request.user, report)
    return {
        "report": report,
        "figures": [(label, report.figures[k]) for k, label in selectors.FIGURES.items() if k in report.figures],
        "submit_form": forms_.get("submit") or SubmitForm(initial={"summary": report.summary})
        if unit and report.state in (SubmissionState.DRAFT, SubmissionState.RETURNED) else None,
        "return_form": forms_.get("return") or ReturnForm() if upper and report.state == SubmissionState.SUBMITTED else None,
        "can_accept": upper and report.state == SubmissionState.SUBMITTED,
        "can_refresh": unit and report.state in (SubmissionState.DRAFT, SubmissionState.RETURNED),
    }  # fmt: skip


@require_GET
@staff_required
@opens_for(rules.can_open, OPEN)
def report_detail(request: Any, pk: int) -> HttpResponse:
    report = selectors.get_report_for_staff(user=request.user, pk=pk)
    return _page(request, "report.html", _report_context(request, report))


@require_POST
@staff_required
@opens_for(rules.can_open, OPEN)
def report_action(request: Any, pk: int, name: str) -> HttpResponse:
    report = selectors.get_report_for_staff(user=request.user, pk=pk)
    form: forms.Form
    if name == "submit":
        form = SubmitForm(request.POST)
    elif name == "return":
        form = ReturnForm(request.POST)
    elif name in ("accept", "refresh"):
        form = forms.Form(request.POST)
    else:
        raise Http404("没有该操作。")

    def act(d: dict[str, Any]) -> object:
        if name == "submit":
            return services.report_submit(actor=request.user, report=report, summary=d["summary"])
        if name == "return":
            return services.report_return(actor=request.user, report=report, comment=d["comment"])
        if name == "accept":
            return services.report_accept(actor=request.user, report=report)
        return services.report_prepare(
            actor=request.user, org=report.org, kind=report.kind, year=report.year, period=report.period
        )

    if run_service(form, act):
        messages.success(request, "已保存。")
        return redirect(reverse("backoffice:supervision_report", args=[report.pk]))
    report.refresh_from_db()
    context = _report_context(request, report, **{name: form})
    context["action_errors"] = form.non_field_errors()
    return _page(request, "report.html", context, status=400)


# --- Entry by the competent department ---------------------------------------------------------------------------


def _choices(form: forms.Form, name: str, choices: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class PlanForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="名称", max_length=200)
    parent = forms.TypedChoiceField(label="上级要点", coerce=int, required=False, empty_value=None)
    remind_days = forms.IntegerField(label="到期前提醒（日）", min_value=0, max_value=90, initial=7)


class TaskForm(forms.Form):
    number = forms.CharField(label="序号", max_length=20)
    text = text_area("工作任务", 2000, rows=3)
    requirement = text_area("具体要求", 4000, rows=3, required=False)
    lead_org = forms.TypedChoiceField(label="牵头单位", coerce=int)
    co_orgs = forms.TypedMultipleChoiceField(
        label="责任单位", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    due_on = forms.DateField(label="时限", required=False, widget=DateInput())
    ongoing = forms.BooleanField(label="持续推进", required=False)
    evidence_required = forms.CharField(label="佐证材料要求", max_length=300, required=False)


class InspectionForm(forms.Form):
    title = forms.CharField(label="名称", max_length=200)
    mode = forms.ChoiceField(label="方式", choices=InspectionMode.choices)
    held_on = forms.DateField(label="检查日期", widget=DateInput())
    joint_with = forms.CharField(label="联合检查单位", max_length=200, required=False)
    units = forms.TypedMultipleChoiceField(
        label="被检查单位", coerce=int, widget=forms.CheckboxSelectMultiple
    )


class FindingForm(forms.Form):
    org = forms.TypedChoiceField(label="被检查单位", coerce=int)
    indicator = forms.CharField(label="检查指标", max_length=100)
    description = text_area("问题", 4000, rows=3)
    evidence = text_area("证据", 4000, required=False)
    severity = forms.ChoiceField(label="严重程度", choices=Severity.choices)
    rectify_by = forms.DateField(label="整改期限", widget=DateInput())


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=MeetingKind.choices)
    held_on = forms.DateField(label="日期", widget=DateInput())
    title = forms.CharField(label="名称", max_length=200)
    participants = text_area("参加单位和人员", 4000, required=False)
    topics = text_area("议题", 4000, rows=3, required=False)
    minutes = text_area("纪要", 20000, rows=5, required=False)


def _issuer(user: Any) -> Any:
    """The competent department a supervisor acts for (its first supervised competent department)."""
    orgs = list(rules.supervised_orgs(user))
    return next((o for o in orgs if o.is_competent_department), orgs[0] if orgs else None)


def _saved(
    request: Any, form: forms.Form, run: Callable[[], Any], done: str, url: Callable[[Any], str]
) -> Any:
    try:
        obj = run()
    except (ValidationError, PermissionDenied) as exc:
        _fail(form, exc)
        return None
    messages.success(request, done)
    return redirect(url(obj))


@require_http_methods(["GET", "POST"])
@staff_required
@opens_for(rules.can_supervise, SUPERVISE)
def plan_new(request: Any) -> HttpResponse:
    issuer = _issuer(request.user)
    form = PlanForm(request.POST or None, initial={"year": timezone.localdate().year, "remind_days": 7})
    parents = list(
        WorkPlan.objects.filter(org__in=rules.supervised_orgs(request.user)).order_by("-year")[:50]
    )
    _choices(form, "parent", [("", "（无）"), *((p.pk, p.title) for p in parents)])
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        parent = next((p for p in parents if p.pk == d["parent"]), None)
        done = _saved(
            request, form,
            lambda: services.plan_create(actor=request.user, org=issuer, year=d["year"], title=d["title"],
                                         parent=parent, remind_days=d["remind_days"]),
            "已印发工作要点，请分解任务。", lambda p: reverse("backoffice:supervision_plan", args=[p.pk]),
        )  # fmt: skip
        if done is not None:
            return done
    return _page(
        request, "form.html", {"form": form, "title": "新建工作要点"}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@staff_required
@opens_for(rules.can_supervise, SUPERVISE)
def task_new(request: Any, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_staff(user=request.user, pk=pk)
    if not rules.may_supervise(request.user, plan.org):
        raise PermissionDenied(SUPERVISE)
    orgs = list(rules.supervised_orgs(request.user))
    form = TaskForm(request.POST or None)
    _choices(form, "lead_org", [(o.pk, o.name) for o in orgs])
    _choices(form, "co_orgs", [(o.pk, o.name) for o in orgs])
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        by_pk = {o.pk: o for o in orgs}
        done = _saved(
            request, form,
            lambda: services.task_add(
                actor=request.user, plan=plan, number=d["number"], text_=d["text"], requirement=d["requirement"],
                lead_org=by_pk[d["lead_org"]], co_orgs=[by_pk[n] for n in d["co_orgs"]], due_on=d["due_on"],
                ongoing=d["ongoing"], evidence_required=d["evidence_required"],
            ),
            "已分解任务。", lambda t: reverse("backoffice:supervision_plan", args=[plan.pk]),
        )  # fmt: skip
        if done is not None:
            return done
    return _page(request, "form.html", {"form": form, "title": f"分解任务：{plan.title}"},
                 status=400 if form.errors else 200)  # fmt: skip


@require_http_methods(["GET", "POST"])
@staff_required
@opens_for(rules.can_supervise, SUPERVISE)
def inspection_new(request: Any) -> HttpResponse:
    issuer = _issuer(request.user)
    orgs = list(rules.supervised_orgs(request.user))
    form = InspectionForm(request.POST or None)
    _choices(form, "units", [(o.pk, o.name) for o in orgs])
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = _saved(
            request, form,
            lambda: services.inspection_create(
                actor=request.user, org=issuer, title=d["title"], mode=d["mode"], held_on=d["held_on"],
                units=[o for o in orgs if o.pk in d["units"]], joint_with=d["joint_with"],
            ),
            "已登记检查，请登记发现的问题。", lambda i: reverse("backoffice:supervision_finding_new", args=[i.pk]),
        )  # fmt: skip
        if done is not None:
            return done
    return _page(
        request, "form.html", {"form": form, "title": "登记检查"}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@staff_required
@opens_for(rules.can_supervise, SUPERVISE)
def finding_new(request: Any, pk: int) -> HttpResponse:
    inspection = selectors.get_inspection_for_staff(user=request.user, pk=pk)
    if not rules.may_supervise(request.user, inspection.org):
        raise PermissionDenied(SUPERVISE)
    units = list(inspection.units.all())
    form = FindingForm(request.POST or None)
    _choices(form, "org", [(o.pk, o.name) for o in units])
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = _saved(
            request, form,
            lambda: services.finding_add(
                actor=request.user, inspection=inspection, org=next(o for o in units if o.pk == d["org"]),
                indicator=d["indicator"], description=d["description"], evidence=d["evidence"],
                severity=d["severity"], rectify_by=d["rectify_by"],
            ),
            "已登记问题。", lambda f: reverse("backoffice:supervision_inspection", args=[inspection.pk]),
        )  # fmt: skip
        if done is not None:
            return done
    return _page(request, "form.html", {"form": form, "title": f"登记问题：{inspection.title}"},
                 status=400 if form.errors else 200)  # fmt: skip


@require_http_methods(["GET", "POST"])
@staff_required
@opens_for(rules.can_supervise, SUPERVISE)
def meeting_new(request: Any) -> HttpResponse:
    issuer = _issuer(request.user)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = _saved(
            request, form, lambda: services.meeting_record(actor=request.user, org=issuer, **d),
            "已登记。", lambda m: reverse("backoffice:supervision_inspections"),
        )  # fmt: skip
        if done is not None:
            return done
    return _page(
        request, "form.html", {"form": form, "title": "登记会议培训"}, status=400 if form.errors else 200
    )


@require_POST
@staff_required
@opens_for(rules.can_open, OPEN)
def checks_run(request: Any) -> HttpResponse:
    """Recompute today's self-checks of one organisation in reach (the daily job does all of them)."""
    org_pk = request.POST.get("org", "")
    if not (org_pk.isascii() and org_pk.isdigit()):
        raise Http404("没有这个机构。")
    org = selectors.get_org_for_staff(user=request.user, pk=int(org_pk))
    services.self_checks_org(actor=request.user, org=org, day=timezone.localdate())
    messages.success(request, "已重新自查。")
    return redirect(reverse("backoffice:supervision") + f"?org={org.pk}")


@require_POST
@staff_required
@opens_for(rules.can_supervise, SUPERVISE)
def scheme_compute(request: Any, pk: int) -> HttpResponse:
    scheme = selectors.get_scheme_for_staff(user=request.user, pk=pk)
    if request.POST.get("publish"):
        services.scheme_publish(actor=request.user, scheme=scheme)
        messages.success(request, "考核结果已在网站公开。")
    else:
        services.assessment_compute(actor=request.user, scheme=scheme)
        messages.success(request, "已根据记录重新计算得分。")
    return redirect(reverse("backoffice:supervision_scheme", args=[scheme.pk]))
