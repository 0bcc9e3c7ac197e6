"""Staff pages of the work report (政务公开工作年度总结): list and create, the report with its figures and
drill-downs, editing the texts, redrafting, publishing, exports."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.backoffice.decorators import opens_for, staff_required
from gongkai.catalog import selectors as catalog_selectors
from gongkai.core.fonts import FontMissing
from gongkai.core.forms import form_errors_from
from gongkai.interaction import rules as interaction_rules
from gongkai.interaction import selectors as interaction_selectors
from gongkai.interpretation import selectors as interpretation_selectors
from gongkai.proposals import selectors as proposal_selectors
from gongkai.reports.scopes import MIN_YEAR
from gongkai.servicecatalog import selectors as service_selectors
from gongkai.supervision import selectors as supervision_selectors
from gongkai.workreport import builder, exports, rules, selectors, services
from gongkai.workreport.rules import WorkReportRules

NO_ACCESS = "您没有查看政务公开工作总结的权限。"


class CreateForm(forms.Form):
    org = forms.ChoiceField(label="人民政府")
    year = forms.TypedChoiceField(label="年度", coerce=int)

    def __init__(self, *args, orgs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(o.credit_code, "　" * (o.depth - 1) + o.name) for o in orgs]
        this = timezone.localdate().year
        self.fields["year"].choices = [(y, f"{y}年") for y in range(this, MIN_YEAR - 1, -1)]
        self.fields["year"].initial = this - 1


class TextsForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)

    def __init__(self, *args, parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        for part in parts:
            self.fields[part["key"]] = forms.CharField(
                label=part["heading"], widget=forms.Textarea(attrs={"rows": 10}), required=False
            )


@staff_required
@opens_for(rules.may_open, NO_ACCESS)
@require_http_methods(["GET", "POST"])
def work_report_list(request):
    governments = rules.orgs_to_draft(request.user)
    form = CreateForm(request.POST or None, orgs=governments)
    if request.method == "POST" and form.is_valid():
        org = governments.filter(credit_code=form.cleaned_data["org"]).first()
        try:
            if org is None:
                raise ValidationError({"org": ["没有找到该人民政府。"]})
            report = services.work_report_create(actor=request.user, org=org, year=form.cleaned_data["year"])
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, f"已生成《{report.title}》草稿。")
            return redirect("backoffice:workreport_detail", pk=report.pk)
    page = Paginator(selectors.reports_for_staff(request.user).order_by("-year", "org__path"), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request, "backoffice/workreport/list.html", {"page": page, "form": form, "menu": "workreport"}
    )


def _records_url(pk: int, ref: str) -> str:
    return reverse("backoffice:workreport_records", kwargs={"pk": pk}) + "?" + urlencode({"ref": ref})


@staff_required
def work_report_detail(request, pk: int):
    report = selectors.get_report_for_staff(user=request.user, pk=pk)
    data = services.report_data(report)
    for part in data["parts"]:
        for figure in part["figures"]:
            figure["url"] = _records_url(report.pk, figure["ref"])
    actions = WorkReportRules(request.user, report).open_actions()
    return render(
        request,
        "backoffice/workreport/detail.html",
        {
            "report": report,
            "data": data,
            "missing": [] if report.is_published else data.get("missing", []),
            "problems": [] if report.is_published else services.publication_problems(report, data),
            "formats": exports.FORMATS,
            "menu": "workreport",
            **{f"can_{name}": value for name, value in actions.items()},
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def work_report_edit(request, pk: int):
    report = selectors.get_report_for_staff(user=request.user, pk=pk)
    if not WorkReportRules(request.user, report).can_edit():
        raise PermissionDenied("您不能修改该工作总结。")
    data = services.report_data(report)
    initial = {"title": report.title, **{p["key"]: p["text"] for p in data["parts"]}}
    form = TextsForm(request.POST or None, initial=initial, parts=data["parts"])
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        title = values.pop("title")
        try:
            services.work_report_update(actor=request.user, report=report, texts=values, title=title)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("backoffice:workreport_detail", pk=report.pk)
    return render(
        request, "backoffice/workreport/edit.html", {"form": form, "report": report, "menu": "workreport"}
    )


@staff_required
@require_POST
def work_report_redraft(request, pk: int):
    report = selectors.get_report_for_staff(user=request.user, pk=pk)
    try:
        services.work_report_redraft(actor=request.user, report=report)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已按最新数据重新生成各部分文字。")
    return redirect("backoffice:workreport_detail", pk=report.pk)


@staff_required
@require_POST
def work_report_publish(request, pk: int):
    report = selectors.get_report_for_staff(user=request.user, pk=pk)
    try:
        services.work_report_publish(actor=request.user, report=report)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"《{report.title}》已发布。")
    return redirect("backoffice:workreport_detail", pk=report.pk)


@staff_required
def work_report_records(request, pk: int):
    """The records behind one figure of the report (a published report: the records as they are now)."""
    report = selectors.get_report_for_staff(user=request.user, pk=pk)
    ref = request.GET.get("ref", "")
    try:
        figure, qs = builder.records(report.org, report.year, ref)
    except builder.UnknownFigure:
        raise Http404("没有找到该数字对应的记录。") from None
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    records = list(page.object_list)
    opens = _openable(request.user, figure.kind, records)
    rows = []
    for obj in records:
        row = _row(figure.kind, obj)
        if obj.pk not in opens:
            row.pop("url", None)  # no link to a page the reader cannot open
        rows.append(row)
    shown = next(
        (f for p in services.report_data(report)["parts"] for f in p["figures"] if f["ref"] == ref), None
    )
    return render(
        request,
        "backoffice/workreport/records.html",
        {
            "report": report,
            "figure": figure,
            "value": shown["value"] if shown else None,
            "page": page,
            "rows": rows,
            "menu": "workreport",
            "query": urlencode({"ref": ref}),
        },
    )


def _openable(user, kind: str, records: list) -> set[int]:
    """The records of a drill-down page whose own page `user` may open (one query per page, through the
    owning app's selector for staff)."""
    pks = [r.pk for r in records]
    visible = {
        "item": lambda: catalog_selectors.items_visible_to(user),
        "conference": lambda: interpretation_selectors.conferences_visible_to(user),
        "interpretation": lambda: interpretation_selectors.interpretations_visible_to(user),
        "proposal": lambda: proposal_selectors.proposals_visible_to(user),
        "message": lambda: interaction_selectors.visible_to(user),
        "plan": lambda: supervision_selectors.plans_for(user),
        "task": lambda: supervision_selectors.tasks_for(user),
        "inspection": lambda: supervision_selectors.inspections_for(user),
        "finding": lambda: supervision_selectors.findings_for(user),
        "circular": lambda: supervision_selectors.circulars_for(user),
        "periodic_report": lambda: supervision_selectors.reports_for(user),
        "guide": lambda: service_selectors.versions_for_staff(user),
        "entry": lambda: service_selectors.entries_for_staff(user),
    }.get(kind)
    if visible is None or not pks:
        return set()
    if kind == "message":  # a message's page also asks the interaction rules of that message
        messages_seen = interaction_selectors.visible_to(user).filter(pk__in=pks).select_related("channel")
        return {m.pk for m in messages_seen if interaction_rules.may_see(user, m)}
    return set(visible().filter(pk__in=pks).values_list("pk", flat=True))


def _row(kind: str, obj) -> dict:
    """One record of a drill-down as the page shows it: what it is, who, when, a link to its own page."""
    if kind == "item":
        return {"title": obj.title, "code": obj.index_no or "", "org": obj.org.name,
                "day": obj.published_at, "url": reverse("backoffice:catalog_item", args=[obj.pk])}  # fmt: skip
    if kind == "publication":
        return {"title": obj.item.title if obj.item_id else obj.note, "code": obj.get_channel_display(),
                "org": obj.org.name, "day": obj.published_on, "count": obj.count}  # fmt: skip
    if kind == "gazette_entry":
        return {"title": obj.item.title, "code": str(obj.issue), "org": obj.issue.org.name,
                "day": obj.issue.published_on}  # fmt: skip
    if kind == "media_post":
        return {
            "title": obj.title,
            "code": obj.account.name,
            "org": obj.account.org.name,
            "day": obj.posted_on,
        }
    if kind == "conference":
        return {"title": obj.title, "code": "", "org": obj.org.name, "day": obj.held_on,
                "url": reverse("backoffice:conference_detail", args=[obj.pk])}  # fmt: skip
    if kind == "interpretation":
        return {"title": obj.item.title, "code": obj.get_kind_display(), "org": obj.org.name,
                "day": obj.item.published_at, "url": reverse("backoffice:interpretation_detail", args=[obj.pk])}  # fmt: skip
    if kind == "proposal":
        return {"title": obj.title, "code": f"{obj.session.name} 第{obj.number}号", "org": obj.session.org.name,
                "day": obj.answered_on, "url": reverse("backoffice:proposals_detail", args=[obj.pk])}  # fmt: skip
    if kind == "response":
        return {
            "title": obj.topic,
            "code": obj.get_kind_display(),
            "org": obj.org.name,
            "day": obj.responded_on,
        }
    if kind == "message":
        return {"title": obj.title, "code": obj.number, "org": obj.channel.name, "day": obj.received_on,
                "url": reverse("backoffice:interaction_message", args=[obj.number])}  # fmt: skip
    found = _supervision_row(kind, obj) or _service_row(kind, obj)
    return found or {"title": str(obj), "code": "", "org": "", "day": None}


def _supervision_row(kind: str, obj) -> dict | None:
    """Rows of part 一: the supervision app's records."""
    if kind == "plan":
        return {"title": obj.title, "code": f"{obj.year}年", "org": obj.org.name, "day": None,
                "url": reverse("backoffice:supervision_plan", args=[obj.pk])}  # fmt: skip
    if kind == "task":
        return {"title": obj.text, "code": f"{obj.plan.title} {obj.number}", "org": obj.lead_org.name,
                "day": obj.due_on, "url": reverse("backoffice:supervision_task", args=[obj.pk])}  # fmt: skip
    if kind == "meeting":
        return {"title": obj.title, "code": obj.get_kind_display(), "org": obj.org.name, "day": obj.held_on}
    if kind == "inspection":
        return {"title": obj.title, "code": obj.get_mode_display(), "org": obj.org.name, "day": obj.held_on,
                "url": reverse("backoffice:supervision_inspection", args=[obj.pk])}  # fmt: skip
    if kind == "finding":
        return {"title": f"{obj.indicator}：{obj.description}", "code": obj.get_state_display(),
                "org": obj.org.name, "day": obj.inspection.held_on,
                "url": reverse("backoffice:supervision_inspection", args=[obj.inspection_id])}  # fmt: skip
    if kind == "circular":
        return {"title": obj.title, "code": obj.doc_no, "org": obj.org.name, "day": obj.issued_on,
                "url": reverse("backoffice:supervision_circular", args=[obj.pk])}  # fmt: skip
    if kind == "org":
        return {"title": obj.name, "code": "", "org": obj.name, "day": None}
    if kind == "periodic_report":
        return {"title": str(obj), "code": obj.get_state_display(), "org": obj.org.name, "day": obj.due_on,
                "url": reverse("backoffice:supervision_report", args=[obj.pk])}  # fmt: skip
    return None


def _service_row(kind: str, obj) -> dict | None:
    """Rows of part 四: the service catalog's records."""
    if kind == "guide":
        return {"title": obj.item.name, "code": obj.item.handling_code, "org": obj.item.org.name,
                "day": obj.published_at, "url": reverse("backoffice:servicecatalog_detail", args=[obj.pk])}  # fmt: skip
    if kind == "entry":
        return {"title": " / ".join(x for x in (obj.level1, obj.level2) if x), "code": obj.catalog.domain.name,
                "org": obj.catalog.org.name, "day": None,
                "url": reverse("backoffice:servicecatalog_standard_detail", args=[obj.catalog_id])}  # fmt: skip
    return None


@staff_required
def work_report_export(request, pk: int, fmt: str):
    report = selectors.get_report_for_staff(user=request.user, pk=pk)
    if fmt not in exports.FORMATS:
        raise Http404("不支持该导出格式。")
    data = services.report_data(report)
    try:
        content = exports.render(data, fmt)
    except FontMissing as exc:
        messages.error(request, exc.message)
        return redirect("backoffice:workreport_detail", pk=report.pk)
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "json" else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(exports.filename(data, fmt))}"
    return response
