"""The public columns of policy interpretation and release: 政策解读 (published interpretations with the documents
they interpret), 新闻发布会 (a page per conference), 政府公报 (issues by year and each issue's contents)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.interpretation import selectors
from gongkai.interpretation.media import media_response
from gongkai.interpretation.models import Kind
from gongkai.orgs import selectors as org_selectors


@require_GET
def interpretation_list(request):
    found = selectors.published().prefetch_related("documents")
    code = (request.GET.get("org") or "").strip()
    org = None
    if code:
        try:
            org = org_selectors.get_public_org(credit_code=code.upper())
        except Http404:
            raise Http404(f"没有找到机构代码为“{code[:40]}”的机构，请从机构导航中选择。") from None
        found = found.filter(org=org)
    kind = request.GET.get("kind") or ""
    if kind in Kind.values:
        found = found.filter(kind=kind)
    else:
        kind = ""
    return render(
        request,
        "portal/interpretation/list.html",
        {
            "page": Paginator(found, 20).get_page(request.GET.get("page")),
            "org": org,
            "kind": kind,
            "kinds": Kind.choices,
            "query": urlencode({k: v for k, v in (("org", code), ("kind", kind)) if v}),
            "column": "interpretations",
            "breadcrumbs": [("首页", "/"), ("政策解读", None)],
        },
    )


@require_GET
def conference_list(request):
    found = selectors.public_conferences()
    return render(
        request,
        "portal/interpretation/conferences.html",
        {
            "page": Paginator(found, 20).get_page(request.GET.get("page")),
            "column": "conferences",
            "breadcrumbs": [("首页", "/"), ("新闻发布会", None)],
        },
    )


@require_GET
def conference_detail(request, pk: int):
    found = selectors.get_public_conference(pk)
    return render(
        request,
        "portal/interpretation/conference.html",
        {
            "c": found,
            "documents": found.documents.published().order_by("pk") if found.status == "published" else [],
            "media": found.media.all() if found.status == "published" else [],
            "column": "conferences",
            "breadcrumbs": [("首页", "/"), ("新闻发布会", "/xwfbh/"), (found.title, None)],
        },
    )


@require_GET
def conference_media(request, pk: int, media_pk: int):
    return media_response(selectors.get_public_conference_media(pk=pk, media_pk=media_pk), request)


@require_GET
def gazette_list(request):
    issues = selectors.public_issues().annotate(n_items=Count("entries"))
    years = sorted({i.year for i in issues}, reverse=True)
    return render(
        request,
        "portal/interpretation/gazette.html",
        {
            "by_year": [(y, [i for i in issues if i.year == y]) for y in years],
            "column": "gazette",
            "breadcrumbs": [("首页", "/"), ("政府公报", None)],
        },
    )


@require_GET
def gazette_issue(request, pk: int):
    issue = selectors.get_public_issue(pk)
    return render(
        request,
        "portal/interpretation/gazette_issue.html",
        {
            "issue": issue,
            "entries": [e for e in selectors.contents(issue) if e.item.is_public],
            "column": "gazette",
            "breadcrumbs": [("首页", "/"), ("政府公报", "/gazette/"), (str(issue), None)],
        },
    )
