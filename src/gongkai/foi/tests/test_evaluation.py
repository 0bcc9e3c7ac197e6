"""The applicant rates the answer once (满意 / 基本满意 / 不满意), on the query-code page; the figures count per
organisation in the statistics."""

from datetime import date

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongkai.core.models import AuditEvent
from gongkai.foi import services, workflow
from gongkai.foi.models import Evaluation
from gongkai.foi.services.evaluations import ALREADY
from gongkai.foi.tests.conftest import applicant_data
from gongkai.reports import dashboard
from gongkai.reports.models import Scope


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _answered(tree, office, freeze, **overrides):
    freeze(date(2026, 9, 18))
    submission = services.application_register(
        actor=office.clerk, org=tree.eco, channel="in_person", received_on=date(2026, 9, 18),
        data=applicant_data(**overrides),
    )  # fmt: skip
    application = submission.application
    services.application_answer_save_draft(
        actor=office.clerk, application=application, outcome="granted", facts="见附件。"
    )
    services.application_answer_submit(actor=office.clerk, application=application)
    freeze(date(2026, 9, 25))
    services.application_answer(actor=office.head, application=application)
    application.refresh_from_db()
    return application, submission.query_code


def _open(client, application, code):
    response = client.post("/apply/track/", {"tracking_no": application.tracking_no, "query_code": code})
    assert response.status_code == 302


def test_the_applicant_rates_once_with_clear_errors(client, tree, office, freeze):
    application, code = _answered(tree, office, freeze)
    _open(client, application, code)
    page = client.get(reverse("portal:foi_case", args=[application.tracking_no])).content.decode()
    assert "评价答复" in page and 'value="basically_satisfied"' in page
    url = reverse("portal:foi_case_evaluation", args=[application.tracking_no])
    bad = client.post(url, {"rating": "excellent", "comment": ""})
    assert bad.status_code == 400 and "请选择“满意”“基本满意”或“不满意”。" in bad.content.decode()
    assert not Evaluation.objects.exists()
    done = client.post(url, {"rating": "satisfied", "comment": "答复及时。"})
    assert done.status_code == 302
    evaluation = Evaluation.objects.get(application=application)
    assert (evaluation.rating, evaluation.comment, evaluation.on) == (
        "satisfied",
        "答复及时。",
        date(2026, 9, 25),
    )
    again = client.post(url, {"rating": "unsatisfied", "comment": "再评一次"})
    assert again.status_code == 400 and ALREADY in again.content.decode()
    assert Evaluation.objects.get(application=application).rating == "satisfied"
    shown = client.get(reverse("portal:foi_case", args=[application.tracking_no])).content.decode()
    assert "您已于2026-09-25评价：满意" in shown and 'name="rating"' not in shown
    audit = AuditEvent.objects.get(action="application.evaluate")
    assert audit.note == "satisfied" and "答复及时" not in f"{audit.before} {audit.after} {audit.note}"


def test_no_rating_before_the_answer_nor_without_the_query_code(client, tree, office, freeze):
    freeze(date(2026, 9, 18))
    submission = services.application_submit(org=tree.eco, data=applicant_data())
    with pytest.raises(ValidationError, match="作出答复后才能评价"):
        services.application_evaluate(
            actor=workflow.Applicant(submission.application.pk),
            application=submission.application,
            rating="satisfied",
        )
    url = reverse("portal:foi_case_evaluation", args=[submission.application.tracking_no])
    assert client.post(url, {"rating": "satisfied"}).status_code == 404  # case not opened in this session
    _open(client, submission.application, submission.query_code)
    refused = client.post(url, {"rating": "satisfied"})
    assert refused.status_code == 400 and "作出答复后才能评价" in refused.content.decode()


def test_only_the_applicant_of_the_case_rates_it(tree, office, freeze):
    first, _ = _answered(tree, office, freeze)
    with pytest.raises(PermissionDenied):
        services.application_evaluate(actor=office.clerk, application=first, rating="satisfied")
    with pytest.raises(PermissionDenied):  # the applicant of another case
        services.application_evaluate(
            actor=workflow.Applicant(first.pk + 1000), application=first, rating="satisfied"
        )
    assert not Evaluation.objects.filter(application=first).exists()


def test_ratings_count_per_organisation_in_the_statistics(client, tree, office, freeze):
    first, _ = _answered(tree, office, freeze)
    second, _ = _answered(tree, office, freeze, applicant_name="李四", id_number="110105194912310038",
                          info_title="另一份文件")  # fmt: skip
    services.application_evaluate(
        actor=workflow.Applicant(first.pk), application=first, rating="satisfied", comment=""
    )
    services.application_evaluate(
        actor=workflow.Applicant(second.pk), application=second, rating="unsatisfied", comment="太慢"
    )
    stats = dashboard.statistics(tree.city, Scope.REGION, 2026, today=date(2026, 9, 25), staff=False)
    rows = {r.name: r for r in stats["evaluations"]}
    eco = rows[tree.eco.display_name]
    assert (eco.satisfied, eco.basically_satisfied, eco.unsatisfied, eco.total) == (1, 0, 1, 2)
    assert eco.satisfied_rate == 50.0 and rows["合计"].total == 2
    assert tree.finance.display_name not in rows
    assert (
        dashboard.statistics(tree.city, Scope.REGION, 2025, today=date(2026, 9, 25), staff=False)[
            "evaluations"
        ]
        == []
    )
    page = client.get("/reports/statistics/", {"org": tree.city.credit_code, "year": 2026}).content.decode()
    assert "申请人对答复的评价" in page and tree.eco.display_name in page and "50.0%" in page


def test_the_office_sees_the_rating_and_comment(client, tree, office, freeze):
    application, _code = _answered(tree, office, freeze)
    url = reverse("backoffice:foi_case", args=[application.tracking_no])
    client.force_login(office.clerk)
    assert "申请人评价" not in client.get(url).content.decode()
    services.application_evaluate(
        actor=workflow.Applicant(application.pk),
        application=application,
        rating="basically_satisfied",
        comment="基本及时。",
    )
    page = client.get(url).content.decode()
    assert "申请人评价" in page and "基本满意" in page and "基本及时。" in page
