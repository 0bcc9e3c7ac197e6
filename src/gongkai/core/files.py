"""Uploaded files: what a file is, decided by its bytes, and what makes it unacceptable anywhere.

Shared by the catalog's attachments and the files of applications; each app keeps its own list of allowed
kinds, size limits and naming rules. PDF and images are recognised with `filetype`; what it does not know is
checked here: OLE2 compound files (DOC, XLS and Kingsoft's WPS / ET share the container, so the name's
extension picks among them), and ZIP packages by their members: OFD (OFD.xml at the root, GB/T 33190), DOCX
(word/document.xml), XLSX (xl/workbook.xml), or a plain ZIP. Refused whatever the app allows: executables and
scripts, damaged ZIPs, ZIP entries that climb out of their folder, too many entries, encrypted entries, and at
every level of a package (ZIPs in ZIPs up to MAX_ZIP_DEPTH, OFD/DOCX/XLSX included): entries named like
programs or scripts (trailing dots and spaces ignored, as Windows does), entries that are programs by their
bytes, OLE objects embedding a program or a packaged file, and more than MAX_EXPANDED_BYTES expanded.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO

import filetype
from django.core.exceptions import ValidationError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Kinds sharing the OLE2 container; `sniff` answers OLE2 when the name claims none of them.
OLE2_KINDS = frozenset({"doc", "xls", "wps", "et"})
OLE2 = "ole2"
#: Kinds recognised inside a ZIP package.


@dataclass
class CheckedFile:
    """An upload that passed an app's checks (`catalog.uploads.check_attachment`, `foi.uploads.check_file`):
    the name to store and offer, the type by content, the size read and its SHA-256. `kind` is the catalog's
    attachment kind; `stream` the upload itself where the caller stores it later."""

    name: str
    content_type: str
    size: int
    sha256: str
    kind: str = ""
    stream: IO[bytes] | None = None


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
    "mp4": "video/mp4",
    "zip": "application/zip",
}
_BY_GUESS = {"pdf": "pdf", "jpg": "jpg", "png": "png", "gif": "gif", "mp4": "mp4"}


def extension(name: str) -> str:
    return (name or "").rpartition(".")[2].lower()


#: How deep archives may nest (a ZIP in a ZIP is depth 2) and how much they may expand to, all levels together.
MAX_ZIP_DEPTH = 3
MAX_EXPANDED_BYTES = 1024 * 1024 * 1024
_HEAD = 8192
_ZIP_MAGIC = b"PK\x03\x04"
#: Signs of a program inside an OLE object embedded in an office package: an OLE "Package" (Ole10Native,
#: the container of an embedded file) or a Windows program's DOS stub.
_EMBEDDED_PROGRAM = ("\x01Ole10Native".encode("utf-16-le"), b"This program cannot be run in DOS mode")


def entry_extension(name: str) -> str:
    """The extension Windows would act on: trailing dots and spaces are ignored by Windows (``evil.exe.`` and
    ``evil.exe `` run as ``evil.exe``), as is an NTFS stream suffix (``evil.exe::$DATA``)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = base.split(":", 1)[0] if ":" in base[2:] else base
    return extension(base.rstrip(". \t"))


class _Budget:
    def __init__(self, limit: int) -> None:
        self.left = limit

    def take(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise ValidationError("压缩包解压后过大，已拒绝。", code="zip")


def _refuse_program(name: str) -> None:
    raise ValidationError(f"压缩包内含有可执行文件或脚本（{name[-60:]}），不能上传。", code="zip")


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int | None) -> bytes:
    """Up to `limit` bytes of an entry (all when None)."""
    chunks, size = [], 0
    with archive.open(info) as entry:
        while limit is None or size < limit:
            chunk = entry.read(min(1024 * 1024, limit - size) if limit is not None else 1024 * 1024)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    return b"".join(chunks)


def _check_archive(fileobj: IO[bytes], *, depth: int, budget: _Budget) -> set[str]:
    """Check every entry of a ZIP (and of the ZIPs and office packages in it, to MAX_ZIP_DEPTH) by the same
    rules; the set of entry names of this level."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise ValidationError("压缩包内文件过多。", code="zip")
            # Declared sizes bound what is read (zipfile stops at an entry's declared size and checks its CRC):
            # every level's expanded size counts against one budget.
            budget.take(sum(i.file_size for i in infos))
            for info in infos:
                entry = info.filename.replace("\\", "/")
                if entry.startswith("/") or ".." in entry.split("/") or re.match(r"^[A-Za-z]:", entry):
                    raise ValidationError("压缩包内含有越出目录的路径，已拒绝。", code="zip")
            for info in infos:
                if info.is_dir():
                    continue
                if entry_extension(info.filename) in _RISKY_INNER:
                    _refuse_program(info.filename)
                if info.flag_bits & 0x1:
                    raise ValidationError("压缩包内含有加密文件，无法检查，已拒绝。", code="zip")
                head = _read_entry(archive, info, _HEAD)
                if head.startswith(_EXECUTABLE_MAGIC):
                    _refuse_program(info.filename)
                nested = head.startswith(_ZIP_MAGIC)
                embedded_ole = head.startswith(OLE2_MAGIC)
                if not (nested or embedded_ole):
                    guessed = filetype.guess(head) if head else None
                    if guessed is not None and guessed.extension in _EXECUTABLE_GUESSES:
                        _refuse_program(info.filename)
                    continue
                if nested and depth >= MAX_ZIP_DEPTH:
                    raise ValidationError("压缩包嵌套层数过多，已拒绝。", code="zip")
                body = _read_entry(archive, info, None) if info.file_size > len(head) else head
                if nested:
                    _check_archive(io.BytesIO(body), depth=depth + 1, budget=budget)
                elif any(sign in body for sign in _EMBEDDED_PROGRAM):
                    raise ValidationError(
                        f"文件内嵌有程序或可执行对象（{info.filename[-60:]}），不能上传。", code="zip"
                    )
            return {i.filename for i in infos}
    except ValidationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError,
            RuntimeError, zlib.error):  # fmt: skip
        raise ValidationError("文件已损坏或不是有效的压缩格式文件。", code="corrupt") from None


def _zip_kind(fileobj: IO[bytes]) -> str:
    """The kind of a ZIP package; every level of it checked (entries named like programs, whatever trailing
    dots or spaces, programs by their bytes, archives nested too deep or expanding too far, office packages
    with embedded programs)."""
    try:
        fileobj.seek(0)
        names = _check_archive(fileobj, depth=1, budget=_Budget(MAX_EXPANDED_BYTES))
    finally:
        fileobj.seek(0)
    if "OFD.xml" in names:
        return "ofd"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
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
