"""Checking uploaded attachments before anything is stored: name, size and type by content.

The type is decided by the file's bytes (`gongkai.core.files.sniff`: PDF, OFD, DOC/DOCX, XLS/XLSX, WPS/ET,
images, ZIP; executables, damaged or hostile ZIPs refused); the name's extension must agree with it.
"""

from __future__ import annotations

import unicodedata
from typing import IO

from django.core.exceptions import ValidationError

from gongkai.catalog import conf
from gongkai.catalog.models import AttachmentKind
from gongkai.core import files
from gongkai.core.files import CheckedFile, ascii_fallback

__all__ = ["CheckedFile", "ascii_fallback", "check_attachment", "clean_filename", "detect_kind"]

_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}
_MAX_NAME = 120

CONTENT_TYPES = {kind: files.CONTENT_TYPES[kind] for kind in AttachmentKind.values}
#: Extensions accepted for each kind.
EXTENSIONS = {
    "pdf": AttachmentKind.PDF,
    "ofd": AttachmentKind.OFD,
    "doc": AttachmentKind.DOC,
    "docx": AttachmentKind.DOCX,
    "xls": AttachmentKind.XLS,
    "xlsx": AttachmentKind.XLSX,
    "wps": AttachmentKind.WPS,
    "et": AttachmentKind.ET,
    "jpg": AttachmentKind.JPEG,
    "jpeg": AttachmentKind.JPEG,
    "png": AttachmentKind.PNG,
    "gif": AttachmentKind.GIF,
    "mp4": AttachmentKind.MP4,
    "zip": AttachmentKind.ZIP,
}
ALLOWED_LABEL = "PDF、OFD、DOC、DOCX、XLS、XLSX、WPS、ET、JPG、PNG、GIF、MP4、ZIP"


def clean_filename(raw: str) -> str:
    """The file name as it will be shown and offered at download, or a ValidationError in Chinese.

    Chinese names are kept. Refused: path parts, '..', control or invisible format characters, names that
    start with a dot, Windows device names, over-long names.
    """
    name = unicodedata.normalize("NFC", raw or "").strip()
    if not name:
        raise ValidationError("文件名不能为空。", code="name")
    if any(unicodedata.category(c) in {"Cc", "Cf", "Cs", "Co"} for c in name):
        raise ValidationError("文件名含有控制字符或不可见字符，请重命名后再上传。", code="name")
    if "/" in name or "\\" in name or ".." in name or ":" in name:
        raise ValidationError("文件名不能包含路径（/、\\、..、:），请只使用文件本身的名称。", code="name")
    if name.startswith(".") or name.startswith("~"):
        raise ValidationError("文件名不能以“.”或“~”开头。", code="name")
    if any(c in name for c in '<>"|?*'):
        raise ValidationError('文件名不能包含 < > " | ? * 等字符。', code="name")
    if len(name) > _MAX_NAME:
        raise ValidationError(f"文件名过长（最多{_MAX_NAME}个字符）。", code="name")
    stem, _, ext = name.rpartition(".")
    if not stem or not ext:
        raise ValidationError(f"文件名缺少扩展名，允许的格式：{ALLOWED_LABEL}。", code="name")
    if stem.lower().split(".")[0] in _WINDOWS_RESERVED:
        raise ValidationError("文件名不能使用系统保留名称（如 CON、NUL）。", code="name")
    return name


def _extension(name: str) -> str:
    return files.extension(name)


def detect_kind(fileobj: IO[bytes], claimed: str) -> str:
    """The attachment kind by content. `claimed` is the kind the name's extension suggests."""
    kind = files.sniff(fileobj, claimed=claimed)
    if kind == files.OLE2:
        raise ValidationError("文件内容与扩展名不符（Office/WPS 复合文档）。", code="mismatch")
    if kind == "zip" and claimed in files.PACKAGE_KINDS:
        raise ValidationError("文件内容与扩展名不符：不是有效的 OFD / Word / Excel 文件。", code="mismatch")
    if kind is None:
        raise ValidationError(f"无法识别的文件类型，允许的格式：{ALLOWED_LABEL}。", code="unknown")
    if kind not in CONTENT_TYPES:
        raise ValidationError(f"不允许的文件类型（{kind}），允许的格式：{ALLOWED_LABEL}。", code="type")
    return kind


def check_attachment(fileobj: IO[bytes], *, name: str, size: int | None = None) -> CheckedFile:
    """Check an upload completely (name, size, type, agreement of name and content); store nothing."""
    clean = clean_filename(name)
    claimed = EXTENSIONS.get(_extension(clean))
    if claimed is None:
        raise ValidationError(
            f"不允许的文件格式“.{_extension(clean)}”，允许的格式：{ALLOWED_LABEL}。", code="type"
        )
    limit = conf.upload_max_bytes()
    if size is None:
        fileobj.seek(0, 2)
        size = fileobj.tell()
        fileobj.seek(0)
    if size > limit:
        raise ValidationError(
            f"文件过大（{size / 1048576:.1f} MB），单个附件最大 {limit // 1048576} MB。", code="size"
        )
    kind = detect_kind(fileobj, claimed)
    if kind != claimed:
        raise ValidationError(
            f"文件内容与扩展名不符：文件名为 .{_extension(clean)}，内容是 {AttachmentKind(kind).label}。",
            code="mismatch",
        )
    read, sha256 = files.digest(
        fileobj, limit=limit, message=f"文件过大，单个附件最大 {limit // 1048576} MB。"
    )
    return CheckedFile(name=clean, kind=kind, content_type=CONTENT_TYPES[kind], size=read, sha256=sha256)
