"""The same upload rules at every level of an archive and inside office packages (docs/catalog.md, uploads)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from gongkai.core import files

PE = b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 200


def _zip(members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx(extra: dict[str, bytes]) -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>", **extra})


def _ole_package(payload: bytes) -> bytes:
    """An OLE compound file as Word embeds a packaged file: the magic, then the Ole10Native stream's name in
    the directory, then the packaged bytes (the layout is simplified; the signs are what a real one has)."""
    return files.OLE2_MAGIC + b"\x00" * 504 + "\x01Ole10Native".encode("utf-16-le") + b"\x00" * 64 + payload


@pytest.mark.parametrize(
    "name", ["evil.exe.", "evil.exe ", "evil.exe. . ", "dir/evil.EXE ", "evil.exe::$DATA"]
)
def test_entries_named_like_programs_are_refused_whatever_trails_the_name(name):
    with pytest.raises(ValidationError, match="可执行"):
        files.sniff(io.BytesIO(_zip({"说明.txt": b"x", name: b"harmless text"})))


def test_a_program_under_an_innocent_name_is_refused_by_its_bytes():
    with pytest.raises(ValidationError, match="可执行"):
        files.sniff(io.BytesIO(_zip({"表格.pdf": PE})))


def test_a_nested_zip_is_checked_by_the_same_rules():
    inner = _zip({"evil.exe": b"text"})
    with pytest.raises(ValidationError, match="可执行"):
        files.sniff(io.BytesIO(_zip({"附件.zip": inner})))
    renamed = _zip({"data.bin": _zip({"run.bat ": b"echo"})})
    with pytest.raises(ValidationError, match="可执行"):
        files.sniff(io.BytesIO(_zip({"说明.txt": b"x", "more.dat": renamed})))
    assert files.sniff(io.BytesIO(_zip({"附件.zip": _zip({"a.txt": b"fine"})}))) == "zip"


def test_nesting_is_bounded():
    level = _zip({"a.txt": b"x"})
    for _ in range(files.MAX_ZIP_DEPTH):
        level = _zip({"inner.zip": level})
    with pytest.raises(ValidationError, match="嵌套"):
        files.sniff(io.BytesIO(level))


def test_expanded_size_is_bounded(monkeypatch):
    monkeypatch.setattr(files, "MAX_EXPANDED_BYTES", 1024 * 1024)
    bomb = _zip({"zeros.txt": b"\x00" * (2 * 1024 * 1024)})
    assert len(bomb) < 10 * 1024
    with pytest.raises(ValidationError, match="过大"):
        files.sniff(io.BytesIO(bomb))
    nested = _zip(
        {"a.zip": _zip({"z1.txt": b"\x00" * 600_000}), "b.zip": _zip({"z2.txt": b"\x00" * 600_000})}
    )
    with pytest.raises(ValidationError, match="过大"):
        files.sniff(io.BytesIO(nested))


def test_a_docx_with_an_embedded_program_is_refused():
    with pytest.raises(ValidationError, match="可执行"):
        files.sniff(io.BytesIO(_docx({"word/embeddings/setup.exe": PE})), claimed="docx")
    with pytest.raises(ValidationError, match="内嵌"):
        files.sniff(io.BytesIO(_docx({"word/embeddings/oleObject1.bin": _ole_package(PE)})), claimed="docx")
    with pytest.raises(ValidationError, match="内嵌"):
        payload = _ole_package(b"plain text packaged")
        files.sniff(io.BytesIO(_docx({"word/embeddings/oleObject1.bin": payload})), claimed="docx")


def test_ordinary_office_packages_pass():
    chart = _zip({"[Content_Types].xml": b"x", "xl/workbook.xml": b"<workbook/>"})
    docx = _docx(
        {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": chart, "word/media/image1.png": b"\x89PNG"}
    )
    assert files.sniff(io.BytesIO(docx), claimed="docx") == "docx"
