"""The catalog API: list with filters, detail, attachments, withdrawn items, JSON errors, staff endpoints,
bounded queries."""

import json
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.catalog import services
from gongkai.catalog.models import Item, NormativeKind, Status
from gongkai.core.actors import System


def test_list_and_detail(client, tree, publish, taxonomy):
    item = publish(tree.eco, title="接口测试通知", doc_no="抚环发〔2026〕3号", keywords="环保，检查")
    data = client.get("/api/v1/catalog/items").json()
    assert data["count"] == 1
    row = data["items"][0]
    assert row["index_no"] == item.index_no and row["id"] == item.slug
    assert row["org"]["credit_code"] == tree.eco.credit_code and row["topic"]["code"] == "0203"
    assert row["keywords"] == ["环保", "检查"] and "body" not in row
    detail = client.get(f"/api/v1/catalog/items/{item.slug}").json()
    assert detail["body"].startswith("<p>") and detail["attachments"] == []


def test_filters(client, tree, publish, taxonomy):
    publish(tree.eco, title="生态", topic=taxonomy.other_topic)
    publish(tree.county_dept, title="县教育")
    normative = publish(
        tree.finance, title="财政办法", is_normative=True, normative_kind=NormativeKind.NORMATIVE,
        doc_no="抚财发〔2026〕1号", genre=taxonomy.normative, statutory_class="a20_01",
    )  # fmt: skip

    def titles(**params):
        return {r["title"] for r in client.get("/api/v1/catalog/items", params).json()["items"]}

    assert titles(org=tree.eco.credit_code) == {"生态"}
    assert titles(org=tree.city.credit_code, subtree="true") == {"生态", "县教育", "财政办法"}
    assert titles(org=tree.county.credit_code, subtree="true") == {"县教育"}
    assert titles(topic="10") == {"生态"}
    assert titles(normative="true") == {"财政办法"}
    assert titles(validity="in_force") == {"财政办法"}
    assert titles(genre="normative") == {"财政办法"}
    assert titles(statutory_class="a20_01") == {"财政办法"}
    assert titles(q="抚财发[2026]1号") == {"财政办法"}
    today = timezone.localdate(normative.published_at).isoformat()
    assert titles(published_from=today, published_to=today) == {"生态", "县教育", "财政办法"}
    assert titles(written_from="2027-01-01") == set()


def test_bad_parameters_answer_json_in_chinese(client, db):
    for query, status in [
        ("published_from=2026-02-30", 422),
        ("statutory_class=art99", 422),
        ("page=0", 422),
        ("page_size=1000", 422),
        ("org=NOPE", 404),
        ("topic=9999", 404),
        ("after=%25%25", 422),
        ("published_from=2026-03-01&published_to=2026-01-01", 422),
    ]:
        response = client.get(f"/api/v1/catalog/items?{query}")
        assert response.status_code == status, query
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["detail"], query


def test_cursor_pagination(client, tree, publish):
    for n in range(7):
        publish(tree.eco, title=f"游标{n}")
    first = client.get("/api/v1/catalog/items?page_size=3").json()
    cursor = first["items"][-1]["cursor"]
    second = client.get(f"/api/v1/catalog/items?page_size=3&after={cursor}").json()
    assert second["count"] == 4
    assert not {r["title"] for r in first["items"]} & {r["title"] for r in second["items"]}


def test_withdrawn_item_is_gone_from_the_list_and_explained(client, tree, publish):
    item = publish(tree.eco, title="已撤回的信息")
    services.item_withdraw(actor=System("测试"), item=item, reason="信息有误，予以撤回")
    assert client.get("/api/v1/catalog/items").json()["count"] == 0
    response = client.get(f"/api/v1/catalog/items/{item.slug}")
    assert response.status_code == 410
    assert "信息有误，予以撤回" in response.json()["detail"]
    assert client.get("/api/v1/catalog/items/nope").status_code == 404


def test_attachments_endpoint(client, tree, people, make_item, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = make_item(tree.eco, actor=people.eco_editor)
    services.attachment_add(
        actor=people.eco_editor, item=item, upload=SimpleUploadedFile("表.pdf", b"%PDF-1.4\n%%EOF")
    )
    services.item_submit(actor=people.eco_editor, item=item)
    item = services.item_review(actor=people.eco_reviewer, item=item, conclusion="approve", basis="同意")
    rows = client.get(f"/api/v1/catalog/items/{item.slug}/attachments").json()
    assert rows[0]["name"] == "表.pdf" and rows[0]["content_type"] == "application/pdf"
    assert client.get(rows[0]["url"]).status_code == 200


def test_list_runs_in_a_bounded_number_of_queries(client, tree, publish, django_assert_max_num_queries):
    for n in range(30):
        publish(tree.eco, title=f"数量{n}")
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/catalog/items?page_size=25")
    assert len(response.json()["items"]) == 25
    with django_assert_max_num_queries(5):
        client.get(f"/api/v1/catalog/items?org={tree.eco.credit_code}&topic=02")


def test_openapi_documents_the_schemas(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/catalog/items" in spec["paths"]
    assert "ItemOut" in spec["components"]["schemas"] and "ItemDetailOut" in spec["components"]["schemas"]


def test_staff_endpoints_draft_review_publish(client, tree, people, taxonomy):
    payload = {"org": tree.eco.credit_code, "title": "接口起草的通知", "written_on": "2026-03-02",
               "topic": "0203", "genre": "notice", "body": "第一段\n\n第二段", "body_is_text": True}  # fmt: skip
    assert (
        client.post("/api/v1/catalog/staff/items", payload, content_type="application/json").status_code
        == 401
    )
    client.force_login(people.finance_editor)
    denied = client.post("/api/v1/catalog/staff/items", payload, content_type="application/json")
    assert denied.status_code == 403 and denied.json()["detail"]
    client.force_login(people.eco_editor)
    bad = client.post(
        "/api/v1/catalog/staff/items",
        {**payload, "written_on": "2026-02-30"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["detail"]
    bad = client.post(
        "/api/v1/catalog/staff/items", {**payload, "topic": "zz", "disclosure": "withheld"},
        content_type="application/json",
    )  # fmt: skip
    assert bad.status_code == 422 and "topic" in bad.json()["fields"]
    bad = client.post(
        "/api/v1/catalog/staff/items", {**payload, "disclosure": "withheld"}, content_type="application/json"
    )
    assert bad.status_code == 422 and "disclosure_reason" in bad.json()["fields"]
    assert not Item.objects.exists()
    created = client.post("/api/v1/catalog/staff/items", payload, content_type="application/json")
    assert created.status_code == 201
    pk = created.json()["pk"]
    assert client.post(f"/api/v1/catalog/staff/items/{pk}/submit").json()["status"] == "submitted"
    own = client.post(
        f"/api/v1/catalog/staff/items/{pk}/review", json.dumps({"conclusion": "approve", "basis": "同意"}),
        content_type="application/json",
    )  # fmt: skip
    assert own.status_code == 403
    client.force_login(people.eco_reviewer)
    # The attestation is never assumed (issue 11, defect 9): an approval without it is refused, nothing published.
    unattested = client.post(
        f"/api/v1/catalog/staff/items/{pk}/review", {"conclusion": "approve", "basis": "同意公开"},
        content_type="application/json",
    )  # fmt: skip
    assert unattested.status_code in {400, 422}, unattested.content
    assert "保密审查" in unattested.json()["fields"]["confidentiality_checked"][0]
    assert Item.objects.get(pk=pk).status == Status.SUBMITTED
    done = client.post(
        f"/api/v1/catalog/staff/items/{pk}/review",
        {"conclusion": "approve", "basis": "同意公开", "confidentiality_checked": True},
        content_type="application/json",
    )  # fmt: skip
    assert done.status_code == 200 and done.json()["status"] == Status.PUBLISHED
    client.force_login(people.other_editor)
    assert client.post(f"/api/v1/catalog/staff/items/{pk}/submit").status_code == 404
    assert date.fromisoformat(done.json()["written_on"]) == date(2026, 3, 2)


def test_detail_runs_in_a_bounded_number_of_queries(client, tree, publish, django_assert_max_num_queries):
    from gongkai.catalog.models import FocusArea

    item = publish(
        tree.eco,
        co_orgs=[tree.finance, tree.office],
        focus_areas=list(FocusArea.objects.filter(parent__isnull=False)[:3]),
    )
    with django_assert_max_num_queries(7):
        data = client.get(f"/api/v1/catalog/items/{item.slug}").json()
    assert {o["credit_code"] for o in data["co_orgs"]} == {tree.finance.credit_code, tree.office.credit_code}
    assert len(data["focus_areas"]) == 3 and all(f["parent"] for f in data["focus_areas"])


def test_staff_attachment_upload_refuses_hostile_files_with_json(
    client, tree, people, make_item, settings, tmp_path
):
    from gongkai.catalog.models import Attachment

    settings.MEDIA_ROOT = tmp_path
    item = make_item(tree.eco, actor=people.eco_editor)
    url = f"/api/v1/catalog/staff/items/{item.pk}/attachments"
    client.force_login(people.eco_editor)
    for name, content, message in [
        ("通知.pdf", b"MZ\x90\x00" + b"\x00" * 64, "可执行程序"),
        ("通知.pdf", b"", "文件为空"),
        (".htaccess.pdf", b"%PDF-1.4\n%%EOF", "开头"),
    ]:
        response = client.post(url, {"file": SimpleUploadedFile(name, content)})
        assert response.status_code == 422, name
        assert message in response.json()["detail"] and "file" in response.json()["fields"]
    assert not Attachment.objects.exists() and not any(p.is_file() for p in tmp_path.rglob("*"))
    ok = client.post(url, {"file": SimpleUploadedFile("正式文件.pdf", b"%PDF-1.4\n%%EOF")})
    assert ok.status_code == 201 and ok.json()["name"] == "正式文件.pdf" and ok.json()["kind"] == "pdf"
    client.force_login(people.finance_editor)
    assert client.post(url, {"file": SimpleUploadedFile("x.pdf", b"%PDF-1.4")}).status_code == 404
