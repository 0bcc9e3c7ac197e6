"""Publishing an annual report is a workflow: the office compiles and submits, the head of the working body
approves (or returns it with a reason). Nothing is published with drafting placeholders (【…】) or with an
office figure nobody confirmed, and the audit log names the real approver."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongkai.catalog.models import Item
from gongkai.core.actors import System
from gongkai.core.models import AuditEvent
from gongkai.orgs.models import Role
from gongkai.reports import services
from gongkai.reports.models import OfficeFigures, ReportStatus, Scope
from gongkai.reports.tests.conftest import confirm_office_figures, report_staff
from gongkai.testing.factories import UserFactory, staff

TODAY = date(2026, 2, 1)


@pytest.fixture
def eco_report(tree, data2025):
    return services.annual_report_create(
        actor=System("测试"), org=tree.eco, year=2025, scope=Scope.ALONE, today=TODAY
    )


@pytest.fixture
def team(tree):
    clerk, head = report_staff(tree.eco)
    return clerk, head


def _complete(report, clerk):
    return services.annual_report_update(
        actor=clerk,
        report=report,
        overview=services.PLACEHOLDER.sub("", report.overview),
        problems=services.PLACEHOLDER.sub("", report.problems),
        other_matters=services.PLACEHOLDER.sub("", report.other_matters),
    )


def test_placeholders_are_refused_naming_the_section(eco_report, team):
    clerk, _head = team
    confirm_office_figures(eco_report)
    assert "【请工作机构补充" in eco_report.overview  # the drafts ask the office to complete them
    with pytest.raises(ValidationError) as exc:
        services.annual_report_submit(actor=clerk, report=eco_report, today=TODAY)
    message = " ".join(exc.value.messages)
    assert "“一、总体情况”尚有待补充的内容：【请工作机构补充：政府信息管理" in message
    assert "“六、其他需要报告的事项”尚有待补充的内容" in message
    problems = services.publication_problems(eco_report, today=TODAY)
    assert {p["section"] for p in problems} == {
        "一、总体情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    }
    eco_report.refresh_from_db()
    assert eco_report.status == ReportStatus.DRAFT


def test_an_empty_office_figure_is_unconfirmed_not_zero(client, tree, eco_report, team):
    clerk, _head = team
    _complete(eco_report, clerk)
    client.force_login(clerk)
    # The office saves the form leaving 行政强制 empty: it stays unconfirmed (not 0).
    response = client.post(
        reverse("backoffice:report_figures") + f"?org={tree.eco.credit_code}&year=2025",
        {
            "licensing_decisions": "12",
            "penalty_decisions": "0",
            "coercion_decisions": "",
            "fee_income_wan": "1.5",
        },
    )
    assert response.status_code == 302
    row = OfficeFigures.objects.get(org=tree.eco, year=2025)
    assert row.coercion_decisions is None and row.penalty_decisions == 0
    with pytest.raises(ValidationError) as exc:
        services.annual_report_submit(actor=clerk, report=eco_report, today=TODAY)
    message = " ".join(exc.value.messages)
    assert (
        "二、主动公开政府信息情况“第二十条第（六）项 行政强制 本年处理决定数量”未经填报确认：甲市生态环境局"
        in message
    )
    assert "行政许可" not in message  # entered
    services.office_figures_save(
        actor=clerk, org=tree.eco, year=2025, licensing_decisions=12, penalty_decisions=0,
        coercion_decisions=0, fee_income_wan="1.5", today=TODAY,
    )  # fmt: skip
    assert services.annual_report_submit(actor=clerk, report=eco_report, today=TODAY).is_submitted


def test_a_region_report_names_every_organisation_that_did_not_confirm(tree, data2025):
    report = services.annual_report_create(
        actor=System("测试"), org=tree.city, year=2025, scope=Scope.REGION, today=TODAY
    )
    confirm_office_figures(report)
    OfficeFigures.objects.filter(org=tree.county_dept, year=2025).update(fee_income_wan=None)
    OfficeFigures.objects.filter(org=tree.finance, year=2025).delete()
    fees = [p for p in services.publication_problems(report, today=TODAY) if "行政事业性收费" in p["item"]]
    assert len(fees) == 1 and "甲市财政局" in fees[0]["message"] and "乙县教育局" in fees[0]["message"]


def test_only_the_head_approves_and_the_audit_log_names_them(tree, eco_report, team, people):
    clerk, head = team
    second_clerk = staff(tree.eco, Role.OFFICE, username="eco_office2")
    root = UserFactory(username="root", is_superuser=True)
    confirm_office_figures(eco_report)
    _complete(eco_report, clerk)
    with pytest.raises(ValidationError, match="提交审批"):
        services.annual_report_approve(actor=head, report=eco_report, today=TODAY)  # not submitted yet
    services.annual_report_submit(actor=clerk, report=eco_report, today=TODAY)
    with pytest.raises(ValidationError, match="不能修改"):
        services.annual_report_update(
            actor=clerk, report=eco_report, overview="改", problems="", other_matters=""
        )
    for who in (None, second_clerk, people.city_supervisor, root):
        with pytest.raises(PermissionDenied):
            services.annual_report_approve(actor=who, report=eco_report, today=TODAY)
    report = services.annual_report_approve(actor=head, report=eco_report, today=TODAY)
    assert report.is_published and report.published_by == head and report.submitted_by == clerk
    assert report.snapshot["approved_by"] == (head.get_full_name() or head.username)
    event = AuditEvent.objects.get(action="report.publish")
    assert event.actor == head and "负责人" in event.note
    submit = AuditEvent.objects.get(action="report.submit")
    assert submit.actor == clerk
    review = AuditEvent.objects.get(action="item.review", object_id=str(report.catalog_item_id))
    assert (head.get_full_name() or head.username) in review.note
    assert Item.objects.get(pk=report.catalog_item_id).status == "published"


def test_the_head_does_not_approve_what_they_submitted(tree, eco_report, team):
    _clerk, head = team
    confirm_office_figures(eco_report)
    _complete(eco_report, head)
    services.annual_report_submit(actor=head, report=eco_report, today=TODAY)
    with pytest.raises(PermissionDenied, match="本人"):
        services.annual_report_approve(actor=head, report=eco_report, today=TODAY)


def test_the_head_returns_with_a_reason(client, tree, eco_report, team):
    clerk, head = team
    confirm_office_figures(eco_report)
    _complete(eco_report, clerk)
    services.annual_report_submit(actor=clerk, report=eco_report, today=TODAY)
    with pytest.raises(ValidationError):
        services.annual_report_return(actor=head, report=eco_report, note="  ")
    with pytest.raises(PermissionDenied):
        services.annual_report_return(actor=clerk, report=eco_report, note="自己退回")
    services.annual_report_return(actor=head, report=eco_report, note="请补充平台建设情况。")
    eco_report.refresh_from_db()
    assert eco_report.status == ReportStatus.DRAFT and eco_report.return_note == "请补充平台建设情况。"
    assert AuditEvent.objects.get(action="report.return").actor == head
    client.force_login(clerk)
    page = client.get(reverse("backoffice:report_detail", args=[eco_report.pk])).content.decode()
    assert "请补充平台建设情况。" in page and "提交负责人审批" in page


def test_the_report_page_offers_approval_only_to_the_head(client, tree, eco_report, team, people):
    clerk, head = team
    confirm_office_figures(eco_report)
    url = reverse("backoffice:report_detail", args=[eco_report.pk])
    client.force_login(clerk)
    draft = client.get(url).content.decode()
    assert "发布前须完成" in draft and "【请工作机构补充：政府信息管理" in draft
    _complete(eco_report, clerk)
    assert client.post(reverse("backoffice:report_submit", args=[eco_report.pk])).status_code == 302
    for user, shown in ((clerk, False), (people.city_supervisor, False), (head, True)):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert ("批准发布" in page) is shown, user.username
    client.force_login(clerk)
    client.post(reverse("backoffice:report_approve", args=[eco_report.pk]))
    eco_report.refresh_from_db()
    assert eco_report.status == ReportStatus.SUBMITTED  # refused, with a message


def test_publishing_closes_the_year_for_every_organisation_of_the_scope_and_the_migration_does_too(
    tree, data2025
):
    import importlib

    from django.apps import apps as django_apps

    from gongkai.reports.models import ReportedYear
    from gongkai.reports.tests.conftest import publish

    report = services.annual_report_create(
        actor=System("测试"), org=tree.city, year=2025, scope=Scope.REGION, today=TODAY
    )
    publish(report, today=TODAY)
    region = {tree.city.pk, tree.office.pk, tree.eco.pk, tree.finance.pk, tree.county.pk, tree.county_office.pk,
              tree.county_dept.pk, tree.township.pk}  # fmt: skip
    closed = set(ReportedYear.objects.filter(year=2025).values_list("org_id", flat=True))
    assert closed == region  # not the other city
    migration = importlib.import_module("gongkai.reports.migrations.0004_reported_years_of_published_reports")
    migration.reopen(django_apps, None)
    migration.close_years(django_apps, None)
    assert set(ReportedYear.objects.filter(year=2025).values_list("org_id", flat=True)) == region
