"""Reads of the service catalog and the standard catalogs: by role for staff (404 outside reach), published for
the portal, and the figures the supervision app and the reports read."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from gongkai.catalog.models import Item
from gongkai.core.actors import Actor
from gongkai.core.notfound import first_or_404
from gongkai.orgs.models import Organization
from gongkai.servicecatalog import completeness, rules
from gongkai.servicecatalog.coverage import in_time
from gongkai.servicecatalog.models import (
    NATURAL_PERSON,
    CatalogStatus,
    Code,
    CodeList,
    Entry,
    EntryItem,
    GuideVersion,
    Material,
    ServiceItem,
    StandardCatalog,
    Status,
)
from gongkai.workdays.calendar import WorkCalendar

GUIDE_RELATED = ("item", "item__org", "item__basic", "item__basic__item_type", "item__level", "subject_nature",
                 "handling_type")  # fmt: skip
GUIDE_PREFETCH = ("materials", "fees", "basis_items", "service_objects", "handling_forms", "special_procedures",
                  "questions")  # fmt: skip


def _reach(qs: QuerySet, user: Actor, field: str) -> QuerySet:
    q = rules.visible_q(user, field)
    return qs if q is None else qs.filter(q)


def items_for_staff(user: Actor) -> QuerySet[ServiceItem]:
    return _reach(
        ServiceItem.objects.select_related("org", "basic", "basic__item_type", "level"), user, "org"
    )


def versions_for_staff(user: Actor) -> QuerySet[GuideVersion]:
    return _reach(GuideVersion.objects.select_related(*GUIDE_RELATED), user, "item__org")


def awaiting_review(user: Actor) -> QuerySet[GuideVersion]:
    return versions_for_staff(user).filter(status=Status.SUBMITTED)


def get_version_for_staff(*, user: Actor, pk: int) -> GuideVersion:
    return first_or_404(
        versions_for_staff(user).prefetch_related(*GUIDE_PREFETCH).filter(pk=pk), "没有找到该办事指南。"
    )


def latest_versions(items: QuerySet[ServiceItem] | None = None) -> QuerySet[GuideVersion]:
    """For each item, the version an editor works on: the open one if any, else the published one."""
    qs = GuideVersion.objects.exclude(status__in=[Status.SUPERSEDED, Status.CANCELLED])
    if items is not None:
        qs = qs.filter(item__in=items)
    open_items = qs.filter(status__in=[Status.DRAFT, Status.SUBMITTED, Status.RETURNED]).values("item_id")
    return (
        qs.filter(
            Q(status__in=[Status.DRAFT, Status.SUBMITTED, Status.RETURNED]) | ~Q(item_id__in=open_items)
        )
        .select_related(*GUIDE_RELATED)
        .order_by("item__org__path", "item__implementation_code", "item__handling_code")
    )


# --- Public -----------------------------------------------------------------------------------------


def get_material_for_staff(*, user: Actor, pk: int) -> Material:
    return first_or_404(
        _reach(
            Material.objects.select_related("version", "version__item", "version__item__org"),
            user,
            "version__item__org",
        ).filter(pk=pk),
        "没有找到该材料。",
    )


def get_link_for_staff(*, user: Actor, pk: int) -> EntryItem:
    return first_or_404(
        _reach(
            EntryItem.objects.select_related("entry", "entry__catalog", "entry__catalog__org"),
            user,
            "entry__catalog__org",
        ).filter(pk=pk),
        "没有找到该关联。",
    )


def published_guides() -> QuerySet[GuideVersion]:
    """Published versions, less those whose planned cancellation date (计划取消日期) has passed."""
    today = timezone.localdate()
    return (
        GuideVersion.objects.published()
        .filter(Q(cancel_on__isnull=True) | Q(cancel_on__gt=today))
        .select_related(*GUIDE_RELATED)
    )


def search_guides(
    *, q: str = "", theme: str = "", org: Organization | None = None, level: str = "", item_type: str = ""
) -> QuerySet[GuideVersion]:
    """Published guides whose name or codes contain `q`, by theme (自然人 / 法人), organisation, level, type."""
    qs = published_guides()
    q = q.strip()[:50]
    if q:
        qs = qs.filter(
            Q(item__name__icontains=q) | Q(item__handling_code__icontains=q)
            | Q(item__implementation_code__icontains=q) | Q(item__basic__basic_code__icontains=q)
        )  # fmt: skip
    if theme == "natural":
        qs = qs.filter(service_objects__code=NATURAL_PERSON)
    elif theme == "legal":  # 法人 and other organisations; an item may serve both themes
        legal = Code.objects.filter(list=CodeList.SERVICE_OBJECT).exclude(code=NATURAL_PERSON)
        qs = qs.filter(service_objects__in=legal)
    if org is not None:
        qs = qs.filter(item__org=org)
    if level:
        qs = qs.filter(item__level__code=level)
    if item_type:
        qs = qs.filter(item__basic__item_type__code=item_type)
    return qs.distinct().order_by("item__org__path", "item__implementation_code", "item__handling_code")


def get_public_guide(handling_code: str) -> GuideVersion:
    return first_or_404(
        published_guides().prefetch_related(*GUIDE_PREFETCH).filter(item__handling_code=handling_code),
        "没有找到该事项。",
    )


def public_material(handling_code: str, pk: int) -> tuple[GuideVersion, object]:
    version = get_public_guide(handling_code)
    material = next((m for m in version.materials.all() if m.pk == pk), None)
    if material is None:
        raise Http404("没有找到该材料。")
    return version, material


def guide_orgs() -> QuerySet[Organization]:
    """Organisations with published guides (for browsing)."""
    return (
        Organization.objects.filter(service_items__versions__status=Status.PUBLISHED)
        .distinct()
        .order_by("path")
    )


def codes(list_name: str) -> QuerySet[Code]:
    return Code.objects.filter(list=list_name, active=True)


# --- Completeness (also read by the supervision app) -------------------------------------------------


@dataclass
class Incomplete:
    version: GuideVersion
    missing: list[str]


def _in_orgs(qs: QuerySet, organizations: Iterable[Organization] | QuerySet[Organization]) -> QuerySet:
    return qs.filter(item__org__in=list(organizations))


def incomplete_guides(organizations: Iterable[Organization] | QuerySet[Organization]) -> list[Incomplete]:
    """Published guides of `organizations` missing key elements, with the missing element names (in the order of
    the configured list), ordered by organisation and code."""
    checked = completeness.elements()
    qs = _in_orgs(published_guides(), organizations).prefetch_related("materials", "fees", "basis_items")
    out = []
    for version in qs.order_by("item__org__path", "item__implementation_code", "item__handling_code"):
        missing = completeness.missing(version, checked)
        if missing:
            out.append(Incomplete(version, missing))
    return out


def guide_completeness_by_org(
    organizations: Iterable[Organization] | QuerySet[Organization],
) -> dict[int, tuple[int, int]]:
    """{organisation id: (complete, incomplete)} over the published guides of `organizations` (organisations
    without published guides are left out)."""
    checked = completeness.elements()
    qs = _in_orgs(published_guides(), organizations).prefetch_related("materials", "fees", "basis_items")
    out: dict[int, tuple[int, int]] = {}
    for version in qs:
        complete, incomplete = out.get(version.item.org_id, (0, 0))
        if completeness.missing(version, checked):
            incomplete += 1
        else:
            complete += 1
        out[version.item.org_id] = (complete, incomplete)
    return out


# --- Standard catalogs ------------------------------------------------------------------------------


def catalogs_for_staff(user: Actor) -> QuerySet[StandardCatalog]:
    return _reach(StandardCatalog.objects.select_related("org", "domain"), user, "org")


def get_catalog_for_staff(*, user: Actor, pk: int) -> StandardCatalog:
    return first_or_404(catalogs_for_staff(user).filter(pk=pk), "没有找到该标准目录。")


def entries_for_staff(user: Actor) -> QuerySet[Entry]:
    return _reach(
        Entry.objects.select_related("catalog", "catalog__org", "catalog__domain"), user, "catalog__org"
    )


def get_entry_for_staff(*, user: Actor, pk: int) -> Entry:
    return first_or_404(entries_for_staff(user).filter(pk=pk), "没有找到该事项。")


def entries_with_items(catalog: StandardCatalog) -> QuerySet[Entry]:
    links = EntryItem.objects.select_related("item", "item__org").order_by("item__written_on", "item_id")
    return catalog.entries.prefetch_related("channels", Prefetch("links", queryset=links))


def published_catalogs() -> QuerySet[StandardCatalog]:
    return StandardCatalog.objects.filter(status=CatalogStatus.PUBLISHED).select_related("org", "domain")


def get_public_catalog(pk: int) -> StandardCatalog:
    return first_or_404(published_catalogs().filter(pk=pk), "没有找到该标准目录。")


def published_items_by_index(text: str) -> list[Item]:
    """Published catalog items named by index numbers separated by «、», commas or spaces (unknown ones ignored)."""
    return list(Item.objects.published().filter(index_no__in=index_numbers(text)))


def index_numbers(text: str) -> list[str]:
    return [n for n in re.split(r"[、，,；;\s]+", text or "") if n][:20]


def taggable_items(catalog: StandardCatalog) -> QuerySet[Item]:
    return Item.objects.published().filter(org__path__startswith=catalog.org.path)


@dataclass
class Coverage:
    entries: int
    covered: int

    @property
    def percent(self) -> int:
        return round(100 * self.covered / self.entries) if self.entries else 0


def covered_entries(catalogs: Iterable[StandardCatalog], calendar: WorkCalendar | None = None) -> set[int]:
    """The ids of entries with a tagged item published inside the entry's time limit."""
    calendar = calendar or WorkCalendar()
    entries = Entry.objects.filter(catalog__in=list(catalogs)).prefetch_related(
        Prefetch("links", queryset=EntryItem.objects.select_related("item"))
    )
    return {e.pk for e in entries if any(in_time(e, link.item, calendar) for link in e.links.all())}


def coverage_by_org(
    organizations: Iterable[Organization] | QuerySet[Organization], *, year: int | None = None
) -> dict[int, Coverage]:
    """{organisation id: entries and entries covered} over the organisations' standard catalogs (of `year`)."""
    catalogs = StandardCatalog.objects.filter(org__in=list(organizations))
    if year is not None:
        catalogs = catalogs.filter(year=year)
    covered = covered_entries(catalogs)
    out: dict[int, Coverage] = {}
    for org_id, entry_id in Entry.objects.filter(catalog__in=catalogs).values_list("catalog__org_id", "pk"):
        row = out.setdefault(org_id, Coverage(0, 0))
        row.entries += 1
        row.covered += entry_id in covered
    return out
