"""The guide's 办理流程图 and 申请材料示范文本: the last chapters of a national guide, after 公开查询."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.models import AuditEvent
from gongkai.documents.samples import png
from gongkai.servicecatalog import services
from gongkai.servicecatalog.tests.conftest import make_item

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.GONGKAI_FOI_FILES_ROOT = tmp_path / "private"


def _publish(people, version):
    services.guide_submit(actor=people.eco_editor, version=version)
    services.guide_review(actor=people.eco_reviewer, version=version, conclusion="approve", basis="同意")


def test_an_image_flowchart_is_the_guide_s_last_chapter(client, tree, people):
    version = make_item(people.eco_editor, tree.eco, materials=False)
    services.material_add(
        actor=people.eco_editor, version=version, data={"name": "建设项目环境影响评价审批申请表", "originals": 1},
        sample=SimpleUploadedFile("申请表样表.pdf", PDF),
    )  # fmt: skip
    client.force_login(people.eco_editor)
    upload = SimpleUploadedFile("流程图.png", png("申请→受理→审查→决定"), content_type="image/png")
    response = client.post(
        reverse("backoffice:servicecatalog_flowchart_set", args=[version.pk]), {"flowchart": upload}
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.flowchart_name == "流程图.png"
    assert AuditEvent.objects.filter(action="servicecatalog.flowchart_set").count() == 1
    staff_copy = client.get(reverse("backoffice:servicecatalog_flowchart", args=[version.pk]))
    assert staff_copy.status_code == 200 and staff_copy["Content-Type"] == "image/png"
    client.logout()

    code = version.item.handling_code
    assert client.get(reverse("portal:service_flowchart", args=[code])).status_code == 404  # not yet public
    _publish(people, version)
    page = client.get(reverse("portal:service_guide", args=[code])).content.decode()
    chapters = ["二十、办公地址和时间", "二十一、公开查询", "二十二、申请材料示范文本", "二十三、办理流程图"]
    assert [page.index(c) for c in chapters] == sorted(page.index(c) for c in chapters)
    assert f'src="{reverse("portal:service_flowchart", args=[code])}"' in page
    assert 'alt="建设项目环评审批001办理流程图"' in page and "（示例样表）" in page
    served = client.get(reverse("portal:service_flowchart", args=[code]))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert (
        "attachment" not in served.get("Content-Disposition", "")
        and "sandbox" in served["Content-Security-Policy"]
    )

    with pytest.raises(ValidationError, match="草稿或退回"):  # the published version is not edited
        services.guide_flowchart_set(
            actor=people.eco_editor, version=version, upload=SimpleUploadedFile("b.png", png("x"))
        )
    following = services.guide_new_version(actor=people.eco_editor, version=version)
    assert following.flowchart_name == "流程图.png"  # the next version starts from this one's flowchart


def test_a_pdf_flowchart_is_offered_for_download(client, tree, people):
    version = make_item(people.eco_editor, tree.eco)
    services.guide_flowchart_set(
        actor=people.eco_editor, version=version, upload=SimpleUploadedFile("流程图.pdf", PDF)
    )
    _publish(people, version)
    code = version.item.handling_code
    assert (
        "下载办理流程图（PDF）" in client.get(reverse("portal:service_guide", args=[code])).content.decode()
    )
    served = client.get(reverse("portal:service_flowchart", args=[code]))
    assert served.status_code == 200 and served["Content-Disposition"].startswith("attachment")


def test_a_guide_without_a_flowchart_points_to_the_written_process(client, tree, people):
    version = make_item(people.eco_editor, tree.eco)
    _publish(people, version)
    code = version.item.handling_code
    assert (
        "见“十一、办理基本流程”。"
        in client.get(reverse("portal:service_guide", args=[code])).content.decode()
    )
    assert client.get(reverse("portal:service_flowchart", args=[code])).status_code == 404


def test_other_files_and_other_organs_are_refused_and_nothing_is_kept(client, tree, people):
    version = make_item(people.eco_editor, tree.eco)
    docx = SimpleUploadedFile("流程.docx", b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(ValidationError):
        services.guide_flowchart_set(actor=people.eco_editor, version=version, upload=docx)
    with pytest.raises(PermissionDenied):
        services.guide_flowchart_set(
            actor=people.finance_editor, version=version, upload=SimpleUploadedFile("a.png", png("x"))
        )
    client.force_login(people.eco_editor)
    response = client.post(reverse("backoffice:servicecatalog_flowchart_set", args=[version.pk]), {})
    assert response.status_code == 400 and "请选择文件" in response.content.decode()
    version.refresh_from_db()
    assert (
        not version.flowchart
        and not AuditEvent.objects.filter(action="servicecatalog.flowchart_set").exists()
    )
