"""Information applications over JSON: submit (the portal's validation), follow a case by tracking number and
query code, and staff endpoints for queues and case events (session login, as the back office).

No `from __future__ import annotations` here: django-ninja reads the annotations at runtime.
"""

import base64
import binascii
import uuid
from datetime import date, datetime
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from gongkai.api.pagination import Page
from gongkai.core.notfound import first_or_404
from gongkai.foi import public_access, selectors, services, workflow
from gongkai.foi.models import (
    ApplicantType,
    DeliveryForm,
    DeliveryMethod,
    IdType,
)
from gongkai.foi.uploads import MAX_FILES
from gongkai.orgs import selectors as org_selectors

router = Router(tags=["依申请公开"])

# Base64 of one identity proof of at most 5 MB (GONGKAI_FOI_IDENTITY_UPLOAD_MAX_MB); the whole body is bounded by
# GONGKAI_PUBLIC_REQUEST_MAX_MB (core.edge).
MAX_ATTACHMENT_CHARS = 7_000_000


class AttachmentIn(Schema):
    name: str = Field(..., max_length=200, description="原文件名")
    content_base64: str = Field(..., max_length=MAX_ATTACHMENT_CHARS, description="文件内容（Base64）")


class ApplicationIn(Schema):
    org: str = Field(..., max_length=18, description="受理机关的统一社会信用代码")
    submission_token: uuid.UUID | None = Field(
        None, description="客户端生成的提交标识：重复提交时返回同一申请"
    )
    applicant_type: ApplicantType
    applicant_name: str = Field(..., max_length=200)
    id_type: IdType | None = None
    id_number: str = Field("", max_length=100)
    credit_code: str = Field("", max_length=100)
    legal_representative: str = Field("", max_length=200)
    contact_person: str = Field("", max_length=200)
    phone: str = Field(..., max_length=100)
    email: str = Field("", max_length=300)
    address: str = Field("", max_length=400)
    postcode: str = Field("", max_length=20)
    info_title: str = Field(..., max_length=600)
    info_doc_no: str = Field("", max_length=200)
    info_description: str = Field("", max_length=10000)
    purpose: str = Field("", max_length=4000)
    delivery_form: DeliveryForm
    delivery_method: DeliveryMethod
    attachments: list[AttachmentIn] = Field(
        default_factory=list, max_length=MAX_FILES, description="身份证明材料"
    )


class SubmittedOut(Schema):
    tracking_no: str
    query_code: str = Field(..., description="查询码：只返回这一次，请妥善保存")
    status: str
    created: bool


class TrackIn(Schema):
    tracking_no: str = Field(..., max_length=40)
    query_code: str = Field(..., max_length=40)


class EventOut(Schema):
    on: date
    summary: str


class LetterOut(Schema):
    id: int
    kind: str
    title: str
    letter_no: str
    issued_on: date

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.get_kind_display()


class FileOut(Schema):
    id: int
    name: str
    size: int


class ClockOut(Schema):
    state: str
    due_on: date | None
    explanation: str
    missing_calendar_year: int | None


class CaseOut(Schema):
    tracking_no: str
    org: str
    org_name: str
    status: str
    status_label: str
    outcome: str
    outcome_label: str
    received_on: date | None
    closed_on: date | None
    clock: ClockOut
    events: list[EventOut]
    letters: list[LetterOut]
    files: list[FileOut]


class ApplicationSummaryOut(Schema):
    tracking_no: str
    org: str
    info_title: str
    status: str
    received_on: date | None
    due_on: date | None
    due_missing_year: int | None
    closed_on: date | None
    outcome: str
    handler: str | None

    @staticmethod
    def resolve_org(obj) -> str:
        return obj.org.credit_code

    @staticmethod
    def resolve_handler(obj) -> str | None:
        return obj.handler.username if obj.handler_id else None


class ApplicantOut(Schema):
    masked: bool
    applicant_type: str
    name: str
    id_type: str
    id_number: str
    credit_code: str
    phone: str
    email: str
    address: str


class ConsultationOut(Schema):
    kind: str
    party: str
    started_on: date
    reply_due_on: date | None
    reply_due_missing_year: int | None
    ended_on: date | None
    opinion: str
    disclosure_notice_on: date | None


class FeeOut(Schema):
    method: str
    amount: str
    notice_on: date | None
    pay_by: date | None
    pay_by_missing_year: int | None
    paid_on: date | None
    receipt_no: str
    waived: bool

    @staticmethod
    def resolve_amount(obj) -> str:
        return str(obj.amount)


class RecordCorrectionOut(Schema):
    requested_on: date
    record: str
    correction: str
    decision: str
    decided_on: date | None
    referred_org_name: str


class StaffCaseOut(CaseOut):
    applicant: ApplicantOut
    info_description: str
    handler: str | None
    approvals: list[str] = Field(
        default_factory=list,
        description="当前用户现在可以作出的审批（extension_approve、extension_refuse、answer_approve、answer_return）："
        "仅工作机构负责人或经授权的人员，且不含本人拟办的事项",
    )
    channel: str
    evidence_received_at: datetime | None
    evidence_ref: str
    correction_due_on: date | None
    correction_due_missing_year: int | None
    reasons_requested_on: date | None
    reasons_due_on: date | None
    reasons_received_on: date | None
    longer_period_days: int | None
    extension_days: int | None
    consultations: list[ConsultationOut]
    fee: FeeOut | None
    record_corrections: list[RecordCorrectionOut]


class StaffEventOut(Schema):
    on: date
    kind: str
    summary: str
    note: str
    actor: str
    public: bool
    recorded_at: datetime

    @staticmethod
    def resolve_actor(obj) -> str:
        return obj.actor_label

    @staticmethod
    def resolve_recorded_at(obj) -> datetime:
        return obj.created_at


def _attachments(items: list[AttachmentIn]) -> list[SimpleUploadedFile]:
    files = []
    for index, item in enumerate(items):
        try:
            content = base64.b64decode(item.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError({"attachments": [f"第{index + 1}个附件不是有效的 Base64 内容。"]}) from None
        files.append(SimpleUploadedFile(item.name, content))
    return files


def _case(application, *, public: bool) -> dict:
    clock = selectors.clock_for(application)
    events = selectors.public_events(application) if public else application.events.all()
    return {
        "tracking_no": application.tracking_no,
        "org": application.org.credit_code,
        "org_name": application.org.name,
        "status": application.status,
        # The codes are the same for everyone; the labels are the citizen's words on the public endpoint.
        "status_label": application.public_status_label if public else application.get_status_display(),
        "outcome": application.outcome,
        "outcome_label": (application.public_outcome_label if public else application.get_outcome_display())
        if application.outcome
        else "",
        "received_on": application.received_on,
        "closed_on": application.closed_on,
        "clock": {
            "state": clock.state,
            "due_on": clock.due_on,
            "explanation": clock.chain,
            "missing_calendar_year": clock.missing_year,
        },
        "events": [{"on": e.on, "summary": e.public_summary if public else e.summary} for e in events],
        "letters": list(selectors.public_letters(application)),
        "files": list(selectors.public_files(application)),
    }


@router.post("/applications", response={200: SubmittedOut, 201: SubmittedOut}, summary="提交政府信息公开申请")
def submit(request, payload: ApplicationIn):
    """与门户表单相同的校验。带 `submission_token` 重复提交时返回同一申请和查询码（状态码200）。"""
    org = org_selectors.get_public_org(credit_code=payload.org)
    data = payload.model_dump(exclude={"org", "submission_token", "attachments"})
    data["id_type"] = data["id_type"] or ""
    client = request.META.get("REMOTE_ADDR", "")
    try:
        public_access.check_submission_rate(client)
    except public_access.TooManySubmissions as exc:
        from ninja.errors import HttpError

        raise HttpError(429, str(exc)) from None
    submission = services.application_submit(
        org=org,
        data=data,
        attachments=_attachments(payload.attachments),
        submission_token=payload.submission_token,
    )
    if submission.created:
        public_access.count_submission(client)
    body = {
        "tracking_no": submission.application.tracking_no,
        "query_code": submission.query_code,
        "status": submission.application.status,
        "created": submission.created,
    }
    return Status(201 if submission.created else 200, body)


def _find(request, payload: TrackIn):
    try:
        return public_access.find_application(
            tracking_no=payload.tracking_no,
            query_code=payload.query_code,
            client=request.META.get("REMOTE_ADDR", ""),
        )
    except public_access.TooManyAttempts as exc:
        from ninja.errors import HttpError

        raise HttpError(429, str(exc)) from None


@router.post("/track", response=CaseOut, summary="凭申请编号和查询码查询办理情况")
def track(request, payload: TrackIn):
    """只返回这一件申请的状态、答复期限、公开的办理记录、告知书和提供的文件；查询码错误次数过多时返回429。"""
    return _case(_find(request, payload), public=True)


@router.post("/track/letters/{letter_id}", summary="下载告知书（PDF，加盖电子印章）")
def track_letter(request, letter_id: int, payload: TrackIn):
    """申请人下载告知书的PDF版本（DOCX原件由受理机关保存）。"""
    from ninja.errors import HttpError

    from gongkai.core.fonts import FontMissing
    from gongkai.foi import letter_pdf

    application = _find(request, payload)
    letter = first_or_404(selectors.public_letters(application).filter(pk=letter_id), "没有找到该文书。")
    try:
        content = letter_pdf.render(letter)
    except FontMissing as exc:
        raise HttpError(503, exc.message) from None
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(letter.pdf_name)}"
    return response


@router.get(
    "/queues/{name}", response=list[ApplicationSummaryOut], auth=django_auth, summary="工作队列（工作人员）"
)
@paginate(Page)
def queue(request, name: str):
    """name: open（办理中）、unconfirmed、unassigned、due_soon（3个工作日内到期）、overdue、approval、missing_calendar。"""
    return selectors.queue(name, user=request.user)


@router.get("/cases/{tracking_no}", response=StaffCaseOut, auth=django_auth, summary="申请详情（工作人员）")
def case(request, tracking_no: str):
    """个人信息仅对办理机关的政府信息公开工作机构显示，其他人员看到的是隐去后的值。"""
    application = selectors.get_application_for_staff(user=request.user, tracking_no=tracking_no)
    full = workflow.can_see_personal_data(request.user, application)
    body = _case(application, public=False)
    body["applicant"] = selectors.applicant_view(application, full=full).__dict__
    body["info_description"] = application.info_description
    body["handler"] = application.handler.username if application.handler else None
    body["approvals"] = workflow.approval_actions(request.user, application)
    for name in (
        "channel", "evidence_received_at", "evidence_ref", "correction_due_on", "correction_due_missing_year",
        "reasons_requested_on", "reasons_due_on", "reasons_received_on", "longer_period_days", "extension_days",
    ):  # fmt: skip
        body[name] = getattr(application, name)
    if not full:
        body["evidence_ref"] = "***" if application.evidence_ref else ""  # may carry a mail address
    body["consultations"] = list(application.consultations.all())
    body["fee"] = selectors.fee_of(application)
    body["record_corrections"] = list(application.record_corrections.all())
    return body


@router.get(
    "/cases/{tracking_no}/events",
    response=list[StaffEventOut],
    auth=django_auth,
    summary="办理记录（工作人员）",
)
@paginate(Page)
def case_events(request, tracking_no: str):
    application = selectors.get_application_for_staff(user=request.user, tracking_no=tracking_no)
    return application.events.order_by("created_at", "pk")


@router.post(
    "/cases/{tracking_no}/archive",
    auth=django_auth,
    summary="导出已办结申请的归档包（ZIP，附清单，条例第四十五条）",
)
def case_archive(request, tracking_no: str):
    """办理机关的政府信息公开工作机构导出；每次导出记入办理记录和审计日志。未办结的申请答复400。"""
    import io

    application = selectors.get_application_for_staff(user=request.user, tracking_no=tracking_no)
    package = services.application_archive(actor=request.user, application=application)
    return FileResponse(
        io.BytesIO(package.content), as_attachment=True, filename=package.name, content_type="application/zip"
    )


class ProactiveCandidateOut(Schema):
    org: str
    org_name: str
    title: str
    doc_no: str
    count: int
    applicants: int
    last_closed: date
    cases: list[str]


@router.get(
    "/proactive-candidates",
    response=list[ProactiveCandidateOut],
    auth=django_auth,
    summary="多人申请的相同信息：建议主动公开（条例第四十四条，工作人员）",
)
def proactive_candidates(request, since: date | None = None):
    """办结日期自 since（默认一年前）起，予以公开或部分公开且未主动公开的申请，按机关和文号（或名称）归并。"""
    from datetime import timedelta

    from django.utils import timezone

    since = since or timezone.localdate() - timedelta(days=365)
    return [
        {
            "org": c.org.credit_code,
            "org_name": c.org.name,
            "title": c.title,
            "doc_no": c.doc_no,
            "count": c.count,
            "applicants": c.applicants,
            "last_closed": c.last_closed,
            "cases": [a.tracking_no for a in c.cases],
        }
        for c in selectors.proactive_candidates(user=request.user, since=since)
    ]
