"""Applications coming in: online submission (idempotent), staff registration, confirmation of receipt."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

import gongkai.foi.services.events as events
import gongkai.foi.services.steps as steps
from gongkai.core.actors import Actor, Applicant
from gongkai.core.validation import strip_controls
from gongkai.foi import conf, identity, uploads, workflow
from gongkai.foi.models import (
    ApplicantType,
    Application,
    Channel,
    DeliveryForm,
    DeliveryMethod,
    EventKind,
    FileKind,
    IdType,
    Status,
)
from gongkai.foi.query_codes import QUERY_CODE_ALPHABET, hash_query_code, query_code_for
from gongkai.foi.selectors import confirmation_due
from gongkai.orgs.models import Organization

DUPLICATE_WINDOW = timedelta(minutes=10)
APPLICANT_LABEL = "申请人"

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


def clean_application(data: Mapping[str, Any]) -> dict[str, str]:
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


def _check_org(org: object) -> None:
    if not isinstance(org, Organization) or not workflow.can_receive_applications(org):
        raise ValidationError({"org": ["请选择受理申请的行政机关（人民政府或其工作部门）。"]})


def _new_tracking_no(today: date) -> str:
    for _ in range(20):
        candidate = f"GK{today:%Y%m%d}{get_random_string(5, QUERY_CODE_ALPHABET)}"
        if not Application.objects.filter(tracking_no=candidate).exists():
            return candidate
    raise RuntimeError("could not find a free tracking number")


def _new_application(
    *,
    org: Organization,
    values: dict[str, str],
    channel: str,
    token: uuid.UUID | None,
    code: str,
    today: date,
) -> Application:
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


#: What makes two online applications "the same": the person, the organisation and what is asked for.
_SAME_SUBMISSION = ("applicant_key", "applicant_name", "info_title", "info_description", "info_doc_no")


def _same_submission(
    application: Application, *, org: Organization, key: str, values: dict[str, str]
) -> bool:
    mine = {"applicant_key": key, **values}
    return application.org_id == org.pk and all(
        getattr(application, field) == mine.get(field, getattr(application, field))
        for field in _SAME_SUBMISSION
    )


RESENT_FORM_MESSAGE = "该表单已经提交过另一份申请。请重新打开申请页面填写，以免与其他申请混淆。"


def application_submit(
    *,
    org: Organization,
    data: Mapping[str, Any],
    attachments: Iterable[Any] = (),
    submission_token: uuid.UUID | None = None,
) -> Submission:
    """An applicant's online application (portal form or API). Idempotent on `submission_token`.

    The application waits for the organisation to confirm receipt: online, the date received is the day both
    sides confirm (Art. 31). A resent token answers with its application only when the submission is the same
    (person, organisation, information asked for): it never hands out another submission's tracking number and
    query code. The duplicate rule (the same person, organisation and title within DUPLICATE_WINDOW) holds under
    concurrency: submissions to one organisation are serialised on its row (PostgreSQL row lock; SQLite's
    IMMEDIATE transactions serialise every writer).
    """
    values = clean_application(data)
    _check_org(org)
    checked = uploads.check_uploads(attachments, kind=FileKind.IDENTITY_PROOF)
    key = identity.applicant_key(
        id_type=values["id_type"], id_number=values["id_number"], credit_code=values["credit_code"]
    )
    code = query_code_for(submission_token)
    with transaction.atomic():
        Organization.objects.select_for_update().filter(pk=org.pk).first()  # one intake at a time per org
        if submission_token is not None:
            existing = Application.objects.filter(submission_token=submission_token).first()
            if existing is not None:
                if not _same_submission(existing, org=org, key=key, values=values):
                    raise ValidationError(RESENT_FORM_MESSAGE, code="token_reused")
                return Submission(existing, code, created=False)
        duplicate = Application.objects.filter(
            applicant_key=key,
            org=org,
            info_title=values["info_title"],
            created_at__gte=timezone.now() - DUPLICATE_WINDOW,
        ).first()
        if duplicate is not None:
            raise ValidationError(
                "您在10分钟内已向该机关提交过相同的申请（申请编号%(no)s），请勿重复提交。",
                params={"no": duplicate.tracking_no},
                code="duplicate",
            )
        now = steps.now()
        today = steps.today()
        application = _new_application(
            org=org, values=values, channel=Channel.ONLINE, token=submission_token, code=code, today=today
        )
        application.submitted_at = now
        application.status = Status.SUBMITTED
        try:
            # A savepoint: the organisation lock serialises one organisation's intake, so the same token sent
            # at once to another organisation meets the token's unique index here.
            with transaction.atomic():
                application.save()
        except IntegrityError:
            if (
                submission_token is None
                or not Application.objects.filter(submission_token=submission_token).exists()
            ):
                raise
            raise ValidationError(RESENT_FORM_MESSAGE, code="token_reused") from None
        applicant = Applicant(application.pk)
        events.create_files(application, checked, kind=FileKind.IDENTITY_PROOF, actor=applicant)
        events.add(
            application,
            EventKind.SUBMITTED,
            actor=applicant,
            on=today,
            summary=f"网上提交申请，待{org.name}确认收到",
            public=True,
        )
        steps.audit(applicant, "application.submit", application, None)
    return Submission(application, code, created=True)


_ART31: dict[str, str] = {
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
    actor: Actor,
    org: Organization,
    channel: str,
    received_on: date | None,
    data: Mapping[str, Any],
    arrived_on: date | None = None,
    attachments: Iterable[Any] = (),
    evidence_received_at: datetime | None = None,
    evidence_ref: str = "",
    evidence_files: Iterable[Any] = (),
) -> Submission:
    """Staff intake of an application received by letter, in person, by fax or e-mail (Art. 31 dates), with
    the evidence of the date: an e-mail's or fax's received time (the day received is that day), a registered
    letter's number (and the signed receipt as a file).

    An ordinary letter (平常信函) is received on the day the office confirms it with the applicant: registered
    before that (`received_on` None), it waits for confirmation like an online application, counted from the
    day it arrived, and `application_confirm_receipt` records the date received."""
    workflow.require_office(actor, org)
    errors: dict[str, list[str]] = {}
    try:
        values = clean_application(data)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        _check_org(org)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    # ONLINE only for an application received through another online channel of the government (a public
    # message moved here by `interaction`), with that channel's received time as evidence.
    if channel not in Channel.values or (channel == Channel.ONLINE and evidence_received_at is None):
        errors.setdefault("channel", []).append("请选择申请方式（当面、邮寄、传真或电子邮件）。")
    awaiting = channel == Channel.ORDINARY_MAIL and received_on is None
    if not awaiting:
        try:
            steps.check_date(received_on, field="received_on", label="收到申请之日")
            if isinstance(org, Organization):
                steps.require_open_year(org, received_on, field="received_on", label="收到申请之日")
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if arrived_on is not None:
        try:
            steps.check_date(arrived_on, field="arrived_on", label="到达日期")
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if channel == Channel.ORDINARY_MAIL and arrived_on is None:
        errors.setdefault("arrived_on", []).append(
            "平常信函请填写信函到达日期；收到申请之日为与申请人确认之日。"
        )
    if isinstance(arrived_on, date) and isinstance(received_on, date) and arrived_on > received_on:
        errors.setdefault("received_on", []).append("收到申请之日不能早于到达日期。")
    evidence_ref = strip_controls(evidence_ref)
    if len(evidence_ref) > 100:
        errors.setdefault("evidence_ref", []).append("收件凭证编号过长（最多100字）。")
    if channel in (Channel.EMAIL, Channel.FAX):
        what = "电子邮件系统收到邮件" if channel == Channel.EMAIL else "传真机收到传真"
        if not isinstance(evidence_received_at, datetime):
            errors.setdefault("evidence_received_at", []).append(f"请填写{what}的时间（收件凭证）。")
        else:
            if timezone.is_naive(evidence_received_at):
                evidence_received_at = timezone.make_aware(evidence_received_at)
            day = timezone.localdate(evidence_received_at)
            if evidence_received_at > steps.now() + timedelta(minutes=5):
                errors.setdefault("evidence_received_at", []).append("收到时间不能晚于现在。")
            elif channel == Channel.EMAIL and isinstance(received_on, date) and day != received_on:
                errors.setdefault("received_on", []).append(
                    f"电子邮件以邮件系统收到之日为收到申请之日，应为{day.isoformat()}（条例第三十一条）。"
                )
            elif channel == Channel.FAX and isinstance(received_on, date) and received_on < day:
                errors.setdefault("received_on", []).append("收到申请之日不能早于传真收到的日期。")
    elif evidence_received_at is not None and channel != Channel.ONLINE:
        evidence_received_at = None  # only e-mail and fax have a system time
    if channel == Channel.REGISTERED_MAIL and not evidence_ref:
        errors.setdefault("evidence_ref", []).append("请填写挂号信或EMS的邮件号（收到申请之日为签收之日）。")
    try:
        checked = uploads.check_uploads(attachments, kind=FileKind.IDENTITY_PROOF)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        receipts = uploads.check_uploads(evidence_files, kind=FileKind.RECEIPT)
    except ValidationError as exc:
        errors.setdefault("evidence_files", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    # Art. 31: an ordinary letter is received on the day it is confirmed with the applicant; a confirmation later
    # than `GONGKAI_FOI_CONFIRM_WORKDAYS` after the letter arrived is noted, as for online applications.
    confirm_by, confirm_late = None, False
    if channel == Channel.ORDINARY_MAIL:
        assert arrived_on is not None  # required above
        confirm_by, _missing = steps.workdays_after(arrived_on, conf.confirm_workdays())
        confirm_late = confirm_by is not None and received_on is not None and received_on > confirm_by
    today = steps.today()
    code = query_code_for(None)
    application = _new_application(
        org=org, values=values, channel=channel, token=None, code=code, today=today
    )
    application.arrived_on = arrived_on
    application.received_on = received_on
    application.evidence_received_at = evidence_received_at
    application.evidence_ref = evidence_ref
    application.status = Status.SUBMITTED if awaiting else Status.RECEIVED
    steps.recompute(application)
    application.save()
    events.create_files(application, checked, kind=FileKind.IDENTITY_PROOF, actor=actor)
    events.create_files(application, receipts, kind=FileKind.RECEIPT, actor=actor)
    if awaiting:
        assert arrived_on is not None  # an ordinary letter's, required above
        events.add(
            application,
            EventKind.REGISTERED,
            actor=actor,
            on=arrived_on,
            summary=f"登记申请：平常信函{arrived_on.isoformat()}到达，待与申请人确认；"
            f"{_ART31[channel]}（条例第三十一条）"
            + (f"，应在{confirm_by.isoformat()}前确认" if confirm_by else "，确认时限待工作日历录入后计算"),
            public=True,
            data={"channel": channel, "awaiting_confirmation": True},
        )
        steps.audit(actor, "application.register", application, None)
        return Submission(application, code, created=True)
    assert received_on is not None  # checked above
    events.add(
        application,
        EventKind.REGISTERED,
        actor=actor,
        on=received_on,
        summary=f"登记申请：{_ART31[channel]}（条例第三十一条），收到申请之日为{received_on.isoformat()}"
        + (
            f"（信函{arrived_on.isoformat()}到达，确认超过{conf.confirm_workdays()}个工作日的确认时限"
            f"{confirm_by.isoformat()}）"
            if confirm_late and confirm_by and arrived_on
            else ""
        ),
        note="；".join(
            t
            for t in (
                f"系统收到时间：{timezone.localtime(evidence_received_at):%Y-%m-%d %H:%M}"
                if evidence_received_at
                else "",
                f"收件凭证编号：{evidence_ref}" if evidence_ref else "",
                f"收件凭证{len(receipts)}份" if receipts else "",
            )
            if t
        ),
        public=True,
        data={"channel": channel, **({"confirm_late": True} if confirm_late else {})},
    )
    steps.audit(actor, "application.register", application, None)
    return Submission(application, code, created=True)


@steps.case_step("application.confirm_receipt", statuses=(Status.SUBMITTED,))
def application_confirm_receipt(*, actor: Actor, application: Application, received_on: date) -> Application:
    """The organisation confirms an online, transferred or ordinary-mail application: the Art. 31 date received."""
    submitted = timezone.localdate(application.submitted_at) if application.submitted_at else None
    if application.arrived_on is not None and application.transferred_from_id is None:
        submitted = application.arrived_on  # an ordinary letter: confirmed on or after the day it arrived
    steps.check_date(received_on, field="received_on", label="收到申请之日", not_before=submitted)
    steps.require_open_year(application.org, received_on, field="received_on", label="收到申请之日")
    limit = confirmation_due(application)
    late = limit is not None and steps.today() > limit
    application.received_on = received_on
    steps.move(application, Status.RECEIVED)
    steps.recompute(application)
    steps.save(application, "received_on")
    events.add(
        application,
        EventKind.RECEIVED,
        actor=actor,
        on=received_on,
        summary=f"{application.org.name}确认收到申请，收到申请之日为{received_on.isoformat()}"
        + (
            f"（超过{conf.confirm_workdays()}个工作日的确认时限{limit.isoformat()}）"
            if limit and late
            else ""
        ),
        data={"confirm_late": late},
        public=True,
    )
    return application
