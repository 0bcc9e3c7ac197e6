"""Public pages: the home page, the 政府信息公开 column, the organisation directory and the guides."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from gongkai.orgs import selectors as org_selectors


@require_GET
def home(request):
    return render(
        request,
        "portal/home.html",
        {"governments": org_selectors.children_of(None), "column": "home"},
    )


@require_GET
def disclosure_home(request):
    roots = list(org_selectors.children_of(None))
    return render(request, "portal/disclosure.html", {"roots": roots, "column": "disclosure"})


@require_GET
def org_directory(request):
    return render(
        request,
        "portal/org_directory.html",
        {"entries": org_selectors.directory(), "column": "orgs"},
    )


@require_GET
def org_detail(request, code: str):
    org = org_selectors.get_public_org(credit_code=code)
    return render(
        request,
        "portal/org_detail.html",
        {
            "org": org,
            "ancestors": org_selectors.ancestors_of(org),
            "children": org_selectors.children_of(org),
            "guide": org_selectors.current_guide(org),
            "column": "orgs",
        },
    )


@require_GET
def guide(request, code: str):
    org = org_selectors.get_public_org(credit_code=code)
    current = org_selectors.current_guide(org)
    return render(
        request,
        "portal/guide.html",
        {
            "org": org,
            "guide": current,
            "versions": org_selectors.guide_versions(org),
            "is_current": True,
            "column": "guide",
        },
    )


@require_GET
def guide_version(request, code: str, version: int):
    org = org_selectors.get_public_org(credit_code=code)
    current = org_selectors.current_guide(org)
    shown = org_selectors.get_guide_version(org=org, version=version)
    return render(
        request,
        "portal/guide.html",
        {
            "org": org,
            "guide": shown,
            "versions": org_selectors.guide_versions(org),
            "is_current": current is not None and shown.pk == current.pk,
            "column": "guide",
        },
    )


#: Paths robots may not crawl: the back office, Django's admin, and the pages opened with a query code.
ROBOTS_DISALLOW = ("/manage/", "/django-admin/", "/apply/track/", "/apply/case/")


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('portal:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def accessibility(request):
    return render(request, "portal/accessibility.html", {"column": "accessibility"})


def page_not_found(request, exception=None):
    message = str(exception) if exception and str(exception) and "<" not in str(exception) else ""
    return render(
        request, "portal/error.html", {"status": 404, "title": "页面不存在", "message": message}, status=404
    )


def server_error(request):
    return render(request, "portal/error.html", {"status": 500, "title": "系统繁忙，请稍后再试"}, status=500)


def permission_denied(request, exception=None):
    return render(
        request,
        "portal/error.html",
        {"status": 403, "title": "无权访问", "message": str(exception or "")},
        status=403,
    )


def bad_request(request, exception=None):
    return render(request, "portal/error.html", {"status": 400, "title": "请求有误"}, status=400)
