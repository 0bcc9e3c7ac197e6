"""Staff pages through the client: who sees and does what, side by side; masking; queues and their queries."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.foi.models import Status
from gongkai.foi.tests.conftest import VALID_ID

pytestmark = pytest.mark.django_db


def _case_url(application):
    return reverse("backoffice:foi_case", args=[application.tracking_no])


def _action(application, name):
    return reverse("backoffice:foi_action", args=[application.tracking_no, name])


@pytest.fixture
def case(register_case):
    return register_case(date(2026, 9, 18))


def test_handling_office_sees_the_case_another_organisations_office_gets_404(client, case, office, people):
    client.force_login(office.clerk)
    assert client.get(_case_url(case)).status_code == 200
    for outsider in (office.finance, office.other_city, people.eco_editor, people.county_supervisor):
        client.force_login(outsider)
        assert client.get(_case_url(case)).status_code == 404
        assert client.post(_action(case, "note"), {"note-text": "偷看"}).status_code == 404


def test_identity_number_visible_to_the_office_masked_for_the_supervisor(client, case, office, people):
    client.force_login(office.clerk)
    body = client.get(_case_url(case)).content.decode()
    assert VALID_ID in body and "13800138000" in body
    client.force_login(people.city_supervisor)
    response = client.get(_case_url(case))
    assert response.status_code == 200
    body = response.content.decode()
    assert VALID_ID not in body and "13800138000" not in body
    assert "110***********002X" in body and "138****8000" in body
    assert "张**" in body and "个人信息已隐去" in body
    # The supervisor reads but does not handle.
    assert client.post(_action(case, "note"), {"note-text": "督办"}).status_code == 403


def test_identity_numbers_never_appear_in_urls(client, case, office):
    client.force_login(office.clerk)
    body = client.get(_case_url(case)).content.decode()
    import re

    for href in re.findall(r'(?:href|action)="([^"]+)"', body):
        assert VALID_ID not in href and "13800138000" not in href


def test_actions_through_the_client_from_assignment_to_answer(client, case, office, freeze):
    client.force_login(office.clerk)
    response = client.post(_action(case, "assign"), {"assign-handler": office.clerk.pk})
    assert response.status_code == 302
    response = client.post(
        _action(case, "answer_draft"),
        {"answer_draft-outcome": "granted", "answer_draft-facts": "现提供该方案。"},
    )
    assert response.status_code == 302
    assert client.post(_action(case, "answer_submit")).status_code == 302
    freeze(date(2026, 10, 9))
    client.force_login(office.clerk)  # a new day, a new session
    # The drafter is refused approval (two-person rule): an error on the page, not a server error.
    refused = client.post(_action(case, "answer_approve"), {"answer_approve-answered_on": "2026-10-09"})
    assert refused.status_code == 400
    assert "负责人" in refused.content.decode()
    client.force_login(office.head)
    approved = client.post(_action(case, "answer_approve"), {"answer_approve-answered_on": "2026-10-09"})
    assert approved.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.outcome == "granted"
    letter = case.letters.get(kind="answer")
    download = client.get(reverse("backoffice:foi_letter", args=[case.tracking_no, letter.pk]))
    assert download.status_code == 200


@pytest.mark.parametrize(
    ("name", "data"),
    [
        (
            "correction_request",
            {"correction_request-requested_on": "2026-13-45", "correction_request-items": "x"},
        ),
        (
            "correction_request",
            {"correction_request-requested_on": "1999-01-01", "correction_request-items": "x"},
        ),
        ("extension_request", {"extension_request-days": "21", "extension_request-reason": "理由"}),
        ("extension_request", {"extension_request-days": "abc", "extension_request-reason": "理由"}),
        (
            "fee_notice",
            {"fee_notice-method": "per_page", "fee_notice-pages": "10", "fee_notice-notice_on": "2026-09-18"},
        ),
        ("answer_draft", {"answer_draft-outcome": "other.no_payment", "answer_draft-facts": "x"}),
        ("note", {"note-text": "长" * 6000}),
        ("transfer", {"transfer-to_org": "NOPE", "transfer-reason": "x"}),
        ("assign", {"assign-handler": "99999"}),
        ("close", {"close-outcome": "other.no_correction", "close-closed_on": "2026-09-18"}),
    ],
)
def test_bad_action_input_gives_a_chinese_error_and_changes_nothing(client, case, office, name, data):
    client.force_login(office.clerk)
    before = (case.status, case.due_on, case.events.count())
    response = client.post(_action(case, name), data)
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode() or "error-box" in response.content.decode()
    case.refresh_from_db()
    assert (case.status, case.due_on, case.events.count()) == before


def test_unknown_action_is_404(client, case, office):
    client.force_login(office.clerk)
    assert client.post(_action(case, "explode")).status_code == 404


def test_queue_pages_are_scoped_and_their_queries_bounded(
    client, register_case, office, people, django_assert_max_num_queries, freeze
):
    for day in range(1, 16):
        register_case(date(2026, 9, day), info_title=f"信息{day}")
    freeze(date(2026, 10, 20))
    client.force_login(office.clerk)
    for name in ("open", "unassigned", "due_soon", "overdue", "approval", "missing_calendar", "unconfirmed"):
        with django_assert_max_num_queries(12):
            response = client.get(reverse("backoffice:foi_queue_named", args=[name]))
        assert response.status_code == 200
    overdue = client.get(reverse("backoffice:foi_queue_named", args=["overdue"]))
    assert overdue.context["page"].paginator.count > 0
    client.force_login(office.finance)
    assert client.get(reverse("backoffice:foi_queue")).context["page"].paginator.count == 0
    client.force_login(people.city_supervisor)  # the region: sees the eco bureau's cases
    assert client.get(reverse("backoffice:foi_queue")).context["page"].paginator.count == 15
    client.force_login(people.eco_editor)  # an editor has no business with applications
    assert client.get(reverse("backoffice:foi_queue")).context["page"].paginator.count == 0


def test_staff_register_through_the_form_shows_the_code_once(client, tree, office, freeze):
    freeze(date(2026, 9, 21))
    client.force_login(office.clerk)
    form = client.get(reverse("backoffice:foi_register"))
    assert form.status_code == 200
    data = {
        "org": tree.eco.credit_code, "channel": "in_person", "received_on": "2026-09-21", "applicant_type": "natural",
        "applicant_name": "王五", "id_type": "resident_id", "id_number": VALID_ID, "phone": "024-5712345",
        "info_title": "某项目环评批复", "delivery_form": "paper", "delivery_method": "pickup",
    }  # fmt: skip
    response = client.post(reverse("backoffice:foi_register"), data)
    assert response.status_code == 200
    assert "查询码" in response.content.decode() and len(response.context["query_code"]) == 10
    bad = client.post(
        reverse("backoffice:foi_register"), {**data, "id_number": "123", "received_on": "2026-09-30"}
    )
    assert bad.status_code == 400
    client.force_login(office.other_city)
    tampered = client.post(reverse("backoffice:foi_register"), data)  # another city's office, eco's code
    assert tampered.status_code == 400


def test_register_is_refused_without_an_office_role(client, people):
    client.force_login(people.eco_editor)
    assert client.get(reverse("backoffice:foi_register")).status_code == 403


def test_dashboard_shows_the_foi_panel(client, case, office):
    client.force_login(office.clerk)
    response = client.get(reverse("backoffice:dashboard"))
    assert response.status_code == 200
    assert "依申请公开" in response.content.decode()


def test_case_page_shows_labels_not_codes(client, case, office, freeze):
    """Issue 11, defect 8: the case page and its history name statuses, outcomes and actions in Chinese."""
    import re

    from gongkai.core.models import AuditEvent

    client.force_login(office.clerk)
    client.post(_action(case, "assign"), {"assign-handler": office.clerk.pk})
    client.post(
        _action(case, "answer_draft"), {"answer_draft-outcome": "granted", "answer_draft-facts": "现提供。"}
    )
    client.post(_action(case, "answer_submit"))
    freeze(date(2026, 10, 9))
    client.force_login(office.head)
    client.post(_action(case, "answer_approve"), {"answer_approve-answered_on": "2026-10-09"})
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.outcome == "granted"
    page = re.sub(r'="[^"]*"', "", client.get(_case_url(case)).content.decode())
    codes = set(AuditEvent.objects.filter(object_id=str(case.pk)).values_list("action", flat=True))
    assert "application.answer" in codes
    assert not [c for c in codes if c in page] and not re.search(
        r"\b(granted|pending_approval|closed)\b", page
    )
    assert "予以公开" in page


def test_an_ordinary_letter_is_registered_awaiting_confirmation_through_the_form(
    client, tree, office, freeze
):
    freeze(date(2026, 9, 29))
    client.force_login(office.clerk)
    data = {
        "org": tree.eco.credit_code, "channel": "ordinary_mail", "arrived_on": "2026-09-28",
        "awaiting_confirmation": "on", "received_on": "", "applicant_type": "natural",
        "applicant_name": "王五", "id_type": "resident_id", "id_number": VALID_ID, "phone": "024-5712345",
        "info_title": "某项目环评批复", "delivery_form": "paper", "delivery_method": "post",
        "address": "辽宁省抚顺市新抚区裕民路1号",
    }  # fmt: skip
    response = client.post(reverse("backoffice:foi_register"), data)
    assert response.status_code == 200, response.context["form"].errors
    assert "待与申请人确认" in response.content.decode()
    assert response.context["application"].status == "submitted"
    case = client.get(reverse("backoffice:foi_case", args=[response.context["application"].tracking_no]))
    assert case.status_code == 200 and "确认收到" in case.content.decode()
    in_person = client.post(reverse("backoffice:foi_register"), {**data, "channel": "in_person"})
    assert in_person.status_code == 400
    assert "只有平常信函可以先登记" in in_person.content.decode()
    no_date = client.post(reverse("backoffice:foi_register"), {**data, "awaiting_confirmation": ""})
    assert no_date.status_code == 400 and "请填写收到申请之日" in no_date.content.decode()
