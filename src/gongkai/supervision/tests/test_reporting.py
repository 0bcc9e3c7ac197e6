"""A unit's monthly report is built from its records, submitted, returned with a comment, resubmitted and
accepted; the region's compiled figures equal the sum of its units'."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.supervision import selectors, services
from gongkai.supervision.models import SubmissionState
from gongkai.supervision.tests.conftest import make_application, make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(tree):
    for d in (3, 12, 20):
        make_item(tree.eco, published=date(2026, 5, d))
    make_item(tree.eco, published=date(2026, 4, 30))
    make_item(tree.finance, published=date(2026, 5, 8))
    make_application(tree.eco, received=date(2026, 5, 6), due=date(2026, 6, 3))
    make_application(tree.eco, received=date(2026, 5, 7), due=date(2026, 6, 4), closed=date(2026, 5, 20))
    make_application(tree.finance, received=date(2026, 5, 11), due=date(2026, 6, 8))


def test_monthly_report_round_trip(tree, who, records):
    report = services.report_prepare(actor=who.eco, org=tree.eco, kind="month", year=2026, period=5)
    assert report.figures["items_published"] == 3
    assert report.figures["applications_received"] == 2
    assert report.figures["applications_closed"] == 1
    assert report.due_on == date(2026, 6, 5)

    with pytest.raises(PermissionDenied):
        services.report_prepare(actor=who.finance, org=tree.eco, kind="month", year=2026, period=5)
    services.report_submit(actor=who.eco, report=report, summary="5月主动公开信息3条，受理申请2件。")
    with pytest.raises(PermissionDenied):
        services.report_accept(actor=who.eco, report=report)
    services.report_return(actor=who.supervisor, report=report, comment="请补充政策解读情况。")
    report.refresh_from_db()
    assert (report.state, report.return_comment) == (SubmissionState.RETURNED, "请补充政策解读情况。")
    with pytest.raises(ValidationError):
        services.report_accept(actor=who.supervisor, report=report)
    services.report_prepare(actor=who.eco, org=tree.eco, kind="month", year=2026, period=5)
    services.report_submit(actor=who.eco, report=report, summary="5月主动公开信息3条，解读1篇，受理申请2件。")
    services.report_accept(actor=who.supervisor, report=report)
    report.refresh_from_db()
    assert report.state == SubmissionState.ACCEPTED
    with pytest.raises(ValidationError):
        services.report_prepare(actor=who.eco, org=tree.eco, kind="month", year=2026, period=5)


def test_region_figures_are_the_sum_of_the_units(tree, who, records):
    reports = []
    for org, actor in ((tree.eco, who.eco), (tree.finance, who.finance)):
        r = services.report_prepare(actor=actor, org=org, kind="month", year=2026, period=5)
        services.report_submit(actor=actor, report=r, summary="本月工作小结。")
        services.report_accept(actor=who.supervisor, report=r)
        reports.append(r)
    compiled = selectors.compiled(tree.city, "month", 2026, 5)
    for key in reports[0].figures:
        assert compiled.totals[key] == sum(r.figures[key] for r in reports)
    assert compiled.totals["items_published"] == 4
    assert compiled.totals["applications_received"] == 3


def test_quarterly_application_figures(tree, who, records):
    report = services.report_prepare(actor=who.eco, org=tree.eco, kind="quarter", year=2026, period=2)
    assert report.figures == {"applications_received": 2, "applications_closed": 1, "applications_carried": 1}
    assert report.due_on == date(2026, 7, 10)


def test_reminders_for_reports_not_submitted(tree, who, records):
    from django.core import mail

    who.eco.email = "eco@example.gov.cn"
    who.eco.save()
    services.report_prepare(actor=who.eco, org=tree.eco, kind="month", year=2026, period=5)
    assert services.reports_remind(today=date(2026, 5, 25)) == {"due_soon": 0, "overdue": 0}
    assert services.reports_remind(today=date(2026, 6, 3)) == {"due_soon": 1, "overdue": 0}  # due 6-5, 3 days
    assert services.reports_remind(today=date(2026, 6, 8)) == {"due_soon": 0, "overdue": 1}
    assert len(mail.outbox) == 2 and "2026年5月" in mail.outbox[0].body


def test_the_daily_command(tree, who, records):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("supervision_daily", "--date", "2026-06-15", stdout=out)
    assert "自查" in out.getvalue() and "报送提醒" in out.getvalue()
    from gongkai.supervision.models import SelfCheck

    assert SelfCheck.objects.filter(org=tree.eco, on=date(2026, 6, 15)).exists()
