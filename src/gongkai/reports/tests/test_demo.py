"""The demo step publishes annual reports built from the demo data, and a second run changes nothing."""

from __future__ import annotations

import pytest

from gongkai.core.models import AuditEvent
from gongkai.demo import reports as demo_reports
from gongkai.reports.models import AnnualReport, OfficeFigures
from gongkai.reports.tests.conftest import report_staff

pytestmark = pytest.mark.django_db


def test_demo_reports_are_published_and_idempotent(tree, data2025, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report_staff(tree.city)  # the demo's city_office and city_office_head
    summary = demo_reports.load(tree.city)
    assert "年度报告" in summary
    published = AnnualReport.objects.filter(org=tree.city, status="published")
    assert published.count() == demo_reports.YEARS_BACK
    assert all(r.catalog_item_id for r in published)
    # Through the same steps as staff: submitted by the office, approved by the head; nothing left to complete.
    _clerk, head = report_staff(tree.city)
    assert all(r.published_by == head and r.submitted_by is not None for r in published)
    assert not any("【" in r.overview + r.problems + r.other_matters for r in published)
    events = AuditEvent.objects.filter(action="report.publish", org=tree.city)
    assert events.count() == demo_reports.YEARS_BACK and all(e.actor == head for e in events)
    figures = OfficeFigures.objects.count()
    assert figures > 0
    again = demo_reports.load(tree.city)
    assert "新发布 0" in again
    assert OfficeFigures.objects.count() == figures
