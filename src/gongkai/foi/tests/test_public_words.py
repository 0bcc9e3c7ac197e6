"""Citizens read plain words: where their request stands and what was decided, never 待分办 or the table's
“（一）予以公开”; and the page the letters cite is the page they find, under the same name."""

from __future__ import annotations

import re
import uuid
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.foi import labels, letters, services
from gongkai.foi.models import LetterKind, Outcome, Status
from gongkai.foi.tests.conftest import applicant_data
from gongkai.foi.tests.test_letters import _answered

pytestmark = pytest.mark.django_db

INTERNAL = ("待分办", "分办", "（一）", "（二）", "（三）", "答复待审批", "审批")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _open(client, application, query_code):
    client.post("/apply/track/", {"tracking_no": application.tracking_no, "query_code": query_code})
    return client.get(reverse("portal:foi_case", args=[application.tracking_no])).content.decode()


def _status_text(page: str) -> str:
    match = re.search(r"<dt>状态</dt><dd>(.*?)</dd>", page, re.S)
    assert match is not None
    return match.group(1)


def test_every_status_and_outcome_has_a_citizens_name():
    assert set(labels.PUBLIC_STATUS) == set(Status.values)
    for code in Outcome.values:
        text = labels.public_outcome(code)
        assert text and not re.search(r"（[一二三四五六]）|\d\.", text), code
    assert labels.public_status(Status.RECEIVED) != Status.RECEIVED.label  # not 待分办
    assert labels.public_outcome("refused.state_secret") == "不予公开（属于国家秘密）"


def test_received_case_does_not_show_internal_steps(client, tree, office, freeze):
    freeze(date(2026, 9, 18))
    submission = services.application_submit(
        org=tree.eco, data=applicant_data(), submission_token=uuid.uuid4()
    )
    application = submission.application
    services.application_confirm_receipt(
        actor=office.clerk, application=application, received_on=date(2026, 9, 18)
    )
    application.refresh_from_db()
    assert application.status == Status.RECEIVED
    status = _status_text(_open(client, application, submission.query_code))
    assert "受理机关已收到，正在办理" in status and "待分办" not in status


def test_answered_case_and_api_speak_plainly(client, register_case, office, freeze, tree):
    application = _answered(register_case, office, freeze, "granted")
    from django.conf import settings

    from gongkai.foi import public_access

    session = client.session  # as after a correct query code
    public_access.open_in_session(session, application)
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    page = client.get(reverse("portal:foi_case", args=[application.tracking_no])).content.decode()
    status = _status_text(page)
    assert "已答复" in status and "予以公开" in status
    timeline = re.search(r'<ol class="timeline">(.*?)</ol>', page, re.S).group(1)
    assert not any(word in status + timeline for word in INTERNAL), timeline


def test_api_track_gives_codes_and_plain_labels(client, tree, office, freeze):
    freeze(date(2026, 9, 18))
    submission = services.application_submit(
        org=tree.eco, data=applicant_data(), submission_token=uuid.uuid4()
    )
    application = submission.application
    services.application_confirm_receipt(
        actor=office.clerk, application=application, received_on=date(2026, 9, 18)
    )
    response = client.post(
        "/api/v1/foi/track",
        {"tracking_no": application.tracking_no, "query_code": submission.query_code},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "received" and data["status_label"] == "受理机关已收到，正在办理"


def test_the_letter_names_the_page_as_the_page_names_itself(
    client, register_case, office, freeze, monkeypatch
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    real_submit = services.application_answer_submit

    def submit_with_file(*, actor, application, **kw):  # the office attaches the information it provides
        services.application_add_file(
            actor=actor, application=application,
            upload=SimpleUploadedFile("监测月报.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        )  # fmt: skip
        return real_submit(actor=actor, application=application, **kw)

    monkeypatch.setattr(services, "application_answer_submit", submit_with_file)
    application = _answered(register_case, office, freeze, "granted")
    text = letters.text_of(application.letters.get(kind=LetterKind.ANSWER).file.read())
    cited = re.search(r"本平台“([^”]+)”页面", text).group(1)
    page = client.get(reverse("portal:foi_track")).content.decode()
    h1 = re.search(r"<h1>(.*?)</h1>", page).group(1)
    crumbs = re.findall(r"<li>(?:<a [^>]*>)?(?:<span [^>]*>)?([^<]+)", page.split('class="breadcrumbs"')[1])[
        :2
    ]
    assert cited == "—".join(crumbs) and cited.endswith(h1) and h1 == labels.TRACK_PAGE
