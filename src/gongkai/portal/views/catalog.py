"""Public catalog pages: the list with its facets, the normative-document library, the item page, attachment
downloads, Atom feeds per organisation and per topic, and the sitemap."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from gongkai.catalog import selectors, services
from gongkai.catalog.models import Item, Status, StatutoryClass, Validity
from gongkai.catalog.uploads import ascii_fallback
from gongkai.orgs import selectors as org_selectors
from gongkai.orgs.models import Organization
from gongkai.portal import qr, related
from gongkai.portal import site as site_frame

PAGE_SIZE = 20


class CatalogFilterForm(forms.Form):
    """The facets of the public catalog. Invalid values are dropped (and said so), never a server error."""

    q = forms.CharField(label="名称或文号", max_length=100, required=False)
    org = forms.ModelChoiceField(
        label="发布机构", queryset=Organization.objects.none(), to_field_name="credit_code", required=False,
        empty_label="全部机构",
    )  # fmt: skip
    sub = forms.BooleanField(label="含下级机构", required=False)
    topic = forms.ChoiceField(label="主题分类", required=False)
    cls = forms.ChoiceField(
        label="法定公开类别", choices=[("", "全部类别"), *StatutoryClass.choices], required=False
    )
    genre = forms.ChoiceField(label="体裁", required=False)
    year = forms.TypedChoiceField(label="发布年份", coerce=int, required=False, empty_value=None)
    validity = forms.ChoiceField(label="有效性", choices=[("", "不限"), *Validity.choices], required=False)

    def __init__(self, data, *, orgs, topics, genres, years):
        super().__init__(data)
        self.fields["org"].queryset = orgs
        self.fields["org"].label_from_instance = lambda o: "　" * (o.depth - 1) + o.name
        self.fields["topic"].choices = [("", "全部主题")] + [
            (t.code, ("　" if t.parent_id else "") + t.name) for t in topics
        ]
        self.fields["genre"].choices = [("", "全部体裁")] + [(g.code, g.name) for g in genres]
        self.fields["year"].choices = [("", "全部年份")] + [(y, f"{y}年") for y in years]

    def filters(self, topics, genres) -> selectors.CatalogFilters:
        data = self.cleaned_data
        by_code = {t.code: t for t in topics}
        genre_by_code = {g.code: g for g in genres}
        return selectors.CatalogFilters(
            org=data.get("org"),
            subtree=bool(data.get("sub")),
            topic=by_code.get(data.get("topic") or ""),
            statutory_class=data.get("cls") or "",
            genre=genre_by_code.get(data.get("genre") or ""),
            year=data.get("year"),
            validity=data.get("validity") or "",
            q=data.get("q") or "",
        )


def _clean_filters(data, *, normative: bool = False):
    """Bind the facet form; drop invalid fields (reported to the reader) instead of failing."""
    topics = list(selectors.active_topics())
    genres = list(selectors.active_genres())
    orgs = org_selectors.public_orgs().order_by("path")
    form = CatalogFilterForm(
        data, orgs=orgs, topics=topics, genres=genres, years=selectors.publication_years()
    )
    dropped: list[str] = []
    if not form.is_valid():
        for name in list(form.errors):
            if name in form.fields:
                dropped.append(str(form.fields[name].label))
                form.cleaned_data.pop(name, None)
    filters = form.filters(topics, genres)
    filters.normative = normative
    return form, filters, dropped


def _query_without(request, *names: str) -> str:
    params = [(k, v) for k, v in request.GET.items() if k not in names and v]
    return urlencode(params)


def _list_page(
    request, *, template: str, normative: bool, title: str, column_type: str, data=None, extra=None
):
    form, filters, dropped = _clean_filters(request.GET if data is None else data, normative=normative)
    code = (request.GET.get("org") or "").strip()
    if code and filters.org is None:
        # Never "everything" for an organisation that does not exist: say so (404, no list).
        raise Http404(f"没有找到机构代码为“{code[:40]}”的发布机构，请从机构导航中选择。")
    qs = selectors.filter_items(selectors.published_items(), filters)
    notice = ""
    total = qs.count()
    numbers = None
    if request.GET.get("after") or request.GET.get("before"):
        try:
            page = selectors.keyset_page(
                qs, after=request.GET.get("after"), before=request.GET.get("before"), size=PAGE_SIZE
            )
        except selectors.BadCursor as exc:
            notice = str(exc)
            page = selectors.keyset_page(qs, size=PAGE_SIZE)
    else:
        page, numbers, notice = _numbered_page(qs, total, request.GET.get("page"))
    base_query = _query_without(request, "after", "before", "page")
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "total": total,
        "numbers": numbers,
        "base_query": base_query,
        "dropped": dropped,
        "notice": notice,
        "title": title,
        "column_type": column_type,
        "column": "catalog",
        "first_page": not (request.GET.get("after") or request.GET.get("before")),
        "feed_url": _feed_url(filters),
        **(extra or {}),
    }
    return render(request, template, context)


#: Numbered pages reach this far (offset paging); narrower filters, or 下一页 from there (keyset), go further.
MAX_NUMBERED_PAGES = 250


@dataclass
class PageNumbers:
    current: int
    count: int
    shown: list[int | None]  # page numbers, None for a gap (…)

    @property
    def previous(self) -> int | None:
        return self.current - 1 if self.current > 1 else None

    @property
    def next(self) -> int | None:
        return self.current + 1 if self.current < self.count else None


def _numbered_page(qs, total: int, raw: str | None):
    """The page numbered `raw` (1 when absent or invalid), with the numbers to show: first, last, and two on
    either side of the current page."""
    count = max(1, min(-(-total // PAGE_SIZE), MAX_NUMBERED_PAGES))
    notice = ""
    try:
        number = int(raw) if raw else 1
    except ValueError:
        number, notice = 1, "页码无效，已显示第1页。"
    if number < 1:
        number, notice = 1, "页码无效，已显示第1页。"
    if number > count:
        notice = f"共{count}页，已显示最后一页。" + (
            "请缩小筛选范围查看更多。" if total > count * PAGE_SIZE else ""
        )
        number = count
    offset = (number - 1) * PAGE_SIZE
    rows = list(qs.order_by("-published_at", "-id")[offset : offset + PAGE_SIZE + 1])
    has_more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    # The keyset cursor too: beyond the numbered pages, 下一页 continues by keyset from the last row.
    cursor = selectors.encode_cursor(rows[-1]) if rows and has_more else None
    page = selectors.KeysetPage(items=rows, next_cursor=cursor, prev_cursor=None)
    wanted = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    shown: list[int | None] = []
    for n in wanted:
        if shown and n - (shown[-1] or 0) > 1:
            shown.append(None)
        shown.append(n)
    return page, PageNumbers(current=number, count=count, shown=shown), notice


def _feed_url(filters: selectors.CatalogFilters) -> str:
    if filters.org is not None:
        return reverse("portal:catalog_feed_org", args=[filters.org.credit_code])
    if filters.topic is not None:
        return reverse("portal:catalog_feed_topic", args=[filters.topic.code])
    return reverse("portal:catalog_feed")


@require_GET
def catalog_list(request):
    return _list_page(
        request, template="portal/catalog/list.html", normative=False, title="政府信息公开目录",
        column_type="信息公开目录",
    )  # fmt: skip


@require_GET
def normative_list(request):
    """The normative-document library: in force by default, or all with ?validity=all."""
    data = request.GET.copy()
    show_all = data.get("validity") == "all"
    if show_all:
        data.pop("validity")
    elif not data.get("validity"):
        data["validity"] = Validity.IN_FORCE
    return _list_page(
        request,
        template="portal/catalog/normative.html",
        normative=True,
        title="规范性文件库",
        column_type="规范性文件",
        data=data,
        extra={"show_all": show_all},
    )


@require_GET
def item_detail(request, slug: str):
    item = selectors.get_public_item(slug=slug, annotations=related.item_annotations())
    status = 410 if item.status == Status.WITHDRAWN else 200
    font_size = request.GET.get("fs", "m")
    if font_size not in site_frame.FONT_SIZES:
        font_size = "m"
    return render(
        request,
        "portal/catalog/item.html",
        {
            "item": item,
            "withdrawn": item.status == Status.WITHDRAWN,
            "related": related.related_for(item) if status == 200 else [],
            "qr_svg": qr.qr_svg(request.build_absolute_uri(request.path)) if status == 200 else "",
            "font_size": font_size,
            "font_links": [
                (key, label, site_frame.with_query(request, fs=None if key == "m" else key), key == font_size)
                for key, label in site_frame.FONT_SIZES.items()
            ],
            "attachments": list(item.attachments.all()) if status == 200 else [],
            "versions": list(item.versions.all()),
            "ancestors": org_selectors.ancestors_of(item.org),
            "column": "catalog",
        },
        status=status,
    )


@require_GET
def attachment_download(request, slug: str, pk: int):
    attachment = selectors.get_public_attachment(slug=slug, pk=pk)
    # A file never changes under its id: a reader's copy with the same digest gets 304 (and is not counted).
    etag = f'"{attachment.sha256[:32]}"'
    last_modified = int(attachment.updated_at.timestamp())
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        _revalidate(not_modified, etag, last_modified)
        return not_modified
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("附件文件不存在，请联系发布机构。") from None
    services.attachment_count_download(attachment=attachment)
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    # Old clients that ignore filename* get an ASCII name; Django already sends the UTF-8 one.
    disposition = response.headers["Content-Disposition"]
    if "filename*=" in disposition:
        response.headers["Content-Disposition"] = (
            f'attachment; filename="{ascii_fallback(attachment.original_name)}"; '
            + disposition.split("; ", 1)[1]
        )
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    _revalidate(response, etag, last_modified)
    return response


def _revalidate(response, etag: str, last_modified: int) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Withdrawal must reach readers at once: caches keep the file but ask again each time.
    patch_cache_control(response, public=True, no_cache=True)


# --- Feeds ---------------------------------------------------------------------------------------


class _ItemFeed(Feed):
    feed_type = Atom1Feed

    def items(self, obj):
        raise NotImplementedError

    def item_title(self, item: Item) -> str:
        return item.title

    def item_description(self, item: Item) -> str:
        return item.summary or item.body_text[:300]

    def item_link(self, item: Item) -> str:
        return reverse("portal:catalog_item", args=[item.slug])

    def item_pubdate(self, item: Item):
        return item.published_at

    def item_updateddate(self, item: Item):
        return item.updated_at

    def item_author_name(self, item: Item) -> str:
        return item.org.name

    def item_guid(self, item: Item) -> str:
        return f"urn:gongkai:item:{item.index_no}"

    item_guid_is_permalink = False

    def item_categories(self, item: Item):
        return [item.topic.full_name, item.genre.name]


class CatalogFeed(_ItemFeed):
    def title(self) -> str:
        return f"{settings.GONGKAI_SITE_NAME}：政府信息公开目录"

    def link(self) -> str:
        return reverse("portal:catalog")

    subtitle = "最新主动公开的政府信息"

    def items(self):
        return selectors.feed_items()


class OrgFeed(_ItemFeed):
    def get_object(self, request, code: str) -> Organization:
        return org_selectors.get_public_org(credit_code=code)

    def title(self, obj: Organization) -> str:
        return f"{obj.name}：主动公开的政府信息"

    def link(self, obj: Organization) -> str:
        return reverse("portal:catalog") + "?" + urlencode({"org": obj.credit_code})

    def subtitle(self, obj: Organization) -> str:
        return f"{obj.name}最新发布的政府信息"

    def items(self, obj: Organization):
        return selectors.feed_items(org=obj)


class TopicFeed(_ItemFeed):
    def get_object(self, request, code: str):
        return selectors.get_topic(code=code)

    def title(self, obj) -> str:
        return f"{settings.GONGKAI_SITE_NAME}：{obj.full_name}"

    def link(self, obj) -> str:
        return reverse("portal:catalog") + "?" + urlencode({"topic": obj.code})

    def subtitle(self, obj) -> str:
        return f"主题分类“{obj.full_name}”下最新公开的政府信息"

    def items(self, obj):
        return selectors.feed_items(topic=obj)


# --- Sitemap -------------------------------------------------------------------------------------


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10000

    def items(self):
        return Item.objects.published().order_by("pk").only("slug", "updated_at")

    def location(self, item: Item) -> str:
        return reverse("portal:catalog_item", args=[item.slug])

    def lastmod(self, item: Item):
        return item.updated_at


class OrgSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return org_selectors.public_orgs().order_by("path").only("credit_code", "updated_at")

    def location(self, org: Organization) -> str:
        return reverse("portal:org_detail", args=[org.credit_code])

    def lastmod(self, org: Organization):
        return org.updated_at


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["portal:home", "portal:disclosure", "portal:disclosure_rules", "portal:disclosure_statutory",
                "portal:org_directory", "portal:catalog", "portal:catalog_normative", "portal:site_map",
                "portal:contact"]  # fmt: skip

    def location(self, name: str) -> str:
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "orgs": OrgSitemap, "catalog": ItemSitemap}
