"""core.files: the kind of a file by its bytes, and what is refused whatever an app allows."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from gongkai.core import files

OLE2 = files.OLE2_MAGIC + b"\x00" * 512


def _zip(**members: str) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize(
    ("data", "claimed", "kind"),
    [
        (b"%PDF-1.7\n" + b"x" * 64, "", "pdf"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "jpg", "png"),  # the bytes decide, not the name
        (OLE2, "wps", "wps"),
        (OLE2, "xls", "xls"),
        (OLE2, "pdf", files.OLE2),
        (b"plain text, no signature", "", None),
    ],
)
def test_kind_by_content(data, claimed, kind):
    assert files.sniff(io.BytesIO(data), claimed=claimed) == kind


def test_zip_packages_by_their_members():
    assert files.sniff(_zip(**{"OFD.xml": "<ofd/>"})) == "ofd"
    assert files.sniff(_zip(**{"[Content_Types].xml": "x", "word/document.xml": "x"})) == "docx"
    assert files.sniff(_zip(**{"xl/workbook.xml": "x"})) == "xlsx"
    assert files.sniff(_zip(**{"readme.txt": "x"})) == "zip"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件为空"),
        (b"MZ\x90\x00" + b"\x00" * 64, "可执行程序"),
        (b"#!/bin/sh\nrm -rf /\n", "可执行程序"),
        (b"PK\x03\x04 damaged", "已损坏"),
    ],
)
def test_refused_whatever_the_app_allows(data, message):
    with pytest.raises(ValidationError, match=message):
        files.sniff(io.BytesIO(data))


def test_hostile_zips_are_refused():
    with pytest.raises(ValidationError, match="越出目录"):
        files.sniff(_zip(**{"../../etc/passwd": "x"}))
    with pytest.raises(ValidationError, match="可执行文件或脚本"):
        files.sniff(_zip(**{"说明.pdf": "x", "setup.exe": "MZ"}))


def test_digest_reads_everything_and_stops_past_the_limit():
    size, sha = files.digest(io.BytesIO(b"abc"), limit=10)
    assert size == 3 and sha.startswith("ba7816bf")
    with pytest.raises(ValidationError, match="过大"):
        files.digest(io.BytesIO(b"x" * 11), limit=10)


def test_ascii_fallback_keeps_the_extension():
    assert files.ascii_fallback("关于印发方案的通知.pdf") == "attachment.pdf"
    assert files.ascii_fallback("report 2025.xlsx") == "report_2025.xlsx"
