"""Pictures and videos of press conferences are uploaded, checked by content, and public with the record;
interpretations take them as catalog attachments (images and MP4)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalog import services as catalog_services
from gongkai.core.models import AuditEvent
from gongkai.documents.samples import png
from gongkai.interpretation import services
from gongkai.interpretation.models import ConferenceMedia
from gongkai.interpretation.tests.conftest import JOB
from gongkai.testing.factories import staff

pytestmark = pytest.mark.django_db

#: The start of an MP4 file (an ftyp box of brand mp42), enough for the content check.
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x08free" + b"\x00" * 64


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def conference(tree):
    return services.conference_create(
        actor=JOB, org=tree.finance, title="甲市财政资金管理新规新闻发布会", held_on=date(2026, 3, 10),
        transcript="主持人：各位记者朋友，上午好。",
    )  # fmt: skip


def test_editor_uploads_a_picture_that_is_public_with_the_record(client, tree, conference, media_root):
    editor = staff(tree.finance, "editor")
    client.force_login(editor)
    picture = SimpleUploadedFile("现场.png", png("发布会现场"), content_type="image/png")
    response = client.post(
        reverse("backoffice:conference_media_add", args=[conference.pk]),
        {"file": picture, "caption": "发布会现场，市财政局局长介绍新规"},
    )
    assert response.status_code == 302
    media = ConferenceMedia.objects.get()
    assert media.kind == "png" and media.caption == "发布会现场，市财政局局长介绍新规"
    assert AuditEvent.objects.filter(action="conference.media_add").count() == 1
    page = client.get(reverse("backoffice:conference_detail", args=[conference.pk])).content.decode()
    assert 'alt="发布会现场，市财政局局长介绍新规"' in page
    staff_copy = client.get(reverse("backoffice:conference_media", args=[conference.pk, media.pk]))
    assert staff_copy.status_code == 200 and staff_copy["Content-Type"] == "image/png"

    client.logout()
    public_url = reverse("portal:conference_media", args=[conference.pk, media.pk])
    assert client.get(public_url).status_code == 404  # a draft's pictures are not public
    services.conference_publish(actor=JOB, conference=conference, notice=True)
    assert client.get(public_url).status_code == 404  # nor at the notice stage
    services.conference_publish(actor=JOB, conference=conference)
    page = client.get(reverse("portal:conference", args=[conference.pk])).content.decode()
    assert (
        f'src="{public_url}"' in page and "<figcaption>发布会现场，市财政局局长介绍新规</figcaption>" in page
    )
    served = client.get(public_url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert served["Content-Disposition"] == "inline" and "sandbox" in served["Content-Security-Policy"]
    assert client.get(public_url, HTTP_IF_NONE_MATCH=served["ETag"]).status_code == 304


def test_a_video_is_played_on_the_public_page(client, tree, conference, media_root):
    services.conference_media_add(
        actor=JOB, conference=conference, upload=SimpleUploadedFile("实录.mp4", MP4), caption="发布会视频实录"
    )
    services.conference_publish(actor=JOB, conference=conference)
    page = client.get(reverse("portal:conference", args=[conference.pk])).content.decode()
    assert "<video controls" in page and 'title="发布会视频实录"' in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("通稿.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", "发布会只能上传"),
        ("现场.png", b"MZ\x90\x00" + b"\x00" * 200, "可执行程序"),
        ("现场.png", MP4, "文件内容与扩展名不符"),
    ],
)
def test_other_files_are_refused_in_chinese_and_nothing_is_stored(
    conference, media_root, name, data, message
):
    with pytest.raises(ValidationError) as refused:
        services.conference_media_add(
            actor=JOB, conference=conference, upload=SimpleUploadedFile(name, data), caption="发布会现场"
        )
    assert message in "；".join(refused.value.messages)
    assert not ConferenceMedia.objects.exists()
    assert not any(p.is_file() for p in media_root.rglob("*"))


def test_the_form_says_what_is_missing_and_keeps_the_record(client, tree, conference, media_root):
    client.force_login(staff(tree.finance, "editor"))
    url = reverse("backoffice:conference_media_add", args=[conference.pk])
    response = client.post(url, {"caption": "现场"}, follow=True)
    assert "请选择文件" in response.content.decode()
    response = client.post(
        url, {"file": SimpleUploadedFile("现场.png", png("现场")), "caption": ""}, follow=True
    )
    assert "这个字段是必填项" in response.content.decode() or "请填写说明" in response.content.decode()
    assert not ConferenceMedia.objects.exists()
    conference.refresh_from_db()
    assert conference.transcript.startswith("主持人")


def test_only_the_organs_editors_upload_and_removal_stops_at_publication(
    client, tree, conference, media_root
):
    outsider = staff(tree.other_dept, "editor")
    with pytest.raises(PermissionDenied):
        services.conference_media_add(
            actor=outsider,
            conference=conference,
            upload=SimpleUploadedFile("a.png", png("现场")),
            caption="现场",
        )
    client.force_login(outsider)
    assert client.post(reverse("backoffice:conference_media_add", args=[conference.pk])).status_code == 404
    first = services.conference_media_add(
        actor=JOB, conference=conference, upload=SimpleUploadedFile("a.png", png("现场一")), caption="现场一"
    )
    second = services.conference_media_add(
        actor=JOB, conference=conference, upload=SimpleUploadedFile("b.png", png("现场二")), caption="现场二"
    )
    services.conference_media_remove(actor=JOB, media=first)
    assert list(ConferenceMedia.objects.values_list("caption", flat=True)) == ["现场二"]
    assert AuditEvent.objects.get(action="conference.media_remove").before["caption"] == "现场一"
    services.conference_publish(actor=JOB, conference=conference)
    with pytest.raises(ValidationError, match="不能删除"):
        services.conference_media_remove(actor=JOB, media=second)


def test_an_interpretation_takes_a_graphic_and_a_video_as_attachments(document, interpret, media_root):
    interpretation = interpret([document()])
    item = interpretation.item
    catalog_services.attachment_add(actor=JOB, item=item, upload=SimpleUploadedFile("图解.png", png("图解")))
    catalog_services.attachment_add(actor=JOB, item=item, upload=SimpleUploadedFile("解读视频.mp4", MP4))
    assert sorted(item.attachments.values_list("kind", flat=True)) == ["mp4", "png"]
