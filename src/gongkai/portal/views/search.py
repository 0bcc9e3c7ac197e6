"""The public search page (/search/?q=…): results with highlighted snippets, facets and pagination."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.catalog.models import StatutoryClass, Validity
from gongkai.search import params as search_params
from gongkai.search import selectors


def _url(params: dict, **changes) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in ("", None, False)}
    merged.pop("page", None) if "page" not in changes else None
    return "?" + urlencode(merged)


@require_GET
def search(request):
    p = search_params.read(request.GET)
    result = selectors.search(
        q=p.q, filters=search_params.filters_for(p), sort=p.sort, page=p.page, page_size=20
    )
    current = {
        key: request.GET.get(key, "")
        for key in ("q", "sort", "org", "sub", "topic", "class", "genre", "from", "to", "year", "validity",
                    "normative")
    }  # fmt: skip
    current["q"] = result.query.raw
    facets = {
        "org": [(v, _url(current, org=v.value, sub="0")) for v in result.facets.get("org", [])],
        "topic": [(v, _url(current, topic=v.value)) for v in result.facets.get("topic", [])],
        "year": [(v, _url(current, year=v.value)) for v in result.facets.get("year", [])],
    }
    active = [
        (label, _url(current, **{key: ""}))
        for key, label in (
            ("org", "机构"), ("topic", "主题"), ("year", "年度"), ("class", "法定公开类别"), ("genre", "体裁"),
            ("from", "起始日期"), ("to", "截止日期"), ("validity", "有效性"), ("normative", "仅规范性文件"),
        )
        if current.get(key)
    ]  # fmt: skip
    return render(
        request,
        "portal/search/results.html",
        {
            "result": result,
            "start_index": (result.page - 1) * result.page_size + 1,
            "params": p,
            "facets": facets,
            "active_filters": active,
            "sort_urls": {"relevance": _url(current, sort=""), "date": _url(current, sort="date")},
            "page_url_prev": _url(current, page=result.page - 1) if result.has_previous else "",
            "page_url_next": _url(current, page=result.page + 1) if result.has_next else "",
            "suggestion_urls": [(s, _url({"q": s})) for s in result.suggestions],
            "statutory_classes": StatutoryClass.choices,
            "validities": Validity.choices,
            "column": "search",
            "breadcrumbs": [("首页", "/"), ("搜索", None)],
        },
    )
