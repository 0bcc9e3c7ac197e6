"""Daily jobs: reminder mail to handlers (command and task) and closing lapsed cases."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.foi import services
from gongkai.foi.models import Outcome
from gongkai.foi.tasks import close_lapsed, send_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(register_case, office, freeze):
    office.clerk.email = "clerk@example.gov.cn"
    office.clerk.save()
    office.head.email = "head@example.gov.cn"
    office.head.save()
    overdue = register_case(date(2026, 9, 1), info_title="超期的申请")  # due 2026-09-29
    soon = register_case(date(2026, 9, 25), info_title="快到期的申请")  # due 2026-10-30
    later = register_case(date(2026, 10, 19), info_title="还早的申请")
    services.application_assign(actor=office.clerk, application=soon, handler=office.clerk)
    return overdue, soon, later


def test_reminders_mail_the_handler_or_the_office(cases, freeze):
    overdue, soon, later = cases
    freeze(date(2026, 10, 27))
    out = StringIO()
    call_command("foi_reminders", "--today", "2026-10-27", stdout=out)
    assert "已超过答复期限：1件" in out.getvalue() and "即将到期：1件" in out.getvalue()
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"clerk@example.gov.cn", "head@example.gov.cn"}
    # The assigned case goes to its handler only; the unassigned overdue one to everyone in the office.
    assert soon.tracking_no in by_address["clerk@example.gov.cn"].body
    assert soon.tracking_no not in by_address["head@example.gov.cn"].body
    assert overdue.tracking_no in by_address["head@example.gov.cn"].body
    assert later.tracking_no not in by_address["clerk@example.gov.cn"].body
    for message in mail.outbox:
        assert overdue.id_number not in message.body and overdue.phone not in message.body
        assert "/manage/foi/case/" in message.body


def test_reminders_dry_run_and_bad_dates(cases):
    out = StringIO()
    call_command("foi_reminders", "--today", "2026-10-27", "--dry-run", stdout=out)
    assert mail.outbox == [] and "将发送提醒邮件 2 封" in out.getvalue()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="格式为"):
        call_command("foi_reminders", "--today", "27/10/2026")


def test_tasks_run_the_same_jobs(cases, office, freeze):
    *_, later = cases
    freeze(date(2026, 10, 20))
    services.application_request_correction(
        actor=office.clerk,
        application=later,
        requested_on=date(2026, 10, 20),
        items="请明确",
        correction_due_on=date(2026, 10, 22),
    )
    freeze(date(2026, 10, 27))
    result = close_lapsed.enqueue()
    assert result.return_value == [later.tracking_no]
    later.refresh_from_db()
    assert later.outcome == Outcome.OTHER_NO_CORRECTION
    result = send_reminders.enqueue()
    assert result.return_value["counts"]["overdue"] == 1 and len(mail.outbox) == 2


def test_close_lapsed_command(cases, office, freeze):
    *_, later = cases
    freeze(date(2026, 10, 20))
    services.application_request_correction(
        actor=office.clerk,
        application=later,
        requested_on=date(2026, 10, 20),
        items="请明确",
        correction_due_on=date(2026, 10, 22),
    )
    freeze(date(2026, 10, 23))
    out = StringIO()
    call_command("foi_close_lapsed", "--today", "2026-10-23", stdout=out)
    assert "共办结 1 件" in out.getvalue()
