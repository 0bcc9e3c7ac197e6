"""The files a writer attaches to a message, checked before anything is stored: the channel's count and size
(`Channel.attachments_max`, `Channel.attachment_max_kb`) and the type by content (`gongkai.core.files.sniff`),
never by the name or the browser's claim. Allowed: JPEG and PNG images, PDF, Word (DOC, DOCX), WPS, Excel (XLS,
XLSX, ET) and OFD; executables and hostile packages are refused as everywhere. The name is kept only as a
cleaned display name; the stored path is random (`models._file_path`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from django.core.exceptions import ValidationError

from gongkai.core import files
from gongkai.core.files import CheckedFile
from gongkai.foi.uploads import clean_name, display_name
from gongkai.interaction.models import Channel

#: The kinds a message may carry (keys of `files.CONTENT_TYPES`).
ALLOWED = ("jpg", "png", "pdf", "doc", "docx", "wps", "xls", "xlsx", "et", "ofd")
KINDS_TEXT = "JPG、PNG、PDF、Word、WPS、Excel 或 OFD"
ACCEPT = ".jpg,.jpeg,.png,.pdf,.doc,.docx,.wps,.xls,.xlsx,.et,.ofd"


def limits_text(channel: Channel) -> str:
    return f"{KINDS_TEXT}，最多{channel.attachments_max}个文件，每个不超过{_size(channel.attachment_max_kb * 1024)}"


def _size(n: int) -> str:
    return f"{n / 1048576:.1f}MB" if n >= 1048576 else f"{max(1, round(n / 1024))}KB"


def check_file(upload: IO[bytes], *, channel: Channel) -> CheckedFile:
    """One uploaded file (a Django UploadedFile, or anything with name, size, read and seek)."""
    name = str(getattr(upload, "name", "") or "")
    shown = display_name(name)
    limit = channel.attachment_max_kb * 1024
    size = getattr(upload, "size", None)
    if not size:
        raise ValidationError(f"附件“{shown}”为空，请重新选择。")
    if size > limit:
        raise ValidationError(f"附件“{shown}”过大（{_size(size)}），每个附件不能超过{_size(limit)}。")
    try:
        kind = files.sniff(upload, claimed=files.extension(name))
    except ValidationError as exc:
        raise ValidationError(f"附件“{shown}”：{''.join(exc.messages)}") from None
    if kind not in ALLOWED:
        raise ValidationError(
            f"附件“{shown}”的实际内容不是允许的格式（仅限{KINDS_TEXT}），请转换后重新上传。"
        )
    total, sha256 = files.digest(
        upload, limit=limit, message=f"附件“{shown}”过大，每个附件不能超过{_size(limit)}。"
    )
    return CheckedFile(
        name=clean_name(name, kind),
        content_type=files.CONTENT_TYPES[kind],
        size=total,
        sha256=sha256,
        kind=kind,
        stream=upload,
    )


def check_uploads(uploads: Sequence[IO[bytes]], *, channel: Channel) -> list[CheckedFile]:
    """Every file checked; all the problems at once, under the form's `attachments` field."""
    uploads = [u for u in uploads if u]
    if uploads and channel.attachments_max == 0:
        raise ValidationError({"attachments": [f"{channel.name}不接受附件。"]})
    if len(uploads) > channel.attachments_max:
        raise ValidationError(
            {"attachments": [f"最多上传{channel.attachments_max}个附件（本次选择了{len(uploads)}个）。"]}
        )
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append(check_file(upload, channel=channel))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({"attachments": errors})
    return checked
