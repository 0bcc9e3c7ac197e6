"""Public pages: the home page, the 政府信息公开 column, the organisation directory and the guides."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.catalog import selectors as catalog_selectors
from gongkai.core.forms import form_errors_from
from gongkai.orgs import selectors as org_selectors
from gongkai.portal import feedback, guide_content
from gongkai.portal import site as site_frame
from gongkai.portal.columns import column_nav

#: Items in the home page's 最新公开 list.
HOME_LATEST = 10


@require_GET
def home(request):
    government = site_frame.identity().government
    return render(
        request,
        "portal/home.html",
        {
            "governments": org_selectors.children_of(None),
            "latest": list(catalog_selectors.published_items()[:HOME_LATEST]),
            "nav": column_nav(request, None, government=government),
            "government": government,
            "column": "home",
        },
    )


@require_GET
def display_mode(request, mode: str):
    """Switch 无障碍 / 适老化 on (or off) with a plain link: a cookie, then back to the page the reader was on."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = reverse("portal:home")
    response = HttpResponseRedirect(target)
    if mode in site_frame.DISPLAY_MODES:
        response.set_cookie(
            site_frame.DISPLAY_COOKIE,
            mode,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure(),
        )
    else:
        response.delete_cookie(site_frame.DISPLAY_COOKIE, samesite="Lax")
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def contact(request):
    identity = site_frame.identity()
    return render(
        request,
        "portal/contact.html",
        {"identity": identity, "column": "contact", "breadcrumbs": [("首页", "/"), ("联系我们", "")]},
    )


@require_GET
def site_map(request):
    """网站地图 as a page: every column, and the organisations with their disclosure columns."""
    return render(
        request,
        "portal/site_map.html",
        {
            "nav": column_nav(request, None, government=site_frame.identity().government),
            "entries": org_selectors.directory(),
            "column": "site_map",
            "breadcrumbs": [("首页", "/"), ("网站地图", "")],
        },
    )


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
            "nav": column_nav(request, org),
            "current": "guide",
            "fees": guide_content.fee_tables(),
            "not_disclosed": guide_content.NOT_DISCLOSED,
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
            "nav": column_nav(request, org),
            "current": "guide",
            "fees": guide_content.fee_tables(),
            "not_disclosed": guide_content.NOT_DISCLOSED,
            "column": "guide",
        },
    )


#: Paths robots may not crawl: the back office, Django's admin, the pages opened with a query code, and the
#: display-mode switch (a redirect that sets a cookie).
ROBOTS_DISALLOW = ("/manage/", "/django-admin/", "/apply/track/", "/apply/case/", "/display/")


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


@never_cache
@require_http_methods(["GET", "POST"])
def site_error(request):
    """我为政府网站找错: a form that reaches the office running the site (portal.feedback)."""
    identity = site_frame.identity()
    form = feedback.SiteErrorForm(request.POST or None, initial={"page": request.GET.get("page", "")[:500]})
    status, sent, submission = 200, None, None
    if request.method == "POST":
        status = 400
        client = request.META.get("REMOTE_ADDR", "")
        if form.is_valid():
            try:
                feedback.check_rate(client)
            except feedback.TooMany:
                form.add_error(None, "提交过于频繁，请一小时后再试。")
                status = 429
            else:
                try:
                    submission = feedback.file_message(form.cleaned_data, client)
                except ValidationError as exc:
                    form_errors_from(form, exc)
                    submission = None
                else:
                    if submission is None:
                        sent = feedback.deliver(identity=identity, data=form.cleaned_data, client=client)
                    else:
                        sent = True
                    status = 200
                if sent is False:
                    form.add_error(
                        None, "本网站尚未设置接收纠错的电子邮箱，请通过“联系我们”中的电话反映问题。"
                    )
    return render(
        request,
        "portal/site_error.html",
        {
            "form": form,
            "sent": sent,
            "submission": submission,
            "identity": identity,
            "column": "site_error",
            "breadcrumbs": [("首页", "/"), ("我为政府网站找错", "")],
        },
        status=status,
    )
