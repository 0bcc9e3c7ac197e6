"""The demo step publishes annual reports built from the demo data, and a second run changes nothing."""

from __future__ import annotations

import pytest

from gongkai.demo import reports as demo_reports
from gongkai.reports.models import AnnualReport, OfficeFigures

pytestmark = pytest.mark.django_db


def test_demo_reports_are_published_and_idempotent(tree, data2025, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    summary = demo_reports.load(tree.city)
    assert "年度报告" in summary
    published = AnnualReport.objects.filter(org=tree.city, status="published")
    assert published.count() == demo_reports.YEARS_BACK
    assert all(r.catalog_item_id for r in published)
    figures = OfficeFigures.objects.count()
    assert figures > 0
    again = demo_reports.load(tree.city)
    assert "新发布 0" in again
    assert OfficeFigures.objects.count() == figures
