"""Public pages of the reports: published annual reports (HTML page and downloads) and the statistics page."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongkai.core.fonts import FontMissing
from gongkai.core.notfound import first_or_404
from gongkai.orgs.models import Organization
from gongkai.reports import dashboard, exports, selectors, tables
from gongkai.reports.models import Scope
from gongkai.reports.scopes import MIN_YEAR, validate_scope, validate_year


@require_GET
def report_list(request):
    reports = selectors.published_reports().order_by("-year", "org__path", "scope")
    code = (request.GET.get("org") or "").strip()
    org = None
    if code:
        org = first_or_404(
            Organization.objects.filter(credit_code=code.upper()),
            f"没有找到机构代码为“{code[:40]}”的机构，请从机构导航中选择。",
        )
        reports = reports.filter(org=org)
    year = request.GET.get("year") or ""
    if year:
        try:
            reports = reports.filter(year=validate_year(year))
        except ValidationError as exc:
            return _bad_request(request, exc)
    page = Paginator(reports, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/reports/list.html",
        {
            "page": page,
            "org": org,
            # Page links keep the filters (page 2 of one organisation's reports is not everyone's page 2).
            "query": urlencode({k: v for k, v in (("org", code), ("year", year)) if v}),
            "column": "reports",
            "breadcrumbs": [("首页", "/"), ("年度报告", None)],
        },
    )


def _published(code: str, year: int, scope: str):
    if scope not in Scope.values:
        raise Http404("统计范围无效。")
    return selectors.get_published_report(credit_code=code, year=year, scope=scope)


@require_GET
def report_detail(request, code: str, year: int, scope: str):
    report = _published(code, year, scope)
    data = report.snapshot
    ctx = exports.document_context(data)
    ctx.update(
        {
            "report": report,
            "data": data,
            "proactive": tables.proactive_tables(data),
            "formats": [f for f in exports.FORMATS if f != "html"],
            "column": "reports",
            "breadcrumbs": [("首页", "/"), ("年度报告", "/reports/"), (report.title, None)],
        }
    )
    return render(request, "portal/reports/detail.html", ctx)


@require_GET
def report_download(request, code: str, year: int, scope: str, fmt: str):
    report = _published(code, year, scope)
    if fmt not in exports.FORMATS:
        raise Http404("不支持该格式。")
    data = report.snapshot
    # A published report never changes: render each format once (PDF takes a second or two). The key's
    # version changed when PDFs without a Chinese font stopped being made: none of those is served again.
    key = f"gongkai:report-export:v2:{report.pk}:{report.published_at.timestamp():.0f}:{fmt}"
    content = cache.get(key)
    if content is None:
        try:
            content = exports.render(data, fmt)
        except FontMissing as exc:
            return _unavailable(request, exc)
        cache.set(key, content, 24 * 3600)
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    if fmt == "html":
        exports.allow_own_styles(response, content)
    disposition = "inline" if fmt in {"json", "html", "pdf"} else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(exports.filename(data, fmt))}"
    return response


def _unavailable(request, exc: FontMissing):
    return render(
        request,
        "portal/error.html",
        {"status": 503, "title": "PDF暂不可用", "message": exc.message},
        status=503,
    )


def _bad_request(request, exc: ValidationError):
    return render(
        request,
        "portal/error.html",
        {"status": 400, "title": "请求有误", "message": "；".join(exc.messages)},
        status=400,
    )


@require_GET
def statistics(request):
    governments = list(selectors.statistics_governments())
    if not governments:
        return render(request, "portal/reports/statistics.html", {"stats": None, "column": "reports"})
    code = request.GET.get("org") or ""
    org = next((g for g in governments if g.credit_code == code.upper()), None) if code else governments[0]
    if org is None:
        raise Http404("没有找到该人民政府。")
    try:
        year = validate_year(request.GET.get("year") or timezone.localdate().year)
        scope = validate_scope(org, request.GET.get("scope") or Scope.REGION)
    except ValidationError as exc:
        return _bad_request(request, exc)
    stats = dashboard.statistics(org, scope, year, today=timezone.localdate(), staff=False)
    return render(
        request,
        "portal/reports/statistics.html",
        {
            "stats": stats,
            "charts": [stats["items_chart"], stats["applications_chart"], stats["outcomes_chart"]],
            "governments": governments,
            "org": org,
            "year": year,
            "scope": scope,
            "scopes": Scope.choices,
            "years": list(range(timezone.localdate().year, MIN_YEAR - 1, -1)),
            "column": "reports",
            "breadcrumbs": [("首页", "/"), ("年度报告", "/reports/"), ("统计数据", None)],
        },
    )
