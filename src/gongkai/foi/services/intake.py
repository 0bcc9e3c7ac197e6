"""Applications coming in: online submission (idempotent), staff registration, confirmation of receipt."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core.validation import strip_controls
from gongkai.foi import conf, identity, uploads
from gongkai.foi.models import (
    Application,
    Channel,
    EventKind,
    FileKind,
    Status,
)
from gongkai.foi.selectors import confirmation_due
from gongkai.foi.services.base import (
    APPLICANT_LABEL,
    DUPLICATE_WINDOW,
    Submission,
    _audit,
    _check_date,
    _check_org,
    _create_files,
    _event,
    _locked,
    _move,
    _new_application,
    _now,
    _recompute,
    _require_office,
    _require_open_year,
    _require_status,
    _save,
    _snapshot,
    _today,
    _workdays_after,
    clean_application,
    query_code_for,
)
from gongkai.orgs.models import Organization

# --- Intake -----------------------------------------------------------------------------------------


#: What makes two online applications "the same": the person, the organisation and what is asked for.
_SAME_SUBMISSION = ("applicant_key", "applicant_name", "info_title", "info_description", "info_doc_no")


def _same_submission(application: Application, *, org: Organization, key: str, values: dict) -> bool:
    mine = {"applicant_key": key, **values}
    return application.org_id == org.pk and all(
        getattr(application, field) == mine.get(field, getattr(application, field))
        for field in _SAME_SUBMISSION
    )


RESENT_FORM_MESSAGE = "该表单已经提交过另一份申请。请重新打开申请页面填写，以免与其他申请混淆。"


def application_submit(
    *, org: Organization, data: dict, attachments=(), submission_token: uuid.UUID | None = None
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
        now = _now()
        today = _today()
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
    received_on: date | None,
    data: dict,
    arrived_on: date | None = None,
    attachments=(),
    evidence_received_at: datetime | None = None,
    evidence_ref: str = "",
    evidence_files=(),
) -> Submission:
    """Staff intake of an application received by letter, in person, by fax or e-mail (Art. 31 dates), with
    the evidence of the date: an e-mail's or fax's received time (the day received is that day), a registered
    letter's number (and the signed receipt as a file).

    An ordinary letter (平常信函) is received on the day the office confirms it with the applicant: registered
    before that (`received_on` None), it waits for confirmation like an online application, counted from the
    day it arrived, and `application_confirm_receipt` records the date received."""
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
    # ONLINE only for an application received through another online channel of the government (a public
    # message moved here by `interaction`), with that channel's received time as evidence.
    if channel not in Channel.values or (channel == Channel.ONLINE and evidence_received_at is None):
        errors.setdefault("channel", []).append("请选择申请方式（当面、邮寄、传真或电子邮件）。")
    awaiting = channel == Channel.ORDINARY_MAIL and received_on is None
    if not awaiting:
        try:
            _check_date(received_on, field="received_on", label="收到申请之日")
            if isinstance(org, Organization):
                _require_open_year(org, received_on, field="received_on", label="收到申请之日")
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
            if evidence_received_at > _now() + timedelta(minutes=5):
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
        confirm_by, _missing = _workdays_after(arrived_on, conf.confirm_workdays())
        confirm_late = confirm_by is not None and not awaiting and received_on > confirm_by
    today = _today()
    code = query_code_for(None)
    application = _new_application(
        org=org, values=values, channel=channel, token=None, code=code, today=today
    )
    application.arrived_on = arrived_on
    application.received_on = received_on
    application.evidence_received_at = evidence_received_at
    application.evidence_ref = evidence_ref
    application.status = Status.SUBMITTED if awaiting else Status.RECEIVED
    _recompute(application)
    application.save()
    _create_files(application, checked, kind=FileKind.IDENTITY_PROOF, actor=actor)
    _create_files(application, receipts, kind=FileKind.RECEIPT, actor=actor)
    if awaiting:
        _event(
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
        _audit(actor, "application.register", application, None)
        return Submission(application, code, created=True)
    _event(
        application,
        EventKind.REGISTERED,
        actor=actor,
        on=received_on,
        summary=f"登记申请：{_ART31[channel]}（条例第三十一条），收到申请之日为{received_on.isoformat()}"
        + (
            f"（信函{arrived_on.isoformat()}到达，确认超过{conf.confirm_workdays()}个工作日的确认时限"
            f"{confirm_by.isoformat()}）"
            if confirm_late
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
    _audit(actor, "application.register", application, None)
    return Submission(application, code, created=True)


@transaction.atomic
def application_confirm_receipt(*, actor, application: Application, received_on: date) -> Application:
    """The organisation confirms an online, transferred or ordinary-mail application: the Art. 31 date received."""
    application = _locked(application)
    _require_office(actor, application.org)
    _require_status(application, Status.SUBMITTED)
    submitted = timezone.localdate(application.submitted_at) if application.submitted_at else None
    if application.arrived_on is not None and application.transferred_from_id is None:
        submitted = application.arrived_on  # an ordinary letter: confirmed on or after the day it arrived
    _check_date(received_on, field="received_on", label="收到申请之日", not_before=submitted)
    _require_open_year(application.org, received_on, field="received_on", label="收到申请之日")
    before = _snapshot(application)
    limit = confirmation_due(application)
    late = limit is not None and _today() > limit
    application.received_on = received_on
    _move(application, Status.RECEIVED)
    _recompute(application)
    _save(application, "received_on")
    _event(
        application,
        EventKind.RECEIVED,
        actor=actor,
        on=received_on,
        summary=f"{application.org.name}确认收到申请，收到申请之日为{received_on.isoformat()}"
        + (f"（超过{conf.confirm_workdays()}个工作日的确认时限{limit.isoformat()}）" if late else ""),
        data={"confirm_late": late},
        public=True,
    )
    _audit(actor, "application.confirm_receipt", application, before)
    return application
