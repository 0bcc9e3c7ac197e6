"""Uploaded files: what a file is, decided by its bytes, and what makes it unacceptable anywhere.

Shared by the catalog's attachments and the files of applications; each app keeps its own list of allowed
kinds, size limits and naming rules. PDF and images are recognised with `filetype`; what it does not know is
checked here: OLE2 compound files (DOC, XLS and Kingsoft's WPS / ET share the container, so the name's
extension picks among them), and ZIP packages by their members: OFD (OFD.xml at the root, GB/T 33190), DOCX
(word/document.xml), XLSX (xl/workbook.xml), or a plain ZIP. Refused whatever the app allows: executables and
scripts, damaged ZIPs, ZIP entries that climb out of their folder, too many entries, and plain ZIPs holding
programs or scripts.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
from typing import IO

import filetype
from django.core.exceptions import ValidationError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Kinds sharing the OLE2 container; `sniff` answers OLE2 when the name claims none of them.
OLE2_KINDS = frozenset({"doc", "xls", "wps", "et"})
OLE2 = "ole2"
#: Kinds recognised inside a ZIP package.
PACKAGE_KINDS = frozenset({"ofd", "docx", "xlsx"})
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
_EXECUTABLE_GUESSES = {"exe", "elf", "swf", "wasm", "crx", "deb", "rpm"}
_RISKY_INNER = {
    "exe", "dll", "com", "bat", "cmd", "scr", "pif", "msi", "vbs", "vbe", "js", "jse", "wsf", "wsh", "ps1",
    "hta", "cpl", "jar", "lnk", "reg", "sh", "apk", "elf", "so",
}  # fmt: skip
MAX_ZIP_ENTRIES = 10000

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "ofd": "application/ofd",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "wps": "application/vnd.ms-works",
    "et": "application/vnd.ms-excel",
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "zip": "application/zip",
}
_BY_GUESS = {"pdf": "pdf", "jpg": "jpg", "png": "png", "gif": "gif"}


def extension(name: str) -> str:
    return (name or "").rpartition(".")[2].lower()


def _zip_kind(fileobj: IO[bytes]) -> str:
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ValidationError("文件已损坏或不是有效的压缩格式文件。", code="corrupt") from None
    finally:
        fileobj.seek(0)
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ValidationError("压缩包内文件过多。", code="zip")
    for info in infos:
        entry = info.filename.replace("\\", "/")
        if entry.startswith("/") or ".." in entry.split("/") or re.match(r"^[A-Za-z]:", entry):
            raise ValidationError("压缩包内含有越出目录的路径，已拒绝。", code="zip")
    names = {i.filename for i in infos}
    if "OFD.xml" in names:
        return "ofd"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    for info in infos:
        if extension(info.filename) in _RISKY_INNER:
            raise ValidationError(
                f"压缩包内含有可执行文件或脚本（{info.filename[-60:]}），不能作为公开附件。", code="zip"
            )
    return "zip"


def sniff(fileobj: IO[bytes], *, claimed: str = "") -> str | None:
    """The kind of a file by its bytes: a key of CONTENT_TYPES, OLE2 (a compound file whose name claims
    none of DOC/XLS/WPS/ET), or None when unrecognised. Raises ValidationError (Chinese) for what is refused
    whatever the app allows. `claimed` is the kind the file's name suggests, if any."""
    fileobj.seek(0)
    head = fileobj.read(8192)
    fileobj.seek(0)
    if not head:
        raise ValidationError("文件为空。", code="empty")
    if head.startswith(_EXECUTABLE_MAGIC):
        raise ValidationError("检测到可执行程序或脚本，不能作为附件上传。", code="executable")
    if head.startswith(OLE2_MAGIC):
        return claimed if claimed in OLE2_KINDS else OLE2
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(fileobj)
    guessed = filetype.guess(head)
    if guessed is None:
        return None
    if guessed.extension in _EXECUTABLE_GUESSES:
        raise ValidationError("检测到可执行程序，不能作为附件上传。", code="executable")
    return _BY_GUESS.get(guessed.extension, guessed.extension)


def digest(fileobj: IO[bytes], *, limit: int, message: str = "文件过大。") -> tuple[int, str]:
    """(size, SHA-256) of the whole file, read in chunks; ValidationError(message) past `limit` bytes."""
    sha = hashlib.sha256()
    size = 0
    fileobj.seek(0)
    chunks = fileobj.chunks() if hasattr(fileobj, "chunks") else iter(lambda: fileobj.read(1024 * 1024), b"")
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise ValidationError(message, code="size")
        sha.update(chunk)
    fileobj.seek(0)
    return size, sha.hexdigest()


def ascii_fallback(name: str) -> str:
    """An ASCII name for old clients (the UTF-8 name travels in filename*)."""
    stem, _, ext = name.rpartition(".")
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    ascii_stem = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_stem).strip("._") or "attachment"
    return f"{ascii_stem}.{ext}" if ext.isascii() else ascii_stem
