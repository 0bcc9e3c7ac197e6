"""The back-office pages: the supervisor sees the region, a unit its own; circulars drafted from the form;
evidence links on an assessment score; periodic reports submitted, returned and accepted through the pages;
the compiled export."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from gongkai.supervision import services
from gongkai.supervision.models import Circular, PeriodicReport, SubmissionState
from gongkai.supervision.tests.conftest import make_application, make_item, make_message
from gongkai.testing.factories import TEST_JOB

pytestmark = pytest.mark.django_db

DAY = date(2026, 6, 15)


def _login(client, user):
    client.force_login(user)
    return client


def test_the_menu_and_dashboard_open_for_supervisor_and_unit_not_editor(client, tree, who, people):
    make_message(tree.eco, received=DAY - timedelta(days=80))
    services.self_checks_run(actor=TEST_JOB, day=DAY, orgs=[tree.eco, tree.finance, tree.other_dept])
    page = _login(client, who.supervisor).get(reverse("backoffice:supervision"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "甲市生态环境局" in body and "丁市财政局" not in body and "最久未答复有效留言" in body
    page = _login(client, who.eco).get(reverse("backoffice:supervision") + f"?org={tree.eco.pk}")
    assert page.status_code == 200 and "预警" in page.content.decode()
    assert (
        _login(client, who.eco).get(reverse("backoffice:supervision") + f"?org={tree.finance.pk}").status_code
        == 404
    )
    denied = _login(client, people.eco_editor).get(reverse("backoffice:supervision"))
    assert denied.status_code == 403
    assert (
        "监督保障"
        not in _login(client, people.eco_editor).get(reverse("backoffice:dashboard")).content.decode()
    )


def test_the_region_dashboard_reads_in_few_queries(client, tree, who, django_assert_max_num_queries):
    services.self_checks_run(actor=TEST_JOB, day=DAY, orgs=[tree.eco, tree.finance, tree.county_dept])
    _login(client, who.supervisor)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("backoffice:supervision")).status_code == 200


def test_draft_a_circular_from_the_form_and_a_unit_reports_rectification(client, tree, who):
    app = make_application(tree.eco, received=date(2026, 4, 10), due=date(2026, 5, 12))
    late = make_item(tree.eco, published=date(2026, 5, 18), is_late=True)
    response = _login(client, who.supervisor).post(
        reverse("backoffice:supervision_circular_new"),
        {"scope": tree.city.pk, "period_start": "2026-05-01", "period_end": "2026-05-31", "title": ""},
    )
    circular = Circular.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("backoffice:supervision_circular", args=[circular.pk])).content.decode()
    assert app.tracking_no in page and late.title in page
    bad = client.post(reverse("backoffice:supervision_circular_new"),
                      {"scope": tree.city.pk, "period_start": "2026-05-31", "period_end": "2026-05-01"})  # fmt: skip
    assert bad.status_code == 400 and "期间止不能早于期间起" in bad.content.decode()
    # Not yet issued: the unit does not see it.
    assert (
        _login(client, who.eco)
        .get(reverse("backoffice:supervision_circular", args=[circular.pk]))
        .status_code
        == 404
    )
    services.circular_approve(actor=who.second, circular=circular)
    services.circular_issue(actor=who.second, circular=circular, public=False)
    problem = circular.problems.get(kind="late_item")
    response = client.post(reverse("backoffice:supervision_problem_rectify", args=[problem.pk]),
                           {"response": "已建立发布时限提醒。"})  # fmt: skip
    assert response.status_code == 302
    problem.refresh_from_db()
    assert problem.rectified


def test_an_editor_cannot_draft(client, people):
    assert (
        _login(client, people.eco_editor).get(reverse("backoffice:supervision_circular_new")).status_code
        == 403
    )
    assert (
        _login(client, people.eco_office).get(reverse("backoffice:supervision_circular_new")).status_code
        == 403
    )


def test_periodic_report_through_the_pages_and_compiled_exports(client, tree, who):
    make_item(tree.eco, published=date(2026, 5, 6))
    _login(client, who.eco)
    response = client.post(reverse("backoffice:supervision_reports"),
                           {"org": tree.eco.pk, "kind": "month", "year": 2026, "period": 5})  # fmt: skip
    report = PeriodicReport.objects.get()
    assert response.status_code == 302 and report.figures["items_published"] == 1
    assert client.post(reverse("backoffice:supervision_report_action", args=[report.pk, "submit"]),
                       {"summary": ""}).status_code == 400  # fmt: skip
    client.post(
        reverse("backoffice:supervision_report_action", args=[report.pk, "submit"]), {"summary": "小结"}
    )
    assert (
        client.post(reverse("backoffice:supervision_report_action", args=[report.pk, "accept"])).status_code
        == 400
    )
    _login(client, who.supervisor)
    client.post(
        reverse("backoffice:supervision_report_action", args=[report.pk, "return"]), {"comment": "补充"}
    )
    report.refresh_from_db()
    assert report.state == SubmissionState.RETURNED
    _login(client, who.eco).post(reverse("backoffice:supervision_report_action", args=[report.pk, "submit"]),
                                 {"summary": "小结（补充）"})  # fmt: skip
    _login(client, who.supervisor).post(
        reverse("backoffice:supervision_report_action", args=[report.pk, "accept"])
    )
    report.refresh_from_db()
    assert report.state == SubmissionState.ACCEPTED
    query = "?kind=month&year=2026&period=5"
    page = client.get(reverse("backoffice:supervision_reports") + query).content.decode()
    assert "本地区汇总" in page
    xlsx = client.get(reverse("backoffice:supervision_reports_compiled", args=["xlsx"]) + query)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    docx = client.get(reverse("backoffice:supervision_reports_compiled", args=["docx"]) + query)
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert (
        _login(client, who.eco)
        .get(reverse("backoffice:supervision_reports_compiled", args=["xlsx"]) + query)
        .status_code
        == 403
    )


def test_the_office_enters_a_plan_tasks_an_inspection_and_findings(client, tree, who):
    from gongkai.supervision.models import Finding, Inspection, Task, WorkPlan

    _login(client, who.supervisor)
    response = client.post(reverse("backoffice:supervision_plan_new"),
                           {"year": 2026, "title": "甲市2026年政务公开工作要点", "remind_days": 7})  # fmt: skip
    plan = WorkPlan.objects.get()
    assert response.status_code == 302
    url = reverse("backoffice:supervision_task_new", args=[plan.pk])
    both = client.post(url, {"number": "1", "text": "推进", "lead_org": tree.eco.pk, "due_on": "2026-06-30",
                             "ongoing": "on"})  # fmt: skip
    assert both.status_code == 400 and "二选一" in both.content.decode()
    client.post(url, {"number": "1", "text": "推进决策公开", "lead_org": tree.eco.pk, "co_orgs": [tree.finance.pk],
                      "due_on": "2026-06-30"})  # fmt: skip
    task = Task.objects.get()
    assert list(task.co_orgs.all()) == [tree.finance]
    assert (
        "推进决策公开" in client.get(reverse("backoffice:supervision_plan", args=[plan.pk])).content.decode()
    )
    client.post(reverse("backoffice:supervision_inspection_new"),
                {"title": "上半年督查", "mode": "on_site", "held_on": "2026-06-10", "units": [tree.eco.pk]})  # fmt: skip
    inspection = Inspection.objects.get()
    client.post(reverse("backoffice:supervision_finding_new", args=[inspection.pk]),
                {"org": tree.eco.pk, "indicator": "栏目更新", "description": "栏目未更新", "severity": "minor",
                 "rectify_by": "2026-06-30"})  # fmt: skip
    assert Finding.objects.get().org == tree.eco
    # The unit reports on its task and cannot enter plans.
    _login(client, who.eco)
    assert client.get(reverse("backoffice:supervision_plan_new")).status_code == 403
    response = client.post(reverse("backoffice:supervision_task", args=[task.pk]),
                           {"org": tree.eco.pk, "progress": "已完成梳理", "index_nos": "NO-SUCH"})  # fmt: skip
    assert response.status_code == 400 and "找不到" in response.content.decode()
    client.post(
        reverse("backoffice:supervision_task", args=[task.pk]), {"org": tree.eco.pk, "progress": "已完成梳理"}
    )
    assert task.reports.count() == 1
