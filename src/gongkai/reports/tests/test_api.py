"""The reports API: published reports and statistics (open), live building and office figures (staff)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.actors import System
from gongkai.reports import services
from gongkai.reports.models import Scope
from gongkai.reports.tests.conftest import publish

pytestmark = pytest.mark.django_db


def test_published_reports_and_statistics(client, tree, data2025, django_assert_max_num_queries):
    report = services.annual_report_create(actor=System("测试"), org=tree.city, year=2025, scope=Scope.REGION)
    publish(report, today=date(2026, 2, 1))
    with django_assert_max_num_queries(4):
        listing = client.get("/api/v1/reports/", {"year": 2025})
    assert listing.status_code == 200
    body = listing.json()
    assert body["count"] == 1 and body["items"][0]["org"] == tree.city.credit_code
    assert body["items"][0]["json_url"].endswith("/2025/region.json")
    stats = client.get(
        "/api/v1/reports/statistics", {"org": tree.city.credit_code, "year": 2025, "scope": "region"}
    )
    assert stats.status_code == 200
    data = stats.json()
    assert data["totals"]["items"] == 8 and len(data["items_by_month"]) == 12
    assert sum(m["total"] for m in data["items_by_month"]) == 8
    assert client.get("/api/v1/reports/statistics", {"org": "NOPE", "year": 2025}).status_code == 404
    assert client.get(f"/api/v1/reports/{tree.city.credit_code}/2024/region").status_code == 404


def test_staff_build_and_periods(client, tree, people, data2025):
    client.force_login(people.eco_office)
    own = client.get("/api/v1/reports/build", {"org": tree.eco.credit_code, "year": 2025, "scope": "alone"})
    assert own.status_code == 200 and own.json()["table3"]["rows"]["received"]["total"] == 1
    other = client.get(
        "/api/v1/reports/build", {"org": tree.finance.credit_code, "year": 2025, "scope": "alone"}
    )
    assert other.status_code == 404
    client.force_login(people.city_supervisor)
    periods = client.get(
        "/api/v1/reports/periods",
        {"org": tree.city.credit_code, "year": 2025, "scope": "region", "kind": "quarter"},
    )
    assert periods.status_code == 200 and len(periods.json()["periods"]) == 4
    bad = client.get(
        "/api/v1/reports/periods", {"org": tree.city.credit_code, "year": 2025, "kind": "decade"}
    )
    assert bad.status_code == 422 and "报表周期" in bad.json()["detail"]
    ok = client.put(
        f"/api/v1/reports/figures/{tree.city.credit_code}/2025",
        {"licensing_decisions": 3, "fee_income_wan": "1.25"},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["fee_income_wan"] == 1.25
