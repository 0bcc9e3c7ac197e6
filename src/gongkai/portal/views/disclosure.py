"""The 政府信息公开 column (site-wide and per organisation): its home, 公开制度, 法定主动公开内容 and each class."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.catalog import selectors as catalog_selectors
from gongkai.catalog.models import Genre, Topic
from gongkai.orgs import selectors as org_selectors
from gongkai.portal import site as site_frame
from gongkai.portal.columns import class_short, classes_for, column_nav

#: Items shown per class on the 法定主动公开内容 overview, and per page of a class list.
OVERVIEW_PER_CLASS = 5
PAGE_SIZE = 20


def _org(code: str | None):
    return org_selectors.get_public_org(credit_code=code) if code else None


def _items(org, **filters):
    f = catalog_selectors.CatalogFilters(org=org, **filters)
    return catalog_selectors.filter_items(catalog_selectors.published_items(), f)


def _context(request, org, current: str, title: str, **extra):
    government = None if org is not None else site_frame.identity().government
    crumbs = [("首页", "/"), ("政府信息公开", "/xxgk/")]
    if org is not None:
        crumbs = [
            ("机构导航", "/orgs/"),
            (org.display_name, f"/orgs/{org.credit_code}/"),
            ("政府信息公开", ""),
        ]
        if current != "home":
            crumbs[-1] = ("政府信息公开", f"/orgs/{org.credit_code}/xxgk/")
    if current != "home":
        crumbs.append((title, ""))
    else:
        crumbs[-1] = (crumbs[-1][0], "")
    return {
        "org": org,
        "nav": column_nav(request, org, government=government),
        "current": current,
        "page_title": title,
        "owner": org or government,
        "column": "disclosure",
        "breadcrumbs": crumbs,
        **extra,
    }


@require_GET
def disclosure_home(request, code: str | None = None):
    org = _org(code)
    latest = list(_items(org)[: PAGE_SIZE // 2])
    roots = list(org_selectors.children_of(None)) if org is None else []
    return render(
        request,
        "portal/disclosure.html",
        _context(request, org, "home", "政府信息公开", latest=latest, roots=roots),
    )


def _rules_filters() -> dict[str, Topic | Genre]:
    filters: dict[str, Topic | Genre] = {}
    topic = Topic.objects.filter(code=settings.GONGKAI_DISCLOSURE_RULES_TOPIC).first()
    if settings.GONGKAI_DISCLOSURE_RULES_TOPIC and topic is not None:
        filters["topic"] = topic
    genre = Genre.objects.filter(code=settings.GONGKAI_DISCLOSURE_RULES_GENRE).first()
    if settings.GONGKAI_DISCLOSURE_RULES_GENRE and genre is not None:
        filters["genre"] = genre
    return filters


def _paged(request, qs):
    try:
        return catalog_selectors.keyset_page(
            qs,
            after=request.GET.get("after") or None,
            before=request.GET.get("before") or None,
            size=PAGE_SIZE,
        )
    except catalog_selectors.BadCursor as exc:
        raise Http404(str(exc)) from None


@require_GET
def disclosure_rules(request, code: str | None = None):
    """政府信息公开制度: the organ's disclosure rules (its items of the configured topic and genre)."""
    org = _org(code)
    filters = _rules_filters()
    page = _paged(request, _items(org, **filters)) if filters else None
    return render(
        request,
        "portal/disclosure_list.html",
        _context(request, org, "rules", "政府信息公开制度", page=page, configured=bool(filters)),
    )


@require_GET
def disclosure_statutory(request, code: str | None = None):
    """法定主动公开内容: every class the organ must publish, with its newest items."""
    org = _org(code)
    sections = []
    for klass in classes_for(org):
        items = list(_items(org, statutory_class=klass)[:OVERVIEW_PER_CLASS])
        sections.append({"code": klass, "short": class_short(klass), "items": items})
    return render(
        request,
        "portal/disclosure_statutory.html",
        _context(request, org, "statutory", "法定主动公开内容", sections=sections),
    )


@require_GET
def disclosure_class(request, klass: str, code: str | None = None):
    org = _org(code)
    if klass not in classes_for(org):
        raise Http404("没有该法定公开类别。")
    page = _paged(request, _items(org, statutory_class=klass))
    from gongkai.catalog.models import StatutoryClass

    return render(
        request,
        "portal/disclosure_list.html",
        _context(
            request,
            org,
            f"class:{klass}",
            class_short(klass),
            page=page,
            configured=True,
            class_label=StatutoryClass(klass).label,
        ),
    )
