"""Applicants are told of each status change that concerns them, after the commit, without personal data."""

from __future__ import annotations

import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from gongkai.core.models import AuditEvent
from gongkai.foi import notifications, services
from gongkai.foi.tests.conftest import applicant_data


@pytest.fixture(autouse=True)
def _email_only(settings):
    settings.GONGKAI_FOI_NOTIFIERS = ["email"]
    settings.GONGKAI_SITE_DOMAIN = "gk.example.gov.cn"


def _walk_through(tree, office, freeze, capture, **overrides):
    """Submit online, confirm, ask for a correction, receive it, extend, answer: four changes that concern the
    applicant (the correction received and the internal steps are not announced)."""
    freeze(date(2026, 9, 18))
    with capture(execute=True):
        application = services.application_submit(org=tree.eco, data=applicant_data(**overrides)).application
    assert len(mail.outbox) == 0  # the submission itself: the receipt page says it
    seen = []
    with capture(execute=True):
        services.application_confirm_receipt(
            actor=office.clerk, application=application, received_on=date(2026, 9, 18)
        )
    seen.append(len(mail.outbox))
    freeze(date(2026, 9, 21))
    with capture(execute=True):
        services.application_request_correction(
            actor=office.clerk, application=application, requested_on=date(2026, 9, 21), items="请写明文号。"
        )
    seen.append(len(mail.outbox))
    freeze(date(2026, 9, 22))
    with capture(execute=True):
        services.application_receive_correction(
            actor=office.clerk, application=application, text="文号为某某。", received_on=date(2026, 9, 22)
        )
        services.application_assign(actor=office.clerk, application=application, handler=office.clerk)
        services.application_extension_request(
            actor=office.clerk, application=application, days=10, reason="需调档。"
        )
    seen.append(len(mail.outbox))
    with capture(execute=True):
        services.application_extend(actor=office.head, application=application, approved_on=date(2026, 9, 22))
    seen.append(len(mail.outbox))
    with capture(execute=True):
        services.application_answer_save_draft(
            actor=office.clerk, application=application, outcome="refused.process_info", facts="尚在讨论中。"
        )
        services.application_answer_submit(actor=office.clerk, application=application)
        services.application_answer(actor=office.head, application=application)
    seen.append(len(mail.outbox))
    application.refresh_from_db()
    return application, seen


def test_one_mail_per_status_change_with_nothing_personal(
    tree, office, freeze, django_capture_on_commit_callbacks
):
    application, seen = _walk_through(tree, office, freeze, django_capture_on_commit_callbacks)
    assert seen == [
        1,
        2,
        2,
        3,
        4,
    ]  # confirmed, correction asked, (received + assigned: none), extended, answered
    assert {m.to[0] for m in mail.outbox} == {"zhangsan@example.com"}
    for message in mail.outbox:
        assert application.tracking_no in message.subject and application.tracking_no in message.body
        assert "https://gk.example.gov.cn/apply/track/" in message.body
        for personal in ("张三", application.id_number, application.phone, "大气污染", "zhangsan"):
            assert personal not in message.body and personal not in message.subject
    assert "确认收到" in mail.outbox[0].body and "补正" in mail.outbox[1].body
    assert "延长" in mail.outbox[2].body and "作出答复" in mail.outbox[3].body
    sent = AuditEvent.objects.filter(action="application.notification_sent", object_id=str(application.pk))
    assert sent.count() == 4
    for event in sent:
        assert "zhangsan" not in event.note and "email" in event.note


def test_no_mail_for_an_applicant_without_an_address(
    tree, office, freeze, django_capture_on_commit_callbacks
):
    _application, seen = _walk_through(
        tree, office, freeze, django_capture_on_commit_callbacks, email="", phone="024-52345678"
    )
    assert seen == [0, 0, 0, 0, 0]
    assert not AuditEvent.objects.filter(action__startswith="application.notification").exists()


def test_nothing_is_sent_when_the_change_rolls_back(tree, office, freeze, django_capture_on_commit_callbacks):
    freeze(date(2026, 9, 18))
    application = services.application_submit(org=tree.eco, data=applicant_data()).application
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ValidationError):
        services.application_confirm_receipt(
            actor=office.clerk,
            application=application,
            received_on=date(2030, 1, 1),  # in the future
        )
    assert callbacks == [] and mail.outbox == []


class _Gateway(BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        type(self).received.append((self.headers.get("Authorization"), json.loads(self.rfile.read(length))))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    _Gateway.received = []
    _Gateway.status = 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.GONGKAI_FOI_NOTIFIERS = ["sms"]
    settings.GONGKAI_FOI_SMS_URL = f"http://127.0.0.1:{server.server_address[1]}/send"
    settings.GONGKAI_FOI_SMS_TOKEN = "t0ken"
    settings.GONGKAI_FOI_SMS_TEMPLATE = "【{site}】申请{tracking_no}{change}，详见{link}"
    settings.GONGKAI_SITE_NAME = "抚顺市政府信息公开"
    yield _Gateway
    server.shutdown()
    server.server_close()


def test_sms_goes_to_the_configured_gateway_with_the_template(
    tree, office, freeze, gateway, django_capture_on_commit_callbacks
):
    freeze(date(2026, 9, 18))
    application = services.application_submit(
        org=tree.eco, data=applicant_data(phone="+86 138-0013-8000")
    ).application
    with django_capture_on_commit_callbacks(execute=True):
        services.application_confirm_receipt(
            actor=office.clerk, application=application, received_on=date(2026, 9, 18)
        )
    assert len(gateway.received) == 1
    auth, body = gateway.received[0]
    assert auth == "Bearer t0ken" and body["mobile"] == "13800138000"
    assert body["text"] == (
        f"【抚顺市政府信息公开】申请{application.tracking_no}{notifications.CHANGES['confirmed']}，"
        "详见https://gk.example.gov.cn/apply/track/"
    )
    assert mail.outbox == []


def test_a_failing_gateway_is_audited_and_never_breaks_the_change(
    tree, office, freeze, gateway, django_capture_on_commit_callbacks
):
    gateway.status = 500
    freeze(date(2026, 9, 18))
    application = services.application_submit(org=tree.eco, data=applicant_data()).application
    with django_capture_on_commit_callbacks(execute=True):
        services.application_confirm_receipt(
            actor=office.clerk, application=application, received_on=date(2026, 9, 18)
        )
    application.refresh_from_db()
    assert application.status == "received"
    failed = AuditEvent.objects.get(action="application.notification_failed", object_id=str(application.pk))
    assert "confirmed" in failed.note and "sms" in failed.note and "138" not in failed.note


def test_a_landline_gets_no_sms_and_mobile_numbers_are_read(settings):
    assert notifications.mobile_number("024-52345678") == ""
    assert notifications.mobile_number("138 0013 8000") == "13800138000"
    assert notifications.mobile_number("+8613800138000") == "13800138000"


def test_the_console_backend_masks_the_address(tree, freeze, settings, capsys):
    settings.GONGKAI_FOI_NOTIFIERS = ["console"]
    freeze(date(2026, 9, 18))
    application = services.application_submit(org=tree.eco, data=applicant_data()).application
    assert notifications.deliver(application.pk, "answered") == {"console": "sent"}
    out = capsys.readouterr().out
    assert application.tracking_no in out and "zhangsan@" not in out and "z***@example.com" in out
