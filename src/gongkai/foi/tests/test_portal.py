"""The public pages: apply online, the receipt, following exactly one case by query code, rate limits."""

import uuid
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.foi import services
from gongkai.foi.models import Application, Status
from gongkai.foi.tests.conftest import WRONG_CHECK_ID, applicant_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _post_data(**overrides):
    data = applicant_data(**overrides)
    data.update({"submission_token": str(overrides.pop("token", uuid.uuid4())), "confirm": "on"})
    return data


def test_apply_page_lists_receiving_organisations_and_the_form_renders(client, tree):
    page = client.get("/apply/")
    assert page.status_code == 200
    assert reverse("portal:foi_apply_form", args=[tree.eco.credit_code]) in page.content.decode()
    form = client.get(reverse("portal:foi_apply_form", args=[tree.eco.credit_code]))
    assert form.status_code == 200
    body = form.content.decode()
    assert 'name="submission_token"' in body and 'enctype="multipart/form-data"' in body


def test_double_submission_through_the_form_creates_one_application(client, tree):
    url = reverse("portal:foi_apply_form", args=[tree.eco.credit_code])
    data = _post_data()
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 200
    assert Application.objects.count() == 1
    application = Application.objects.get()
    for response in (first, second):
        assert application.tracking_no in response.content.decode()
    assert first.context["query_code"] == second.context["query_code"]
    assert "no-store" in first["Cache-Control"] or "no-cache" in first["Cache-Control"]


def test_malformed_identity_number_is_refused_with_a_chinese_message(client, tree):
    url = reverse("portal:foi_apply_form", args=[tree.eco.credit_code])
    response = client.post(url, _post_data(id_number=WRONG_CHECK_ID))
    assert response.status_code == 400
    assert "居民身份证号码校验位错误" in response.content.decode()
    assert Application.objects.count() == 0


def test_malformed_posts_never_give_a_server_error(client, tree):
    url = reverse("portal:foi_apply_form", args=[tree.eco.credit_code])
    for data in ({}, {"submission_token": "not-a-uuid"}, _post_data(applicant_type="x" * 5000),
                 _post_data(info_title="题" * 100000)):  # fmt: skip
        response = client.post(url, data)
        assert response.status_code == 400
    assert client.get("/apply/to/NOTACODE/").status_code == 404
    assert Application.objects.count() == 0


def _submitted(tree, **overrides):
    return services.application_submit(
        org=tree.eco, data=applicant_data(**overrides), submission_token=uuid.uuid4()
    )


def test_query_code_page_shows_the_one_case_and_never_another(client, tree):
    mine = _submitted(tree)
    other = _submitted(tree, applicant_name="李四", info_title="另一份文件", id_number="110105194912310038")
    response = client.post(
        "/apply/track/", {"tracking_no": mine.application.tracking_no, "query_code": mine.query_code}
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    body = page.content.decode()
    assert mine.application.tracking_no in body and "另一份文件" not in body
    assert "110105" not in body and "13800138000" not in body  # no identity number or phone
    # The other case's page is not reachable with this session, nor its letters.
    assert client.get(reverse("portal:foi_case", args=[other.application.tracking_no])).status_code == 302
    # Opening the other case (with its own code) replaces the first: one case per session.
    client.post(
        "/apply/track/", {"tracking_no": other.application.tracking_no, "query_code": other.query_code}
    )
    assert client.get(reverse("portal:foi_case", args=[mine.application.tracking_no])).status_code == 302


def test_wrong_query_codes_are_rate_limited(client, tree, settings):
    settings.GONGKAI_FOI_QUERY_FAILURES = 3
    mine = _submitted(tree)
    for _ in range(3):
        wrong = client.post(
            "/apply/track/", {"tracking_no": mine.application.tracking_no, "query_code": "WRONGCODE1"}
        )
        assert wrong.status_code == 404
        assert "申请编号或查询码不正确" in wrong.content.decode()
    blocked = client.post(
        "/apply/track/", {"tracking_no": mine.application.tracking_no, "query_code": mine.query_code}
    )
    assert blocked.status_code == 429
    assert "错误次数过多" in blocked.content.decode()


def test_unknown_tracking_number_answers_like_a_wrong_code(client, tree):
    response = client.post("/apply/track/", {"tracking_no": "GK20990101XXXXX", "query_code": "ABCDEFGHJK"})
    assert response.status_code == 404


def test_applicant_corrects_online_and_downloads_the_letters(client, tree, office, freeze):
    freeze(date(2026, 9, 18))
    submission = _submitted(tree)
    application = submission.application
    services.application_confirm_receipt(
        actor=office.clerk, application=application, received_on=date(2026, 9, 18)
    )
    services.application_request_correction(
        actor=office.clerk, application=application, requested_on=date(2026, 9, 18), items="请写明年度"
    )
    freeze(date(2026, 9, 21))  # the applicant corrects three days later
    client.post(
        "/apply/track/", {"tracking_no": application.tracking_no, "query_code": submission.query_code}
    )
    page = client.get(reverse("portal:foi_case", args=[application.tracking_no]))
    assert "请写明年度" in page.content.decode()
    letter = application.letters.get()
    download = client.get(reverse("portal:foi_case_letter", args=[application.tracking_no, letter.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    done = client.post(
        reverse("portal:foi_case_correction", args=[application.tracking_no]), {"text": "2026年度"}
    )
    assert done.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.RECEIVED
    assert application.correction_received_on == date(2026, 9, 21)
    assert application.due_on == date(2026, 10, 26)


def test_all_errors_are_shown_at_once(client, tree):
    url = reverse("portal:foi_apply_form", args=[tree.eco.credit_code])
    response = client.post(url, _post_data(id_number=WRONG_CHECK_ID, phone="abc", info_title=""))
    body = response.content.decode()
    assert response.status_code == 400
    assert (
        "居民身份证号码校验位错误" in body and "联系电话格式不正确" in body and "所需政府信息的名称" in body
    )
    empty = client.post(url, {})
    assert empty.status_code == 400 and "申请未提交" in empty.content.decode()
