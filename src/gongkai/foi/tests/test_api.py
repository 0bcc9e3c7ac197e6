"""The JSON API: submit with the portal's validation, follow one case, staff queues and events."""

import base64
import uuid
from datetime import date

import pytest
from django.core.cache import cache

from gongkai.foi import services
from gongkai.foi.models import Application
from gongkai.foi.tests.conftest import VALID_ID, WRONG_CHECK_ID, applicant_data

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def _body(tree, **overrides):
    return {"org": tree.eco.credit_code, **applicant_data(), **overrides}


def test_submit_is_idempotent_on_the_submission_token(client, tree):
    body = _body(tree, submission_token=str(uuid.uuid4()))
    first = client.post("/api/v1/foi/applications", body, content_type="application/json")
    second = client.post("/api/v1/foi/applications", body, content_type="application/json")
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["tracking_no"] == second.json()["tracking_no"]
    assert first.json()["query_code"] == second.json()["query_code"]
    assert Application.objects.count() == 1


def test_submit_refuses_a_malformed_identity_number_in_chinese(client, tree):
    response = client.post(
        "/api/v1/foi/applications", _body(tree, id_number=WRONG_CHECK_ID), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["fields"]["id_number"] == ["居民身份证号码校验位错误，请核对后重新填写。"]


@pytest.mark.parametrize(
    "body",
    [
        "not json at all",
        "[]",
        '{"org": 5}',
        '{"org": "X", "applicant_type": "natural"}',
    ],
)
def test_malformed_bodies_get_json_errors_never_500(client, tree, body):
    response = client.post("/api/v1/foi/applications", body, content_type="application/json")
    assert response.status_code in (400, 404, 422)
    assert "detail" in response.json()


def test_unknown_organisation_and_hostile_attachment(client, tree):
    response = client.post(
        "/api/v1/foi/applications", _body(tree, org="NOPE"), content_type="application/json"
    )
    assert response.status_code == 404
    evil = base64.b64encode(b"MZ\x90\x00executable").decode()
    response = client.post(
        "/api/v1/foi/applications",
        _body(tree, attachments=[{"name": "id.png", "content_base64": evil}]),
        content_type="application/json",
    )
    assert response.status_code == 422 and "可执行程序" in response.json()["detail"]
    response = client.post(
        "/api/v1/foi/applications",
        _body(tree, attachments=[{"name": "id.png", "content_base64": "@@@"}]),
        content_type="application/json",
    )
    assert response.status_code == 422 and "Base64" in response.json()["detail"]
    good = base64.b64encode(PNG).decode()
    response = client.post(
        "/api/v1/foi/applications",
        _body(tree, attachments=[{"name": "id.png", "content_base64": good}]),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Application.objects.get().files.count() == 1


def test_track_shows_one_case_and_rate_limits_wrong_codes(client, tree, settings):
    settings.GONGKAI_FOI_QUERY_FAILURES = 2
    submission = services.application_submit(
        org=tree.eco, data=applicant_data(), submission_token=uuid.uuid4()
    )
    no = submission.application.tracking_no
    ok = client.post(
        "/api/v1/foi/track",
        {"tracking_no": no, "query_code": submission.query_code},
        content_type="application/json",
    )
    assert ok.status_code == 200
    data = ok.json()
    assert data["tracking_no"] == no and data["clock"]["state"] == "not_started"
    assert VALID_ID not in ok.content.decode() and "13800138000" not in ok.content.decode()
    for _ in range(2):
        wrong = client.post(
            "/api/v1/foi/track", {"tracking_no": no, "query_code": "x"}, content_type="application/json"
        )
        assert wrong.status_code == 404
    blocked = client.post(
        "/api/v1/foi/track",
        {"tracking_no": no, "query_code": submission.query_code},
        content_type="application/json",
    )
    assert blocked.status_code == 429 and "错误次数过多" in blocked.json()["detail"]


def test_staff_endpoints_need_login_and_scope(client, register_case, office, people):
    application = register_case(date(2026, 9, 18))
    url = f"/api/v1/foi/cases/{application.tracking_no}"
    assert client.get(url).status_code == 401
    client.force_login(office.clerk)
    mine = client.get(url)
    assert mine.status_code == 200 and mine.json()["applicant"]["id_number"] == VALID_ID
    assert mine.json()["clock"]["due_on"] == "2026-10-22"
    assert mine.json()["clock"]["explanation"] == "收到 2026-09-18 → 20个工作日 → 2026-10-22"
    events = client.get(url + "/events")
    assert events.status_code == 200 and events.json()["count"] == 1
    client.force_login(people.city_supervisor)
    masked = client.get(url)
    assert masked.status_code == 200 and masked.json()["applicant"]["masked"] is True
    assert VALID_ID not in masked.content.decode()
    client.force_login(office.finance)
    assert client.get(url).status_code == 404
    assert client.get(url + "/events").status_code == 404
    client.force_login(office.clerk)
    queue = client.get("/api/v1/foi/queues/open")
    assert queue.status_code == 200 and queue.json()["count"] == 1
    assert client.get("/api/v1/foi/queues/nonsense").status_code == 404


def test_applicant_downloads_a_letter_with_the_code(client, tree, office, freeze):
    freeze(date(2026, 9, 18))
    submission = services.application_submit(
        org=tree.eco, data=applicant_data(), submission_token=uuid.uuid4()
    )
    application = submission.application
    services.application_confirm_receipt(
        actor=office.clerk, application=application, received_on=date(2026, 9, 18)
    )
    services.application_request_correction(
        actor=office.clerk, application=application, requested_on=date(2026, 9, 18), items="请写明年度"
    )
    letter = application.letters.get()
    body = {"tracking_no": application.tracking_no, "query_code": submission.query_code}
    ok = client.post(f"/api/v1/foi/track/letters/{letter.pk}", body, content_type="application/json")
    assert ok.status_code == 200 and ok["Content-Disposition"].startswith("attachment")
    other = client.post("/api/v1/foi/track/letters/999999", body, content_type="application/json")
    assert other.status_code == 404
    wrong = client.post(
        f"/api/v1/foi/track/letters/{letter.pk}",
        {**body, "query_code": "WRONG"},
        content_type="application/json",
    )
    assert wrong.status_code == 404
