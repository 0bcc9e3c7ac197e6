"""政民互动 in the API: the channels, their published letters and statistics (public), and forwarded tickets
pushed by an upstream system (staff session of the channel's owner)."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.security import django_auth

from gongkai.interaction import selectors, services
from gongkai.interaction.models import Message

router = Router(tags=["政民互动"])


class ChannelOut(Schema):
    code: str
    name: str
    kind: str
    owner: str
    publication: str


class LetterOut(Schema):
    number: str
    title: str
    kind: str
    received_on: str
    replied_on: str | None
    reply_org: str | None
    body: str
    reply: str


class StatisticsOut(Schema):
    as_at: datetime
    received: int
    refused: int
    answered: int
    reply_rate: str
    on_time_rate: str
    satisfaction: str
    rehandled: int
    handling_days: float | None
    oldest_days: int | None
    definitions: dict[str, str]


class TicketIn(Schema):
    external_no: str
    upstream_received_at: datetime
    upstream_due_at: datetime | None = None
    kind: str = "other"
    title: str
    body: str
    writer_name: str = ""
    phone: str = ""


class TicketOut(Schema):
    number: str
    created: bool
    status: str


def _letter(m: Message) -> LetterOut:
    return LetterOut(
        number=m.number, title=m.public_title, kind=m.get_kind_display(), received_on=m.received_on.isoformat(),
        replied_on=m.replied_at.date().isoformat() if m.replied_at else None,
        reply_org=m.reply_org.name if m.reply_org else None, body=m.public_body, reply=m.public_reply,
    )  # fmt: skip


@router.get("/channels", response=list[ChannelOut], summary="互动渠道")
def channels(request: HttpRequest) -> list[ChannelOut]:
    return [
        ChannelOut(code=c.code, name=c.name, kind=c.kind, owner=c.owner.name, publication=c.publication)
        for c in selectors.public_channels()
    ]


@router.get("/channels/{code}/letters", response=list[LetterOut], summary="渠道公开的留言（最近100件）")
def letters(request: HttpRequest, code: str) -> list[LetterOut]:
    channel = selectors.get_public_channel(code)
    return [_letter(m) for m in selectors.published(channel)[:100]]


@router.get("/channels/{code}/statistics", response=StatisticsOut, summary="渠道办理统计（含定义与统计时间）")
def statistics(request: HttpRequest, code: str) -> StatisticsOut:
    s = selectors.statistics(channel=selectors.get_public_channel(code))
    return StatisticsOut(
        as_at=s.as_at, received=s.received, refused=s.refused, answered=s.answered, reply_rate=s.reply_rate,
        on_time_rate=s.on_time_rate, satisfaction=s.satisfaction, rehandled=s.rehandled,
        handling_days=s.handling_days, oldest_days=s.oldest_days, definitions=s.definitions,
    )  # fmt: skip


@router.post(
    "/channels/{code}/tickets",
    response={200: TicketOut, 201: TicketOut},
    auth=django_auth,
    summary="推送外部平台转办工单（工作人员）",
)
def push_ticket(request: HttpRequest, code: str, ticket: TicketIn) -> Status:
    channel = selectors.get_public_channel(code)
    message, created = services.message_import(
        actor=request.user, channel=channel, data=ticket.dict(), external_no=ticket.external_no,
        upstream_received_at=ticket.upstream_received_at, upstream_due_at=ticket.upstream_due_at,
    )  # fmt: skip
    return Status(
        201 if created else 200, TicketOut(number=message.number, created=created, status=message.status)
    )
