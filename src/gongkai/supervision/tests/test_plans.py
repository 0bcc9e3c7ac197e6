"""Work plans: tasks with a due date or 持续推进, progress reports with evidence, reminders once, the overdue
list, 回头看, the year's completion; inspections: findings, response, verification."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.supervision import selectors, services
from gongkai.supervision.models import FindingState, ReviewResult, TaskState
from gongkai.supervision.tests.conftest import make_item
from gongkai.testing.factories import TEST_JOB

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(tree, who):
    return services.plan_create(
        actor=who.supervisor, org=tree.office, year=2026, title="甲市2026年政务公开工作要点"
    )


def _task(plan, who, org, **kw):
    values = {"number": "1", "text_": "推进规范性文件集中公开", "lead_org": org, "due_on": date(2026, 6, 30),
              "evidence_required": "公开网址"}  # fmt: skip
    values.update(kw)
    return services.task_add(actor=who.supervisor, plan=plan, **values)


def test_a_task_has_a_due_date_or_is_ongoing(tree, who, plan):
    with pytest.raises(ValidationError):
        _task(plan, who, tree.eco, ongoing=True)
    task = _task(plan, who, tree.eco, due_on=None, ongoing=True)
    assert task.due_label == "持续推进"
    with pytest.raises(PermissionDenied):
        services.task_add(
            actor=who.eco, plan=plan, number="2", text_="x", lead_org=tree.eco, due_on=date(2026, 6, 30)
        )
    with pytest.raises(ValidationError):
        _task(plan, who, tree.other_dept)  # outside the region


def test_completion_needs_evidence_and_the_lead_completes(tree, who, plan):
    task = _task(plan, who, tree.eco, co_orgs=[tree.finance])
    with pytest.raises(ValidationError):
        services.task_report(actor=who.eco, task=task, org=tree.eco, progress="已完成", completed=True)
    item = make_item(tree.eco, published=date(2026, 6, 20))
    services.task_report(actor=who.finance, task=task, org=tree.finance, progress="已配合梳理", completed=True,
                         items=[item])  # fmt: skip
    task.refresh_from_db()
    assert task.state == TaskState.OPEN  # a co-unit's report does not complete the task
    services.task_report(actor=who.eco, task=task, org=tree.eco, progress="已集中公开规范性文件35件",
                         completed=True, items=[item], on=date(2026, 6, 25))  # fmt: skip
    task.refresh_from_db()
    assert (task.state, task.completed_on) == (TaskState.DONE, date(2026, 6, 25))
    assert selectors.task_completion(plan, date(2026, 12, 31))["on_time"] == 1


def test_reminders_once_and_overdue_list(tree, who, plan, settings):
    who.eco.email = "eco@example.gov.cn"
    who.eco.save()
    task = _task(plan, who, tree.eco, due_on=date(2026, 6, 30))
    assert services.tasks_remind(actor=TEST_JOB, today=date(2026, 6, 25))["due_soon"] == 1
    assert services.tasks_remind(actor=TEST_JOB, today=date(2026, 6, 26))["due_soon"] == 0
    assert len(mail.outbox) == 1 and "推进规范性文件集中公开" in mail.outbox[0].body
    assert services.tasks_remind(actor=TEST_JOB, today=date(2026, 7, 1))["overdue"] == 1
    assert list(selectors.overdue_tasks(who.supervisor, date(2026, 7, 1))) == [task]
    assert list(selectors.overdue_tasks(who.eco, date(2026, 7, 1))) == [task]
    assert list(selectors.overdue_tasks(who.finance, date(2026, 7, 1))) == []


def test_review_of_last_year(tree, who, plan):
    task = _task(plan, who, tree.eco)
    with pytest.raises(ValidationError):
        services.task_review(actor=who.supervisor, task=task, result=ReviewResult.NOT_DONE)
    services.task_review(actor=who.supervisor, task=task, result=ReviewResult.NOT_DONE, note="目录未完成梳理")
    assert task.review_result == ReviewResult.NOT_DONE


def test_inspection_findings_response_and_verification(tree, who):
    inspection = services.inspection_create(
        actor=who.supervisor, org=tree.office, title="2026年上半年政务公开实地督查", mode="on_site",
        held_on=date(2026, 6, 10), units=[tree.eco, tree.finance], joint_with="市人大常委会办公室",
    )  # fmt: skip
    finding = services.finding_add(
        actor=who.supervisor, inspection=inspection, org=tree.eco, indicator="栏目更新",
        description="“环境质量”栏目6个月未更新", rectify_by=date(2026, 6, 30), severity="major",
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.finding_respond(actor=who.finance, finding=finding, response="x")
    services.finding_respond(actor=who.eco, finding=finding, response="已补充发布5月环境质量月报")
    services.finding_verify(actor=who.supervisor, finding=finding, accepted=False, note="仍缺4月数据")
    finding.refresh_from_db()
    assert finding.state == FindingState.OPEN
    services.finding_respond(actor=who.eco, finding=finding, response="已补充4月、5月数据")
    services.finding_verify(actor=who.supervisor, finding=finding, accepted=True, on=date(2026, 6, 28))
    finding.refresh_from_db()
    assert (finding.state, finding.verified_on) == (FindingState.VERIFIED, date(2026, 6, 28))


def test_the_task_list_is_drafted_into_the_catalog_by_the_office_s_editor(client, tree, who, plan):
    from django.urls import reverse

    from gongkai.catalog.models import Status
    from gongkai.orgs.models import Role
    from gongkai.testing.factories import staff

    with pytest.raises(ValidationError, match="先分解任务"):
        services.plan_draft_list(actor=TEST_JOB, plan=plan)
    _task(plan, who, tree.eco)
    _task(plan, who, tree.finance, number="2", text_="规范政府信息公开申请办理", due_on=None, ongoing=True)
    with pytest.raises(PermissionDenied):  # the supervisor is not an editor of the office's catalog
        services.plan_draft_list(actor=who.supervisor, plan=plan)
    clerk = staff(tree.office, Role.EDITOR, Role.OFFICE, username="office_clerk")
    client.force_login(clerk)
    assert (
        "起草任务清单" in client.get(reverse("backoffice:supervision_plan", args=[plan.pk])).content.decode()
    )
    response = client.post(reverse("backoffice:supervision_plan_draft_list", args=[plan.pk]))
    plan.refresh_from_db()
    item = plan.list_item
    assert response.status_code == 302 and response["Location"] == reverse(
        "backoffice:catalog_item", args=[item.pk]
    )
    assert item.status == Status.DRAFT and item.org == tree.office and item.title.endswith("任务分工方案")
    assert "推进规范性文件集中公开" in item.body and "持续推进" in item.body and "2026-06-30" in item.body
    with pytest.raises(ValidationError, match="已起草"):
        services.plan_draft_list(actor=clerk, plan=plan)
    page = client.get(reverse("backoffice:supervision_plan", args=[plan.pk])).content.decode()
    assert item.title in page and "起草任务清单（送" not in page


def test_a_unit_completes_with_an_uploaded_evidence_file(client, tree, who, plan, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    settings.GONGKAI_FOI_FILES_ROOT = tmp_path
    task = _task(plan, who, tree.eco)
    url = reverse("backoffice:supervision_task", args=[task.pk])
    client.force_login(who.eco)
    bad = SimpleUploadedFile("佐证.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    response = client.post(
        url, {"org": tree.eco.pk, "progress": "已完成", "completed": "on", "evidence": bad}
    )
    assert response.status_code == 400 and "可执行" in response.content.decode()
    assert not task.reports.exists()
    pdf = SimpleUploadedFile(
        "规范性文件集中公开情况.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
    )
    response = client.post(url, {"org": tree.eco.pk, "progress": "已集中公开规范性文件35件", "completed": "on",
                                 "evidence": pdf})  # fmt: skip
    assert response.status_code == 302
    task.refresh_from_db()
    report = task.reports.get()
    assert task.state == TaskState.DONE and report.evidence_name == "规范性文件集中公开情况.pdf"
    evidence = reverse("backoffice:supervision_task_evidence", args=[report.pk])
    assert evidence in client.get(url).content.decode()
    client.force_login(who.supervisor)
    download = client.get(evidence)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    client.force_login(who.outsider)
    assert client.get(evidence).status_code in (403, 404)
