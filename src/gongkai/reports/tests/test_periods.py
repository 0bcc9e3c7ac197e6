"""Monthly and quarterly figures add up to the year; deadlines and reminders."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from django.core import mail

from gongkai.core.actors import System
from gongkai.reports import builder, services
from gongkai.reports.models import ReminderSent, Scope
from gongkai.reports.selectors import APPLICANT_TYPES
from gongkai.reports.tests.conftest import publish

pytestmark = pytest.mark.django_db

COLUMNS = [*APPLICANT_TYPES, "total"]


@pytest.mark.parametrize("kind,count", [("month", 12), ("quarter", 4)])
def test_periods_add_up_to_the_year(tree, data2025, kind, count):
    year = builder.build_annual(org=tree.city, year=2025, scope=Scope.REGION)
    periods = builder.build_periods(org=tree.city, year=2025, scope=Scope.REGION, kind=kind)["periods"]
    assert len(periods) == count
    rows = year["table3"]["rows"]
    for key in [k for k in rows if k not in {"carried_in", "carried_out"}]:
        for col in COLUMNS:
            assert sum(p["table3"]["rows"][key][col] for p in periods) == rows[key][col], (key, col)
    for col in COLUMNS:
        assert periods[0]["table3"]["rows"]["carried_in"][col] == rows["carried_in"][col]
        assert periods[-1]["table3"]["rows"]["carried_out"][col] == rows["carried_out"][col]
        for before, after in itertools.pairwise(periods):
            assert before["table3"]["rows"]["carried_out"][col] == after["table3"]["rows"]["carried_in"][col]
    for key in ("total", "normative", "late", "other"):
        assert sum(p["proactive"][key] for p in periods) == year["proactive"][key]


def test_quarter_boundaries():
    quarters = builder.periods_of(2025, "quarter")
    assert [(q[2], q[3]) for q in quarters] == [
        (date(2025, 1, 1), date(2025, 3, 31)),
        (date(2025, 4, 1), date(2025, 6, 30)),
        (date(2025, 7, 1), date(2025, 9, 30)),
        (date(2025, 10, 1), date(2025, 12, 31)),
    ]
    months = builder.periods_of(2024, "month")
    assert months[1][3] == date(2024, 2, 29) and months[-1][3] == date(2024, 12, 31)


def test_deadlines(tree, settings):
    assert services.deadline_for(tree.city, 2025) == date(2026, 3, 31)
    assert services.deadline_for(tree.eco, 2025) == date(2026, 1, 31)
    settings.GONGKAI_REPORT_DEADLINE_DEPARTMENT = "01-15"
    assert services.deadline_for(tree.eco, 2025) == date(2026, 1, 15)


def test_reminders_are_sent_once(tree, people):
    people.eco_office.email = "eco@example.gov.cn"
    people.eco_office.save()
    sent = services.reminders_send(today=date(2026, 1, 25))  # departments: 6 days before 31 January
    eco = [r for r in sent if r.org == tree.eco]
    assert eco and eco[0].days_before == 7 and eco[0].recipients == 1
    assert any("甲市生态环境局" in m.subject for m in mail.outbox)
    assert not any(r.org == tree.city for r in sent)  # governments: 31 March is 65 days away
    again = services.reminders_send(today=date(2026, 1, 25))
    assert not again
    # Once published, no more reminders.
    report = services.annual_report_create(actor=System("测试"), org=tree.eco, year=2025, scope=Scope.ALONE)
    publish(report, today=date(2026, 1, 26))
    later = services.reminders_send(today=date(2026, 1, 31))
    assert not [r for r in later if r.org == tree.eco]
    assert ReminderSent.objects.filter(org=tree.eco).count() == 1
