"""The head of the working body (工作机构负责人): extensions (Art. 33) and answers are approved by the head, or by
the office where the head delegated in writing; never by an ordinary office member, a superuser, or the drafter."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.core.actors import System
from gongkai.core.models import AuditEvent
from gongkai.foi import services, workflow
from gongkai.foi.models import Status
from gongkai.orgs import access
from gongkai.orgs import services as org_services
from gongkai.orgs.models import ApprovalKind, Membership, Role
from gongkai.testing.factories import UserFactory, staff


@pytest.fixture
def second_clerk(tree):
    return staff(tree.eco, Role.OFFICE, username="eco_office2")


def _pending_answer(case, clerk):
    services.application_answer_save_draft(actor=clerk, application=case, outcome="granted", facts="现提供。")
    services.application_answer_submit(actor=clerk, application=case)
    case.refresh_from_db()
    return case


def _pending_extension(case, clerk):
    services.application_extension_request(actor=clerk, application=case, days=10, reason="需要调取档案。")
    case.refresh_from_db()
    return case


def test_an_ordinary_office_member_cannot_approve_an_answer(register_case, office, second_clerk, freeze):
    case = _pending_answer(register_case(date(2026, 9, 18)), office.clerk)
    freeze(date(2026, 9, 25))
    with pytest.raises(PermissionDenied, match="负责人"):
        services.application_answer(actor=second_clerk, application=case)
    with pytest.raises(PermissionDenied, match="负责人"):
        services.application_answer_return(actor=second_clerk, application=case, note="请修改。")
    case.refresh_from_db()
    assert case.status == Status.PENDING_APPROVAL
    answer = services.application_answer(actor=office.head, application=case)
    assert answer.approved_by == office.head
    event = AuditEvent.objects.filter(action="application.answer").get()
    assert event.actor == office.head


def test_an_ordinary_office_member_cannot_approve_an_extension(register_case, office, second_clerk, freeze):
    case = _pending_extension(register_case(date(2026, 9, 18)), office.clerk)
    freeze(date(2026, 9, 22))
    with pytest.raises(PermissionDenied, match="负责人"):
        services.application_extend(actor=second_clerk, application=case, approved_on=date(2026, 9, 22))
    with pytest.raises(PermissionDenied):
        services.application_extension_refuse(actor=second_clerk, application=case, note="不同意")
    services.application_extend(actor=office.head, application=case, approved_on=date(2026, 9, 22))
    case.refresh_from_db()
    assert case.extension_days == 10 and case.extension_approved_by == office.head


def test_a_superuser_is_not_the_head(register_case, office, freeze):
    root = UserFactory(username="root", is_superuser=True)
    case = _pending_answer(register_case(date(2026, 9, 18)), office.clerk)
    with pytest.raises(PermissionDenied):
        services.application_answer(actor=root, application=case)


def test_the_head_does_not_approve_their_own_draft(register_case, office, tree, freeze):
    case = _pending_answer(register_case(date(2026, 9, 18)), office.head)
    with pytest.raises(PermissionDenied, match="本人"):
        services.application_answer(actor=office.head, application=case)
    other_head = staff(tree.eco, Role.HEAD, username="eco_deputy")
    services.application_answer(actor=other_head, application=case)


def test_a_head_of_another_organisation_cannot_approve(register_case, office, tree, freeze):
    case = _pending_answer(register_case(date(2026, 9, 18)), office.clerk)
    finance_head = staff(tree.finance, Role.OFFICE, Role.HEAD, username="finance_head")
    with pytest.raises(PermissionDenied):
        services.application_answer(actor=finance_head, application=case)


def test_delegation_is_data_set_above_the_organisation_and_audited(
    register_case, office, second_clerk, people, tree, freeze
):
    eco_admin = staff(tree.eco, Role.ADMIN, username="eco_admin")
    with pytest.raises(PermissionDenied, match="上级机构"):
        org_services.approval_policy_set(actor=eco_admin, org=tree.eco, delegate_answers=True, basis="x")
    with pytest.raises(ValidationError) as exc:
        org_services.approval_policy_set(actor=people.city_admin, org=tree.eco, delegate_answers=True)
    assert "basis" in exc.value.message_dict
    org_services.approval_policy_set(
        actor=people.city_admin,
        org=tree.eco,
        delegate_answers=True,
        basis="《甲市生态环境局政府信息公开工作规程》（甲环办〔2026〕3号）第八条",
    )
    event = AuditEvent.objects.get(action="org.approval_policy")
    assert event.actor == people.city_admin and event.after["delegate_answers"] is True
    assert "第三十三条" in event.note
    assert access.can_approve(second_clerk, tree.eco, ApprovalKind.ANSWER)
    assert not access.can_approve(second_clerk, tree.eco, ApprovalKind.EXTENSION)  # not delegated
    assert not access.can_approve(second_clerk, tree.finance, ApprovalKind.ANSWER)
    case = _pending_answer(register_case(date(2026, 9, 18)), office.clerk)
    # Delegated, yet still not the drafter's own draft.
    with pytest.raises(PermissionDenied, match="本人"):
        services.application_answer(actor=office.clerk, application=case)
    services.application_answer(actor=second_clerk, application=case)


def test_the_case_page_and_api_offer_approvals_only_to_the_head(
    client, register_case, office, second_clerk, freeze
):
    case = _pending_answer(register_case(date(2026, 9, 18)), office.clerk)
    url = f"/manage/foi/case/{case.tracking_no}/"
    for user, shown in ((office.clerk, False), (second_clerk, False), (office.head, True)):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert ("批准并答复" in page) is shown, user.username
        assert ("退回修改" in page) is shown, user.username
        body = client.get(f"/api/v1/foi/cases/{case.tracking_no}").json()
        assert (body["approvals"] == ["answer_approve", "answer_return"]) is shown, body["approvals"]
        assert workflow.can_approve(user, case, "answer") is shown
    # A clerk posting the approval anyway is refused with the reason, and nothing changes.
    client.force_login(second_clerk)
    refused = client.post(
        f"/manage/foi/case/{case.tracking_no}/do/answer_approve/",
        {"answer_approve-answered_on": "2026-09-18"},
    )
    assert refused.status_code == 400 and "负责人" in refused.content.decode()
    case.refresh_from_db()
    assert case.status == Status.PENDING_APPROVAL


def test_a_head_who_is_not_a_handler_sees_the_case_and_approves(client, register_case, office, tree, freeze):
    head_only = staff(tree.eco, Role.HEAD, username="eco_head_only")
    case = _pending_extension(register_case(date(2026, 9, 18)), office.clerk)
    client.force_login(head_only)
    page = client.get(f"/manage/foi/case/{case.tracking_no}/").content.decode()
    assert "批准延期" in page and 'prefix="assign"' not in page and "/do/assign/" not in page
    response = client.post(
        f"/manage/foi/case/{case.tracking_no}/do/extension_approve/",
        {"extension_approve-approved_on": "2026-09-18", "extension_approve-notified_on": "2026-09-18"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.extension_approved_by == head_only


def test_migration_grants_the_head_role_to_past_approvers(register_case, office, second_clerk, freeze):
    case = _pending_answer(register_case(date(2026, 9, 18)), office.clerk)
    services.application_answer(actor=second_clerk, application=_grant_head(second_clerk, case))
    Membership.objects.filter(role=Role.HEAD).delete()  # as before the role existed
    migration = importlib.import_module("gongkai.foi.migrations.0004_heads_from_past_approvals")
    migration.grant_heads(django_apps, None)
    heads = set(Membership.objects.filter(role=Role.HEAD).values_list("user__username", flat=True))
    assert heads == {"eco_office2"}  # the one who approved; not the drafter, not the head who never approved
    assert AuditEvent.objects.filter(action="membership.grant", source="migration").count() == 1
    migration.remove_heads(django_apps, None)
    assert not Membership.objects.filter(role=Role.HEAD).exists()


def _grant_head(user, case):
    org_services.membership_grant(actor=System("测试"), user=user, org=case.org, role=Role.HEAD)
    return case


def test_the_approval_setting_page_is_for_an_admin_above(client, tree, people, second_clerk):
    url = f"/manage/orgs/{tree.eco.credit_code}/approvals/"
    eco_admin = staff(tree.eco, Role.ADMIN, username="eco_admin")
    client.force_login(eco_admin)
    assert client.get(url).status_code == 403
    assert "设置审批授权" not in client.get(f"/manage/orgs/{tree.eco.credit_code}/").content.decode()
    client.force_login(people.city_admin)
    page = client.get(url).content.decode()
    assert "第三十三条" in page and "尚未设置" in page  # no head in this organisation yet
    missing = client.post(url, {"delegate_answers": "on", "basis": ""})
    assert missing.status_code == 400 and "授权依据" in missing.content.decode()
    saved = client.post(url, {"delegate_answers": "on", "basis": "甲环办〔2026〕3号"})
    assert saved.status_code == 302
    assert access.can_approve(second_clerk, tree.eco, ApprovalKind.ANSWER)
    detail = client.get(f"/manage/orgs/{tree.eco.credit_code}/").content.decode()
    assert "甲环办〔2026〕3号" in detail
