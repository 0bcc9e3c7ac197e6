"""Every change to interpretations (docs/interpretation.md). The interpretation's text is a catalog item of genre
政策解读, created through `gongkai.catalog.services` and reviewed and published there; the 三同步 check and the
deadline are this app's, given to the catalog at start-up (apps.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape

from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import EDITABLE_STATUSES, Genre, Item, Status
from gongkai.catalog.rules import require
from gongkai.core import audit
from gongkai.core.actors import Actor, System
from gongkai.core.validation import strip_controls
from gongkai.interpretation.models import GENRE_CODE, SECTIONS, Interpretation, Kind, SyncRule
from gongkai.interpretation.rules import InterpretationRules
from gongkai.orgs.models import Organization
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

SECTION_FIELDS = [f for f, _ in SECTIONS]
DEADLINE_JOB = System("政策解读期限")


# --- 三同步, asked by the catalog before an item is submitted --------------------------------------------


def sync_problems(item: Item) -> list[str]:
    """Why `item` may not be submitted yet: a normative document of a class whose rule needs an interpretation,
    with none drafted for it."""
    if not item.is_normative or item.genre.code == GENRE_CODE:
        return []
    rule = SyncRule.objects.filter(statutory_class=item.statutory_class, requires_interpretation=True).first()
    if rule is None or Interpretation.objects.filter(documents=item).exists():
        return []
    return [
        f"按“三同步”规则（{rule.source}），{rule.get_statutory_class_display()}中的规范性文件须同步起草政策解读："
        "请先起草本文件的解读，再提交审核。"
    ]


# --- The deadline: N working days from the document's publication -----------------------------------------


def deadline_of(interpretation: Interpretation, calendar: WorkCalendar | None = None) -> date | None:
    """The day the interpretation is due: its rule's working days after the first publication of the documents
    it interprets (None before any is published, without a rule, or without the year's calendar)."""
    first = interpretation.documents.filter(published_at__isnull=False).order_by("published_at").first()
    if first is None or first.published_at is None:
        return None
    rule = SyncRule.objects.filter(statutory_class=first.statutory_class).first()
    if rule is None:
        return None
    try:
        return (calendar or WorkCalendar()).add_workdays(
            timezone.localdate(first.published_at), rule.due_workdays
        )
    except CalendarMissing:
        return None


def interpretation_refresh_deadline(
    *, interpretation: Interpretation, calendar: WorkCalendar | None = None
) -> Interpretation:
    """Recompute the due date and the late flag (published after the due date); recorded when they change."""
    due = deadline_of(interpretation, calendar)
    published = interpretation.item.published_at
    late = due is not None and published is not None and timezone.localdate(published) > due
    if (due, late) == (interpretation.due_on, interpretation.is_late):
        return interpretation
    before = {"due_on": interpretation.due_on, "is_late": interpretation.is_late}
    interpretation.due_on, interpretation.is_late = due, late
    interpretation.save(update_fields=["due_on", "is_late", "updated_at"])
    audit.record(
        actor=DEADLINE_JOB,
        action="interpretation.deadline",
        obj=interpretation,
        org=interpretation.org,
        before=before,
        after={"due_on": due, "is_late": late},
    )
    return interpretation


def on_item_saved(sender: type[Item], instance: Item, **kwargs: Any) -> None:
    """A published item (an interpretation or a document interpreted) moves the deadlines that depend on it."""
    if kwargs.get("raw") or instance.status != Status.PUBLISHED:
        return
    found = Interpretation.objects.filter(Q(item=instance) | Q(documents=instance)).distinct()
    if not found.exists():
        return
    calendar = WorkCalendar()
    with transaction.atomic():
        for interpretation in found.select_related("item", "org"):
            interpretation_refresh_deadline(interpretation=interpretation, calendar=calendar)


# --- Drafting -------------------------------------------------------------------------------------------


def _body(sections: dict[str, str]) -> str:
    parts = []
    for field, heading in SECTIONS:
        text = sections.get(field, "").strip()
        if text:
            paragraphs = "".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n") if p.strip())
            parts.append(f"<h2>{heading}</h2>{paragraphs}")
    return "".join(parts)


def _clean(
    *, kind: str, interpreter: str, links: str, sections: dict[str, str], documents: list[Item]
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not documents:
        errors["documents"] = "请选择所解读的文件（至少一件）。"
    if kind not in Kind.values:
        errors["kind"] = "解读形式无效。"
    unknown = set(sections) - set(SECTION_FIELDS)
    if unknown:
        errors["__all__"] = f"未知的解读要点：{'、'.join(sorted(unknown))}。"
    if len(interpreter.strip()) > 100:
        errors["interpreter"] = "解读人过长（最多100字）。"
    for line in links.splitlines():
        line = line.strip()
        if line and not (line.startswith("https://") or line.startswith("http://")):
            errors["links"] = f"链接须以 http:// 或 https:// 开头：{line[:60]}"
            break
    if errors:
        raise ValidationError(errors)
    cleaned = {f: strip_controls(sections.get(f, "")).strip() for f in SECTION_FIELDS}
    cleaned["interpreter"] = strip_controls(interpreter).strip()
    cleaned["links"] = "\n".join(x.strip() for x in links.splitlines() if x.strip())
    return cleaned


@transaction.atomic
def interpretation_create(
    *,
    actor: Actor,
    documents: Iterable[Item],
    title: str,
    kind: str = Kind.TEXT,
    org: Organization | None = None,
    interpreter: str = "",
    written_on: date | None = None,
    summary: str = "",
    links: str = "",
    sections: dict[str, str] | None = None,
    calendar: WorkCalendar | None = None,
) -> Interpretation:
    """A draft interpretation of `documents` by `org` (谁起草谁解读: by default the first document's organ), as a
    catalog draft of genre 政策解读 that goes through the catalog's review."""
    docs = list(documents)
    org = org or (docs[0].org if docs else None)
    if org is None:
        raise ValidationError({"documents": "请选择所解读的文件（至少一件）。"})
    require(InterpretationRules(actor, org).may_draft(), "您不是该机构的信息编辑，不能起草政策解读。")
    cleaned = _clean(kind=kind, interpreter=interpreter, links=links, sections=sections or {}, documents=docs)
    if any(d.genre.code == GENRE_CODE for d in docs):
        raise ValidationError({"documents": "解读的对象不能是另一篇政策解读。"})
    genre = Genre.objects.filter(code=GENRE_CODE).first()
    if genre is None:
        raise ValidationError("缺少体裁“政策解读”，请管理员在体裁中添加（代码 policy-interpretation）。")
    body = _body({f: cleaned[f] for f in SECTION_FIELDS})
    if not body and not cleaned["links"]:
        raise ValidationError({"main_content": "请至少填写一项解读要点或一个链接。"})
    if cleaned["links"]:
        body += "<h2>相关链接</h2>" + "".join(
            f'<p><a href="{escape(u)}">{escape(u)}</a></p>' for u in cleaned["links"].split("\n")
        )
    first = docs[0]
    item = catalog_services.item_create(
        actor=actor,
        org=org,
        title=title,
        written_on=written_on or timezone.localdate(),
        topic=first.topic,
        genre=genre,
        summary=summary,
        statutory_class=first.statutory_class,
        body=body,
        keywords="政策解读",
        calendar=calendar,
    )
    interpretation = Interpretation.objects.create(item=item, org=org, kind=kind, **cleaned)
    interpretation.documents.set(docs)
    audit.record(
        actor=actor,
        action="interpretation.create",
        obj=interpretation,
        org=org,
        after={"title": item.title, "kind": kind, "documents": [d.pk for d in docs]},
    )
    return interpretation


@transaction.atomic
def interpretation_update(
    *,
    actor: Actor,
    interpretation: Interpretation,
    kind: str,
    interpreter: str = "",
    links: str = "",
    sections: dict[str, str] | None = None,
    documents: Iterable[Item] | None = None,
) -> Interpretation:
    """Edit a draft or returned interpretation: its kind, interpreter, sections, links and documents (the
    catalog item's body follows the sections)."""
    interpretation = (
        Interpretation.objects.select_for_update().select_related("item").get(pk=interpretation.pk)
    )
    require(
        InterpretationRules(actor, interpretation.org).may_draft(),
        "您不是该机构的信息编辑，不能修改政策解读。",
    )
    if interpretation.item.status not in EDITABLE_STATUSES:
        raise ValidationError("只有草稿或退回的解读可以修改。")
    docs = list(documents) if documents is not None else list(interpretation.documents.all())
    cleaned = _clean(kind=kind, interpreter=interpreter, links=links, sections=sections or {}, documents=docs)
    before = {
        "kind": interpretation.kind,
        "documents": sorted(interpretation.documents.values_list("pk", flat=True)),
    }
    interpretation.kind = kind
    for field, value in cleaned.items():
        setattr(interpretation, field, value)
    interpretation.save()
    interpretation.documents.set(docs)
    body = _body({f: cleaned[f] for f in SECTION_FIELDS})
    catalog_services.item_update(actor=actor, item=interpretation.item, body=body or "<p>见相关链接。</p>")
    audit.record(
        actor=actor,
        action="interpretation.update",
        obj=interpretation,
        org=interpretation.org,
        before=before,
        after={"kind": kind, "documents": sorted(d.pk for d in docs)},
    )
    return interpretation
