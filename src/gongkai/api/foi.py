"""Information applications over JSON: submit (the portal's validation), follow a case by tracking number and
query code, and staff endpoints for queues and case events (session login, as the back office).

No `from __future__ import annotations` here: django-ninja reads the annotations at runtime.
"""

import base64
import binascii
import uuid
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse, Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from gongkai.api.pagination import Page
from gongkai.foi import public_access, selectors, services
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


class StaffCaseOut(CaseOut):
    applicant: ApplicantOut
    info_description: str
    handler: str | None


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
        "status_label": application.get_status_display(),
        "outcome": application.outcome,
        "outcome_label": application.get_outcome_display() if application.outcome else "",
        "received_on": application.received_on,
        "closed_on": application.closed_on,
        "clock": {
            "state": clock.state,
            "due_on": clock.due_on,
            "explanation": clock.chain,
            "missing_calendar_year": clock.missing_year,
        },
        "events": [{"on": e.on, "summary": e.summary} for e in events],
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


@router.post("/track/letters/{letter_id}", summary="下载告知书（DOCX）")
def track_letter(request, letter_id: int, payload: TrackIn):
    application = _find(request, payload)
    letter = selectors.public_letters(application).filter(pk=letter_id).first()
    if letter is None:
        raise Http404("没有找到该文书。")
    return FileResponse(letter.file.open("rb"), as_attachment=True, filename=letter.download_name)


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
    full = selectors.can_see_personal_data(request.user, application)
    body = _case(application, public=False)
    body["applicant"] = selectors.applicant_view(application, full=full).__dict__
    body["info_description"] = application.info_description
    body["handler"] = application.handler.username if application.handler_id else None
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
