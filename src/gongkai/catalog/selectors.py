"""Reading the catalog: the public catalog, staff work lists, feeds, figures for reports."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from gongkai.catalog import conf, rules
from gongkai.catalog.docno import normalize_doc_no
from gongkai.catalog.models import (
    PUBLIC_STATUSES,
    Attachment,
    FocusArea,
    Genre,
    Item,
    Publication,
    Review,
    Status,
    Topic,
)
from gongkai.core.models import AuditEvent
from gongkai.core.notfound import first_or_404
from gongkai.orgs import access
from gongkai.orgs.models import Organization
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from gongkai.documents.models import Extraction
    from gongkai.orgs.models import OrganizationQuerySet
    from gongkai.search.documents import AttachedText

LIST_RELATED = ("org", "topic", "topic__parent", "genre")


# --- The public catalog ----------------------------------------------------------------------------


def published_items() -> QuerySet[Item]:
    """Items in the public catalog: published, proactively disclosed, not withdrawn; newest first."""
    return Item.objects.published().select_related(*LIST_RELATED).order_by("-published_at", "-id")


def get_public_item(*, slug: str, annotations: dict[str, Any] | None = None) -> Item:
    """A published or withdrawn item by its public identifier (a withdrawn item still answers, with its
    withdrawal notice); 404 for anything else. `annotations` (expressions an interface passes, e.g. whether
    records of another app refer to the item) are read in the same query."""
    return first_or_404(
        Item.objects.public()
        .annotate(**(annotations or {}))
        .select_related(*LIST_RELATED, "replaced_by")
        .prefetch_related(
            "co_orgs",
            Prefetch("focus_areas", queryset=FocusArea.objects.select_related("parent")),
            "attachments",
            "versions",
        )
        .filter(slug=slug),
        "没有找到该信息。",
    )


def get_public_attachment(*, slug: str, pk: int) -> Attachment:
    item = get_public_item(slug=slug)
    if item.status != Status.PUBLISHED:
        raise Http404("该信息已撤回，附件不再提供下载。")
    attachment = next((a for a in item.attachments.all() if a.pk == pk), None)
    if attachment is None:
        raise Http404("没有找到该附件。")
    return attachment


def replacements_of(item: Item) -> list[Item]:
    """Public items that this one replaced (the reverse of replaced_by)."""
    return list(published_items().filter(replaced_by=item))


@dataclass
class CatalogFilters:
    org: Organization | None = None
    subtree: bool = False
    topic: Topic | None = None
    statutory_class: str = ""
    genre: Genre | None = None
    year: int | None = None
    published_from: date | None = None
    published_to: date | None = None
    written_from: date | None = None
    written_to: date | None = None
    validity: str = ""
    normative: bool = False
    normative_kind: str = ""
    focus_area: FocusArea | None = None
    q: str = ""


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filter_items(qs: QuerySet[Item], f: CatalogFilters) -> QuerySet[Item]:
    if f.org is not None:
        if f.subtree:
            qs = qs.filter(org__path__startswith=f.org.path)
        else:
            # Joint documents appear in each co-publisher's catalog too (a subquery: no duplicates).
            joint = Item.co_orgs.through.objects.filter(organization=f.org).values("item_id")
            qs = qs.filter(Q(org=f.org) | Q(pk__in=joint))
    if f.topic is not None:
        qs = (
            qs.filter(topic=f.topic)
            if f.topic.parent_id
            else qs.filter(Q(topic=f.topic) | Q(topic__parent=f.topic))
        )
    if f.statutory_class:
        qs = qs.filter(statutory_class=f.statutory_class)
    if f.genre is not None:
        qs = qs.filter(genre=f.genre)
    if f.year:
        qs = qs.filter(published_at__gte=_day_start(date(f.year, 1, 1)),
                       published_at__lt=_day_start(date(f.year + 1, 1, 1)))  # fmt: skip
    if f.published_from:
        qs = qs.filter(published_at__gte=_day_start(f.published_from))
    if f.published_to:
        qs = qs.filter(published_at__lt=_day_start(f.published_to + timedelta(days=1)))
    if f.written_from:
        qs = qs.filter(written_on__gte=f.written_from)
    if f.written_to:
        qs = qs.filter(written_on__lte=f.written_to)
    if f.normative or f.validity or f.normative_kind:
        qs = qs.filter(is_normative=True)
    if f.validity:
        qs = qs.filter(validity=f.validity)
    if f.normative_kind:
        qs = qs.filter(normative_kind=f.normative_kind)
    if f.focus_area is not None:
        qs = qs.filter(Q(focus_areas=f.focus_area) | Q(focus_areas__parent=f.focus_area)).distinct()
    q = " ".join(f.q.split())[:100]
    if q:
        normalized = normalize_doc_no(q)
        qs = qs.filter(Q(title__icontains=q) | Q(doc_no_normalized__icontains=normalized) | Q(index_no=q))
    return qs


# --- Keyset pagination (fast at any depth: no OFFSET) ----------------------------------------------


class BadCursor(ValueError):
    pass


def encode_cursor(item: Item) -> str:
    assert item.published_at is not None, "only published items are paged"
    raw = f"{item.published_at.isoformat()}|{item.pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        when, _, pk = base64.urlsafe_b64decode(padded.encode()).decode().partition("|")
        moment = datetime.fromisoformat(when)
        if timezone.is_naive(moment):
            raise ValueError
        return moment, int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise BadCursor("分页参数无效，请从第一页开始浏览。") from None


@dataclass
class KeysetPage:
    items: list[Item]
    next_cursor: str | None
    prev_cursor: str | None


def keyset_page(
    qs: QuerySet[Item], *, after: str | None = None, before: str | None = None, size: int = 20
) -> KeysetPage:
    """A page of `qs` (ordered newest first) after or before a cursor; one query (size + 1 rows)."""
    if before:
        moment, pk = decode_cursor(before)
        rows = list(
            qs.filter(Q(published_at__gt=moment) | Q(published_at=moment, pk__gt=pk)).order_by(
                "published_at", "id"
            )[: size + 1]
        )
        has_more = len(rows) > size
        rows = list(reversed(rows[:size]))
        return KeysetPage(
            items=rows,
            next_cursor=encode_cursor(rows[-1]) if rows else None,
            prev_cursor=encode_cursor(rows[0]) if rows and has_more else None,
        )
    if after:
        moment, pk = decode_cursor(after)
        qs = qs.filter(Q(published_at__lt=moment) | Q(published_at=moment, pk__lt=pk))
    rows = list(qs.order_by("-published_at", "-id")[: size + 1])
    has_more = len(rows) > size
    rows = rows[:size]
    return KeysetPage(
        items=rows,
        next_cursor=encode_cursor(rows[-1]) if rows and has_more else None,
        prev_cursor=encode_cursor(rows[0]) if rows and after else None,
    )


def publication_years() -> list[int]:
    """Years from the first publication to this year, newest first (two indexed aggregate look-ups)."""
    first = Item.objects.published().order_by("published_at").values_list("published_at", flat=True).first()
    this_year = timezone.localdate().year
    if first is None:
        return [this_year]
    return list(range(this_year, timezone.localtime(first).year - 1, -1))


def active_topics() -> QuerySet[Topic]:
    return Topic.objects.filter(is_active=True).select_related("parent").order_by("code")


def active_genres() -> QuerySet[Genre]:
    return Genre.objects.filter(is_active=True)


def active_focus_areas() -> QuerySet[FocusArea]:
    return FocusArea.objects.filter(is_active=True).select_related("parent")


def get_topic(*, code: str) -> Topic:
    return first_or_404(
        Topic.objects.filter(code=code, is_active=True).select_related("parent"), "没有找到该主题分类。"
    )


def get_genre(*, code: str) -> Genre:
    return first_or_404(Genre.objects.filter(code=code, is_active=True), "没有找到该体裁。")


def feed_items(*, org: Organization | None = None, topic: Topic | None = None, limit: int = 50) -> list[Item]:
    return list(filter_items(published_items(), CatalogFilters(org=org, subtree=False, topic=topic))[:limit])


# --- Staff ----------------------------------------------------------------------------------------


def items_visible_to(user: User | AnonymousUser) -> QuerySet[Item]:
    """Items of the organisations a staff member reaches through any role."""
    return access.filter_by_org(Item.objects.select_related(*LIST_RELATED), user)


def get_item_for_staff(*, user: User | AnonymousUser, pk_or_public_id: int | str) -> Item:
    """An item the user may see (by primary key or public id), else 404, never 403."""
    qs = items_visible_to(user).select_related("created_by", "replaced_by")
    value = str(pk_or_public_id)
    item = qs.filter(pk=int(value)).first() if value.isdigit() else qs.filter(slug=value).first()
    if item is None:
        raise Http404("没有找到该信息。")
    return item


def my_drafts(user: User | AnonymousUser) -> QuerySet[Item]:
    return (
        items_visible_to(user)
        .filter(
            created_by_id=user.pk,
            status__in=[Status.DRAFT, Status.RETURNED, Status.SUBMITTED, Status.ESCALATED],
        )
        .order_by("-updated_at")
    )


def review_queue(user: User | AnonymousUser) -> QuerySet[Item]:
    """Items waiting for this user's review: submitted ones of organisations where they review, escalated ones
    also for supervisors of the region; never their own drafts."""
    submitted = access.filter_by_org(Item.objects.filter(status=Status.SUBMITTED), user, *rules.REVIEW_ROLES)
    escalated = access.filter_by_org(Item.objects.filter(status=Status.ESCALATED), user, *rules.QUEUE_ROLES)
    return (
        (submitted | escalated)
        .select_related(*LIST_RELATED, "created_by")
        .exclude(created_by_id=user.pk)
        .order_by("due_on", "updated_at")
    )


def approved_unpublished(user: User | AnonymousUser) -> QuerySet[Item]:
    return access.filter_by_org(
        Item.objects.select_related(*LIST_RELATED), user, *rules.PUBLISHER_ROLES
    ).filter(status=Status.APPROVED)


def scheduled_items(user: User | AnonymousUser) -> QuerySet[Item]:
    return items_visible_to(user).filter(status=Status.SCHEDULED).order_by("scheduled_at")


UNPUBLISHED = [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.ESCALATED, Status.APPROVED,
               Status.SCHEDULED]  # fmt: skip


@dataclass
class RiskWindow:
    today: date
    until: date | None
    warning: str = ""


def risk_window(*, today: date | None = None, days: int | None = None) -> RiskWindow:
    today = today or timezone.localdate()
    days = conf.at_risk_workdays() if days is None else days
    try:
        return RiskWindow(today=today, until=WorkCalendar().add_workdays(today, days))
    except CalendarMissing as exc:
        return RiskWindow(today=today, until=None, warning=str(exc))


def at_risk_items(user: User | AnonymousUser, *, window: RiskWindow) -> QuerySet[Item]:
    """Not yet published, due today or within the window of working days."""
    qs = items_visible_to(user).filter(status__in=UNPUBLISHED, due_on__gte=window.today)
    qs = qs.filter(due_on__lte=window.until) if window.until is not None else qs.none()
    return qs.order_by("due_on", "pk")


def late_items(user: User | AnonymousUser, *, today: date | None = None) -> QuerySet[Item]:
    """Published after their deadline, or still unpublished past it."""
    today = today or timezone.localdate()
    return (
        items_visible_to(user)
        .filter(Q(is_late=True, status__in=PUBLIC_STATUSES) | Q(status__in=UNPUBLISHED, due_on__lt=today))
        .order_by("-due_on", "-pk")
    )


def late_summary(
    user: User | AnonymousUser, *, today: date | None = None, year: int | None = None
) -> list[dict[str, Any]]:
    """Per organisation: items published late (in `year`, by publication) and unpublished past deadline."""
    today = today or timezone.localdate()
    year = year or today.year
    qs = items_visible_to(user)
    rows = (
        qs.values("org__id", "org__name", "org__path")
        .annotate(
            published=Count(
                "id",
                filter=Q(
                    status=Status.PUBLISHED,
                    published_at__gte=_day_start(date(year, 1, 1)),
                    published_at__lt=_day_start(date(year + 1, 1, 1)),
                ),
            ),
            late=Count(
                "id",
                filter=Q(
                    is_late=True,
                    status__in=PUBLIC_STATUSES,
                    published_at__gte=_day_start(date(year, 1, 1)),
                    published_at__lt=_day_start(date(year + 1, 1, 1)),
                ),
            ),
            overdue=Count("id", filter=Q(status__in=UNPUBLISHED, due_on__lt=today)),
        )
        .order_by("org__path")
    )
    return [dict(r) for r in rows if r["late"] or r["overdue"] or r["published"]]


def publications_visible_to(user: User | AnonymousUser) -> QuerySet[Publication]:
    return access.filter_by_org(Publication.objects.select_related("org", "item"), user).order_by(
        "-published_on", "-pk"
    )


def item_timeline(item: Item) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.for_object(item).order_by("occurred_at", "id")


def reviews_of(item: Item) -> QuerySet[Review]:
    return item.reviews.select_related("reviewer").order_by("reviewed_at", "id")


def publishable_orgs(user: User | AnonymousUser, *roles: str) -> OrganizationQuerySet:
    """Active organisations where `user` holds one of `roles` (for the editor's organisation choice)."""
    return access.orgs_for(user, *roles).filter(is_active=True).order_by("path")


def drafting_orgs(user: User | AnonymousUser) -> OrganizationQuerySet:
    """Organisations where `user` may draft items (editors and disclosure offices)."""
    return publishable_orgs(user, *rules.EDITOR_ROLES)


# --- Attachment text for search and the back office ------------------------------------------------


def attachment_texts(items: Iterable[Item]) -> dict[int, list[AttachedText]]:
    """{item id: [search AttachedText]} of the attachments whose text has been read (two queries): what
    the catalog hands to the search index with each item."""
    from django.urls import reverse

    from gongkai.documents.selectors import texts_for
    from gongkai.search.documents import AttachedText

    items = list(items)
    attachments = list(
        Attachment.objects.filter(item__in=[i.pk for i in items]).order_by("item", "sort_order", "id")
    )
    texts = texts_for("catalog.attachment", [a.pk for a in attachments])
    slugs = {i.pk: i.slug for i in items}
    out: dict[int, list[AttachedText]] = {}
    for a in attachments:
        text = texts.get(a.pk, "")
        if not text.strip() or not slugs.get(a.item_id):
            continue
        url = reverse("portal:catalog_attachment", kwargs={"slug": slugs[a.item_id], "pk": a.pk})
        out.setdefault(a.item_id, []).append(AttachedText(name=a.original_name, url=url, text=text))
    return out


def attachment_extractions(item: Item) -> list[tuple[Attachment, Extraction | None]]:
    """(attachment, its Extraction or None) for the item's attachments (back office)."""
    from gongkai.documents.selectors import extractions_for

    attachments = list(item.attachments.all())
    found = extractions_for("catalog.attachment", [a.pk for a in attachments])
    return [(a, found.get(a.pk)) for a in attachments]


def attachment_extractions_visible(user: User | AnonymousUser, *, status: str = "") -> QuerySet[Extraction]:
    """Extractions of the attachments of items the user may see (back office status page)."""
    from gongkai.documents.selectors import extractions_of

    visible = Attachment.objects.filter(item__in=items_visible_to(user).values("pk")).values_list(
        "pk", flat=True
    )
    return extractions_of("catalog.attachment", visible, status=status)


def attachments_by_id(ids: Iterable[int]) -> dict[int, Attachment]:
    return {a.pk: a for a in Attachment.objects.filter(pk__in=list(ids)).select_related("item", "item__org")}


def disclosure_rules(org: Organization | None) -> QuerySet[Item] | None:
    """An organ's 政府信息公开制度: its published items under the topics (a first-level topic with its children)
    and of the genres an administrator ticked (`lists_disclosure_rules`); None while nothing is ticked."""
    topics = list(
        Topic.objects.filter(lists_disclosure_rules=True, is_active=True).values_list("pk", flat=True)
    )
    genres = list(
        Genre.objects.filter(lists_disclosure_rules=True, is_active=True).values_list("pk", flat=True)
    )
    if not topics and not genres:
        return None
    qs = filter_items(published_items(), CatalogFilters(org=org))
    if topics:
        qs = qs.filter(Q(topic__in=topics) | Q(topic__parent__in=topics))
    if genres:
        qs = qs.filter(genre__in=genres)
    return qs
