"""The archive package of a closed case (Regulations Art. 45: registration, review, handling, answer and
archiving are each recorded): one ZIP holding the application, its events, records, letters and files, with a
manifest listing every member's SHA-256 and the retention period.

Layout:

    manifest.json          what the package is, who made it, retention, every member with size and SHA-256
    application.json       the application as recorded (personal data included: the package is the office's file)
    events.json            the case history, in order
    records.json           consultations, fee, answer, remedies
    letters/NN-<kind>.docx the letters issued
    files/NN-<kind>-<name> identity proofs, corrections, receipts, delivered information
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from gongkai.foi.models import Application

FORMAT = "gongkai-foi-archive/1"

_APPLICATION_FIELDS = [
    "tracking_no", "channel", "applicant_type", "applicant_name", "id_type", "id_number", "credit_code",
    "legal_representative", "contact_person", "phone", "email", "address", "postcode", "info_title", "info_doc_no",
    "info_description", "purpose", "delivery_form", "delivery_method", "submitted_at", "arrived_on", "received_on",
    "evidence_received_at", "evidence_ref", "correction_requested_on", "correction_due_on", "correction_items",
    "correction_received_on", "reasons_requested_on", "reasons_asked", "reasons_due_on", "reasons_received_on",
    "reasons_text", "longer_period_days", "longer_period_reason", "extension_days", "extension_reason",
    "extension_approved_on", "extension_notified_on", "due_on", "status", "closed_on", "outcome",
]  # fmt: skip

_CONSULTATION_FIELDS = [
    "kind", "party", "started_on", "reply_due_on", "ended_on", "opinion", "note", "disclosure_notice_on",
    "disclosure_notice_text",
]  # fmt: skip
_FEE_FIELDS = [
    "method", "monthly_ordinal", "pages", "amount", "notice_on", "pay_by", "paid_on", "receipt_no", "waived",
    "waived_on", "waiver_reason",
]  # fmt: skip
_ANSWER_FIELDS = [
    "outcome", "already_disclosed", "facts", "referred_org_name", "catalog_refs", "state", "approved_on",
    "letter_no", "answered_on",
]  # fmt: skip

_REMEDY_FIELDS = ["kind", "result", "filed_on", "decided_on", "authority", "case_no", "note"]


@dataclass(frozen=True)
class Package:
    name: str
    content: bytes
    manifest: dict


def _value(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _row(obj, fields: list[str]) -> dict:
    return {name: _value(getattr(obj, name)) for name in fields}


def retain_until(closed_on: date, years: int) -> date:
    """Retention counts from 1 January of the year after the case was closed (filed in that year's archive)."""
    return date(closed_on.year + years, 12, 31)


def build(application: Application, *, made_by: str, years: int) -> Package:
    members: list[tuple[str, bytes, str]] = []  # (path, content, what)

    def add_json(path: str, data) -> None:
        members.append((path, json.dumps(data, ensure_ascii=False, indent=2).encode(), "data"))

    record = _row(application, _APPLICATION_FIELDS)
    record["org"] = {"name": application.org.name, "credit_code": application.org.credit_code}
    if application.transferred_from is not None:
        record["transferred_from"] = application.transferred_from.name
    add_json("application.json", record)
    add_json(
        "events.json",
        [
            {
                **_row(e, ["on", "kind", "summary", "note", "public", "actor_label"]),
                "recorded_at": _value(e.created_at),
            }
            for e in application.events.order_by("created_at", "pk")
        ],
    )
    from gongkai.foi.selectors import answer_of, fee_of

    fee, answer = fee_of(application), answer_of(application)
    add_json(
        "records.json",
        {
            "consultations": [_row(c, _CONSULTATION_FIELDS) for c in application.consultations.all()],
            "fee": _row(fee, _FEE_FIELDS) if fee else None,
            "answer": _row(answer, _ANSWER_FIELDS) if answer else None,
            "remedies": [_row(r, _REMEDY_FIELDS) for r in application.remedies.all()],
        },
    )
    for index, letter in enumerate(application.letters.order_by("issued_on", "pk"), start=1):
        with letter.file.open("rb") as handle:
            members.append(
                (f"letters/{index:02d}-{letter.kind}.docx", handle.read(), letter.get_kind_display())
            )
    for index, item in enumerate(application.files.order_by("created_at", "pk"), start=1):
        with item.file.open("rb") as handle:
            members.append(
                (f"files/{index:02d}-{item.kind}-{item.name}", handle.read(), item.get_kind_display())
            )
    closed = application.closed_on
    assert closed is not None  # only a closed case is archived
    manifest = {
        "format": FORMAT,
        "tracking_no": application.tracking_no,
        "org": application.org.name,
        "org_credit_code": application.org.credit_code,
        "outcome": application.outcome,
        "received_on": _value(application.received_on),
        "closed_on": _value(closed),
        "made_at": timezone.localtime().isoformat(timespec="seconds"),
        "made_by": made_by,
        "retention_years": years,
        "retain_until": retain_until(closed, years).isoformat(),
        "members": [
            {"path": path, "what": what, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
            for path, content, what in members
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        for path, content, _what in members:
            archive.writestr(path, content)
    return Package(f"{application.tracking_no}-归档.zip", buffer.getvalue(), manifest)
