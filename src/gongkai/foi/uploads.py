"""Checking uploaded files of applications before anything is stored: count, size, and type by content.

The type is decided by the bytes (`gongkai.core.files.sniff`), never by the name or the browser's claim.
Identity proofs may be JPEG, PNG or PDF; information delivered by an answer may also be a Word or Excel file
(checked as real ZIP packages) or OFD. Executables and hostile ZIPs are refused as everywhere. The original
name is kept only as a cleaned display name; the stored path is random.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError

from gongkai.core import files
from gongkai.core.files import CheckedFile
from gongkai.foi import conf
from gongkai.foi.models import FileKind

IDENTITY_TYPES = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}
DOCX = files.CONTENT_TYPES["docx"]
XLSX = files.CONTENT_TYPES["xlsx"]
DELIVERED_TYPES = {**IDENTITY_TYPES, DOCX: "docx", XLSX: "xlsx", "application/ofd": "ofd"}
MAX_FILES = 5
_NAME_BAD = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


def clean_name(name: str, extension: str) -> str:
    base = unicodedata.normalize("NFC", (name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    stem = _NAME_BAD.sub("_", base.rsplit(".", 1)[0]).strip(" ._")[:80] or "文件"
    return f"{stem}.{extension}"


def display_name(name: str) -> str:
    """The file's name as the person chose it, for messages: cleaned like a stored name, extension kept."""
    base = unicodedata.normalize("NFC", (name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    extension = _NAME_BAD.sub("_", base.rsplit(".", 1)[1]).strip(" ._")[:10] if "." in base else ""
    return clean_name(name, extension) if extension else clean_name(name, "")[:-1]


def check_file(upload, *, kind: str) -> CheckedFile:
    """Validate one uploaded file (Django UploadedFile or any object with name, size, read, seek)."""
    identity = kind in (FileKind.IDENTITY_PROOF, FileKind.CORRECTION, FileKind.RECEIPT)
    allowed = IDENTITY_TYPES if identity else DELIVERED_TYPES
    limit = conf.identity_upload_max_bytes() if identity else conf.delivered_upload_max_bytes()
    display = display_name(upload.name)
    size = getattr(upload, "size", None)
    if size is None or size <= 0:
        raise ValidationError("文件“%(name)s”为空，请重新选择。", params={"name": display})
    if size > limit:
        raise ValidationError(
            "文件“%(name)s”过大（%(size).1fMB），单个文件不能超过%(limit)dMB。",
            params={
                "name": display,
                "size": size / 1048576,
                "limit": limit // 1048576,
            },
        )
    try:
        sniffed = files.sniff(upload, claimed=files.extension(upload.name or ""))
    except ValidationError as exc:
        raise ValidationError(
            "文件“%(name)s”：%(reason)s", params={"name": display, "reason": "".join(exc.messages)}
        ) from None
    mime = files.CONTENT_TYPES.get(sniffed or "")
    if mime not in allowed:
        kinds = "、".join(sorted({ext.upper() for ext in allowed.values()}))
        raise ValidationError(
            "文件“%(name)s”的实际内容不是允许的格式（仅限 %(kinds)s），请转换后重新上传。",
            params={"name": display, "kinds": kinds},
        )
    total, sha256 = files.digest(upload, limit=limit)
    return CheckedFile(
        name=clean_name(upload.name, allowed[mime]),
        content_type=mime,
        size=total,
        sha256=sha256,
        stream=upload,
    )


def check_uploads(uploads, *, kind: str, field: str = "attachments") -> list[CheckedFile]:
    uploads = [u for u in uploads or [] if u]
    if len(uploads) > MAX_FILES:
        raise ValidationError({field: [f"最多上传{MAX_FILES}个文件。"]})
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append(check_file(upload, kind=kind))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({field: errors})
    return checked
