"""Public pages of the work reports (政务公开工作年度总结): the published ones, next to the annual reports."""

from __future__ import annotations

from urllib.parse import quote

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.core.fonts import FontMissing
from gongkai.workreport import exports, selectors


@require_GET
def work_report_list(request):
    page = Paginator(selectors.published(), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/workreport/list.html",
        {
            "page": page,
            "column": "reports",
            "breadcrumbs": [("首页", "/"), ("年度报告", "/reports/"), ("政务公开工作总结", None)],
        },
    )


@require_GET
def work_report_detail(request, code: str, year: int):
    report = selectors.get_published_by(credit_code=code, year=year)
    return render(
        request,
        "portal/workreport/detail.html",
        {
            "report": report,
            "data": report.snapshot,
            "formats": exports.FORMATS,
            "column": "reports",
            "breadcrumbs": [("首页", "/"), ("政务公开工作总结", "/work-reports/"), (report.title, None)],
        },
    )


@require_GET
def work_report_download(request, code: str, year: int, fmt: str):
    report = selectors.get_published_by(credit_code=code, year=year)
    if fmt not in exports.FORMATS:
        raise Http404("不支持该格式。")
    data = report.snapshot or {}
    key = f"gongkai:workreport-export:v1:{report.pk}:{report.published_at.timestamp() if report.published_at else 0:.0f}:{fmt}"
    content = cache.get(key)
    if content is None:
        try:
            content = exports.render(data, fmt)
        except FontMissing as exc:
            return render(
                request,
                "portal/error.html",
                {"status": 503, "title": "PDF暂不可用", "message": exc.message},
                status=503,
            )
        cache.set(key, content, 24 * 3600)
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    disposition = "attachment" if fmt == "docx" else "inline"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(exports.filename(data, fmt))}"
    return response
