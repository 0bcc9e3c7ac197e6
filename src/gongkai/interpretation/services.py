"""Every change to interpretations (docs/interpretation.md). The interpretation's text is a catalog item of genre
政策解读, created through `gongkai.catalog.services` and reviewed and published there; the 三同步 check and the
deadline are this app's, given to the catalog at start-up (apps.py)."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable
from datetime import date, timedelta
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape

from gongkai.catalog import services as catalog_services
from gongkai.catalog import uploads as catalog_uploads
from gongkai.catalog.models import EDITABLE_STATUSES, Genre, Item, Status
from gongkai.catalog.rules import require
from gongkai.core import audit, files
from gongkai.core.actors import Actor, System
from gongkai.core.validation import strip_controls
from gongkai.interpretation.models import (
    CONFERENCE_MOVES,
    GENRE_CODE,
    PLATFORM_CHANNEL,
    SECTIONS,
    ConcernResponse,
    ConferenceMedia,
    ConferenceStatus,
    GazetteEntry,
    GazetteIssue,
    Interpretation,
    Kind,
    MediaAccount,
    MediaMonthlyCount,
    MediaPost,
    Platform,
    PressConference,
    ResponseChannel,
    ResponseKind,
    SyncRule,
)
from gongkai.interpretation.rules import InterpretationRules, RecordRules
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
    audit.record_on(
        interpretation,
        actor=DEADLINE_JOB,
        action="interpretation.deadline",
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
    audit.record_on(
        interpretation,
        actor=actor,
        action="interpretation.update",
        before=before,
        after={"kind": kind, "documents": sorted(d.pk for d in docs)},
    )
    return interpretation


# --- Press conferences ----------------------------------------------------------------------------------

#: What a press conference's record holds: the fields its forms edit and these services accept.
CONFERENCE_FIELDS = [
    "title",
    "held_on",
    "venue",
    "speakers",
    "policies",
    "transcript",
    "video_url",
    "picture_urls",
]


def _lines_are_urls(text: str, field: str) -> None:
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith(("https://", "http://")):
            raise ValidationError({field: f"链接须以 http:// 或 https:// 开头：{line[:60]}"})


def _clean_conference(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = {k: strip_controls(v).strip() if isinstance(v, str) else v for k, v in values.items()}
    if "title" in cleaned and not (2 <= len(cleaned["title"]) <= 200):
        raise ValidationError({"title": "请填写发布会名称（2至200字）。"})
    if "held_on" in cleaned and not isinstance(cleaned["held_on"], date):
        raise ValidationError({"held_on": "请填写举办日期。"})
    _lines_are_urls(cleaned.get("video_url", ""), "video_url")
    _lines_are_urls(cleaned.get("picture_urls", ""), "picture_urls")
    return cleaned


@transaction.atomic
def conference_create(
    *, actor: Actor, org: Organization, documents: Iterable[Item] = (), **values: Any
) -> PressConference:
    """Record a press conference (a draft: not public until a notice or the record is published)."""
    require(RecordRules(actor, org).may_record(), "您不是该机构的信息编辑，不能登记新闻发布会。")
    unknown = set(values) - set(CONFERENCE_FIELDS)
    if unknown:
        raise ValidationError(f"未知的字段：{'、'.join(sorted(unknown))}。")
    conference = PressConference(org=org, **_clean_conference(values))
    conference.save()
    docs = list(documents)
    conference.documents.set(docs)
    audit.record(
        actor=actor,
        action="conference.create",
        obj=conference,
        org=org,
        after={"title": conference.title, "held_on": conference.held_on, "documents": [d.pk for d in docs]},
    )
    return conference


@transaction.atomic
def conference_update(
    *, actor: Actor, conference: PressConference, documents: Iterable[Item] | None = None, **values: Any
) -> PressConference:
    """Edit a conference's record (also after publication: the record is completed after the event)."""
    conference = PressConference.objects.select_for_update().get(pk=conference.pk)
    require(RecordRules(actor, conference.org).may_record(), "您不是该机构的信息编辑，不能修改新闻发布会。")
    unknown = set(values) - set(CONFERENCE_FIELDS)
    if unknown:
        raise ValidationError(f"未知的字段：{'、'.join(sorted(unknown))}。")
    cleaned = _clean_conference(values)
    before = audit.snapshot(conference, list(cleaned))
    for field, value in cleaned.items():
        setattr(conference, field, value)
    conference.save()
    if documents is not None:
        conference.documents.set(list(documents))
    audit.record_on(
        conference,
        actor=actor,
        action="conference.update",
        before=before,
        after=audit.snapshot(conference, list(cleaned)),
    )
    return conference


@transaction.atomic
def conference_publish(*, actor: Actor, conference: PressConference, notice: bool = False) -> PressConference:
    """Publish the advance notice (`notice=True`) or the conference's record on the portal."""
    conference = PressConference.objects.select_for_update().get(pk=conference.pk)
    require(RecordRules(actor, conference.org).may_publish(), "您不能发布该机构的新闻发布会。")
    target = ConferenceStatus.NOTICE if notice else ConferenceStatus.PUBLISHED
    if target not in CONFERENCE_MOVES[conference.status]:
        raise ValidationError(
            f"“{conference.get_status_display()}”的发布会不能再{'发布预告' if notice else '发布'}。"
        )
    if target == ConferenceStatus.PUBLISHED and not (conference.transcript or conference.video_url):
        raise ValidationError({"transcript": "发布前请填写文字实录或视频链接。"})
    before = conference.status
    conference.status = target
    if conference.published_at is None:
        conference.published_at = timezone.now()
    conference.save(update_fields=["status", "published_at", "updated_at"])
    audit.record_on(
        conference,
        actor=actor,
        action="conference.publish",
        before={"status": before},
        after={"status": target},
    )
    return conference


MEDIA_LABEL = "JPG、PNG、GIF 图片或 MP4 视频"


@transaction.atomic
def conference_media_add(
    *, actor: Actor, conference: PressConference, upload: IO[bytes], caption: str
) -> ConferenceMedia:
    """Attach a picture or video of the conference, checked by content (the catalog's attachment checks:
    name, size, type by bytes) and limited to images and MP4. Public once the conference's record is; the
    caption is the picture's text alternative, so it is required."""
    conference = PressConference.objects.select_for_update().get(pk=conference.pk)
    require(
        RecordRules(actor, conference.org).may_record(), "您不是该机构的信息编辑，不能上传发布会图片和视频。"
    )
    caption = strip_controls(caption or "").strip()
    if not (2 <= len(caption) <= 200):
        raise ValidationError({"caption": "请填写说明（2至200字）：图片的替代文字或视频的标题。"})
    try:
        checked = catalog_uploads.check_attachment(
            upload, name=str(getattr(upload, "name", "") or ""), size=getattr(upload, "size", None)
        )
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    if checked.kind not in ConferenceMedia.KINDS:
        raise ValidationError({"file": f"发布会只能上传{MEDIA_LABEL}。"})
    media = ConferenceMedia(
        conference=conference,
        storage_key=uuid.uuid4().hex,
        kind=checked.kind,
        caption=caption,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        sort_order=conference.media.count() + 1,
    )
    upload.seek(0)
    media.file.save(f"{media.storage_key}.{checked.kind}", File(upload), save=False)
    try:
        media.save()
    except Exception:
        media.file.delete(save=False)
        raise
    audit.record_on(
        conference,
        actor=actor,
        action="conference.media_add",
        after={"caption": caption, "kind": checked.kind, "size": checked.size, "sha256": checked.sha256},
    )
    return media


@transaction.atomic
def conference_media_remove(*, actor: Actor, media: ConferenceMedia) -> None:
    """Remove a picture or video before the conference's record is published; afterwards it is part of the
    public record and stays (the audit log keeps what was removed)."""
    conference = PressConference.objects.select_for_update().get(pk=media.conference_id)
    require(
        RecordRules(actor, conference.org).may_record(), "您不是该机构的信息编辑，不能删除发布会图片和视频。"
    )
    if conference.status == ConferenceStatus.PUBLISHED:
        raise ValidationError("发布会实录已发布，其图片和视频不能删除。")
    before = {"caption": media.caption, "kind": media.kind, "sha256": media.sha256}
    stored = media.file.name or ""
    media.delete()
    if stored:
        transaction.on_commit(lambda: default_storage.delete(stored))
    audit.record_on(conference, actor=actor, action="conference.media_remove", before=before)


# --- Responses to public concern ------------------------------------------------------------------------


@transaction.atomic
def response_record(
    *,
    actor: Actor,
    org: Organization,
    responded_on: date,
    topic: str,
    channel: str,
    kind: str = ResponseKind.CONCERN,
    url: str = "",
    summary: str = "",
) -> ConcernResponse:
    """Record one response to a public concern or clarification of misleading information."""
    require(RecordRules(actor, org).may_record(), "您不是该机构的信息编辑，不能登记回应关切。")
    topic = strip_controls(topic).strip()
    errors = {}
    if not (2 <= len(topic) <= 200):
        errors["topic"] = "请填写关切事项（2至200字）。"
    if kind not in ResponseKind.values:
        errors["kind"] = "类型无效。"
    if channel not in ResponseChannel.values:
        errors["channel"] = "回应渠道无效。"
    if responded_on > timezone.localdate():
        errors["responded_on"] = "回应日期不能晚于今天。"
    if url and not url.startswith(("https://", "http://")):
        errors["url"] = "链接须以 http:// 或 https:// 开头。"
    if errors:
        raise ValidationError(errors)
    response = ConcernResponse.objects.create(
        org=org,
        responded_on=responded_on,
        topic=topic,
        kind=kind,
        channel=channel,
        url=url,
        summary=strip_controls(summary).strip(),
    )
    audit.record(
        actor=actor,
        action="response.record",
        obj=response,
        org=org,
        after={"topic": topic, "kind": kind, "channel": channel, "responded_on": responded_on},
    )
    return response


# --- The gazette ----------------------------------------------------------------------------------------

GAZETTE_PDF_MAX = 200 * 1024 * 1024


def _check_pdf(upload: Any) -> None:
    if upload.size is not None and upload.size > GAZETTE_PDF_MAX:
        raise ValidationError({"pdf": "PDF 文件过大（最多200 MB）。"})
    try:
        kind = files.sniff(upload, claimed="pdf")
    except ValidationError as exc:
        raise ValidationError({"pdf": exc.messages}) from None
    if kind != "pdf":
        raise ValidationError({"pdf": "请上传 PDF 文件。"})


@transaction.atomic
def issue_create(
    *, actor: Actor, org: Organization, year: int, number: int, published_on: date, pdf: Any = None
) -> GazetteIssue:
    """A new issue of `org`'s gazette (not public until published)."""
    require(RecordRules(actor, org).may_record(), "您不是该机构的信息编辑，不能登记政府公报。")
    errors: dict[str, str] = {}
    if not (2000 <= year <= 2100):
        errors["year"] = "年度有误。"
    if not (1 <= number <= 999):
        errors["number"] = "期号应为1至999。"
    if not isinstance(published_on, date) or published_on.year not in (year, year + 1):
        errors["published_on"] = "出版日期应在该年度内。"
    if not errors and GazetteIssue.objects.filter(org=org, year=year, number=number).exists():
        errors["number"] = f"{year}年第{number}期已登记。"
    if errors:
        raise ValidationError(errors)
    if pdf is not None:
        _check_pdf(pdf)
    issue = GazetteIssue(org=org, year=year, number=number, published_on=published_on)
    if pdf is not None:
        issue.pdf.save("issue.pdf", pdf, save=False)
    issue.save()
    audit.record(
        actor=actor,
        action="gazette.create",
        obj=issue,
        org=org,
        after={"year": year, "number": number, "published_on": published_on, "pdf": bool(pdf)},
    )
    return issue


@transaction.atomic
def issue_set_contents(
    *, actor: Actor, issue: GazetteIssue, entries: Iterable[tuple[Item, str]]
) -> GazetteIssue:
    """The table of contents: published catalog items in order, each with its section (栏目)."""
    issue = GazetteIssue.objects.select_for_update().get(pk=issue.pk)
    require(RecordRules(actor, issue.org).may_record(), "您不是该机构的信息编辑，不能编辑政府公报目录。")
    if issue.is_published:
        raise ValidationError("已发布的公报不能修改目录。")
    rows = list(entries)
    seen: set[int] = set()
    for item, _section in rows:
        if item.status != Status.PUBLISHED:
            raise ValidationError({"items": f"“{item.title[:40]}”尚未发布，不能刊登。"})
        if item.pk in seen:
            raise ValidationError({"items": f"“{item.title[:40]}”重复。"})
        seen.add(item.pk)
    before = list(issue.entries.values_list("item_id", flat=True))
    issue.entries.all().delete()
    GazetteEntry.objects.bulk_create(
        GazetteEntry(issue=issue, item=item, sort_order=n, section=strip_controls(section).strip()[:50])
        for n, (item, section) in enumerate(rows, start=1)
    )
    audit.record_on(
        issue,
        actor=actor,
        action="gazette.contents",
        before={"items": before},
        after={"items": [item.pk for item, _ in rows]},
    )
    return issue


@transaction.atomic
def issue_publish(*, actor: Actor, issue: GazetteIssue) -> GazetteIssue:
    """Publish the issue on the portal; its items count as published through the gazette channel."""
    issue = GazetteIssue.objects.select_for_update().get(pk=issue.pk)
    require(RecordRules(actor, issue.org).may_publish(), "您不能发布该机构的政府公报。")
    if issue.is_published:
        raise ValidationError("该期公报已发布。")
    count = issue.entries.count()
    if not count:
        raise ValidationError("公报目录为空，请先添加刊登的信息。")
    issue.is_published = True
    issue.save(update_fields=["is_published", "updated_at"])
    catalog_services.publication_record(
        actor=actor,
        org=issue.org,
        channel="gazette",
        published_on=min(issue.published_on, timezone.localdate()),
        count=count,
        note=f"政府公报{issue}",
    )
    audit.record_on(issue, actor=actor, action="gazette.publish", after={"items": count})
    return issue


# --- New media ------------------------------------------------------------------------------------------


@transaction.atomic
def account_create(
    *, actor: Actor, org: Organization, platform: str, name: str, url: str = ""
) -> MediaAccount:
    require(RecordRules(actor, org).may_record(), "您不是该机构的信息编辑，不能登记新媒体账号。")
    name = strip_controls(name).strip()
    errors: dict[str, str] = {}
    if platform not in Platform.values:
        errors["platform"] = "平台无效。"
    if not (2 <= len(name) <= 100):
        errors["name"] = "请填写账号名称（2至100字）。"
    elif MediaAccount.objects.filter(org=org, platform=platform, name=name).exists():
        errors["name"] = "该账号已登记。"
    if url and not url.startswith(("https://", "http://")):
        errors["url"] = "网址须以 http:// 或 https:// 开头。"
    if errors:
        raise ValidationError(errors)
    account = MediaAccount.objects.create(org=org, platform=platform, name=name, url=url)
    audit.record(
        actor=actor, action="media.account", obj=account, org=org, after={"platform": platform, "name": name}
    )
    return account


def _count_channel(actor: Actor, account: MediaAccount, day: date, count: int, note: str) -> None:
    catalog_services.publication_record(
        actor=actor,
        org=account.org,
        channel=PLATFORM_CHANNEL[Platform(account.platform)],
        published_on=day,
        count=count,
        note=f"{account.name}：{note}"[:200],
    )


def _post_errors(posted_on: Any, title: str, url: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not isinstance(posted_on, date):
        errors["posted_on"] = "请填写发布日期。"
    elif posted_on > timezone.localdate():
        errors["posted_on"] = "发布日期不能晚于今天。"
    if not (1 <= len(title) <= 300):
        errors["title"] = "请填写标题（最多300字）。"
    if url and not url.startswith(("https://", "http://")):
        errors["url"] = "链接须以 http:// 或 https:// 开头。"
    return errors


@transaction.atomic
def post_record(
    *, actor: Actor, account: MediaAccount, posted_on: date, title: str, url: str = "", external_id: str = ""
) -> MediaPost:
    """One post, recorded by hand; it counts in the channel statistics of its platform."""
    require(RecordRules(actor, account.org).may_record(), "您不是该机构的信息编辑，不能登记新媒体发布。")
    title = strip_controls(title).strip()
    errors = _post_errors(posted_on, title, url)
    if errors:
        raise ValidationError(errors)
    if external_id and MediaPost.objects.filter(account=account, external_id=external_id).exists():
        raise ValidationError({"external_id": "该条已登记（平台编号重复）。"})
    post = MediaPost.objects.create(
        account=account, posted_on=posted_on, title=title, url=url, external_id=external_id
    )
    _count_channel(actor, account, posted_on, 1, title)
    audit.record(
        actor=actor,
        action="media.post",
        obj=post,
        org=account.org,
        after={"posted_on": posted_on, "title": title},
    )
    return post


CSV_COLUMNS = {"日期": "posted_on", "标题": "title", "链接": "url", "编号": "external_id"}


@transaction.atomic
def posts_import(*, actor: Actor, account: MediaAccount, text: str) -> tuple[int, int]:
    """Posts from a CSV export (columns 日期, 标题, and optionally 链接, 编号; UTF-8). All rows or none: a bad
    row refuses the file with its line number. Rows whose 编号 is already recorded are skipped. Returns
    (imported, skipped)."""
    require(RecordRules(actor, account.org).may_record(), "您不是该机构的信息编辑，不能导入新媒体发布。")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames or not {"日期", "标题"} <= set(reader.fieldnames):
        raise ValidationError({"file": "CSV 须有“日期”“标题”两列（可选“链接”“编号”）。"})
    known = set(
        MediaPost.objects.filter(account=account)
        .exclude(external_id="")
        .values_list("external_id", flat=True)
    )
    rows: list[MediaPost] = []
    skipped = 0
    for line, raw in enumerate(reader, start=2):
        values = {CSV_COLUMNS[k]: strip_controls(v or "").strip() for k, v in raw.items() if k in CSV_COLUMNS}
        try:
            day = date.fromisoformat(values.get("posted_on", "").replace("/", "-"))
        except ValueError:
            raise ValidationError({"file": f"第{line}行：日期格式错误，应为 YYYY-MM-DD。"}) from None
        errors = _post_errors(day, values.get("title", ""), values.get("url", ""))
        if errors:
            raise ValidationError({"file": f"第{line}行：{'；'.join(errors.values())}"})
        external = values.get("external_id", "")[:100]
        if external and external in known:
            skipped += 1
            continue
        if external:
            known.add(external)
        rows.append(
            MediaPost(
                account=account,
                posted_on=day,
                title=values["title"],
                url=values.get("url", ""),
                external_id=external,
            )
        )
    if len(rows) > 50000:
        raise ValidationError({"file": "一次最多导入50000条。"})
    MediaPost.objects.bulk_create(rows)
    by_day: dict[date, int] = {}
    for post in rows:
        by_day[post.posted_on] = by_day.get(post.posted_on, 0) + 1
    for day, count in sorted(by_day.items()):
        _count_channel(actor, account, day, count, "导入")
    audit.record_on(
        account, actor=actor, action="media.import", after={"imported": len(rows), "skipped": skipped}
    )
    return len(rows), skipped


@transaction.atomic
def monthly_count_record(
    *, actor: Actor, account: MediaAccount, year: int, month: int, count: int
) -> MediaMonthlyCount:
    """The number of an account's posts in a month, where the organ keeps no more (once per month)."""
    require(RecordRules(actor, account.org).may_record(), "您不是该机构的信息编辑，不能登记月度发布数。")
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if (
        not (1 <= month <= 12)
        or not (2000 <= year <= today.year)
        or (year, month) > (today.year, today.month)
    ):
        errors["month"] = "年月有误（不能晚于本月）。"
    if not (1 <= count <= 100000):
        errors["count"] = "条数应为1至100000。"
    if not errors and MediaMonthlyCount.objects.filter(account=account, year=year, month=month).exists():
        errors["month"] = f"{year}年{month}月已登记。"
    if errors:
        raise ValidationError(errors)
    record = MediaMonthlyCount.objects.create(account=account, year=year, month=month, count=count)
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    _count_channel(actor, account, min(last, today), count, f"{year}年{month}月合计")
    audit.record(
        actor=actor,
        action="media.monthly",
        obj=record,
        org=account.org,
        after={"year": year, "month": month, "count": count},
    )
    return record
