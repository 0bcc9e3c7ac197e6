"""Every change to an information application. Keyword-only, in one transaction, permission-checked, audited.

The portal, the back office, the API, commands and tasks all call these functions; none of them changes an
application any other way. Personal data (identity numbers, contacts) never enters the audit log or event data.
"""

from __future__ import annotations

import re
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac

from gongkai.core import audit
from gongkai.foi import conf, fees, identity, uploads
from gongkai.foi.clock import (
    CONSULTATION_REPLY_WORKDAYS,
    CORRECTION_REQUEST_WITHIN_WORKDAYS,
    MAX_EXTENSION_WORKDAYS,
)
from gongkai.foi.models import (
    ALLOWED_MOVES,
    Answer,
    AnswerState,
    ApplicantType,
    Application,
    ApplicationFile,
    Channel,
    Consultation,
    ConsultationKind,
    ConsultationOpinion,
    DeliveryForm,
    DeliveryMethod,
    Event,
    EventKind,
    Fee,
    FeeMethod,
    FileKind,
    IdType,
    Letter,
    LetterKind,
    Outcome,
    Remedy,
    RemedyKind,
    RemedyResult,
    Status,
)
from gongkai.foi.selectors import clock_for
from gongkai.orgs import access
from gongkai.orgs.models import Kind, Organization, Role
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

#: The 2019 Regulations took effect on this day; no application under them was received earlier.
EARLIEST_DATE = date(2019, 5, 15)
QUERY_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
QUERY_CODE_LENGTH = 10
DUPLICATE_WINDOW = timedelta(minutes=10)
LONGER_PERIOD_MAX = 120
APPLICANT_LABEL = "申请人"

#: Fields of an application that may enter the audit log (no personal data).
_AUDIT_FIELDS = [
    "status", "org", "handler", "received_on", "due_on", "due_missing_year", "closed_on", "outcome",
    "correction_requested_on", "correction_received_on", "extension_days", "longer_period_days",
]  # fmt: skip

_LIMITS = {
    "applicant_name": 100, "id_number": 40, "legal_representative": 50, "contact_person": 50, "phone": 30,
    "email": 254, "address": 200, "postcode": 6, "info_title": 300, "info_doc_no": 100,
    "info_description": 5000, "purpose": 2000,
}  # fmt: skip
_LABELS = {
    "applicant_name": "申请人名称", "legal_representative": "法定代表人或负责人", "contact_person": "联系人",
    "phone": "联系电话", "email": "电子邮箱", "address": "通信地址", "postcode": "邮政编码",
    "info_title": "所需信息名称", "info_doc_no": "文号", "info_description": "其他特征描述", "purpose": "用途",
    "id_number": "证件号码",
}  # fmt: skip
APPLICATION_FIELDS = [
    "applicant_type", "applicant_name", "id_type", "id_number", "credit_code", "legal_representative",
    "contact_person", "phone", "email", "address", "postcode", "info_title", "info_doc_no", "info_description",
    "purpose", "delivery_form", "delivery_method",
]  # fmt: skip
_PHONE_RE = re.compile(r"^[0-9+()（） -]{7,30}$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Submission:
    application: Application
    query_code: str  # shown once to the applicant; only its hash is stored
    created: bool


# --- Helpers ----------------------------------------------------------------------------------------


_as_of: ContextVar[date | None] = ContextVar("gongkai_foi_as_of", default=None)


@contextmanager
def recording_as_of(day: date):
    """Record past handling as if on `day` (migrating paper records, the demo): "today" in every check and
    default date is `day`. Never used by the interfaces."""
    token = _as_of.set(day)
    try:
        yield
    finally:
        _as_of.reset(token)


def _today() -> date:
    return _as_of.get() or timezone.localdate()


def _now() -> datetime:
    day = _as_of.get()
    if day is None:
        return timezone.now()
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


def _snapshot(application: Application) -> dict:
    return audit.snapshot(application, _AUDIT_FIELDS)


def _audit(actor, action: str, application: Application, before: dict | None, note: str = "") -> None:
    audit.record(
        actor=actor,
        action=action,
        obj=application,
        org=application.org,
        before=before,
        after=_snapshot(application),
        note=note,
    )


def _actor_label(actor) -> str:
    if actor is None:
        return "系统"
    if isinstance(actor, str):
        return actor
    return (actor.get_full_name() or actor.get_username())[:150]


def _event(
    application: Application,
    kind: str,
    *,
    actor,
    on: date,
    summary: str,
    note: str = "",
    public: bool = False,
    data: dict | None = None,
) -> Event:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return Event.objects.create(
        application=application,
        kind=kind,
        on=on,
        actor=user,
        actor_label=_actor_label(actor),
        org=application.org,
        summary=summary[:300],
        note=note,
        public=public,
        data=data or {},
    )


def _move(application: Application, to: str) -> None:
    if to not in ALLOWED_MOVES[application.status]:
        raise ValidationError(
            "当前状态“%(status)s”下不能执行该操作。", params={"status": application.get_status_display()}
        )
    application.status = to


def _active_status(application: Application) -> str:
    return Status.IN_PROGRESS if application.handler_id else Status.RECEIVED


def _require_office(actor, org: Organization) -> None:
    """Handling is the work of the organisation's disclosure office (role office); the system may act too."""
    if actor is None or isinstance(actor, str):
        return
    if not access.has_role(actor, org, Role.OFFICE):
        raise PermissionDenied("只有本机关的政府信息公开工作机构可以办理该申请。")


def _require_status(application: Application, *statuses: str) -> None:
    if application.status not in statuses:
        raise ValidationError(
            "当前状态“%(status)s”下不能执行该操作。", params={"status": application.get_status_display()}
        )


def _check_date(value, *, field: str, label: str, not_before: date | None = None, today: date | None = None):
    today = today or _today()
    if not isinstance(value, date):
        raise ValidationError({field: [f"请填写{label}。"]})
    if value > today:
        raise ValidationError({field: [f"{label}不能晚于今天（{today.isoformat()}）。"]})
    floor = max(not_before or EARLIEST_DATE, EARLIEST_DATE)
    if value < floor:
        raise ValidationError({field: [f"{label}不能早于{floor.isoformat()}。"]})
    return value


def _recompute(application: Application, calendar: WorkCalendar | None = None):
    clock = clock_for(application, calendar=calendar)
    application.due_on = clock.due_on
    application.due_missing_year = clock.missing_year
    return clock


def _save(application: Application, *fields: str) -> None:
    application.save(update_fields=[*fields, "due_on", "due_missing_year", "status", "updated_at"])


def _clean_text(value) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    return _CONTROL_RE.sub("", value).strip()


def query_code_for(token: uuid.UUID | None) -> str:
    """A new query code: random, or derived from the submission token so that a resubmission gets it again."""
    if token is None:
        return get_random_string(QUERY_CODE_LENGTH, QUERY_CODE_ALPHABET)
    digest = salted_hmac("gongkai.foi.query_code", str(token), algorithm="sha256").digest()
    return "".join(QUERY_CODE_ALPHABET[b % len(QUERY_CODE_ALPHABET)] for b in digest[:QUERY_CODE_LENGTH])


def hash_query_code(code: str, *, secret: str | None = None) -> str:
    """A keyed hash of a query code. The code is random (about 49 bits), so a fast keyed hash is enough and
    keeps every check cheap (a slow password hash would let wrong codes tie up the server)."""
    digest = salted_hmac(
        "gongkai.foi.query_code_hash", normalise_query_code(code), secret=secret, algorithm="sha256"
    )
    return f"hmac-sha256${digest.hexdigest()}"


def check_query_code(code: str, stored: str) -> bool:
    if not code or not stored:
        return False
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(constant_time_compare(hash_query_code(code, secret=secret), stored) for secret in secrets)


def normalise_query_code(value: str) -> str:
    return re.sub(r"[\s-]", "", (value or "")).upper()[:40]


def _new_tracking_no(today: date) -> str:
    for _ in range(20):
        candidate = f"GK{today:%Y%m%d}{get_random_string(5, QUERY_CODE_ALPHABET)}"
        if not Application.objects.filter(tracking_no=candidate).exists():
            return candidate
    raise RuntimeError("could not find a free tracking number")


def can_receive_applications(org: Organization) -> bool:
    """Art. 27: governments at every level and their departments (acting in their own name)."""
    return org.is_active and org.kind in (Kind.GOVERNMENT, Kind.DEPARTMENT)


def clean_application(data: dict) -> dict:
    """Validate what an applicant wrote (portal form, API body or staff intake): the same rules everywhere.

    Returns the cleaned values; raises a ValidationError with a Chinese message per field.
    """
    errors: dict[str, list[str]] = {}
    values = {name: _clean_text(data.get(name)) for name in APPLICATION_FIELDS}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    for name, limit in _LIMITS.items():
        if len(values[name]) > limit:
            err(name, f"{_LABELS[name]}过长（最多{limit}字，当前{len(values[name])}字）。")
    kind = values["applicant_type"]
    if kind not in ApplicantType.values:
        err("applicant_type", "请选择申请人类型。")
    if len(values["applicant_name"]) < 2:
        err("applicant_name", "请填写申请人姓名或名称（至少2个字）。")
    if kind == ApplicantType.NATURAL:
        values["credit_code"] = values["legal_representative"] = ""
        if values["id_type"] not in IdType.values:
            err("id_type", "请选择证件类型。")
        elif not values["id_number"]:
            err("id_number", "请填写证件号码。")
        elif "id_number" not in errors:
            try:
                values["id_number"] = identity.validate_id_number(values["id_type"], values["id_number"])
            except ValidationError as exc:
                err("id_number", exc.messages[0])
    elif kind in ApplicantType.values:
        values["id_type"] = values["id_number"] = ""
        try:
            values["credit_code"] = identity.normalise_credit_code(values["credit_code"])
        except ValidationError as exc:
            err("credit_code", exc.messages[0])
        if not values["legal_representative"]:
            err("legal_representative", "请填写法定代表人或负责人。")
        if not values["contact_person"]:
            err("contact_person", "请填写联系人。")
    if not values["phone"]:
        err("phone", "请填写联系电话。")
    elif not _PHONE_RE.match(values["phone"]):
        err("phone", "联系电话格式不正确（7-30位数字，可含区号分隔符“-”）。")
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            err("email", "电子邮箱格式不正确。")
    if values["postcode"] and not re.fullmatch(r"\d{6}", values["postcode"]):
        err("postcode", "邮政编码应为6位数字。")
    if not values["info_title"]:
        err("info_title", "请填写所需政府信息的名称。")
    if values["delivery_form"] not in DeliveryForm.values:
        err("delivery_form", "请选择信息的载体形式。")
    method = values["delivery_method"]
    if method not in DeliveryMethod.values:
        err("delivery_method", "请选择获取信息的方式。")
    elif method == DeliveryMethod.EMAIL and not values["email"]:
        err("email", "选择以电子邮件获取信息时，请填写电子邮箱。")
    elif method == DeliveryMethod.POST and not values["address"]:
        err("address", "选择邮寄获取信息时，请填写通信地址。")
    if errors:
        raise ValidationError(errors)
    return values


def _check_org(org) -> None:
    if not isinstance(org, Organization) or not can_receive_applications(org):
        raise ValidationError({"org": ["请选择受理申请的行政机关（人民政府或其工作部门）。"]})


def _create_files(
    application: Application, checked: list[uploads.CheckedFile], *, kind: str, actor, public=False
):
    user = actor if getattr(actor, "is_authenticated", False) else None
    created = []
    for item in checked:
        record = ApplicationFile(
            application=application,
            kind=kind,
            name=item.name,
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
            public=public,
            uploaded_by=user,
        )
        record.file.save(item.name, item.stream, save=False)
        record.save()
        created.append(record)
    return created


def _new_application(*, org, values: dict, channel: str, token, code: str, today: date) -> Application:
    return Application(
        org=org,
        tracking_no=_new_tracking_no(today),
        query_code_hash=hash_query_code(code),
        submission_token=token,
        channel=channel,
        applicant_key=identity.applicant_key(
            id_type=values["id_type"], id_number=values["id_number"], credit_code=values["credit_code"]
        ),
        **values,
    )


# --- Intake -----------------------------------------------------------------------------------------


def application_submit(
    *, org: Organization, data: dict, attachments=(), submission_token: uuid.UUID | None = None
) -> Submission:
    """An applicant's online application (portal form or API). Idempotent on `submission_token`.

    The application waits for the organisation to confirm receipt: online, the date received is the day both
    sides confirm (Art. 31).
    """
    if submission_token is not None:
        existing = Application.objects.filter(submission_token=submission_token).first()
        if existing is not None:
            return Submission(existing, query_code_for(submission_token), created=False)
    values = clean_application(data)
    _check_org(org)
    checked = uploads.check_uploads(attachments, kind=FileKind.IDENTITY_PROOF)
    now = _now()
    today = _today()
    key = identity.applicant_key(
        id_type=values["id_type"], id_number=values["id_number"], credit_code=values["credit_code"]
    )
    duplicate = Application.objects.filter(
        applicant_key=key,
        org=org,
        info_title=values["info_title"],
        created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).first()
    if duplicate is not None:
        if submission_token is not None and duplicate.submission_token == submission_token:
            return Submission(duplicate, query_code_for(submission_token), created=False)  # lost a race
        raise ValidationError(
            "您在10分钟内已向该机关提交过相同的申请（申请编号%(no)s），请勿重复提交。",
            params={"no": duplicate.tracking_no},
            code="duplicate",
        )
    code = query_code_for(submission_token)
    try:
        with transaction.atomic():
            application = _new_application(
                org=org, values=values, channel=Channel.ONLINE, token=submission_token, code=code, today=today
            )
            application.submitted_at = now
            application.status = Status.SUBMITTED
            application.save()
            _create_files(application, checked, kind=FileKind.IDENTITY_PROOF, actor=None)
            _event(
                application,
                EventKind.SUBMITTED,
                actor=APPLICANT_LABEL,
                on=today,
                summary=f"网上提交申请，待{org.name}确认收到",
                public=True,
            )
            _audit(APPLICANT_LABEL, "application.submit", application, None)
    except IntegrityError:
        # The same token submitted twice at once: the other request created it.
        existing = Application.objects.filter(submission_token=submission_token).first()
        if submission_token is None or existing is None:
            raise
        return Submission(existing, code, created=False)
    return Submission(application, code, created=True)


_ART31 = {
    Channel.IN_PERSON: "当面提交，以提交之日为收到申请之日",
    Channel.REGISTERED_MAIL: "以邮政快递等需要签收的方式提交，以签收之日为收到申请之日",
    Channel.ORDINARY_MAIL: "以平常信函等无需签收的方式提交，以与申请人确认之日为收到申请之日",
    Channel.FAX: "通过传真提交，以双方确认之日为收到申请之日",
    Channel.EMAIL: "通过电子邮件提交，以电子邮件系统收到之日为收到申请之日",
    Channel.ONLINE: "通过互联网渠道提交，以双方确认之日为收到申请之日",
}


@transaction.atomic
def application_register(
    *,
    actor,
    org: Organization,
    channel: str,
    received_on: date,
    data: dict,
    arrived_on: date | None = None,
    attachments=(),
) -> Submission:
    """Staff intake of an application received by letter, in person, by fax or e-mail (Art. 31 dates)."""
    _require_office(actor, org)
    errors: dict[str, list[str]] = {}
    try:
        values = clean_application(data)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        _check_org(org)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if channel not in Channel.values or channel == Channel.ONLINE:
        errors.setdefault("channel", []).append("请选择申请方式（当面、邮寄、传真或电子邮件）。")
    try:
        _check_date(received_on, field="received_on", label="收到申请之日")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if arrived_on is not None:
        try:
            _check_date(arrived_on, field="arrived_on", label="到达日期")
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if channel == Channel.ORDINARY_MAIL and arrived_on is None:
        errors.setdefault("arrived_on", []).append(
            "平常信函请填写信函到达日期；收到申请之日为与申请人确认之日。"
        )
    if isinstance(arrived_on, date) and isinstance(received_on, date) and arrived_on > received_on:
        errors.setdefault("received_on", []).append("收到申请之日不能早于到达日期。")
    try:
        checked = uploads.check_uploads(attachments, kind=FileKind.IDENTITY_PROOF)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    today = _today()
    code = query_code_for(None)
    application = _new_application(
        org=org, values=values, channel=channel, token=None, code=code, today=today
    )
    application.arrived_on = arrived_on
    application.received_on = received_on
    application.status = Status.RECEIVED
    _recompute(application)
    application.save()
    _create_files(application, checked, kind=FileKind.IDENTITY_PROOF, actor=actor)
    _event(
        application,
        EventKind.REGISTERED,
        actor=actor,
        on=received_on,
        summary=f"登记申请：{_ART31[channel]}（条例第三十一条），收到申请之日为{received_on.isoformat()}",
        public=True,
        data={"channel": channel},
    )
    _audit(actor, "application.register", application, None)
    return Submission(application, code, created=True)


@transaction.atomic
def application_confirm_receipt(*, actor, application: Application, received_on: date) -> Application:
    """The organisation confirms an online (or transferred) application: the Art. 31 date received."""
    application = _locked(application)
    _require_office(actor, application.org)
    _require_status(application, Status.SUBMITTED)
    submitted = timezone.localdate(application.submitted_at) if application.submitted_at else None
    _check_date(received_on, field="received_on", label="收到申请之日", not_before=submitted)
    before = _snapshot(application)
    application.received_on = received_on
    _move(application, Status.RECEIVED)
    _recompute(application)
    _save(application, "received_on")
    _event(
        application,
        EventKind.RECEIVED,
        actor=actor,
        on=received_on,
        summary=f"{application.org.name}确认收到申请，收到申请之日为{received_on.isoformat()}",
        public=True,
    )
    _audit(actor, "application.confirm_receipt", application, before)
    return application


def _locked(application: Application) -> Application:
    """The row, locked for the rest of the transaction: two clerks never move one case at once."""
    return Application.objects.select_for_update().select_related("org").get(pk=application.pk)


# --- Handling ---------------------------------------------------------------------------------------


@transaction.atomic
def application_assign(*, actor, application: Application, handler) -> Application:
    application = _locked(application)
    _require_office(actor, application.org)
    if application.status in (Status.SUBMITTED, Status.CLOSED):
        raise ValidationError("请先确认收到申请，再分办给承办人。" if application.is_open else "申请已办结。")
    if handler is None or not handler.is_active or not access.has_role(handler, application.org, Role.OFFICE):
        raise ValidationError({"handler": ["承办人须为本机关政府信息公开工作机构的在岗人员。"]})
    before = _snapshot(application)
    application.handler = handler
    if application.status == Status.RECEIVED:
        _move(application, Status.IN_PROGRESS)
    _save(application, "handler")
    _event(
        application, EventKind.ASSIGNED, actor=actor, on=_today(), summary=f"分办给{_actor_label(handler)}"
    )
    _audit(actor, "application.assign", application, before)
    return application


@transaction.atomic
def application_transfer(
    *, actor, application: Application, to_org: Organization, reason: str
) -> Application:
    """Send the application to the organisation that should handle it; its own receipt starts the clock."""
    application = _locked(application)
    _require_office(actor, application.org)
    _require_status(application, Status.SUBMITTED, Status.RECEIVED, Status.IN_PROGRESS)
    reason = _clean_text(reason)
    if not reason:
        raise ValidationError({"reason": ["请说明转送理由。"]})
    if len(reason) > 2000:
        raise ValidationError({"reason": ["转送理由过长（最多2000字）。"]})
    if not isinstance(to_org, Organization) or not can_receive_applications(to_org):
        raise ValidationError({"to_org": ["请选择接收申请的行政机关。"]})
    if to_org.pk == application.org_id:
        raise ValidationError({"to_org": ["不能转送给本机关。"]})
    if (
        application.correction_requested_on
        or application.extension_days
        or application.consultations.exists()
        or Fee.objects.filter(application=application).exists()
        or Answer.objects.filter(application=application).exists()
    ):
        raise ValidationError(
            "该申请已进入补正、征求意见、收费、延期或答复程序，不能再转送；请依法作出答复。"
        )
    before = _snapshot(application)
    old_org = application.org
    _event(
        application,
        EventKind.TRANSFERRED,
        actor=actor,
        on=_today(),
        summary=f"转送至{to_org.name}办理，答复期限自该机关收到申请之日起计算",
        note=reason,
        public=True,
        data={"from": old_org.credit_code, "to": to_org.credit_code},
    )
    application.org = to_org
    application.transferred_from = old_org
    application.handler = None
    application.received_on = None
    application.submitted_at = _now()
    _move(application, Status.SUBMITTED)
    _recompute(application)
    _save(application, "org", "transferred_from", "handler", "received_on", "submitted_at")
    audit.record(
        actor=actor,
        action="application.transfer",
        obj=application,
        org=old_org,
        before=before,
        after=_snapshot(application),
        note=f"转送至{to_org.name}",
    )
    return application


@transaction.atomic
def application_note(*, actor, application: Application, text: str) -> Event:
    _require_office(actor, application.org)
    text = _clean_text(text)
    if not text:
        raise ValidationError({"text": ["请填写备注内容。"]})
    if len(text) > 5000:
        raise ValidationError({"text": ["备注过长（最多5000字）。"]})
    event = _event(application, EventKind.NOTE, actor=actor, on=_today(), summary="内部备注", note=text)
    audit.record(actor=actor, action="application.note", obj=application, org=application.org)
    return event


# --- Correction (Art. 30) ---------------------------------------------------------------------------


@transaction.atomic
def application_request_correction(
    *, actor, application: Application, requested_on: date, items: str, correction_due_on: date | None = None
) -> Application:
    """Ask the applicant, once and within 7 working days of receipt, to correct an unclear application."""
    application = _locked(application)
    _require_office(actor, application.org)
    _require_status(application, Status.RECEIVED, Status.IN_PROGRESS)
    if application.correction_requested_on:
        raise ValidationError(
            f"补正只能要求一次（条例第三十条），本申请已于{application.correction_requested_on}告知补正。"
        )
    items = _clean_text(items)
    if not items:
        raise ValidationError({"items": ["请写明需要补正的事项。"]})
    if len(items) > 5000:
        raise ValidationError({"items": ["补正事项过长（最多5000字）。"]})
    _check_date(requested_on, field="requested_on", label="告知补正日期", not_before=application.received_on)
    calendar = WorkCalendar()
    try:
        last_day = calendar.add_workdays(application.received_on, CORRECTION_REQUEST_WITHIN_WORKDAYS)
        if correction_due_on is None:
            correction_due_on = calendar.add_workdays(requested_on, conf.correction_period_workdays())
    except CalendarMissing as exc:
        raise ValidationError(str(exc)) from None
    if requested_on > last_day:
        raise ValidationError(
            {
                "requested_on": [
                    f"补正应在收到申请之日起{CORRECTION_REQUEST_WITHIN_WORKDAYS}个工作日内告知（条例第三十条）："
                    f"收到申请之日为{application.received_on.isoformat()}，最迟应于{last_day.isoformat()}告知。"
                ]
            }
        )
    if not isinstance(correction_due_on, date) or correction_due_on <= requested_on:
        raise ValidationError({"correction_due_on": ["补正期限应晚于告知补正日期。"]})
    if correction_due_on > requested_on + timedelta(days=366):
        raise ValidationError({"correction_due_on": ["补正期限过长（不超过一年）。"]})
    before = _snapshot(application)
    application.correction_requested_on = requested_on
    application.correction_due_on = correction_due_on
    application.correction_items = items
    _move(application, Status.AWAITING_CORRECTION)
    _recompute(application, calendar)
    _save(application, "correction_requested_on", "correction_due_on", "correction_items")
    _event(
        application,
        EventKind.CORRECTION_REQUESTED,
        actor=actor,
        on=requested_on,
        summary=f"告知补正，请于{correction_due_on.isoformat()}前补正；补正后答复期限重新计算",
        note=items,
        public=True,
    )
    _issue_letter(application, LetterKind.CORRECTION, on=requested_on, actor=actor)
    _audit(actor, "application.request_correction", application, before)
    return application


@transaction.atomic
def application_receive_correction(
    *, actor, application: Application, received_on: date | None = None, text: str = "", attachments=(),
    late_reason: str = "",
) -> Application:  # fmt: skip
    """The corrected application arrives: the answer period restarts in full from this day (Art. 30).

    `actor` None or "申请人" is the applicant correcting online through the query-code page (received today).
    """
    application = _locked(application)
    _require_office(actor, application.org)
    _require_status(application, Status.AWAITING_CORRECTION)
    by_applicant = actor is None or isinstance(actor, str)
    if by_applicant:
        received_on = _today()
    _check_date(
        received_on, field="received_on", label="收到补正之日", not_before=application.correction_requested_on
    )
    text = _clean_text(text)
    if len(text) > 5000:
        raise ValidationError({"text": ["补正内容过长（最多5000字）。"]})
    if by_applicant and not text and not attachments:
        raise ValidationError({"text": ["请填写补正内容或上传补正材料。"]})
    late_reason = _clean_text(late_reason)
    if received_on > application.correction_due_on:
        if by_applicant:
            raise ValidationError(
                f"补正期限（{application.correction_due_on}）已过，无法在线补正，请联系办理机关。"
            )
        if not late_reason:
            raise ValidationError(
                {
                    "late_reason": [
                        "补正期限已过：接受逾期补正须说明申请人的正当理由，否则请按逾期不补正办结。"
                    ]
                }
            )
    checked = uploads.check_uploads(attachments, kind=FileKind.CORRECTION)
    before = _snapshot(application)
    application.correction_received_on = received_on
    _move(application, _active_status(application))
    clock = _recompute(application)
    _save(application, "correction_received_on")
    _create_files(application, checked, kind=FileKind.CORRECTION, actor=actor)
    due = f"，答复期限为{clock.due_on.isoformat()}" if clock.due_on else ""
    _event(
        application,
        EventKind.CORRECTION_RECEIVED,
        actor=APPLICANT_LABEL if by_applicant else actor,
        on=received_on,
        summary=f"收到补正，答复期限自{received_on.isoformat()}起重新计算{due}",
        note="\n".join(t for t in (text, f"逾期补正的正当理由：{late_reason}" if late_reason else "") if t),
        public=True,
    )
    _audit(APPLICANT_LABEL if by_applicant else actor, "application.receive_correction", application, before)
    return application


# --- Consultations (Art. 32, 34) --------------------------------------------------------------------


@transaction.atomic
def application_consult_start(
    *, actor, application: Application, kind: str, party: str, started_on: date, note: str = ""
) -> Consultation:
    application = _locked(application)
    _require_office(actor, application.org)
    _require_status(application, Status.RECEIVED, Status.IN_PROGRESS, Status.CONSULTING)
    if kind not in ConsultationKind.values:
        raise ValidationError({"kind": ["请选择征求意见的类型。"]})
    party = _clean_text(party)
    if not party or len(party) > 200:
        raise ValidationError({"party": ["请填写被征求意见的第三方或机关（最多200字）。"]})
    clock_start = application.correction_received_on or application.received_on
    _check_date(started_on, field="started_on", label="发出征求意见日期", not_before=clock_start)
    try:
        reply_due_on = WorkCalendar().add_workdays(started_on, CONSULTATION_REPLY_WORKDAYS)
    except CalendarMissing:
        reply_due_on = None
    before = _snapshot(application)
    consultation = Consultation.objects.create(
        application=application,
        kind=kind,
        party=party,
        started_on=started_on,
        reply_due_on=reply_due_on,
        note=_clean_text(note)[:5000],
    )
    if application.status != Status.CONSULTING:
        _move(application, Status.CONSULTING)
    _recompute(application)
    _save(application)
    label = ConsultationKind(kind).label
    _event(
        application,
        EventKind.CONSULT_STARTED,
        actor=actor,
        on=started_on,
        summary=f"{label}，征求意见期间不计入答复期限",
        note=f"被征求意见方：{party}；应于{reply_due_on or '（日历未录入）'}前答复",
        public=True,
        data={"consultation": consultation.pk},
    )
    _issue_letter(application, LetterKind.CONSULTATION, on=started_on, actor=actor, consultation=consultation)
    _audit(actor, "application.consult_start", application, before, note=str(label))
    return consultation


@transaction.atomic
def application_consult_end(
    *, actor, consultation: Consultation, ended_on: date, opinion: str, note: str = ""
) -> Consultation:
    application = _locked(consultation.application)
    _require_office(actor, application.org)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.ended_on is not None:
        raise ValidationError("该征求意见已经结束。")
    _check_date(ended_on, field="ended_on", label="收到意见日期", not_before=consultation.started_on)
    if opinion not in ConsultationOpinion.values:
        raise ValidationError({"opinion": ["请选择征求意见的结果。"]})
    before = _snapshot(application)
    consultation.ended_on = ended_on
    consultation.opinion = opinion
    consultation.note = "\n".join(t for t in (consultation.note, _clean_text(note)[:5000]) if t)
    consultation.save(update_fields=["ended_on", "opinion", "note", "updated_at"])
    if not application.consultations.filter(ended_on__isnull=True).exists():
        _move(application, _active_status(application))
    clock = _recompute(application)
    _save(application)
    due = f"，答复期限顺延至{clock.due_on.isoformat()}" if clock.due_on else ""
    _event(
        application,
        EventKind.CONSULT_ENDED,
        actor=actor,
        on=ended_on,
        summary=f"征求意见结束{due}",
        note=f"{consultation.party}：{ConsultationOpinion(opinion).label}",
        public=True,
        data={"consultation": consultation.pk},
    )
    _audit(actor, "application.consult_end", application, before)
    return consultation


# --- Extension (Art. 33) and longer period (Art. 35) ------------------------------------------------


@transaction.atomic
def application_extension_request(*, actor, application: Application, days: int, reason: str) -> Application:
    application = _locked(application)
    _require_office(actor, application.org)
    _require_status(application, Status.RECEIVED, Status.IN_PROGRESS)
    if application.extension_days:
        raise ValidationError("答复期限只能延长一次（条例第三十三条），本申请已经延期。")
    if application.extension_requested_days:
        raise ValidationError("已提请延期，等待工作机构负责人审批。")
    if not isinstance(days, int) or not 1 <= days <= MAX_EXTENSION_WORKDAYS:
        raise ValidationError(
            {"days": [f"延长的期限为1-{MAX_EXTENSION_WORKDAYS}个工作日（条例第三十三条）。"]}
        )
    reason = _clean_text(reason)
    if not reason or len(reason) > 2000:
        raise ValidationError({"reason": ["请说明延期理由（最多2000字）。"]})
    if application.due_on and _today() > application.due_on:
        raise ValidationError(f"答复期限（{application.due_on}）已过，不能再延期。")
    before = _snapshot(application)
    application.extension_requested_days = days
    application.extension_requested_by = actor if getattr(actor, "is_authenticated", False) else None
    application.extension_reason = reason
    _save(application, "extension_requested_days", "extension_requested_by", "extension_reason")
    _event(
        application,
        EventKind.EXTENSION_REQUESTED,
        actor=actor,
        on=_today(),
        summary=f"提请延期{days}个工作日，待工作机构负责人审批",
        note=reason,
    )
    _audit(actor, "application.extension_request", application, before)
    return application


def _require_second_person(actor, first_user_id, what: str) -> None:
    if (
        conf.two_person_approval()
        and getattr(actor, "is_authenticated", False)
        and first_user_id is not None
        and actor.pk == first_user_id
    ):
        raise PermissionDenied(f"{what}须由工作机构负责人（拟办人以外的人员）批准。")


@transaction.atomic
def application_extend(
    *, actor, application: Application, approved_on: date, notified_on: date | None = None
) -> Application:
    """The office head approves the requested extension (one, at most 20 working days) and it is notified."""
    application = _locked(application)
    _require_office(actor, application.org)
    _require_status(application, Status.RECEIVED, Status.IN_PROGRESS)
    if not application.extension_requested_days:
        raise ValidationError("没有待审批的延期申请。")
    if application.extension_days:
        raise ValidationError("答复期限只能延长一次（条例第三十三条）。")
    _require_second_person(actor, application.extension_requested_by_id, "延期")
    _check_date(approved_on, field="approved_on", label="批准日期", not_before=application.received_on)
    notified_on = notified_on or approved_on
    _check_date(notified_on, field="notified_on", label="告知申请人日期", not_before=approved_on)
    if application.due_on and approved_on > application.due_on:
        raise ValidationError(
            {"approved_on": [f"延期应在答复期限（{application.due_on.isoformat()}）届满前批准。"]}
        )
    before = _snapshot(application)
    application.extension_days = application.extension_requested_days
    application.extension_approved_by = actor if getattr(actor, "is_authenticated", False) else None
    application.extension_approved_on = approved_on
    application.extension_notified_on = notified_on
    clock = _recompute(application)
    _save(
        application,
        "extension_days", "extension_approved_by", "extension_approved_on", "extension_notified_on",
    )  # fmt: skip
    due = clock.due_on.isoformat() if clock.due_on else "（日历未录入，无法计算）"
    _event(
        application,
        EventKind.EXTENDED,
        actor=actor,
        on=approved_on,
        summary=f"经工作机构负责人同意，答复期限延长{application.extension_days}个工作日，延至{due}",
        note=application.extension_reason,
        public=True,
        data={"days": application.extension_days, "notified_on": notified_on.isoformat()},
    )
    _issue_letter(application, LetterKind.EXTENSION, on=notified_on, actor=actor)
    _audit(actor, "application.extend", application, before)
    return application


@transaction.atomic
def application_extension_refuse(*, actor, application: Application, note: str = "") -> Application:
    application = _locked(application)
    _require_office(actor, application.org)
    if not application.extension_requested_days or application.extension_days:
        raise ValidationError("没有待审批的延期申请。")
    _require_second_person(actor, application.extension_requested_by_id, "延期")
    before = _snapshot(application)
    application.extension_requested_days = None
    application.extension_requested_by = None
    _save(application, "extension_requested_days", "extension_requested_by")
    _event(
        application, EventKind.EXTENSION_REFUSED, actor=actor, on=_today(), summary="延期未获批准",
        note=_clean_text(note)[:2000],
    )  # fmt: skip
    _audit(actor, "application.extension_refuse", application, before)
    return application


@transaction.atomic
def application_set_longer_period(
    *, actor, application: Application, days: int, reason: str, notified_on: date
) -> Application:
    """Art. 35: for unreasonably many or frequent applications with good reasons, a longer reasonable period."""
    application = _locked(application)
    _require_office(actor, application.org)
    _require_status(application, Status.RECEIVED, Status.IN_PROGRESS)
    if not isinstance(days, int) or not 21 <= days <= LONGER_PERIOD_MAX:
        raise ValidationError({"days": [f"合理的答复期限应为21-{LONGER_PERIOD_MAX}个工作日。"]})
    reason = _clean_text(reason)
    if not reason or len(reason) > 2000:
        raise ValidationError({"reason": ["请说明确定较长答复期限的理由（最多2000字）。"]})
    _check_date(notified_on, field="notified_on", label="告知申请人日期", not_before=application.received_on)
    before = _snapshot(application)
    application.longer_period_days = days
    application.longer_period_reason = reason
    clock = _recompute(application)
    _save(application, "longer_period_days", "longer_period_reason")
    due = clock.due_on.isoformat() if clock.due_on else "（日历未录入，无法计算）"
    _event(
        application,
        EventKind.LONGER_PERIOD,
        actor=actor,
        on=notified_on,
        summary=f"依照条例第三十五条确定答复期限为{days}个工作日，答复期限为{due}",
        note=reason,
        public=True,
    )
    _issue_letter(application, LetterKind.LONGER_PERIOD, on=notified_on, actor=actor)
    _audit(actor, "application.longer_period", application, before)
    return application


# --- Fees (Art. 42) ---------------------------------------------------------------------------------


def monthly_ordinal(application: Application) -> int:
    """Which application this is of the same applicant to the same organisation in its calendar month."""
    received = application.received_on
    if received is None:
        raise ValidationError("申请尚未确认收到，无法计算当月件数。")
    month_start = received.replace(day=1)
    same_month = Application.objects.filter(
        applicant_key=application.applicant_key,
        org_id=application.org_id,
        received_on__gte=month_start,
        received_on__lte=received,
    )
    earlier = same_month.filter(received_on__lt=received).count()
    same_day = same_month.filter(received_on=received, pk__lte=application.pk).count()
    return earlier + same_day


def fee_quote(*, application: Application, method: str, pages: int | None = None) -> fees.FeeQuote:
    if method == FeeMethod.PER_APPLICATION:
        return fees.quote(method=method, monthly_ordinal=monthly_ordinal(application))
    if method == FeeMethod.PER_PAGE:
        if not isinstance(pages, int) or not 1 <= pages <= fees.MAX_PAGES:
            raise ValidationError({"pages": ["请填写页数（正整数）。"]})
        return fees.quote(method=method, pages=pages)
    raise ValidationError({"method": ["请选择按件或按量计收（二者不得同时适用）。"]})


@transaction.atomic
def application_fee_notice(
    *, actor, application: Application, method: str, notice_on: date, pages: int | None = None
) -> Fee:
    application = _locked(application)
    _require_office(actor, application.org)
    _require_status(application, Status.RECEIVED, Status.IN_PROGRESS)
    if Fee.objects.filter(application=application).exists():
        raise ValidationError("本申请已发出过收费通知（同一申请只能按一种方式收费一次）。")
    quote = fee_quote(application=application, method=method, pages=pages)
    if quote.amount <= 0:
        raise ValidationError(f"按规定本申请不收费：{quote.explanation}。")
    clock_start = application.correction_received_on or application.received_on
    _check_date(notice_on, field="notice_on", label="收费通知日期", not_before=clock_start)
    try:
        pay_by = WorkCalendar().add_workdays(notice_on, conf.fee_payment_workdays())
    except CalendarMissing as exc:
        raise ValidationError(str(exc)) from None
    before = _snapshot(application)
    fee = Fee.objects.create(
        application=application,
        method=method,
        monthly_ordinal=quote.monthly_ordinal,
        pages=quote.pages,
        amount=quote.amount,
        notice_on=notice_on,
        pay_by=pay_by,
    )
    _move(application, Status.AWAITING_PAYMENT)
    _recompute(application)
    _save(application)
    _event(
        application,
        EventKind.FEE_NOTICE,
        actor=actor,
        on=notice_on,
        summary=f"收费通知：{quote.explanation}，请于{pay_by.isoformat()}前缴纳；逾期未缴视为放弃申请",
        public=True,
        data={"amount": str(quote.amount), "method": method},
    )
    _issue_letter(application, LetterKind.FEE, on=notice_on, actor=actor)
    _audit(actor, "application.fee_notice", application, before, note=f"{quote.amount}元")
    return fee


@transaction.atomic
def application_fee_paid(*, actor, application: Application, paid_on: date) -> Fee:
    application = _locked(application)
    _require_office(actor, application.org)
    _require_status(application, Status.AWAITING_PAYMENT)
    fee = Fee.objects.select_for_update().get(application=application)
    _check_date(paid_on, field="paid_on", label="缴费日期", not_before=fee.notice_on)
    if fee.pay_by and paid_on > fee.pay_by:
        raise ValidationError({"paid_on": [f"缴费期限为{fee.pay_by.isoformat()}，逾期未缴视为放弃申请。"]})
    before = _snapshot(application)
    fee.paid_on = paid_on
    fee.save(update_fields=["paid_on", "updated_at"])
    _move(application, _active_status(application))
    clock = _recompute(application)
    _save(application)
    due = f"，答复期限顺延至{clock.due_on.isoformat()}" if clock.due_on else ""
    _event(
        application,
        EventKind.FEE_PAID,
        actor=actor,
        on=paid_on,
        summary=f"已缴纳信息处理费{fee.amount}元{due}",
        public=True,
    )
    _audit(actor, "application.fee_paid", application, before)
    return fee


@transaction.atomic
def application_fee_waive(*, actor, application: Application, waived_on: date, reason: str) -> Fee:
    application = _locked(application)
    _require_office(actor, application.org)
    _require_status(application, Status.AWAITING_PAYMENT)
    fee = Fee.objects.select_for_update().get(application=application)
    reason = _clean_text(reason)
    if not reason or len(reason) > 2000:
        raise ValidationError({"reason": ["请说明减免理由（最多2000字）。"]})
    _check_date(waived_on, field="waived_on", label="减免日期", not_before=fee.notice_on)
    before = _snapshot(application)
    fee.waived = True
    fee.waived_on = waived_on
    fee.waiver_reason = reason
    fee.save(update_fields=["waived", "waived_on", "waiver_reason", "updated_at"])
    _move(application, _active_status(application))
    _recompute(application)
    _save(application)
    _event(
        application,
        EventKind.FEE_WAIVED,
        actor=actor,
        on=waived_on,
        summary="减免信息处理费",
        note=reason,
        public=True,
    )
    _audit(actor, "application.fee_waive", application, before)
    return fee


# --- Answer -----------------------------------------------------------------------------------------

#: Outcomes reached by closing without an answer letter (application_close), not by answering.
CLOSING_OUTCOMES = {Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_NO_PAYMENT, Outcome.OTHER_OTHER}


@transaction.atomic
def application_answer_save_draft(
    *,
    actor,
    application: Application,
    outcome: str,
    facts: str,
    already_disclosed: bool = False,
    referred_org_name: str = "",
    catalog_refs: str = "",
) -> Answer:
    application = _locked(application)
    _require_office(actor, application.org)
    _require_status(
        application, Status.RECEIVED, Status.IN_PROGRESS, Status.CONSULTING, Status.AWAITING_PAYMENT
    )
    errors: dict[str, list[str]] = {}
    if outcome not in Outcome.values or outcome in (Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_NO_PAYMENT):
        errors["outcome"] = ["请选择办理结果（逾期不补正、逾期不缴费由系统或“办结”操作处理）。"]
    if outcome == Outcome.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION and not application.correction_received_on:
        errors["outcome"] = ["“补正后申请内容仍不明确”仅适用于已补正的申请。"]
    facts = _clean_text(facts)
    if not facts:
        errors["facts"] = ["请填写答复正文（事实与理由）。"]
    elif len(facts) > 20000:
        errors["facts"] = ["答复正文过长（最多20000字）。"]
    referred_org_name = _clean_text(referred_org_name)
    if len(referred_org_name) > 100:
        errors["referred_org_name"] = ["机关名称过长（最多100字）。"]
    catalog_refs = _clean_text(catalog_refs)
    if len(catalog_refs) > 5000:
        errors["catalog_refs"] = ["内容过长（最多5000字）。"]
    if already_disclosed and outcome != Outcome.GRANTED:
        errors["already_disclosed"] = ["“已主动公开”仅适用于予以公开。"]
    if already_disclosed and not catalog_refs:
        errors["catalog_refs"] = ["已主动公开的，请告知获取该信息的方式和途径（索引号、标题或网址）。"]
    if errors:
        raise ValidationError(errors)
    answer = Answer.objects.filter(application=application).first()
    if answer is not None and answer.state != AnswerState.DRAFT:
        raise ValidationError("答复已提交审批，不能修改。")
    answer = answer or Answer(application=application)
    answer.outcome = outcome
    answer.facts = facts
    answer.already_disclosed = bool(already_disclosed)
    answer.referred_org_name = referred_org_name
    answer.catalog_refs = catalog_refs
    answer.drafted_by = actor if getattr(actor, "is_authenticated", False) else None
    answer.save()
    _event(
        application,
        EventKind.DRAFT_SAVED,
        actor=actor,
        on=_today(),
        summary=f"保存答复草稿：{Outcome(outcome).label}",
    )
    audit.record(
        actor=actor, action="application.answer_draft", obj=application, org=application.org, note=outcome
    )
    return answer


@transaction.atomic
def application_answer_submit(*, actor, application: Application) -> Answer:
    application = _locked(application)
    _require_office(actor, application.org)
    _require_status(application, Status.RECEIVED, Status.IN_PROGRESS)
    answer = Answer.objects.select_for_update().filter(application=application).first()
    if answer is None or answer.state != AnswerState.DRAFT:
        raise ValidationError("请先保存答复草稿。")
    if application.extension_requested_days and not application.extension_days:
        raise ValidationError("延期申请尚待审批，请先审批或撤回。")
    before = _snapshot(application)
    answer.state = AnswerState.PENDING
    answer.return_note = ""
    answer.save(update_fields=["state", "return_note", "updated_at"])
    if not application.handler_id and getattr(actor, "is_authenticated", False):
        application.handler = actor
    _move(application, Status.PENDING_APPROVAL)
    _save(application, "handler")
    _event(
        application,
        EventKind.SUBMITTED_FOR_APPROVAL,
        actor=actor,
        on=_today(),
        summary="答复提交工作机构负责人审批",
    )
    _audit(actor, "application.answer_submit", application, before)
    return answer


@transaction.atomic
def application_answer_return(*, actor, application: Application, note: str) -> Answer:
    application = _locked(application)
    _require_office(actor, application.org)
    _require_status(application, Status.PENDING_APPROVAL)
    answer = Answer.objects.select_for_update().get(application=application)
    _require_second_person(actor, answer.drafted_by_id, "答复")
    note = _clean_text(note)
    if not note or len(note) > 2000:
        raise ValidationError({"note": ["请填写退回意见（最多2000字）。"]})
    before = _snapshot(application)
    answer.state = AnswerState.DRAFT
    answer.return_note = note
    answer.save(update_fields=["state", "return_note", "updated_at"])
    _move(application, Status.IN_PROGRESS)
    _save(application)
    _event(application, EventKind.RETURNED, actor=actor, on=_today(), summary="答复退回修改", note=note)
    _audit(actor, "application.answer_return", application, before)
    return answer


@transaction.atomic
def application_answer(*, actor, application: Application, answered_on: date | None = None) -> Answer:
    """The office head approves the answer: the letter (告知书) is issued and the case closes with its outcome."""
    application = _locked(application)
    _require_office(actor, application.org)
    _require_status(application, Status.PENDING_APPROVAL)
    answer = Answer.objects.select_for_update().get(application=application)
    _require_second_person(actor, answer.drafted_by_id, "答复")
    answered_on = answered_on or _today()
    _check_date(answered_on, field="answered_on", label="答复日期", not_before=application.received_on)
    before = _snapshot(application)
    answer.state = AnswerState.APPROVED
    answer.approved_by = actor if getattr(actor, "is_authenticated", False) else None
    answer.approved_on = answered_on
    answer.answered_on = answered_on
    answer.save(update_fields=["state", "approved_by", "approved_on", "answered_on", "updated_at"])
    letter = _issue_letter(application, LetterKind.ANSWER, on=answered_on, actor=actor, answer=answer)
    answer.letter_no = letter.letter_no
    answer.save(update_fields=["letter_no", "updated_at"])
    application.files.filter(kind=FileKind.DELIVERED).update(public=True)
    application.outcome = answer.outcome
    application.closed_on = answered_on
    _move(application, Status.CLOSED)
    _save(application, "outcome", "closed_on")
    late = application.due_on is not None and answered_on > application.due_on
    _event(
        application,
        EventKind.ANSWERED,
        actor=actor,
        on=answered_on,
        summary=f"作出答复（{letter.letter_no}）：{Outcome(answer.outcome).label}"
        + ("（超过答复期限）" if late else ""),
        public=True,
        data={"outcome": answer.outcome, "late": late},
    )
    _audit(actor, "application.answer", application, before, note=answer.outcome)
    return answer


@transaction.atomic
def application_close(
    *, actor, application: Application, outcome: str, closed_on: date, reason: str = ""
) -> Application:
    """Close without an answer letter: no correction in time, no payment in time, or withdrawn and the like."""
    application = _locked(application)
    _require_office(actor, application.org)
    if not application.is_open:
        raise ValidationError("申请已办结。")
    if outcome not in CLOSING_OUTCOMES:
        raise ValidationError(
            {"outcome": ["办结方式只能是逾期不补正、逾期不缴费或其他处理（如申请人撤回）。"]}
        )
    submitted_on = timezone.localdate(application.submitted_at) if application.submitted_at else None
    _check_date(
        closed_on, field="closed_on", label="办结日期", not_before=application.received_on or submitted_on
    )
    reason = _clean_text(reason)
    if len(reason) > 2000:
        raise ValidationError({"reason": ["说明过长（最多2000字）。"]})
    if outcome == Outcome.OTHER_NO_CORRECTION:
        if application.status != Status.AWAITING_CORRECTION or closed_on <= application.correction_due_on:
            raise ValidationError({"outcome": ["只有补正期限届满仍未补正的申请才能按逾期不补正办结。"]})
        reason = (
            reason
            or f"申请人未在补正期限（{application.correction_due_on.isoformat()}）内补正，视为放弃申请（条例第三十条）。"
        )
    elif outcome == Outcome.OTHER_NO_PAYMENT:
        fee = Fee.objects.filter(application=application).first()
        if application.status != Status.AWAITING_PAYMENT or fee is None or closed_on <= fee.pay_by:
            raise ValidationError({"outcome": ["只有缴费期限届满仍未缴费的申请才能按逾期不缴费办结。"]})
        reason = reason or f"申请人未在缴费期限（{fee.pay_by.isoformat()}）内缴纳信息处理费，视为放弃申请。"
    elif not reason:
        raise ValidationError({"reason": ["请说明办结理由（如申请人撤回申请）。"]})
    before = _snapshot(application)
    if application.status == Status.PENDING_APPROVAL:
        Answer.objects.filter(application=application).update(state=AnswerState.DRAFT)
    application.consultations.filter(ended_on__isnull=True).update(
        ended_on=closed_on, opinion=ConsultationOpinion.OTHER
    )
    if application.received_on is None:
        # Closed before its receipt was confirmed (e.g. withdrawn): the organisation did receive it, on the
        # day it was submitted, and the annual report counts it as received and closed.
        submitted = timezone.localdate(application.submitted_at) if application.submitted_at else closed_on
        application.received_on = min(submitted, closed_on)
    application.outcome = outcome
    application.closed_on = closed_on
    _move(application, Status.CLOSED)
    _save(application, "outcome", "closed_on", "received_on")
    _issue_letter(application, LetterKind.ANSWER, on=closed_on, actor=actor, reason=reason)
    _event(
        application,
        EventKind.CLOSED,
        actor=actor,
        on=closed_on,
        summary=f"办结：{Outcome(outcome).label}",
        note=reason,
        public=True,
        data={"outcome": outcome},
    )
    _audit(actor, "application.close", application, before, note=outcome)
    return application


def applications_close_lapsed(*, today: date | None = None) -> list[Application]:
    """Close every case whose correction or payment period has run out (scheduled daily). Each in its own
    transaction, so one failure does not undo the others."""
    today = today or _today()
    closed = []
    lapsed_corrections = Application.objects.filter(
        status=Status.AWAITING_CORRECTION, correction_due_on__lt=today
    ).values_list("pk", flat=True)
    lapsed_fees = Application.objects.filter(
        status=Status.AWAITING_PAYMENT, fee__pay_by__lt=today
    ).values_list("pk", flat=True)
    for pks, outcome in (
        (list(lapsed_corrections), Outcome.OTHER_NO_CORRECTION),
        (list(lapsed_fees), Outcome.OTHER_NO_PAYMENT),
    ):
        for pk in pks:
            application = Application.objects.get(pk=pk)
            closed.append(
                application_close(actor=None, application=application, outcome=outcome, closed_on=today)
            )
    return closed


# --- Files and letters ------------------------------------------------------------------------------


@transaction.atomic
def application_add_file(
    *, actor, application: Application, upload, kind: str = FileKind.DELIVERED
) -> ApplicationFile:
    """Attach the information to deliver (shown to the applicant once answered) or other case material."""
    _require_office(actor, application.org)
    if kind not in (FileKind.DELIVERED, FileKind.OTHER, FileKind.IDENTITY_PROOF):
        raise ValidationError({"kind": ["文件类型无效。"]})
    checked = uploads.check_uploads([upload], kind=kind, field="file")
    public = kind == FileKind.DELIVERED and application.status == Status.CLOSED
    (record,) = _create_files(application, checked, kind=kind, actor=actor, public=public)
    _event(
        application,
        EventKind.FILE,
        actor=actor,
        on=_today(),
        summary=f"上传{FileKind(kind).label}：{record.name}",
    )
    audit.record(
        actor=actor, action="application.add_file", obj=application, org=application.org, note=record.name
    )
    return record


def _next_letter_no(application: Application, year: int) -> str:
    # Serialise numbering per organisation: the organisation row is locked for the transaction.
    org = Organization.objects.select_for_update().get(pk=application.org_id)
    count = Letter.objects.filter(application__org=org, issued_on__year=year, kind=LetterKind.ANSWER).count()
    prefix = org.short_name or org.name
    return f"{prefix}依申请公开告〔{year}〕{count + 1}号"


def _issue_letter(application: Application, kind: str, *, on: date, actor, **context) -> Letter:
    from gongkai.foi import letters

    letter_no = _next_letter_no(application, on.year) if kind == LetterKind.ANSWER else ""
    content = letters.render(application, kind, on=on, letter_no=letter_no, **context)
    letter = Letter(
        application=application,
        kind=kind,
        letter_no=letter_no,
        issued_on=on,
        public=kind != LetterKind.CONSULTATION,
    )
    letter.file.save(f"{kind}.docx", content, save=False)
    letter.save()
    _event(
        application, EventKind.LETTER, actor=actor, on=on, summary=f"生成{LetterKind(kind).label}{letter_no}"
    )
    return letter


# --- Reconsideration and litigation -----------------------------------------------------------------


def _clean_remedy(*, result: str, decided_on, filed_on: date, note: str) -> tuple[str, date | None, str]:
    if result not in RemedyResult.values:
        raise ValidationError({"result": ["请选择结果。"]})
    if result == RemedyResult.PENDING:
        decided_on = None
    else:
        _check_date(decided_on, field="decided_on", label="决定或裁判日期", not_before=filed_on)
    note = _clean_text(note)
    if len(note) > 5000:
        raise ValidationError({"note": ["说明过长（最多5000字）。"]})
    return result, decided_on, note


@transaction.atomic
def remedy_record(
    *,
    actor,
    application: Application,
    kind: str,
    filed_on: date,
    authority: str = "",
    case_no: str = "",
    result: str = RemedyResult.PENDING,
    decided_on: date | None = None,
    note: str = "",
) -> Remedy:
    """Record an administrative reconsideration or lawsuit about an application (annual-report table 4)."""
    _require_office(actor, application.org)
    if kind not in RemedyKind.values:
        raise ValidationError({"kind": ["请选择行政复议或行政诉讼的类型。"]})
    if application.received_on is None and application.submitted_at is None:
        raise ValidationError("申请尚未收到。")
    _check_date(filed_on, field="filed_on", label="申请复议或起诉日期")
    if (
        kind == RemedyKind.LITIGATION_AFTER_RECONSIDERATION
        and not application.remedies.filter(kind=RemedyKind.RECONSIDERATION).exists()
    ):
        raise ValidationError({"kind": ["复议后起诉的，请先登记该申请的行政复议。"]})
    result, decided_on, note = _clean_remedy(
        result=result, decided_on=decided_on, filed_on=filed_on, note=note
    )
    authority, case_no = _clean_text(authority), _clean_text(case_no)
    if len(authority) > 100 or len(case_no) > 100:
        raise ValidationError("复议机关/法院名称或案号过长（最多100字）。")
    remedy = Remedy.objects.create(
        application=application, kind=kind, result=result, filed_on=filed_on, decided_on=decided_on,
        authority=authority, case_no=case_no, note=note,
    )  # fmt: skip
    _event(
        application, EventKind.REMEDY, actor=actor, on=filed_on,
        summary=f"登记{RemedyKind(kind).label}：{RemedyResult(result).label}",
    )  # fmt: skip
    audit.record(
        actor=actor, action="remedy.record", obj=remedy, org=application.org,
        after={"application": application.tracking_no, "kind": kind, "result": result, "filed_on": filed_on,
               "decided_on": decided_on},
    )  # fmt: skip
    return remedy


@transaction.atomic
def remedy_update(
    *, actor, remedy: Remedy, result: str, decided_on: date | None = None, note: str = ""
) -> Remedy:
    application = remedy.application
    _require_office(actor, application.org)
    before = {"result": remedy.result, "decided_on": remedy.decided_on}
    result, decided_on, note = _clean_remedy(
        result=result, decided_on=decided_on, filed_on=remedy.filed_on, note=note
    )
    remedy.result = result
    remedy.decided_on = decided_on
    if note:
        remedy.note = note
    remedy.save(update_fields=["result", "decided_on", "note", "updated_at"])
    _event(
        application, EventKind.REMEDY, actor=actor, on=decided_on or _today(),
        summary=f"{remedy.get_kind_display()}结果：{remedy.get_result_display()}",
    )  # fmt: skip
    audit.record(
        actor=actor, action="remedy.update", obj=remedy, org=application.org, before=before,
        after={"result": result, "decided_on": decided_on},
    )  # fmt: skip
    return remedy


# --- Calendar changes -------------------------------------------------------------------------------


@transaction.atomic
def applications_recompute_due(*, years: list[int] | None = None) -> int:
    """Recompute the due date of every open case after the calendar changed. Returns how many changed."""
    calendar = WorkCalendar()
    changed = 0
    open_cases = Application.objects.exclude(status=Status.CLOSED).filter(received_on__isnull=False)
    for application in (
        open_cases.select_related("org").prefetch_related("consultations").iterator(chunk_size=500)
    ):
        before = _snapshot(application)
        _recompute(application, calendar)
        if (application.due_on, application.due_missing_year) == (
            before["due_on"],
            before["due_missing_year"],
        ):
            continue
        application.save(update_fields=["due_on", "due_missing_year", "updated_at"])
        if application.due_on:
            summary = f"工作日历变更，答复期限重新计算为{application.due_on.isoformat()}"
        else:
            summary = (
                f"工作日历变更：{application.due_missing_year}年日历尚未录入，答复期限无法计算"
                if application.due_missing_year
                else "工作日历变更，答复期限重新计算"
            )
        _event(
            application,
            EventKind.DUE_RECOMPUTED,
            actor=None,
            on=_today(),
            summary=summary,
            data={"years": years or []},
        )
        _audit(None, "application.recompute_due", application, before, note=f"日历变更：{years}")
        changed += 1
    return changed
