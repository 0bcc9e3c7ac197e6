"""The API: public guides, staff import with row errors, 4xx for bad input."""

from __future__ import annotations

import pytest

from gongkai.servicecatalog import services, xlsx
from gongkai.servicecatalog.tests.conftest import make_item

pytestmark = pytest.mark.django_db


def test_public_guides_and_staff_import(client, tree, people):
    version = make_item(people.eco_editor, tree.eco)
    services.guide_submit(actor=people.eco_editor, version=version)
    services.guide_review(actor=people.eco_reviewer, version=version, conclusion="approve", basis="同意")
    listing = client.get("/api/v1/servicecatalog/items", {"q": "环评"}).json()
    assert listing["count"] == 1 and listing["items"][0]["promised_limit"] == "20个工作日"
    guide = client.get(f"/api/v1/servicecatalog/items/{version.item.handling_code}").json()
    assert guide["materials"][0]["name"] == "建设项目环境影响评价审批申请表"
    assert client.get("/api/v1/servicecatalog/items/none").status_code == 404
    assert client.post("/api/v1/servicecatalog/import").status_code == 401
    client.force_login(people.eco_editor)
    book = xlsx.element_book([{"name": "排污许可", "basic_code": "0001", "implementation_code": "X1",
                               "handling_code": "X1001", "item_type": "行政许可", "level": "市级",
                               "subject_nature": "法定机关", "handling_type": "承诺件", "service_objects": "企业法人",
                               "handling_forms": "窗口办理", "legal_limit": 5, "legal_unit": "工作日",
                               "promised_limit": 9, "promised_unit": "工作日"}])  # fmt: skip
    answer = client.post(
        "/api/v1/servicecatalog/import", {"org": tree.eco.credit_code, "elements": _file(book)}
    ).json()
    assert answer["created"] == 0 and answer["errors"][0]["line"] == 2
    assert answer["errors"][0]["element"] == "承诺办结时限"
    bad = client.post("/api/v1/servicecatalog/import", {"org": tree.eco.credit_code, "elements": _file(b"x")})
    assert bad.status_code == 422
    assert client.post("/api/v1/servicecatalog/import", {"org": tree.finance.credit_code,
                                                         "elements": _file(book)}).status_code == 404  # fmt: skip


def _file(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("t.xlsx", data)
