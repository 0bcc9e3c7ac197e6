"""What every information-application service shares: constants, today, events, audit, checks, letters."""

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
from django.utils import timezone
from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac

from gongkai.core import audit, files
from gongkai.core.validation import check_date, strip_controls
from gongkai.foi import conf, identity, notifications, reported, workflow
from gongkai.foi.models import (
    ALLOWED_MOVES,
    ApplicantType,
    Application,
    ApplicationFile,
    DeliveryForm,
    DeliveryMethod,
    Event,
    EventKind,
    IdType,
    Letter,
    LetterKind,
    Status,
)
from gongkai.foi.selectors import clock_for
from gongkai.foi.workflow import can_receive_applications
from gongkai.orgs.models import Organization
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

#: The 2019 Regulations took effect on this day; no application under them was received earlier.
EARLIEST_DATE = date(2019, 5, 15)
QUERY_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
QUERY_CODE_LENGTH = 10
DUPLICATE_WINDOW = timedelta(minutes=10)
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


#: Events that concern the applicant and are announced to them (foi.notifications): confirmed, correction asked,
#: extended, answered (an answer, a closure with its letter, or the sender's letter of a transfer).
_NOTIFIED = {
    EventKind.RECEIVED: "confirmed",
    EventKind.CORRECTION_REQUESTED: "correction",
    EventKind.EXTENDED: "extended",
    EventKind.LONGER_PERIOD: "extended",
    EventKind.ANSWERED: "answered",
    EventKind.CLOSED: "answered",
    EventKind.TRANSFERRED: "answered",
}


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
    change = _NOTIFIED.get(kind)
    if kind == EventKind.TRANSFERRED and not (data or {}).get("to_tracking_no"):
        change = None  # the receiving side's new case: its own confirmation tells the applicant
    if change and _as_of.get() is None:  # past handling recorded later is never announced
        notifications.schedule(application, change)
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
    if not workflow.may_handle(actor, org):
        raise PermissionDenied("只有本机关的政府信息公开工作机构可以办理该申请。")


APPROVAL_WHAT = {"extension": "延长答复期限", "answer": "依申请公开答复", "report": "年度报告"}


def _require_approver(actor, org: Organization, kind: str) -> None:
    """Approvals are the head's (Art. 33 for extensions), or the office's where the head delegated
    (`orgs.ApprovalPolicy`); the system may act too (the demo, migrations)."""
    if actor is None or isinstance(actor, str):
        return
    if not workflow.may_approve(actor, org, kind):
        raise PermissionDenied(
            f"{APPROVAL_WHAT[kind]}须经本机关政府信息公开工作机构负责人批准；您不是该机关的工作机构负责人，"
            "也未获负责人授权。"
        )


def _require_status(application: Application, *statuses: str) -> None:
    if application.status not in statuses:
        raise ValidationError(
            "当前状态“%(status)s”下不能执行该操作。", params={"status": application.get_status_display()}
        )


def _check_date(value, *, field: str, label: str, not_before: date | None = None, today: date | None = None):
    floor = max(not_before or EARLIEST_DATE, EARLIEST_DATE)
    return check_date(value, field=field, label=label, today=today or _today(), earliest=floor)


def _require_open_year(org: Organization, day, *, field: str, label: str) -> None:
    """Published years never change: once an annual report covering `org` is published for a year, no event
    writes a date of that year that the report counts (received, closed, fee paid). See docs/reports.md."""
    if isinstance(day, date) and day.year in reported.reported_years(org.pk):
        raise ValidationError(
            {
                field: [
                    f"{org.name}{day.year}年度的政府信息公开工作年度报告已发布，该年度的数据不再变动，"
                    f"{label}不能登记为{day.isoformat()}。请按实际办理之日登记，原日期写入说明；"
                    "需要更正已发布年度数据的，在下一年度报告中说明。"
                ]
            }
        )


def _workdays_after(
    start: date, n: int, calendar: WorkCalendar | None = None
) -> tuple[date | None, int | None]:
    """`n` working days after `start`, or (None, the missing year) when that year has no calendar yet: the step
    is the law's and is recorded; the date is filled in when the year is entered (applications_recompute_due)."""
    try:
        return (calendar or WorkCalendar()).add_workdays(start, n), None
    except CalendarMissing as exc:
        return None, exc.year


def _recompute(application: Application, calendar: WorkCalendar | None = None):
    clock = clock_for(application, calendar=calendar)
    application.due_on = clock.due_on
    application.due_missing_year = clock.missing_year
    return clock


def _save(application: Application, *fields: str) -> None:
    application.save(update_fields=[*fields, "due_on", "due_missing_year", "status", "updated_at"])


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


def clean_application(data: dict) -> dict:
    """Validate what an applicant wrote (portal form, API body or staff intake): the same rules everywhere.

    Returns the cleaned values; raises a ValidationError with a Chinese message per field.
    """
    errors: dict[str, list[str]] = {}
    values = {name: strip_controls(data.get(name)) for name in APPLICATION_FIELDS}

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
    application: Application, checked: list[files.CheckedFile], *, kind: str, actor, public=False
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


def _locked(application: Application) -> Application:
    """The row, locked for the rest of the transaction: two clerks never move one case at once."""
    return Application.objects.select_for_update().select_related("org").get(pk=application.pk)


def _require_second_person(actor, first_user_id, what: str) -> None:
    if (
        conf.two_person_approval()
        and getattr(actor, "is_authenticated", False)
        and first_user_id is not None
        and actor.pk == first_user_id
    ):
        raise PermissionDenied(f"{what}须由拟办人以外的人员批准：不能批准本人拟办的事项。")


#: Letters that carry a 文号: every notice the organ sends the applicant, from one sequence per organisation and
#: year (the receipt and the consultation letter to a third party are not numbered).
NUMBERED_LETTERS = frozenset(
    {LetterKind.CORRECTION, LetterKind.EXTENSION, LetterKind.LONGER_PERIOD, LetterKind.FEE, LetterKind.ANSWER}
)


def _next_letter_no(application: Application, year: int) -> str:
    # Serialise numbering per organisation: the organisation row is locked for the transaction.
    org = Organization.objects.select_for_update().get(pk=application.org_id)
    count = Letter.objects.filter(application__org=org, issued_on__year=year).exclude(letter_no="").count()
    prefix = org.short_name or org.name
    return f"{prefix}依申请公开告〔{year}〕{count + 1}号"


def _issue_letter(application: Application, kind: str, *, on: date, actor, **context) -> Letter:
    from gongkai.foi import letters

    letter_no = _next_letter_no(application, on.year) if kind in NUMBERED_LETTERS else ""
    content = letters.render(application, kind, on=on, letter_no=letter_no, **context)
    letter = Letter(
        application=application,
        kind=kind,
        letter_no=letter_no,
        issued_on=on,
        public=kind not in (LetterKind.CONSULTATION, LetterKind.THIRD_PARTY_NOTICE),
    )
    letter.file.save(f"{kind}.docx", content, save=False)
    letter.save()
    _event(
        application, EventKind.LETTER, actor=actor, on=on, summary=f"生成{LetterKind(kind).label}{letter_no}"
    )
    return letter
