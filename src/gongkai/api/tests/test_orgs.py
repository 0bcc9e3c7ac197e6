import pytest

from gongkai.orgs import services
from gongkai.orgs.tests.test_services import GUIDE


def test_list_is_paginated(client, tree):
    body = client.get("/api/v1/orgs/?page_size=3").json()
    assert body["count"] == 10
    assert len(body["items"]) == 3
    first, second = body["items"][:2]
    assert first["parent"] is None
    assert second["parent"] == first["credit_code"]


def test_filter_by_parent(client, tree):
    body = client.get(f"/api/v1/orgs/?parent={tree.county.credit_code}").json()
    assert {o["name"] for o in body["items"]} == {"乙县人民政府办公室", "乙县教育局", "乙县丙镇人民政府"}


def test_list_runs_in_bounded_queries(client, tree, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get("/api/v1/orgs/?page_size=100")


def test_detail_and_guide(client, tree, people):
    services.guide_publish(actor=people.eco_office, org=tree.eco, **GUIDE)
    assert client.get(f"/api/v1/orgs/{tree.eco.credit_code}").json()["level"] == "city"
    guide = client.get(f"/api/v1/orgs/{tree.eco.credit_code}/guide").json()
    assert guide["version"] == 1 and guide["phone"] == "024-1"
    assert client.get(f"/api/v1/orgs/{tree.eco.credit_code}/guide/versions").json()["count"] == 1


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/orgs/NOPE", 404),
        ("/api/v1/orgs/?page=0", 422),
        ("/api/v1/orgs/?page_size=100000", 422),
        ("/api/v1/orgs/?level=galaxy", 422),
        ("/api/v1/orgs/?page=abc", 422),
    ],
)
def test_errors_are_json_with_a_chinese_message(client, tree, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["detail"])


def test_guide_missing_is_json_404(client, tree):
    response = client.get(f"/api/v1/orgs/{tree.finance.credit_code}/guide")
    assert response.status_code == 404 and "尚未发布" in response.json()["detail"]


def test_openapi_document(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/orgs/" in spec["paths"]
