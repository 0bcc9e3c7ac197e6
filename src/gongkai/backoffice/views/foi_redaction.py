"""Staff redaction of delivered PDFs for partial disclosure (Art. 37): marks, hits preview, the burn-in.

Thin views over `foi.services.redaction`; pages work without JavaScript (a small script, served by the app,
lets staff draw a region on the page picture instead of typing its edges)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.core.forms import form_errors_from, run_action
from gongkai.core.notfound import first_or_404
from gongkai.documents.redact import Box, RedactionFailed, page_sizes, page_to_shown, preview_png
from gongkai.documents.selectors import extraction_for
from gongkai.foi import forms as foi_forms
from gongkai.foi import selectors, services
from gongkai.foi.models import Redaction, RedactionReason, RedactionStatus
from gongkai.foi.services.redaction import require_view

PREVIEW_DPI = 60


def _redaction(request, tracking_no: str, pk: int) -> Redaction:
    application = selectors.get_application_for_staff(user=request.user, tracking_no=tracking_no)
    try:
        require_view(request.user, application)
    except PermissionDenied:
        raise Http404("没有找到该文件。") from None
    return first_or_404(
        application.redactions.select_related("source", "output").filter(pk=pk), "没有找到该遮盖处理。"
    )


@staff_required
@require_POST
def start(request, tracking_no: str, file_pk: int):
    application = selectors.get_application_for_staff(user=request.user, tracking_no=tracking_no)
    record = first_or_404(application.files.filter(pk=file_pk), "没有找到该文件。")
    try:
        redaction = services.redaction_start(actor=request.user, record=record)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
        return redirect("backoffice:foi_case", tracking_no=application.tracking_no)
    return redirect("backoffice:foi_redaction", tracking_no=application.tracking_no, pk=redaction.pk)


def _context(request, redaction: Redaction, **extra) -> dict:
    try:
        sizes = page_sizes(redaction.source.file.path)
    except (RedactionFailed, OSError) as exc:
        sizes, extra["file_error"] = [], str(exc) or "无法打开原件。"
    marks = list(redaction.marks.select_related("created_by"))
    shown = (
        page_to_shown(redaction.source.file.path, [Box(m.page, m.x0, m.y0, m.x1, m.y1) for m in marks])
        if sizes
        else []
    )
    by_page: dict[int, list] = {}
    for m, b in zip(marks, shown, strict=False):
        by_page.setdefault(m.page, []).append((m, b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0))
    pages = [
        {"number": n, "width": round(w, 2), "height": round(h, 2), "boxes": by_page.get(n, [])}
        for n, (w, h) in enumerate(sizes, start=1)
    ]
    return {
        "application": redaction.application,
        "redaction": redaction,
        "source": redaction.source,
        "extraction": extraction_for(redaction.source),
        "pages": pages,
        "marks": marks,
        "editable": redaction.status in (RedactionStatus.DRAFT, RedactionStatus.FAILED),
        "region_form": extra.pop("region_form", None) or foi_forms.RedactionRegionForm(),
        "find_form": extra.pop("find_form", None) or foi_forms.RedactionFindForm(),
        "reasons": RedactionReason.choices,
        "menu": "foi_open",
        **extra,
    }


@staff_required
@never_cache
@require_GET
def page(request, tracking_no: str, pk: int):
    """The redaction page; with ?terms=…&patterns=… it also lists every hit for the preview."""
    redaction = _redaction(request, tracking_no, pk)
    extra: dict = {}
    if "terms" in request.GET or "patterns" in request.GET:
        form = foi_forms.RedactionFindForm(request.GET)
        extra["find_form"] = form
        if form.is_valid():
            try:
                extra["hits"] = services.redaction_find(
                    actor=request.user, redaction=redaction, terms=form.cleaned_data["terms"],
                    patterns=form.cleaned_data["patterns"],
                )  # fmt: skip
                extra["searched"] = form.cleaned_data
            except ValidationError as exc:
                form_errors_from(form, exc)
    return render(request, "backoffice/foi/redaction.html", _context(request, redaction, **extra))


@staff_required
@never_cache
@require_GET
def page_image(request, tracking_no: str, pk: int, number: int):
    """A page of the original as a picture, for marking (the handling office only; never cached)."""
    redaction = _redaction(request, tracking_no, pk)
    try:
        data = preview_png(redaction.source.file.path, number, dpi=PREVIEW_DPI)
    except (RedactionFailed, OSError):
        raise Http404("没有该页。") from None
    response = HttpResponse(data, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_POST
def add_region(request, tracking_no: str, pk: int):
    redaction = _redaction(request, tracking_no, pk)
    form = foi_forms.RedactionRegionForm(request.POST)
    if form.is_valid():
        try:
            services.redaction_add_region(actor=request.user, redaction=redaction, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, PermissionDenied):
                form.add_error(None, str(exc))
            else:
                form_errors_from(form, exc)
        else:
            messages.success(request, "已添加遮盖区域。")
            return redirect("backoffice:foi_redaction", tracking_no=tracking_no, pk=pk)
    context = _context(request, redaction, region_form=form)
    return render(request, "backoffice/foi/redaction.html", context, status=400)


@staff_required
@require_POST
def add_hits(request, tracking_no: str, pk: int):
    redaction = _redaction(request, tracking_no, pk)
    selected = [int(v) for v in request.POST.getlist("hit") if v.isascii() and v.isdigit()]
    try:
        marks = services.redaction_add_hits(
            actor=request.user, redaction=redaction, terms=request.POST.get("terms", ""),
            patterns=request.POST.getlist("patterns"), selected=selected, reason=request.POST.get("reason", ""),
        )  # fmt: skip
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
        return redirect("backoffice:foi_redaction", tracking_no=tracking_no, pk=pk)
    messages.success(request, f"已添加{len(marks)}处遮盖。")
    return redirect("backoffice:foi_redaction", tracking_no=tracking_no, pk=pk)


@staff_required
@require_POST
def remove_mark(request, tracking_no: str, pk: int, mark_pk: int):
    redaction = _redaction(request, tracking_no, pk)
    mark = first_or_404(redaction.marks.filter(pk=mark_pk), "没有找到该标注。")
    run_action(
        request, lambda: services.redaction_remove_mark(actor=request.user, mark=mark), "已删除该处遮盖。"
    )
    return redirect("backoffice:foi_redaction", tracking_no=tracking_no, pk=pk)


@staff_required
@require_POST
def produce(request, tracking_no: str, pk: int):
    redaction = _redaction(request, tracking_no, pk)
    run_action(
        request,
        lambda: services.redaction_produce(actor=request.user, redaction=redaction),
        "已开始生成遮盖处理后的文件。",
    )
    return redirect("backoffice:foi_redaction", tracking_no=tracking_no, pk=pk)
