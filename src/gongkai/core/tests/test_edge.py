"""NUL and other control characters are refused at the edge (never a server error, on either database); API
errors are JSON whatever produced them; overlong login names are refused before authentication."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.foi.tests.conftest import applicant_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/api/v1/orgs/%00", "/orgs/%00/", "/reports/%00/2025/region/", "/api/v1/catalog/items/1%00"]
)
def test_nul_in_paths_is_refused_clearly(client, tree, url):
    response = client.get(url)
    assert response.status_code == 400
    body = response.content.decode()
    if url.startswith("/api/"):
        assert response["Content-Type"].startswith("application/json")
        assert "控制字符" in json.loads(body)["detail"]
    else:
        assert "控制字符" in body


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/catalog/items?q=%00",
        "/api/v1/catalog/items?q=a%00b&org=%00",
        "/api/v1/search?q=a%00b",
        "/api/v1/orgs/?parent=%00",
        "/search/?q=%00",
        "/catalog/?q=x%01y",
        "/?%00=1",
    ],
)
def test_nul_in_query_strings_is_removed(client, tree, url):
    response = client.get(url)
    assert response.status_code in {200, 404, 422}
    if url.startswith("/api/"):
        assert response["Content-Type"].startswith("application/json")


def test_the_cleaned_query_reaches_the_view(rf):
    from gongkai.core.edge import InputGuardMiddleware

    seen = {}

    def view(request):
        seen["q"], seen["qs"] = request.GET["q"], request.META["QUERY_STRING"]
        from django.http import HttpResponse

        return HttpResponse("ok")

    InputGuardMiddleware(view)(rf.get("/search/?q=%E7%A8%8E%00%1b"))
    assert seen["q"] == "税" and "%00" not in seen["qs"]


def test_nul_in_a_form_field_is_refused(client, tree):
    data = applicant_data(applicant_name="张\x00三")
    data.update({"submission_token": "2b1a8a52-5c1e-4a3e-9d4e-1d7c7f1b2a11", "confirm": "on"})
    response = client.post(reverse("portal:foi_apply_form", args=[tree.eco.credit_code]), data)
    assert response.status_code == 400
    assert "控制字符" in response.content.decode()


def test_nul_in_a_json_body_is_refused(client, tree):
    payload = {**applicant_data(), "org": "\x00" + tree.eco.credit_code[:10]}
    response = client.post("/api/v1/foi/applications", payload, content_type="application/json")
    assert response.status_code == 400
    assert "控制字符" in response.json()["detail"]


def test_a_256_character_login_name_is_refused_not_crashed(client, db):
    response = client.post(reverse("backoffice:login"), {"username": "a" * 256, "password": "x"})
    assert response.status_code == 200
    assert "用户名过长" in response.content.decode()


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/api/v1/no-such-thing", 404),
        ("get", "/api/v1/no-such-endpoint", 404),
        ("delete", "/api/v1/catalog/items", 405),
        ("put", "/api/v1/foi/applications", 405),
    ],
)
def test_api_errors_are_json(client, db, method, url, status):
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_a_csrf_failure_under_the_api_is_json(db, people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.eco_editor)
    response = client.post("/api/v1/catalog/staff/items", {}, content_type="application/json")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")


def test_a_server_error_under_the_api_is_json(db, monkeypatch):
    from gongkai.api import orgs

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(orgs.selectors, "public_orgs", boom)
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/orgs/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert "boom" not in response.content.decode()
