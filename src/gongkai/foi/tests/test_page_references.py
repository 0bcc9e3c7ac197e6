"""Issue 11, defect 9: in the application pages (portal and back office), every id reference points at an
element of the page, in forms shown fresh and sent back with their errors (the states the crawl does not reach)."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.foi.tests.conftest import WRONG_CHECK_ID, applicant_data
from gongkai.testing.html import assert_no_reference_problems

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_portal_application_forms_fresh_and_with_errors(client, tree):
    url = reverse("portal:foi_apply_form", args=[tree.eco.credit_code])
    bad = applicant_data(id_number=WRONG_CHECK_ID, phone="abc", info_title="", applicant_type="")
    assert_no_reference_problems({
        "apply": client.get(url),
        "apply-errors": client.post(url, {**bad, "submission_token": str(uuid.uuid4())}),
        "apply-empty": client.post(url, {}),
        "track": client.get(reverse("portal:foi_track")),
        "track-errors": client.post(reverse("portal:foi_track"), {"tracking_no": "x", "query_code": ""}),
    })  # fmt: skip


def test_case_page_and_its_actions_with_errors(client, register_case, office, freeze):
    case = register_case(date(2026, 9, 1))
    freeze(date(2026, 9, 10))
    client.force_login(office.clerk)
    pages = {
        "register": client.get(reverse("backoffice:foi_register")),
        "register-errors": client.post(reverse("backoffice:foi_register"), {"id_number": "123"}),
        "case": client.get(reverse("backoffice:foi_case", args=[case.tracking_no])),
    }
    for name, data in [
        (
            "correction_request",
            {"correction_request-requested_on": "2026-13-45", "correction_request-items": "x"},
        ),
        ("extension_request", {"extension_request-days": "abc", "extension_request-reason": "理由"}),
        ("fee_notice", {"fee_notice-method": "per_page", "fee_notice-pages": "x"}),
        ("answer_draft", {"answer_draft-outcome": "other.no_payment", "answer_draft-facts": "x"}),
        ("note", {"note-text": ""}),
        ("close", {"close-outcome": "other.no_correction", "close-closed_on": "2026-09-18"}),
    ]:
        pages[name] = client.post(reverse("backoffice:foi_action", args=[case.tracking_no, name]), data)
    assert_no_reference_problems(pages)
