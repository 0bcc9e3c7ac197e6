"""Art. 44: information several applicants obtained by application is proposed for proactive disclosure."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.foi import selectors, services
from gongkai.foi.tests.conftest import VALID_ID

pytestmark = pytest.mark.django_db
OTHER_IDS = ["110105194912310046", "110105194912310062"]


def _granted(register_case, office, freeze, title, doc_no="", id_number=VALID_ID, already=False):
    application = register_case(date(2026, 3, 2), info_title=title, info_doc_no=doc_no, id_number=id_number)
    services.application_answer_save_draft(
        actor=office.clerk, application=application, outcome="granted", facts="予以公开。",
        already_disclosed=already, catalog_refs="索引号 1" if already else "",
    )  # fmt: skip
    services.application_answer_submit(actor=office.clerk, application=application)
    freeze(date(2026, 3, 10))
    services.application_answer(actor=office.head, application=application)
    return application


def test_information_asked_for_three_times_is_a_candidate(register_case, office, freeze, client, settings):
    settings.GONGKAI_FOI_PROACTIVE_CANDIDATE_MIN = 3
    # The same document under slightly different titles, matched by its number; three applicants.
    for number, title in zip(
        [VALID_ID, *OTHER_IDS],
        ["2025年空气质量报告", "2025 年 空气质量报告（全文）", "空气质量报告"],
        strict=True,
    ):
        _granted(register_case, office, freeze, title, doc_no="抚环发〔2026〕3号", id_number=number)
    _granted(register_case, office, freeze, "另一份文件")
    _granted(register_case, office, freeze, "另一份文件")
    for _ in range(3):  # already proactively disclosed: nothing to propose
        _granted(register_case, office, freeze, "已公开的规划", already=True)
    [candidate] = selectors.proactive_candidates(user=office.clerk, since=date(2026, 1, 1))
    assert candidate.doc_no == "抚环发〔2026〕3号" and candidate.count == 3 and candidate.applicants == 3
    assert selectors.proactive_candidates(user=office.clerk, since=date(2026, 3, 11)) == []
    assert selectors.proactive_candidates(user=office.finance, since=date(2026, 1, 1)) == []
    client.force_login(office.clerk)
    page = client.get(reverse("backoffice:foi_proactive"), {"since": "2026-01-01"}).content.decode()
    assert "抚环发〔2026〕3号" in page and 'type="date"' in page and 'value="2026-01-01"' in page
    api = client.get("/api/v1/foi/proactive-candidates", {"since": "2026-01-01"}).json()
    assert api[0]["count"] == 3 and len(api[0]["cases"]) == 3
