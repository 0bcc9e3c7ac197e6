"""Messages coming in: the writer's message from the portal, a ticket forwarded by an outside platform, and
an upstream export of such tickets."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

from gongkai.core.actors import Actor, System
from gongkai.core.files import CheckedFile
from gongkai.core.validation import strip_controls
from gongkai.foi import services as foi_services
from gongkai.interaction import rules, uploads
from gongkai.interaction.models import (
    Channel,
    Message,
    MessageFile,
    Status,
)
from gongkai.interaction.services.base import (
    _audit,
    _event,
    _key,
    _require,
    _text,
    phone_key,
)

WEB_FORM = System("网站留言")
QUERY_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
#: Per phone number: at most this many messages in a day (the per-client limit is the portal view's).
PHONE_DAILY_LIMIT = 3
#: The same text from the same phone within this period is a duplicate of the open message.
DUPLICATE_WINDOW = timedelta(days=30)
_PHONE_RE = re.compile(r"^[0-9+()（） -]{7,30}$")


@dataclass(frozen=True)
class Submission:
    message: Message
    query_code: str


def _new_number(now: datetime) -> str:
    for _ in range(20):
        candidate = f"HD{timezone.localdate(now):%Y%m%d}{get_random_string(4, '0123456789')}"
        if not Message.objects.filter(number=candidate).exists():
            return candidate
    raise RuntimeError("could not find a free message number")


def clean_message(channel: Channel, data: dict[str, Any]) -> dict[str, Any]:
    """What a writer sent, checked against the channel's limits (the same rules for the form, import and API)."""
    errors: dict[str, list[str]] = {}
    v: dict[str, Any] = {
        k: strip_controls(data.get(k))
        for k in ("kind", "title", "body", "writer_name", "phone", "email", "address")
    }
    if v["kind"] not in channel.kinds:
        errors.setdefault("kind", []).append("请选择留言类型。")
    n = len(v["title"])
    if n < channel.title_min or n > channel.title_max:
        errors.setdefault("title", []).append(
            f"标题应为{channel.title_min}至{channel.title_max}字（当前{n}字）。"
        )
    if not v["body"]:
        errors.setdefault("body", []).append("请填写留言内容。")
    elif len(v["body"]) > channel.body_max:
        errors.setdefault("body", []).append(f"留言内容最多{channel.body_max}字（当前{len(v['body'])}字）。")
    if not channel.forwarded:
        if len(v["writer_name"]) < 2:
            errors.setdefault("writer_name", []).append("请填写姓名（至少2个字）。")
        if not _PHONE_RE.match(v["phone"]):
            errors.setdefault("phone", []).append("请填写正确的联系电话（7-30位数字）。")
    if len(v["writer_name"]) > 50:
        errors.setdefault("writer_name", []).append("姓名过长（最多50字）。")
    if len(v["address"]) > 200:
        errors.setdefault("address", []).append("通信地址过长（最多200字）。")
    if v["email"]:
        try:
            validate_email(v["email"])
        except ValidationError:
            errors.setdefault("email", []).append("电子邮箱格式不正确。")
    if errors:
        raise ValidationError(errors)
    v["anonymous"] = bool(data.get("anonymous"))
    v["consent_publish"] = bool(data.get("consent_publish"))
    v["consent_personal"] = bool(data.get("consent_personal")) and v["consent_publish"]
    v["reported_person"] = strip_controls(data.get("reported_person"))[:100]
    return v


def _new_message(
    channel: Channel, values: dict[str, Any], *, now: datetime, **extra: Any
) -> tuple[Message, str]:
    code = get_random_string(10, QUERY_CODE_ALPHABET)
    message = Message(
        channel=channel,
        number=_new_number(now),
        query_code_hash=foi_services.hash_query_code(code),
        submitted_at=now,
        received_on=timezone.localdate(now),
        phone_key=phone_key(values.get("phone", "")),
        content_key=_key(values["title"], values["body"]),
        **{k: values[k] for k in values if k in _MESSAGE_FIELDS},
        **extra,
    )
    return message, code


_MESSAGE_FIELDS = {
    "kind", "title", "body", "writer_name", "phone", "email", "address", "anonymous", "consent_publish",
    "consent_personal", "reported_person",
}  # fmt: skip


@transaction.atomic
def message_submit(
    *,
    channel: Channel,
    data: dict[str, Any],
    client_key: str = "",
    suspect: str = "",
    now: datetime | None = None,
    own_form: bool = False,
    attachments: Sequence[IO[bytes]] = (),
) -> Submission:
    """A writer's message from the portal form. Per-phone limit and duplicate detection here (the per-client
    limit, the honeypot and the challenge are the form's): a duplicate is kept and flagged for screening.
    `own_form`: a form of its own feeds the channel (the portal's 我为政府网站找错 page). `attachments`: the
    uploaded files, checked against the channel's limits by content (`uploads`) and stored privately with the
    message; the text's and the files' problems are reported together."""
    if not channel.is_active or not (channel.public_form or own_form):
        raise ValidationError("该渠道不接受网上留言。")
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    checked: list[CheckedFile] = []
    try:
        values = clean_message(channel, data)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        checked = uploads.check_uploads(attachments, channel=channel)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    key = phone_key(values["phone"])
    if key and Message.objects.filter(phone_key=key, submitted_at__gte=now - timedelta(days=1)).count() >= (
        PHONE_DAILY_LIMIT
    ):
        raise ValidationError(
            {
                "phone": [
                    f"同一电话号码24小时内最多提交{PHONE_DAILY_LIMIT}件留言，请稍后再试或查询已提交留言的办理进度。"
                ]
            }
        )
    message, code = _new_message(channel, values, now=now, client_key=client_key[:64], suspect=suspect[:200])
    duplicate = (
        Message.objects.filter(content_key=message.content_key, submitted_at__gte=now - DUPLICATE_WINDOW)
        .exclude(status__in=[Status.REFUSED, Status.MOVED])
        .order_by("submitted_at")
        .first()
    )
    if duplicate is not None:
        message.duplicate_of = duplicate
        message.suspect = (
            message.suspect + "；" if message.suspect else ""
        ) + f"与{duplicate.number}内容相同"
    message.save()
    stored = _attach(message, checked)
    extra = f"，附件{len(stored)}个" if stored else ""
    _event(message, "submit", WEB_FORM, f"网上提交留言（{channel.name}）{extra}，待审查", public=True, at=now)
    note = (
        "附件：" + "；".join(f"{f.name}（{f.size}字节，SHA-256 {f.sha256}）" for f in stored)
        if stored
        else ""
    )
    _audit(WEB_FORM, "submit", message, None, note=note)
    return Submission(message, code)


def _attach(message: Message, checked: list[CheckedFile]) -> list[MessageFile]:
    """Store the checked uploads privately (a random path under the private root), with size and SHA-256."""
    stored = []
    for item in checked:
        record = MessageFile(
            message=message,
            name=item.name,
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
        )
        # The stream is the upload itself (a django File); CheckedFile types it as any byte stream.
        record.file.save(item.name, item.stream, save=False)  # type: ignore[arg-type]
        record.save()
        stored.append(record)
    return stored


def _aware(value: datetime) -> datetime:
    return value if timezone.is_aware(value) else timezone.make_aware(value)


@transaction.atomic
def message_import(
    *,
    actor: Actor,
    channel: Channel,
    data: dict[str, Any],
    external_no: str,
    upstream_received_at: datetime,
    upstream_due_at: datetime | None = None,
    now: datetime | None = None,
) -> tuple[Message, bool]:
    """A ticket forwarded by an outside platform (12345, 民心网…): kept with its number and both clocks.
    Importing the same external number again returns the ticket already there (created False)."""
    _require(rules.owns(actor, channel) or isinstance(actor, System), "您不能为该渠道导入工单。")
    if not channel.forwarded:
        raise ValidationError({"channel": ["只有外部平台转来的渠道可以导入工单。"]})
    external_no = _text(external_no, "external_no", "外部工单编号", limit=60)
    existing = Message.objects.filter(channel=channel, external_no=external_no).first()
    if existing is not None:
        return existing, False
    # an upstream time without a zone is the upstream platform's local (Beijing) time
    upstream_received_at = _aware(upstream_received_at)
    upstream_due_at = _aware(upstream_due_at) if upstream_due_at is not None else None
    if upstream_due_at is not None and upstream_due_at < upstream_received_at:
        raise ValidationError({"upstream_due_at": ["上级平台办理时限不能早于其受理时间。"]})
    values = clean_message(channel, data)
    now = now or timezone.now()
    message, _code = _new_message(
        channel,
        values,
        now=now,
        external_no=external_no,
        upstream_received_at=upstream_received_at,
        upstream_due_at=upstream_due_at,
    )
    message.received_on = timezone.localdate(upstream_received_at)
    message.save()
    _event(message, "import", actor, f"{channel.name}转来工单{external_no}", at=now)
    _audit(actor, "import", message, None)
    return message, True


@dataclass
class ImportResult:
    created: list[Message]
    existing: list[Message]
    errors: list[tuple[int, str]]


def tickets_import(*, actor: Actor, channel: Channel, content: bytes, name: str) -> ImportResult:
    """Forwarded tickets from an upstream export (`interaction.imports`): each row alone (a bad row is reported
    with its line and the others are imported); a ticket already imported is left as it is."""
    from gongkai.interaction import imports

    _require(rules.owns(actor, channel), "您不能为该渠道导入工单。")
    result = ImportResult([], [], [])
    for row in imports.read(content, name):
        if row.error:
            result.errors.append((row.number, row.error))
            continue
        v = row.values
        try:
            message, created = message_import(
                actor=actor, channel=channel, data=v, external_no=v["external_no"],
                upstream_received_at=v["upstream_received_at"], upstream_due_at=v["upstream_due_at"],
            )  # fmt: skip
        except ValidationError as exc:
            result.errors.append((row.number, "；".join(exc.messages)))
            continue
        (result.created if created else result.existing).append(message)
    return result
