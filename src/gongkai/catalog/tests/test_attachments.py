"""Attachments: type by content, size limit, safe names; a hostile upload is refused and nothing is stored."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalog import services
from gongkai.catalog.models import Attachment, AttachmentKind
from gongkai.core import audit
from gongkai.core.models import AuditEvent

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 256


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in names.items():
            z.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("关于印发实施方案的通知.pdf", PDF, AttachmentKind.PDF),
        ("附件1：申报表.doc", OLE, AttachmentKind.DOC),
        ("汇总表.xls", OLE, AttachmentKind.XLS),
        ("通知.wps", OLE, AttachmentKind.WPS),
        ("统计表.et", OLE, AttachmentKind.ET),
        ("正式文件.ofd", _zip({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<x/>"}), AttachmentKind.OFD),
        (
            "通知.docx",
            _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}),
            AttachmentKind.DOCX,
        ),
        (
            "名单.xlsx",
            _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}),
            AttachmentKind.XLSX,
        ),
        ("现场照片.png", PNG, AttachmentKind.PNG),
        ("资料汇编.zip", _zip({"说明.txt": "文字".encode()}), AttachmentKind.ZIP),
    ],
)
def test_accepted_formats_by_content(tree, people, make_item, media, name, content, kind):
    item = make_item(tree.eco, actor=people.eco_editor)
    attachment = services.attachment_add(
        actor=people.eco_editor, item=item, upload=SimpleUploadedFile(name, content)
    )
    assert attachment.kind == kind and attachment.original_name == name
    assert attachment.size == len(content)
    stored = _stored_files(media)
    assert len(stored) == 1 and stored[0].read_bytes() == content
    assert name not in str(stored[0])  # stored under a random key, never the uploaded name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("通知.pdf", EXE, "可执行程序"),
        ("setup.exe", EXE, "不允许的文件格式"),
        ("通知.pdf", b"#!/bin/sh\nrm -rf /\n", "可执行程序"),
        ("通知.pdf", PNG, "内容与扩展名不符"),
        ("通知.docx", _zip({"a.txt": b"x"}), "内容与扩展名不符"),
        ("通知.doc", PDF, "内容与扩展名不符"),
        ("通知.pdf", b"", "文件为空"),
        ("通知.pdf", b"hello, plain text", "无法识别"),
        ("../../etc/passwd.pdf", PDF, "路径"),
        ("..\\..\\boot.pdf", PDF, "路径"),
        ("/etc/cron.d/x.pdf", PDF, "路径"),
        ("通知\x00.exe.pdf", PDF, "控制字符"),
        ("通知\r\nContent-Type: text/html.pdf", PDF, "控制字符"),
        ("通\u202efdp.exe", PDF, "控制字符"),  # right-to-left override
        (".htaccess.pdf", PDF, "开头"),
        ("CON.pdf", PDF, "保留名称"),
        ("无扩展名", PDF, "扩展名"),
        ("包.zip", _zip({"../../evil.sh": b"x"}), "越出目录"),
        ("包.zip", _zip({"安装程序.exe": EXE}), "可执行文件"),
        ("坏包.zip", b"PK\x03\x04garbage", "损坏"),
    ],
)
def test_hostile_uploads_are_refused_and_nothing_is_stored(
    tree, people, make_item, media, name, content, message
):
    item = make_item(tree.eco, actor=people.eco_editor)
    with pytest.raises(ValidationError) as exc:
        services.attachment_add(
            actor=people.eco_editor, item=item, upload=SimpleUploadedFile("x", content), name=name
        )
    assert message in "".join(exc.value.messages)
    assert "file" in exc.value.message_dict
    assert not Attachment.objects.exists()
    assert not AuditEvent.objects.filter(action="item.attachment_add").exists()
    assert _stored_files(media) == []


def test_oversized_file_is_refused(tree, people, make_item, media, settings):
    settings.GONGKAI_UPLOAD_MAX_MB = 1
    item = make_item(tree.eco, actor=people.eco_editor)
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError, match="文件过大"):
        services.attachment_add(
            actor=people.eco_editor, item=item, upload=SimpleUploadedFile("大文件.pdf", big)
        )
    assert not Attachment.objects.exists() and _stored_files(media) == []


def test_only_editors_of_the_organisation_upload(tree, people, make_item, media):
    from django.core.exceptions import PermissionDenied

    item = make_item(tree.eco, actor=people.eco_editor)
    with pytest.raises(PermissionDenied):
        services.attachment_add(
            actor=people.finance_editor, item=item, upload=SimpleUploadedFile("a.pdf", PDF)
        )
    assert _stored_files(media) == []


def test_a_failure_after_storing_removes_the_file(tree, people, make_item, media, monkeypatch):
    item = make_item(tree.eco, actor=people.eco_editor)

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.attachment_add(actor=people.eco_editor, item=item, upload=SimpleUploadedFile("a.pdf", PDF))
    assert not Attachment.objects.exists() and _stored_files(media) == []
