"""Every state change of a message: `message_<verb>(*, actor, ...)` locks the row, asks the rules, validates
(Chinese `ValidationError`), writes, records the step in the ticket's history and the audit log, in one
transaction. Nothing is deleted: a refused, moved or returned message keeps its record."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

from gongkai.core import audit
from gongkai.core.actors import Actor, System, label
from gongkai.core.files import CheckedFile
from gongkai.core.validation import strip_controls
from gongkai.foi import services as foi_services
from gongkai.foi.models import Channel as FoiChannel
from gongkai.interaction import deadlines, rules, selectors, uploads
from gongkai.interaction.models import (
    Assignment,
    Channel,
    Evaluation,
    Event,
    ExtensionRequest,
    Level,
    Message,
    MessageFile,
    MessageKind,
    Publication,
    PublicState,
    RefusalReason,
    Status,
)
from gongkai.interaction.redaction import redact
from gongkai.orgs.models import Organization

WEB_FORM = System("网站留言")
#: The writer acting with the number and query code (the portal's rating form).
WRITER = System("留言人评价")
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


def _require(ok: bool, text: str) -> None:
    if not ok:
        raise PermissionDenied(text)


def _require_status(message: Message, *statuses: str) -> None:
    if message.status not in statuses:
        raise ValidationError(f"该留言当前状态为“{message.get_status_display()}”，不能办理此操作。")


def _locked(message: Message) -> Message:
    return Message.objects.select_for_update().select_related("channel", "channel__owner").get(pk=message.pk)


def _move(message: Message, to: str) -> None:
    if not message.can_move_to(to):
        raise ValidationError(f"留言不能从“{message.get_status_display()}”转为“{Status(to).label}”。")
    message.status = to


def _event(
    message: Message,
    action: str,
    actor: Actor,
    summary: str,
    *,
    note: str = "",
    public: bool = False,
    org: Organization | None = None,
    at: datetime | None = None,
) -> None:
    Event.objects.create(
        message=message,
        at=at or timezone.now(),
        action=action,
        actor_label=label(actor),
        org=org,
        summary=summary[:300],
        note=note,
        public=public,
    )


def _audit(
    actor: Actor, action: str, message: Message, before: dict[str, Any] | None, note: str = ""
) -> None:
    audit.record(
        actor=actor,
        action=f"message.{action}",
        obj=message,
        org=message.channel.owner,
        before=before,
        after=audit.snapshot(message, _SNAPSHOT),
        note=note,
    )


_SNAPSHOT = ["status", "due_at", "public_state", "extensions_granted", "rehandled"]


def _text(value: object, field: str, label_: str, *, required: bool = True, limit: int = 5000) -> str:
    text = strip_controls(value)
    if required and not text:
        raise ValidationError({field: [f"请填写{label_}。"]})
    if len(text) > limit:
        raise ValidationError({field: [f"{label_}过长（最多{limit}字，当前{len(text)}字）。"]})
    return text


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def phone_key(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return _key("phone", digits) if digits else ""


def _new_number(now: datetime) -> str:
    for _ in range(20):
        candidate = f"HD{timezone.localdate(now):%Y%m%d}{get_random_string(4, '0123456789')}"
        if not Message.objects.filter(number=candidate).exists():
            return candidate
    raise RuntimeError("could not find a free message number")


# ---------------------------------------------------------------------------------------------------- intake


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


# ---------------------------------------------------------------------------------------------------- screening


def _set_due(message: Message, start: datetime, extra: int = 0) -> None:
    policy = deadlines.policy_for(message.channel, message.kind, message.complex)
    due = deadlines.compute(start, policy, extra=extra)
    message.due_at, message.due_explained = due.at, due.explained[:200]


@transaction.atomic
def message_accept(
    *, actor: Actor, message: Message, complex_: bool = False, now: datetime | None = None
) -> Message:
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能审查该渠道的留言。")
    before = audit.snapshot(message, _SNAPSHOT)
    _move(message, Status.ACCEPTED)
    now = now or timezone.now()
    message.accepted_at = now
    message.complex = complex_
    _set_due(message, now)
    message.save()
    _event(message, "accept", actor, f"受理，答复时限：{message.due_explained}", public=True, at=now)
    _audit(actor, "accept", message, before)
    return message


@transaction.atomic
def message_refuse(
    *, actor: Actor, message: Message, reason: str, note: str = "", proper_channel: str = ""
) -> Message:
    """不予受理: the reason and, for matters with their own procedure, the channel to use."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能审查该渠道的留言。")
    if reason not in RefusalReason.values:
        raise ValidationError({"reason": ["请选择不予受理的理由。"]})
    proper_channel = _text(proper_channel, "proper_channel", "应通过的渠道", required=False, limit=200)
    if reason in _NEEDS_CHANNEL and not proper_channel:
        raise ValidationError(
            {"proper_channel": ["请告知留言人应通过的渠道（如信访、纪检监察、诉讼或复议）。"]}
        )
    before = audit.snapshot(message, _SNAPSHOT)
    _move(message, Status.REFUSED)
    message.refusal_reason = reason
    message.refusal_note = _text(note, "note", "说明", required=False)
    message.proper_channel = proper_channel
    message.save()
    text = f"不予受理：{RefusalReason(reason).label}" + (
        f"，请通过{proper_channel}反映" if proper_channel else ""
    )
    _event(message, "refuse", actor, text, note=message.refusal_note, public=True)
    _audit(actor, "refuse", message, before)
    return message


_NEEDS_CHANNEL = {RefusalReason.OTHER_PROCEDURE, RefusalReason.PETITION, RefusalReason.DISCIPLINE}


@transaction.atomic
def message_move_to_foi(
    *, actor: Actor, message: Message, org: Organization, data: dict[str, Any]
) -> Message:
    """A message that is really an information application goes to the `foi` intake of `org`, received on the
    day the message was received (条例第三十一条: the date it reached the government). `data` completes what the
    application needs (identity document, information sought, delivery)."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能审查该渠道的留言。")
    _require_status(message, Status.SCREENING)
    values = {
        "applicant_type": "natural",
        "applicant_name": message.writer_name,
        "phone": message.phone,
        "email": message.email,
        "address": message.address,
        "info_title": message.title,
        "info_description": message.body,
        **data,
    }
    submission = foi_services.application_register(
        actor=actor,
        org=org,
        channel=FoiChannel.ONLINE,
        received_on=message.received_on,
        data=values,
        evidence_received_at=message.submitted_at,
        evidence_ref=f"政民互动留言{message.number}",
    )
    before = audit.snapshot(message, _SNAPSHOT)
    _move(message, Status.MOVED)
    message.foi_application_id = submission.application.pk
    message.save()
    _event(
        message,
        "move",
        actor,
        f"属于政府信息公开申请，已转{org.name}依申请公开办理（申请编号{submission.application.tracking_no}），"
        f"收到申请之日为{message.received_on.isoformat()}",
        public=True,
    )
    _audit(actor, "move_to_foi", message, before)
    return message


# ---------------------------------------------------------------------------------------------------- forwarding


@transaction.atomic
def message_assign(
    *, actor: Actor, message: Message, lead: Organization, co: list[Organization] | None = None
) -> Message:
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能转办该渠道的留言。")
    co = [o for o in (co or []) if o.pk != lead.pk]
    targets = {o.pk for o in selectors.assign_targets(message)}
    if any(o.pk not in targets for o in (lead, *co)):
        raise ValidationError({"lead": ["只能转办给本渠道所属政府的单位。"]})
    if message.is_report and message.reported_org_id in {lead.pk, *(o.pk for o in co)}:
        raise ValidationError({"lead": ["举报件不能转给被举报单位办理。"]})
    before = audit.snapshot(message, _SNAPSHOT)
    _move(message, Status.ASSIGNED)
    now = timezone.now()
    Assignment.objects.create(message=message, org=lead, lead=True, assigned_at=now)
    for org in co:
        Assignment.objects.create(message=message, org=org, lead=False, assigned_at=now)
    message.save()
    names = lead.name + ("，协办：" + "、".join(o.name for o in co) if co else "")
    _event(message, "assign", actor, f"转办至{names}", public=True, org=lead)
    _audit(actor, "assign", message, before)
    return message


@transaction.atomic
def message_sign(*, actor: Actor, message: Message) -> Message:
    message = _locked(message)
    rules_ = rules.MessageRules(actor, message)
    _require(rules_.may_handle(), "您不能签收该留言。")
    before = audit.snapshot(message, _SNAPSHOT)
    _move(message, Status.HANDLING)
    lead = rules_.lead
    assert lead is not None
    lead.signed_at = timezone.now()
    lead.save(update_fields=["signed_at", "updated_at"])
    message.save()
    _event(message, "sign", actor, f"{lead.org.name}签收", public=True, org=lead.org)
    _audit(actor, "sign", message, before)
    return message


def _policy_window(message: Message) -> int:
    policy = deadlines.policy_for(message.channel, message.kind, message.complex)
    return policy.return_window_hours if policy else 24


@transaction.atomic
def message_return_request(*, actor: Actor, message: Message, reason: str) -> Message:
    """The unit asks the owner to take back a mis-sent ticket, within the window (it never forwards it itself)."""
    message = _locked(message)
    rules_ = rules.MessageRules(actor, message)
    _require(rules_.may_handle(), "您不能申请退回该留言。")
    _require_status(message, Status.ASSIGNED, Status.HANDLING)
    lead = rules_.lead
    assert lead is not None
    if lead.return_requested_at is not None:
        raise ValidationError("该留言已申请过退回，不能再次申请。")
    hours = _policy_window(message)
    if timezone.now() > lead.assigned_at + timedelta(hours=hours):
        raise ValidationError(f"申请退回应在转办后{hours}小时内提出，已超过时限，请继续办理。")
    lead.return_reason = _text(reason, "reason", "退回理由", limit=1000)
    lead.return_requested_at = timezone.now()
    lead.save(update_fields=["return_reason", "return_requested_at", "updated_at"])
    _event(
        message, "return_request", actor, f"{lead.org.name}申请退回", note=lead.return_reason, org=lead.org
    )
    _audit(actor, "return_request", message, None, lead.return_reason)
    return message


@transaction.atomic
def message_return_decide(*, actor: Actor, message: Message, grant: bool, note: str = "") -> Message:
    """The owner grants the return (the message goes back to it, to be forwarded again) or refuses it (the unit
    keeps it; no second request)."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能审核退回申请。")
    pending = message.assignments.filter(
        active=True, return_requested_at__isnull=False, return_decision=""
    ).first()
    if pending is None:
        raise ValidationError("没有待审核的退回申请。")
    before = audit.snapshot(message, _SNAPSHOT)
    pending.return_decision = "granted" if grant else "refused"
    pending.save(update_fields=["return_decision", "updated_at"])
    if grant:
        _move(message, Status.ACCEPTED)
        message.assignments.filter(active=True).update(active=False)
        message.save()
    text = "同意退回，待重新转办" if grant else "不同意退回，请承办单位继续办理"
    _event(message, "return_decide", actor, text, note=_text(note, "note", "说明", required=False))
    _audit(actor, "return_decide", message, before, text)
    return message


@transaction.atomic
def message_note(*, actor: Actor, message: Message, note: str, contacted: bool = False) -> Message:
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_handle(), "您不能办理该留言。")
    _require_status(message, Status.HANDLING)
    note = _text(note, "note", "办理情况")
    _event(
        message,
        "contact" if contacted else "note",
        actor,
        "联系留言人" if contacted else "办理记录",
        note=note,
    )
    _audit(actor, "note", message, None)
    return message


@transaction.atomic
def message_instruct(*, actor: Actor, message: Message, text: str) -> Message:
    """A leader's instruction (批示), recorded by the owner's office."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能录入批示。")
    _require_status(message, Status.ACCEPTED, Status.ASSIGNED, Status.HANDLING)
    message.instruction = _text(text, "text", "批示内容")
    message.save(update_fields=["instruction", "updated_at"])
    _event(message, "instruct", actor, "录入领导批示", note=message.instruction)
    _audit(actor, "instruct", message, None)
    return message


# ---------------------------------------------------------------------------------------------------- extension


@transaction.atomic
def message_extension_request(
    *, actor: Actor, message: Message, amount: int, reason: str
) -> ExtensionRequest:
    message = _locked(message)
    rules_ = rules.MessageRules(actor, message)
    _require(rules_.may_handle(), "您不能申请延期。")
    _require_status(message, Status.ASSIGNED, Status.HANDLING)
    policy = deadlines.policy_for(message.channel, message.kind, message.complex)
    limit, most = (policy.max_extensions, policy.extension_amount) if policy else (1, 5)
    if message.extensions_granted >= limit:
        raise ValidationError(f"该留言已延期{message.extensions_granted}次，最多可延期{limit}次。")
    if message.extensions.filter(decision="").exists():
        raise ValidationError("已有待审核的延期申请。")
    if message.due_at and timezone.now() > message.due_at:
        raise ValidationError("已超过答复时限，不能再申请延期。")
    if not isinstance(amount, int) or not 1 <= amount <= most:
        raise ValidationError({"amount": [f"每次延期1至{most}（与时限单位相同）。"]})
    reason = _text(reason, "reason", "延期理由", limit=1000)
    lead = rules_.lead
    assert lead is not None
    request = ExtensionRequest.objects.create(
        message=message, org=lead.org, amount=amount, reason=reason, requested_at=timezone.now()
    )
    _event(message, "extension_request", actor, f"申请延期{amount}", note=reason, org=lead.org)
    _audit(actor, "extension_request", message, None, reason)
    return request


@transaction.atomic
def message_extension_decide(*, actor: Actor, message: Message, grant: bool, note: str = "") -> Message:
    """The channel's owner decides; a granted extension moves the deadline and the writer is told (public step)."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "只有渠道的受理机构可以审核延期。")
    request = message.extensions.filter(decision="").first()
    if request is None:
        raise ValidationError("没有待审核的延期申请。")
    before = audit.snapshot(message, _SNAPSHOT)
    request.decision = "granted" if grant else "refused"
    request.decided_at = timezone.now()
    request.decided_by = label(actor)
    request.save()
    if grant:
        message.extensions_granted += 1
        granted = sum(e.amount for e in message.extensions.filter(decision="granted"))
        _set_due(message, message.accepted_at or message.submitted_at, extra=granted)
        message.save()
        _event(
            message,
            "extension",
            actor,
            f"同意延期，新的答复时限：{message.due_explained}",
            note=request.reason,
            public=True,
        )
    else:
        _event(message, "extension", actor, "不同意延期", note=_text(note, "note", "说明", required=False))
    _audit(actor, "extension_decide", message, before)
    return message


# ---------------------------------------------------------------------------------------------------- the answer


@transaction.atomic
def message_reply_draft(*, actor: Actor, message: Message, text: str) -> Message:
    message = _locked(message)
    rules_ = rules.MessageRules(actor, message)
    _require(rules_.may_handle(), "您不能起草该留言的答复。")
    _require_status(message, Status.HANDLING)
    before = audit.snapshot(message, _SNAPSHOT)
    message.reply = _text(text, "text", "答复内容", limit=10000)
    message.reply_org = rules_.lead.org if rules_.lead else None
    _move(message, Status.UNIT_REVIEW)
    message.save()
    _event(message, "reply_draft", actor, "起草答复，送单位审核", org=message.reply_org)
    _audit(actor, "reply_draft", message, before)
    return message


@transaction.atomic
def message_reply_approve(*, actor: Actor, message: Message, approve: bool, note: str = "") -> Message:
    """The unit's head approves the draft (it goes to the platform) or sends it back."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_approve_reply(), "您不能审核该单位的答复。")
    before = audit.snapshot(message, _SNAPSHOT)
    _move(message, Status.PLATFORM_REVIEW if approve else Status.HANDLING)
    message.save()
    text = "单位审核通过，报送平台审核" if approve else "单位审核退回修改"
    _event(
        message,
        "reply_approve",
        actor,
        text,
        note=_text(note, "note", "意见", required=False),
        org=message.reply_org,
    )
    _audit(actor, "reply_approve", message, before)
    return message


def _replied(message: Message, now: datetime) -> None:
    message.replied_at = now
    due = deadlines.effective_due(message)
    message.replied_on_time = due is None or now <= due


@transaction.atomic
def message_reply_review(
    *, actor: Actor, message: Message, approve: bool, note: str = "", now: datetime | None = None
) -> Message:
    """The platform (the channel's owner) passes the answer (已答复) or returns it for changes (退回修改)."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能审核该渠道的答复。")
    before = audit.snapshot(message, _SNAPSHOT)
    note = _text(note, "note", "退回理由", required=not approve)
    _move(message, Status.REPLIED if approve else Status.HANDLING)
    if approve:
        _replied(message, now or timezone.now())
    message.save()
    target = "留言人" if message.channel.reply_to_writer else "上级平台"
    text = f"答复审核通过，已答复{target}" if approve else "平台审核退回修改"
    _event(message, "reply_review", actor, text, note=note, public=approve, at=now)
    _audit(actor, "reply_review", message, before)
    return message


@transaction.atomic
def message_reply_direct(
    *, actor: Actor, message: Message, text: str, now: datetime | None = None
) -> Message:
    """The owner answers at once (a consultation it can answer itself) without forwarding."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能答复该渠道的留言。")
    before = audit.snapshot(message, _SNAPSHOT)
    message.reply = _text(text, "text", "答复内容", limit=10000)
    message.reply_org = message.channel.owner
    _move(message, Status.REPLIED)
    _replied(message, now or timezone.now())
    message.save()
    _event(message, "reply_direct", actor, "直接答复", public=True, at=now)
    _audit(actor, "reply_direct", message, before)
    return message


# ---------------------------------------------------------------------------------------------------- publication


@transaction.atomic
def message_publish(
    *,
    actor: Actor,
    message: Message,
    publish: bool,
    title: str = "",
    body: str = "",
    reply: str = "",
) -> Message:
    """公开审核: a redacted public copy beside the original. Only with the writer's consent, never a 举报, and the
    writer's personal data only with its separate consent (otherwise it is removed from the copy)."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能审核该渠道的公开。")
    _require_status(message, Status.REPLIED, Status.CLOSED, Status.ARCHIVED)
    before = audit.snapshot(message, _SNAPSHOT)
    if publish:
        if message.channel.publication == Publication.NONE:
            raise ValidationError("该渠道的留言不公开。")
        if message.is_report:
            raise ValidationError("举报件不公开。")
        if not message.consent_publish:
            raise ValidationError("留言人未同意公开留言，不能公开。")
        log: list[str] = []
        texts = {}
        for field, value in (
            ("title", title or message.title),
            ("body", body or message.body),
            ("reply", reply or message.reply),
        ):
            value = _text(value, field, "公开内容", limit=10000)
            if not message.consent_personal:
                value, lines = redact(message, value)
                log += lines
            texts[field] = value
        message.public_title, message.public_body, message.public_reply = (
            texts["title"],
            texts["body"],
            texts["reply"],
        )
        message.redaction_log = [
            *message.redaction_log,
            {"at": timezone.now().isoformat(), "by": label(actor), "log": log},
        ]
        message.public_state = PublicState.PUBLISHED
        message.published_at = timezone.now()
    else:
        message.public_state = PublicState.WITHHELD
        message.published_at = None
    message.save()
    _event(message, "publish", actor, "公开审核：公开" if publish else "公开审核：不公开")
    _audit(actor, "publish", message, before)
    return message


# ---------------------------------------------------------------------------------------------------- feedback


@transaction.atomic
def message_evaluate(
    *,
    actor: Actor,
    message: Message,
    level: str,
    comment: str = "",
    reopen: bool = False,
    now: datetime | None = None,
) -> Message:
    """回访/评价 (several allowed). 不满意 may reopen the message: back to the unit with a new deadline (重办)."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen() or isinstance(actor, System), "您不能录入评价。")
    _require_status(message, Status.REPLIED)
    if level not in Level.values:
        raise ValidationError({"level": ["请选择评价。"]})
    now = now or timezone.now()
    Evaluation.objects.create(
        message=message, level=level, comment=_text(comment, "comment", "意见", required=False), at=now
    )
    before = audit.snapshot(message, _SNAPSHOT)
    if reopen:
        if level != Level.UNSATISFIED:
            raise ValidationError({"reopen": ["只有不满意的留言可以退回重办。"]})
        _move(
            message, Status.HANDLING if message.assignments.filter(active=True).exists() else Status.ACCEPTED
        )
        message.rehandled += 1
        message.replied_at = None
        message.replied_on_time = None
        _set_due(message, now)
    message.save()
    text = f"评价：{Level(level).label}" + ("，退回重办" if reopen else "")
    _event(message, "evaluate", actor, text, public=True, at=now)
    _audit(actor, "evaluate", message, before)
    return message


@transaction.atomic
def message_close(*, actor: Actor, message: Message, now: datetime | None = None) -> Message:
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能办结该留言。")
    before = audit.snapshot(message, _SNAPSHOT)
    _move(message, Status.CLOSED)
    message.closed_at = now or timezone.now()
    message.save()
    _event(message, "close", actor, "办结", public=True, at=now)
    _audit(actor, "close", message, before)
    return message


@transaction.atomic
def message_archive(*, actor: Actor, message: Message) -> Message:
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能归档该留言。")
    before = audit.snapshot(message, _SNAPSHOT)
    _move(message, Status.ARCHIVED)
    message.save()
    _event(message, "archive", actor, "归档")
    _audit(actor, "archive", message, before)
    return message


__all__ = [
    "MessageKind",
    "Submission",
    "clean_message",
    "message_accept",
    "message_archive",
    "message_assign",
    "message_close",
    "message_evaluate",
    "message_extension_decide",
    "message_extension_request",
    "message_import",
    "message_instruct",
    "message_move_to_foi",
    "message_note",
    "message_publish",
    "message_refuse",
    "message_reply_approve",
    "message_reply_direct",
    "message_reply_draft",
    "message_reply_review",
    "message_return_decide",
    "message_return_request",
    "message_sign",
    "message_submit",
    "redact",
]


# ---------------------------------------------------------------------------------------------------- supervision

SUPERVISION = System("催办督办")


@dataclass
class SupervisionReport:
    reminded: list[str]
    urged: list[str]
    supervised: list[str]


def messages_supervise(*, now: datetime | None = None) -> SupervisionReport:
    """The daily job: a reminder before the (effective) deadline, 催办 at expiry, 督办 once overdue by the row's
    working days; each once per message and deadline, as a step in the ticket's history and the audit log."""
    from gongkai.interaction.models import UNANSWERED
    from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

    now = now or timezone.now()
    calendar = WorkCalendar()
    report = SupervisionReport([], [], [])
    open_ = Message.objects.filter(status__in=UNANSWERED).exclude(
        due_at__isnull=True, upstream_due_at__isnull=True
    )
    for message in open_.select_related("channel", "channel__owner"):
        due = deadlines.effective_due(message)
        if due is None:
            continue
        policy = deadlines.policy_for(message.channel, message.kind, message.complex)
        remind_hours = policy.remind_hours if policy else 24
        late_days = policy.supervise_after_workdays if policy else 5
        done = set(
            message.events.filter(at__gte=message.accepted_at or message.submitted_at).values_list(
                "action", flat=True
            )
        )
        step = ""
        if now > due:
            try:
                overdue_days = calendar.workdays_between(timezone.localdate(due), timezone.localdate(now))
            except CalendarMissing:
                overdue_days = 0
            if overdue_days >= late_days and "supervise" not in done:
                step, summary, bucket = (
                    "supervise",
                    f"督办：已超期{overdue_days}个工作日仍未答复",
                    report.supervised,
                )
            elif "urge" not in done and "supervise" not in done:
                step, summary, bucket = (
                    "urge",
                    f"催办：已超过答复时限{timezone.localtime(due):%Y-%m-%d %H:%M}",
                    report.urged,
                )
        elif due - now <= timedelta(hours=remind_hours) and "remind" not in done:
            step, summary, bucket = (
                "remind",
                f"提醒：将于{timezone.localtime(due):%Y-%m-%d %H:%M}到期",
                report.reminded,
            )
        if not step:
            continue
        with transaction.atomic():
            lead = message.assignments.filter(active=True, lead=True).select_related("org").first()
            _event(
                message, step, SUPERVISION, summary, org=lead.org if lead else message.channel.owner, at=now
            )
            _audit(SUPERVISION, step, message, None, summary)
        bucket.append(message.number)
    return report
