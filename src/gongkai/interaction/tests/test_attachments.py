"""A writer's attachments: the channel's count and size, the type by content, a hostile file refused with the
message (nothing typed lost, nothing saved), private storage with size and SHA-256, the audit naming the files,
the writer seeing their names, the owner downloading, the reported unit not, the public letter without them."""

import hashlib
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.models import AuditEvent
from gongkai.demo.interaction import _tiny_pdf, _tiny_png
from gongkai.interaction import services
from gongkai.interaction.models import Message, MessageFile

from .conftest import letter
from .test_portal import _form
from .test_workflow import answered

PNG = _tiny_png()
PDF = _tiny_pdf("test")


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _file(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _submit(channel, *files):
    return services.message_submit(channel=channel, data=letter(), attachments=list(files)).message


def test_stored_privately_with_size_and_sha256_and_audited(channels):
    message = _submit(channels.mayor, _file("现场照片.png", PNG), _file("说明.docx", _docx()))
    stored = list(message.files.all())
    assert [f.name for f in stored] == ["现场照片.png", "说明.docx"]
    assert stored[0].size == len(PNG) and stored[0].sha256 == hashlib.sha256(PNG).hexdigest()
    assert stored[1].content_type.endswith("wordprocessingml.document")
    for record in stored:
        path = Path(record.file.path)
        assert path.is_relative_to(Path(settings.GONGKAI_FOI_FILES_ROOT)) and "现场" not in str(path)
        assert not path.is_relative_to(Path(settings.MEDIA_ROOT))
    note = AuditEvent.objects.get(action="message.submit").note
    assert "现场照片.png" in note and stored[0].sha256 in note and "说明.docx" in note


def test_type_by_content_not_by_name(channels):
    # a real PNG named .pdf is kept as what it is; a text named .pdf is refused
    message = _submit(channels.mayor, _file("照片.pdf", PNG))
    assert message.files.get().name == "照片.png"
    with pytest.raises(ValidationError) as exc:
        _submit(channels.mayor, _file("文件.pdf", b"just some text, not a PDF at all"))
    assert "实际内容不是允许的格式" in str(exc.value.message_dict["attachments"])
    with pytest.raises(ValidationError):
        _submit(channels.mayor, _file("动画.gif", b"GIF89a" + b"\x00" * 40))  # an image, but not JPG/PNG


def test_channel_limits_count_and_size(channels):
    mayor = channels.mayor
    mayor.attachments_max, mayor.attachment_max_kb = 2, 1
    mayor.save()
    with pytest.raises(ValidationError) as exc:
        _submit(mayor, *[_file(f"{i}.png", PNG) for i in range(3)])
    assert "最多上传2个附件" in str(exc.value.message_dict["attachments"])
    with pytest.raises(ValidationError) as exc:
        _submit(mayor, _file("大图.png", PNG + b"\x00" * 2048))
    assert "过大" in str(exc.value.message_dict["attachments"])
    mayor.attachments_max = 0
    mayor.save()
    with pytest.raises(ValidationError) as exc:
        _submit(mayor, _file("a.png", PNG))
    assert "不接受附件" in str(exc.value.message_dict["attachments"])
    assert not Message.objects.exists() and not MessageFile.objects.exists()


def test_form_sends_files_and_works_without(client, channels):
    html, hidden = _form(client)
    assert 'enctype="multipart/form-data"' in html and 'type="file"' in html and "最多3个文件" in html
    response = client.post(
        "/hudong/mayor/write/",
        {**letter(), **hidden, "attachments": [_file("照片.png", PNG), _file("说明.pdf", PDF)]},
    )
    page = response.content.decode()
    assert response.status_code == 200, page
    message = Message.objects.get()
    assert sorted(message.files.values_list("name", flat=True)) == ["照片.png", "说明.pdf"]
    code = re.search(r"查询码</dt><dd><strong>(\w+)</strong>", page).group(1)
    tracked = client.post("/hudong/track/", {"number": message.number, "query_code": code}).content.decode()
    assert "照片.png" in tracked and "说明.pdf" in tracked and "/file/" not in tracked


def test_hostile_file_is_refused_with_the_message_and_nothing_typed_is_lost(client, channels):
    _html, hidden = _form(client)
    program = b"MZ\x90\x00" + b"\x00" * 200
    response = client.post(
        "/hudong/mayor/write/", {**letter(), **hidden, "attachments": [_file("通知.pdf", program)]}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "可执行程序" in page and "通知.pdf" in page and "附件需要重新选择" in page
    assert "小区门前道路何时修复" in page and "甲市幸福小区3栋" in page
    assert not Message.objects.exists() and not MessageFile.objects.exists()


def test_no_file_field_where_the_channel_takes_none(client, channels):
    channels.mayor.attachments_max = 0
    channels.mayor.save()
    html, _hidden = _form(client)
    assert 'type="file"' not in html and "multipart" in html


def test_owner_downloads_and_the_reported_unit_cannot(client, channels, staff_, tree):
    report = services.message_submit(
        channel=channels.mayor,
        data=letter(kind="report", title="举报某单位违规收费问题", consent_publish=False),
        attachments=[_file("收费票据.png", PNG)],
    ).message
    record = report.files.get()
    url = f"/manage/hudong/m/{report.number}/file/{record.pk}/"
    client.force_login(staff_.screener)
    assert "收费票据.png" in client.get(f"/manage/hudong/m/{report.number}/").content.decode()
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    report = services.message_accept(actor=staff_.screener, message=report)
    services.message_assign(actor=staff_.screener, message=report, lead=tree.eco)
    client.force_login(staff_.eco)
    page = client.get(f"/manage/hudong/m/{report.number}/").content.decode()
    assert "收费票据.png" not in page and "附件已隐去" in page
    assert client.get(url).status_code == 404
    client.force_login(staff_.other)
    assert client.get(url).status_code == 404


def test_the_unit_handling_an_ordinary_message_downloads(client, channels, staff_, tree):
    message = _submit(channels.mayor, _file("路面照片.png", PNG))
    message = services.message_accept(actor=staff_.screener, message=message)
    services.message_assign(actor=staff_.screener, message=message, lead=tree.eco)
    client.force_login(staff_.eco)
    assert client.get(f"/manage/hudong/m/{message.number}/file/{message.files.get().pk}/").status_code == 200


def test_public_letter_shows_no_attachment(client, channels, staff_, tree):
    message = answered(_submit(channels.mayor, _file("路面照片.png", PNG)), staff_, tree)
    services.message_publish(actor=staff_.screener, message=message, publish=True)
    page = client.get(f"/hudong/letter/{message.number}/").content.decode()
    assert "小区门前道路" in page and "路面照片" not in page and "/file/" not in page and "附件" not in page


def test_demo_files_pass_the_checks_as_content_files(channels):
    from django.core.files.base import ContentFile

    message = _submit(
        channels.mayor, ContentFile(_tiny_png(), name="河道垃圾.png"), ContentFile(PDF, name="说明.pdf")
    )
    assert [f.content_type for f in message.files.all()] == ["image/png", "application/pdf"]
