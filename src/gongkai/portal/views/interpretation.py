"""The 政策解读 column: published interpretations, newest first, each with the documents it interprets."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.interpretation import selectors
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
