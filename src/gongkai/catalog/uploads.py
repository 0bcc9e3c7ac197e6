"""Checking uploaded attachments before anything is stored: name, size and type by content.

The type is decided by the file's bytes; the name's extension must agree with it. PDF, images, DOC/XLS (OLE2)
and ZIP-based formats are recognised with `filetype` plus explicit checks for what it does not know: OFD (a ZIP
with OFD.xml at its root, GB/T 33190), WPS/ET (OLE2 compound files from Kingsoft WPS) and the inner layout of
DOCX/XLSX. Executables are refused whatever their name.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO

import filetype
from django.core.exceptions import ValidationError

from gongkai.catalog import conf
from gongkai.catalog.models import AttachmentKind

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
_RISKY_INNER = {
    "exe", "dll", "com", "bat", "cmd", "scr", "pif", "msi", "vbs", "vbe", "js", "jse", "wsf", "wsh", "ps1",
    "hta", "cpl", "jar", "lnk", "reg", "sh", "apk", "elf", "so",
}  # fmt: skip
_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}
_MAX_NAME = 120
_MAX_ZIP_ENTRIES = 10000

CONTENT_TYPES = {
    AttachmentKind.PDF: "application/pdf",
    AttachmentKind.OFD: "application/ofd",
    AttachmentKind.DOC: "application/msword",
    AttachmentKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    AttachmentKind.XLS: "application/vnd.ms-excel",
    AttachmentKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    AttachmentKind.WPS: "application/vnd.ms-works",
    AttachmentKind.ET: "application/vnd.ms-excel",
    AttachmentKind.JPEG: "image/jpeg",
    AttachmentKind.PNG: "image/png",
    AttachmentKind.GIF: "image/gif",
    AttachmentKind.ZIP: "application/zip",
}
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
    "zip": AttachmentKind.ZIP,
}
ALLOWED_LABEL = "PDF、OFD、DOC、DOCX、XLS、XLSX、WPS、ET、JPG、PNG、GIF、ZIP"


@dataclass(frozen=True)
class CheckedFile:
    name: str
    kind: str
    content_type: str
    size: int
    sha256: str


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
    return name.rpartition(".")[2].lower()


def _zip_kind(fileobj: IO[bytes], claimed: str) -> str:
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ValidationError("文件已损坏或不是有效的压缩格式文件。", code="corrupt") from None
    if len(infos) > _MAX_ZIP_ENTRIES:
        raise ValidationError("压缩包内文件过多。", code="zip")
    names = {i.filename for i in infos}
    for info in infos:
        entry = info.filename.replace("\\", "/")
        if entry.startswith("/") or ".." in entry.split("/") or re.match(r"^[A-Za-z]:", entry):
            raise ValidationError("压缩包内含有越出目录的路径，已拒绝。", code="zip")
    if "OFD.xml" in names:
        return AttachmentKind.OFD
    if "word/document.xml" in names:
        return AttachmentKind.DOCX
    if "xl/workbook.xml" in names:
        return AttachmentKind.XLSX
    if claimed in {AttachmentKind.OFD, AttachmentKind.DOCX, AttachmentKind.XLSX}:
        raise ValidationError("文件内容与扩展名不符：不是有效的 OFD / Word / Excel 文件。", code="mismatch")
    for info in infos:
        if _extension(info.filename) in _RISKY_INNER:
            raise ValidationError(
                f"压缩包内含有可执行文件或脚本（{info.filename[-60:]}），不能作为公开附件。", code="zip"
            )
    return AttachmentKind.ZIP


def detect_kind(fileobj: IO[bytes], claimed: str) -> str:
    """The attachment kind by content. `claimed` is the kind the name's extension suggests."""
    fileobj.seek(0)
    head = fileobj.read(8192)
    fileobj.seek(0)
    if not head:
        raise ValidationError("文件为空。", code="empty")
    if head.startswith(_EXECUTABLE_MAGIC):
        raise ValidationError("检测到可执行程序或脚本，不能作为附件上传。", code="executable")
    if head.startswith(OLE2_MAGIC):
        # DOC, XLS and Kingsoft's WPS / ET share the OLE2 compound-file container; the extension picks.
        if claimed in {AttachmentKind.DOC, AttachmentKind.XLS, AttachmentKind.WPS, AttachmentKind.ET}:
            return claimed
        raise ValidationError("文件内容与扩展名不符（Office/WPS 复合文档）。", code="mismatch")
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(fileobj, claimed)
    guessed = filetype.guess(head)
    if guessed is None:
        raise ValidationError(f"无法识别的文件类型，允许的格式：{ALLOWED_LABEL}。", code="unknown")
    if guessed.extension in {"exe", "elf", "swf", "wasm", "crx", "deb", "rpm"}:
        raise ValidationError("检测到可执行程序，不能作为附件上传。", code="executable")
    by_guess = {"pdf": AttachmentKind.PDF, "jpg": AttachmentKind.JPEG, "png": AttachmentKind.PNG,
                "gif": AttachmentKind.GIF}  # fmt: skip
    kind = by_guess.get(guessed.extension)
    if kind is None:
        raise ValidationError(
            f"不允许的文件类型（{guessed.extension}），允许的格式：{ALLOWED_LABEL}。", code="type"
        )
    return kind


def check_upload(fileobj: IO[bytes], *, name: str, size: int | None = None) -> CheckedFile:
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
    digest = hashlib.sha256()
    fileobj.seek(0)
    read = 0
    for chunk in iter(lambda: fileobj.read(1024 * 1024), b""):
        read += len(chunk)
        if read > limit:
            raise ValidationError(f"文件过大，单个附件最大 {limit // 1048576} MB。", code="size")
        digest.update(chunk)
    fileobj.seek(0)
    return CheckedFile(
        name=clean, kind=kind, content_type=CONTENT_TYPES[kind], size=read, sha256=digest.hexdigest()
    )


def ascii_fallback(name: str) -> str:
    """An ASCII name for old clients (the UTF-8 name travels in filename*)."""
    stem, _, ext = name.rpartition(".")
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    ascii_stem = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_stem).strip("._") or "attachment"
    return f"{ascii_stem}.{ext}" if ext.isascii() else ascii_stem


def storage_name_is_safe(stored: str) -> bool:
    normal = posixpath.normpath(stored)
    return not (normal.startswith("/") or normal.startswith(".."))
