"""The workflow through the services: screening, forwarding, the unit's answer, the platform's review,
publication with consent, evaluation and re-handling, returns and extensions; allowed and denied side by side."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.core.models import AuditEvent
from gongkai.foi.models import Application
from gongkai.interaction import rules, services
from gongkai.interaction.models import TRANSITIONS, Message, PublicState, Status
from gongkai.testing.factories import grant


def answered(message, staff_, tree):
    message = services.message_accept(actor=staff_.screener, message=message)
    message = services.message_assign(
        actor=staff_.screener, message=message, lead=tree.eco, co=[tree.finance]
    )
    message = services.message_sign(actor=staff_.eco, message=message)
    message = services.message_reply_draft(
        actor=staff_.eco, message=message, text="李四您好：道路将于10月底前修复。"
    )
    message = services.message_reply_approve(actor=staff_.eco_head, message=message, approve=True)
    return services.message_reply_review(actor=staff_.screener, message=message, approve=True)


def test_every_status_is_in_the_table():
    assert set(TRANSITIONS) == set(Status.values)


def test_the_whole_way(submitted, staff_, tree):
    message = answered(submitted(), staff_, tree)
    assert message.status == Status.REPLIED and message.replied_on_time
    assert message.reply_org == tree.eco
    message = services.message_publish(actor=staff_.screener, message=message, publish=True)
    assert message.public_state == PublicState.PUBLISHED
    for text in ("李四", "13912345678"):
        assert text not in message.public_body + message.public_reply
    assert message.redaction_log
    message = services.message_evaluate(actor=staff_.screener, message=message, level="satisfied")
    message = services.message_close(actor=staff_.screener, message=message)
    message = services.message_archive(actor=staff_.screener, message=message)
    assert message.status == Status.ARCHIVED
    assert AuditEvent.objects.filter(object_id=str(message.pk), action__startswith="message.").count() >= 10


def test_roles_are_enforced(submitted, staff_, tree):
    message = submitted()
    with pytest.raises(PermissionDenied):
        services.message_accept(actor=staff_.eco, message=message)
    message = services.message_accept(actor=staff_.screener, message=message)
    message = services.message_assign(actor=staff_.screener, message=message, lead=tree.eco)
    with pytest.raises(PermissionDenied):
        services.message_sign(actor=staff_.finance, message=message)
    message = services.message_sign(actor=staff_.eco, message=message)
    message = services.message_reply_draft(actor=staff_.eco, message=message, text="答复")
    with pytest.raises(PermissionDenied):  # the unit's office does not approve its own answer
        services.message_reply_approve(actor=staff_.eco, message=message, approve=True)
    with pytest.raises(ValidationError):  # the platform cannot review before the unit approved
        services.message_reply_review(actor=staff_.screener, message=message, approve=True)
    assert rules.MessageRules(staff_.other, message).open_actions() == dict.fromkeys(
        rules.MessageRules(staff_.other, message).open_actions(), False
    )


def test_platform_returns_for_changes_and_unit_redrafts(submitted, staff_, tree):
    message = services.message_accept(actor=staff_.screener, message=submitted())
    message = services.message_assign(actor=staff_.screener, message=message, lead=tree.eco)
    message = services.message_sign(actor=staff_.eco, message=message)
    message = services.message_reply_draft(actor=staff_.eco, message=message, text="初稿")
    message = services.message_reply_approve(actor=staff_.eco_head, message=message, approve=True)
    with pytest.raises(ValidationError):  # a return needs its reason
        services.message_reply_review(actor=staff_.screener, message=message, approve=False)
    message = services.message_reply_review(
        actor=staff_.screener, message=message, approve=False, note="请写明修复时间"
    )
    assert message.status == Status.HANDLING


def test_refusal_needs_the_proper_channel(submitted, staff_):
    message = submitted()
    with pytest.raises(ValidationError) as exc:
        services.message_refuse(actor=staff_.screener, message=message, reason="petition")
    assert "proper_channel" in exc.value.message_dict
    message = services.message_refuse(
        actor=staff_.screener, message=message, reason="petition", proper_channel="甲市信访局网上信访"
    )
    assert message.status == Status.REFUSED
    assert message.events.filter(public=True, summary__contains="信访").exists()


def test_information_application_moves_to_foi_keeping_its_date(submitted, staff_, tree, freeze):
    message = submitted(date(2026, 9, 29), title="申请公开2026年道路维修资金安排")
    freeze(date(2026, 10, 9))
    grant(staff_.screener, tree.eco, "office")  # the screener also holds the eco bureau's disclosure office
    message = services.message_move_to_foi(
        actor=staff_.screener,
        message=message,
        org=tree.eco,
        data={"id_type": "resident_id", "id_number": "11010519491231002X", "delivery_form": "electronic",
              "delivery_method": "online"},
    )  # fmt: skip
    assert message.status == Status.MOVED
    application = Application.objects.get(pk=message.foi_application_id)
    assert application.received_on == date(2026, 9, 29)
    assert application.info_title == "申请公开2026年道路维修资金安排"


def test_move_to_foi_with_bad_data_loses_nothing(submitted, staff_, tree):
    message = submitted()
    with pytest.raises(PermissionDenied):  # registering needs the receiving organ's disclosure office
        services.message_move_to_foi(actor=staff_.screener, message=message, org=tree.eco, data={})
    grant(staff_.screener, tree.eco, "office")
    with pytest.raises(ValidationError):
        services.message_move_to_foi(actor=staff_.screener, message=message, org=tree.eco, data={})
    message.refresh_from_db()
    assert message.status == Status.SCREENING and not Application.objects.exists()


def test_report_writer_hidden_from_the_reported_unit(submitted, staff_, tree):
    message = submitted(kind="report", title="举报某单位违规收费问题", consent_publish=False)
    message.reported_org = tree.finance
    message.save()
    message = services.message_accept(actor=staff_.screener, message=message)
    with pytest.raises(ValidationError):
        services.message_assign(actor=staff_.screener, message=message, lead=tree.finance)
    message = services.message_assign(actor=staff_.screener, message=message, lead=tree.eco)
    assert rules.can_see_writer(staff_.screener, message)
    assert not rules.can_see_writer(staff_.eco, message)
    assert not rules.can_see_writer(staff_.finance, message)
    assert not rules.may_see(staff_.finance, message)


def test_publication_needs_consent(submitted, staff_, tree):
    message = answered(submitted(consent_publish=False), staff_, tree)
    with pytest.raises(ValidationError):
        services.message_publish(actor=staff_.screener, message=message, publish=True)
    other = answered(
        submitted(title="另一件关于道路的咨询", consent_publish=True, consent_personal=True), staff_, tree
    )
    other = services.message_publish(actor=staff_.screener, message=other, publish=True)
    assert "李四" in other.public_body  # consented to publishing personal data too


def test_unsatisfied_reopens_as_rehandling(submitted, staff_, tree):
    message = answered(submitted(), staff_, tree)
    with pytest.raises(ValidationError):
        services.message_evaluate(actor=staff_.screener, message=message, level="satisfied", reopen=True)
    message = services.message_evaluate(
        actor=staff_.screener, message=message, level="unsatisfied", reopen=True
    )
    assert message.status == Status.HANDLING and message.rehandled == 1 and message.replied_at is None
    assert message.evaluations.count() == 2 - 1


def test_return_within_the_window_and_only_once(submitted, staff_, tree, freeze):
    message = services.message_accept(actor=staff_.screener, message=submitted())
    message = services.message_assign(actor=staff_.screener, message=message, lead=tree.eco)
    message = services.message_return_request(actor=staff_.eco, message=message, reason="属于财政局职责")
    with pytest.raises(ValidationError):
        services.message_return_request(actor=staff_.eco, message=message, reason="再次")
    message = services.message_return_decide(actor=staff_.screener, message=message, grant=True)
    assert message.status == Status.ACCEPTED and not message.assignments.filter(active=True).exists()
    message = services.message_assign(actor=staff_.screener, message=message, lead=tree.finance)
    freeze(date(2026, 10, 8))
    with pytest.raises(ValidationError):
        services.message_return_request(actor=staff_.finance, message=message, reason="太晚")


def test_extension_limited_and_approved_by_the_owner(submitted, staff_, tree):
    message = services.message_accept(actor=staff_.screener, message=submitted())
    due = message.due_at
    message = services.message_assign(actor=staff_.screener, message=message, lead=tree.eco)
    services.message_extension_request(actor=staff_.eco, message=message, amount=5, reason="需现场勘查")
    with pytest.raises(PermissionDenied):
        services.message_extension_decide(actor=staff_.eco_head, message=message, grant=True)
    message = services.message_extension_decide(actor=staff_.screener, message=message, grant=True)
    assert message.due_at > due and message.extensions_granted == 1
    assert message.events.filter(action="extension", public=True).exists()
    services.message_extension_request(actor=staff_.eco, message=message, amount=3, reason="再延")
    message = services.message_extension_decide(actor=staff_.screener, message=message, grant=True)
    with pytest.raises(ValidationError):
        services.message_extension_request(actor=staff_.eco, message=message, amount=1, reason="第三次")


def test_duplicates_and_phone_limit(submitted, channels, freeze):
    first = submitted()
    second = submitted()
    assert second.duplicate_of == first and "内容相同" in second.suspect
    submitted(title="第三件不同的留言标题")
    with pytest.raises(ValidationError) as exc:
        submitted(title="第四件不同的留言标题")
    assert "phone" in exc.value.message_dict
    assert Message.objects.count() == 3


def test_bad_input_gives_chinese_errors(channels, freeze):
    freeze(date(2026, 9, 29))
    with pytest.raises(ValidationError) as exc:
        services.message_submit(channel=channels.mayor, data={"kind": "x", "title": "短"})
    assert set(exc.value.message_dict) >= {"kind", "title", "body", "writer_name", "phone"}
    assert not Message.objects.exists()


def test_overdue_reply_is_not_on_time(submitted, staff_, tree, freeze):
    message = services.message_accept(actor=staff_.screener, message=submitted())
    freeze(date(2026, 11, 2))
    message = services.message_reply_direct(actor=staff_.screener, message=message, text="答复")
    assert message.replied_on_time is False
    assert message.replied_at - message.due_at > timedelta(0)
    assert timezone.localdate(message.replied_at) == date(2026, 11, 2)


def test_a_message_is_forwarded_only_inside_the_channels_government(submitted, staff_, tree):
    message = services.message_accept(actor=staff_.screener, message=submitted())
    with pytest.raises(ValidationError) as refused:
        services.message_assign(actor=staff_.screener, message=message, lead=tree.other_dept)
    assert "本渠道所属政府" in str(refused.value)
    message.refresh_from_db()
    assert message.status == Status.ACCEPTED and not message.assignments.exists()
