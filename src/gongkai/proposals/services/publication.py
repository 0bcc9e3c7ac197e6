"""Publication of replies (国办发〔2014〕46号): the disclosure attribute is decided with the reply; the public
version drops the proposers' contacts, the unit's contact line and anything that looks like a phone number or an
e-mail address; it is filed as a catalog item of the genre 建议提案答复 through the catalog's services, within the
policy's working days of answering (a late one is flagged)."""

from __future__ import annotations

import re
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from gongkai.core import audit
from gongkai.core.actors import Actor, System, is_system
from gongkai.proposals import clock, deadlines, letters, rules
from gongkai.proposals.models import Proposal, Reply, ReplyDisclosure, ReplyState
from gongkai.proposals.selectors import policy_for
from gongkai.proposals.services.base import _require
from gongkai.workdays.calendar import CalendarMissing

GENRE_CODE = "proposal-reply"
_PHONE = re.compile(r"(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
REMOVED = "（联系方式已删除）"


def check_disclosure(proposal: Proposal, disclosure: str, reason: str, summary: str) -> tuple[str, str, str]:
    """The attribute decided with the reply, checked: a confidential item is never published; not publishing
    needs its reason; a summary publication needs the summary, written now."""
    if disclosure not in ReplyDisclosure.values:
        raise ValidationError({"disclosure": "请选择公开属性。"})
    reason, summary = (reason or "").strip()[:300], (summary or "").strip()[:5000]
    if proposal.confidential and disclosure != ReplyDisclosure.NONE:
        raise ValidationError({"disclosure": "涉密件的答复不公开。"})
    if disclosure == ReplyDisclosure.NONE and not reason:
        raise ValidationError({"disclosure_reason": "不公开时请写明理由。"})
    if disclosure == ReplyDisclosure.SUMMARY and len(summary) < 10:
        raise ValidationError({"summary": "摘要公开时请同时写好公开摘要（至少10字）。"})
    return disclosure, reason if disclosure == ReplyDisclosure.NONE else "", summary


def public_text(reply: Reply) -> str:
    """The public version: the text (or the summary), without any contact."""
    text = reply.summary if reply.disclosure == ReplyDisclosure.SUMMARY else reply.text
    for proposer in reply.assignment.proposal.proposers.all():
        for part in re.split(r"[\s,，;；]+", proposer.contacts):
            if len(part) >= 5:
                text = text.replace(part, REMOVED)
    for value in (reply.contact_phone,):
        if value:
            text = text.replace(value, REMOVED)
    return _EMAIL.sub(REMOVED, _PHONE.sub(REMOVED, text))


def set_publish_due(reply: Reply) -> None:
    if reply.disclosure == ReplyDisclosure.NONE or reply.sent_on is None:
        reply.publish_due_on = None
        return
    try:
        reply.publish_due_on = deadlines.publish_due(
            policy_for(reply.assignment.proposal.body), reply.sent_on
        )
    except CalendarMissing:
        reply.publish_due_on = None


@transaction.atomic
def reply_publish(*, actor: Actor, reply: Reply) -> Reply:
    """File the public version in the catalog (its services create, submit and approve the item, which
    publishes it); the answering unit's office or the assigning office asks, or the system."""
    from gongkai.catalog import services as catalog
    from gongkai.catalog.models import Genre, ReviewConclusion, Topic

    reply = (
        Reply.objects.select_for_update()
        .select_related("assignment__proposal__session__org", "assignment__org")
        .get(pk=reply.pk)
    )
    proposal = reply.assignment.proposal
    _require(
        is_system(actor)
        or rules.may_handle(actor, reply.assignment)
        or rules.may_assign(actor, proposal.session.org),
        "您不能公开该答复。",
    )
    if reply.state != ReplyState.SENT or reply.catalog_item_id is not None:
        raise ValidationError("只有已答复、尚未公开的答复可以公开。")
    if reply.disclosure == ReplyDisclosure.NONE or proposal.confidential:
        raise ValidationError("该答复确定为不公开。")
    genre = Genre.objects.filter(code=GENRE_CODE, is_active=True).first()
    topic = Topic.objects.filter(name="政务公开", parent__isnull=False).first()
    if genre is None or topic is None:
        raise ValidationError("目录的“建议提案答复”体裁或“政务公开”主题分类尚未配置，无法公开。")
    assert reply.sent_on is not None
    text = public_text(reply)
    unit = reply.assignment.org
    body = "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
    heading = (
        f"<p>{escape(proposal.session.name)}第{escape(proposal.number)}号《{escape(proposal.title)}》</p>"
    )
    filer = System("建议提案答复公开")  # the head signed the reply; the catalog filing is the platform's
    item = catalog.item_create(
        actor=filer, org=unit, title=f"{letters.title_of(reply)}（{proposal.title}）"[:300], written_on=reply.sent_on,
        topic=topic, genre=genre, doc_no=reply.letter_no, body=heading + body,
        summary=(reply.summary if reply.disclosure == ReplyDisclosure.SUMMARY else "")[:500],
        keywords=["建议提案", "答复"],
    )  # fmt: skip
    item = catalog.item_submit(actor=filer, item=item)
    past = clock.recorded_day()  # past handling (the demo, migrated records) is published on its own day
    item = catalog.item_review(
        actor=filer, item=item, conclusion=ReviewConclusion.APPROVE,
        published_at=min(timezone.make_aware(datetime.combine(past, time(10))), timezone.now()) if past else None,
        basis=f"建议提案答复，经{unit.name}负责人审签，复文与公开同步审查（{reply.get_disclosure_display()}）。",
    )  # fmt: skip
    today = clock.today()
    reply.catalog_item = item
    reply.published_on = today
    if reply.publish_due_on is None:
        set_publish_due(reply)
    reply.publish_late = reply.publish_due_on is not None and today > reply.publish_due_on
    reply.save(update_fields=["catalog_item", "published_on", "publish_due_on", "publish_late", "updated_at"])
    audit.record(
        actor=actor, action="proposals.publish", obj=proposal, org=unit,
        after={"item": item.pk, "published_on": str(today), "late": reply.publish_late},
        note="超过公开期限" if reply.publish_late else "",
    )  # fmt: skip
    return reply
