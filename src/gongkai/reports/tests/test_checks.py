"""The §7 checks: a generated table 3 passes them; planted inconsistencies are reported with their records."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from gongkai.core.actors import System
from gongkai.reports import builder, services
from gongkai.reports.models import Scope
from gongkai.reports.scopes import resolve, year_bounds
from gongkai.reports.selectors import records_for
from gongkai.reports.tests.conftest import make_application, publish

pytestmark = pytest.mark.django_db


@contextmanager
def without_check_constraints():
    """Plant data the foi app's constraints forbid (as a legacy import or a constraint added later would)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("PRAGMA ignore_check_constraints = 1")
        try:
            yield
        finally:
            with connection.cursor() as cur:
                cur.execute("PRAGMA ignore_check_constraints = 0")
    else:
        with connection.cursor() as cur:
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending deferred checks before ALTER TABLE
            cur.execute("ALTER TABLE foi_application DROP CONSTRAINT foi_app_closed_has_outcome")
        yield  # the test's transaction is rolled back, constraint included


def checks_by_code(report):
    return {c["code"]: c for c in report["checks"]}


def test_generated_report_passes_every_check(tree, data2025):
    report = builder.build_annual(org=tree.city, year=2025, scope=Scope.REGION)
    assert [c["code"] for c in report["checks"]] == [
        "row_totals", "column_balance", "outcome_total", "carry_over", "applicant_type", "table4_totals",
        "fee_receipts",
    ]  # fmt: skip
    assert all(c["passed"] for c in report["checks"])


def test_closed_without_outcome_is_reported_with_its_record(client, tree, people, data2025):
    planted = make_application(
        tree.eco, received=date(2025, 4, 1), closed=date(2025, 4, 20), outcome="granted"
    )
    with without_check_constraints():
        type(planted).objects.filter(pk=planted.pk).update(outcome="")
        report = builder.build_annual(org=tree.city, year=2025, scope=Scope.REGION)
        checks = checks_by_code(report)
        assert not checks["outcome_total"]["passed"]
        failure = next(f for f in checks["outcome_total"]["failures"] if f["column"] == "total")
        assert failure["actual"] == failure["expected"] + 1
        assert failure["records"] == "check.outcome_missing"
        rs = resolve(tree.city, Scope.REGION)
        kind, qs = records_for(rs, failure["records"], *year_bounds(2025))
        assert kind == "application" and list(qs) == [planted]
        # Staff see it, with a link to the record; publishing is refused.
        saved = services.annual_report_create(
            actor=System("测试"), org=tree.city, year=2025, scope=Scope.REGION
        )
        client.force_login(people.city_supervisor)
        page = client.get(reverse("backoffice:report_detail", args=[saved.pk])).content.decode()
        assert (
            "未通过" in page and "ref=check.outcome_missing" in page and "有已办结的申请没有办理结果" in page
        )
        records = client.get(
            reverse("backoffice:report_records", args=[saved.pk]), {"ref": "check.outcome_missing"}
        )
        assert planted.tracking_no in records.content.decode()
        with pytest.raises(ValidationError, match="校验未通过"):
            publish(saved, today=date(2026, 2, 1))


def test_closed_before_received_breaks_the_column_balance(tree, data2025):
    planted = make_application(
        tree.eco, received=date(2025, 4, 1), closed=date(2025, 4, 20), outcome="granted"
    )
    type(planted).objects.filter(pk=planted.pk).update(received_on=date(2026, 1, 5))
    checks = checks_by_code(builder.build_annual(org=tree.city, year=2025, scope=Scope.REGION))
    assert not checks["column_balance"]["passed"]
    assert checks["column_balance"]["failures"][0]["records"] == "check.closed_before_received"


def test_carry_over_must_match_last_years_published_report(tree, data2025):
    last = services.annual_report_create(actor=System("测试"), org=tree.city, year=2024, scope=Scope.REGION)
    publish(last, today=date(2025, 3, 1))
    ok = checks_by_code(builder.build_annual(org=tree.city, year=2025, scope=Scope.REGION))
    assert ok["carry_over"]["passed"] and not ok["carry_over"]["note"]
    # A 2024 application is corrected after last year's report was published: it now closed in 2024.
    from gongkai.foi.models import Application

    Application.objects.filter(received_on=date(2024, 12, 28)).update(
        status="closed", closed_on=date(2024, 12, 30), outcome="granted"
    )
    bad = checks_by_code(builder.build_annual(org=tree.city, year=2025, scope=Scope.REGION))
    assert not bad["carry_over"]["passed"]
    failure = next(f for f in bad["carry_over"]["failures"] if f["column"] == "total")
    assert (failure["expected"], failure["actual"]) == (2, 1)


def test_office_figures_enter_table2_and_are_idempotent(tree):
    services.office_figures_save(
        actor=System("测试"), org=tree.eco, year=2025, licensing_decisions=5, today=date(2026, 1, 2)
    )
    services.office_figures_save(
        actor=System("测试"), org=tree.eco, year=2025, licensing_decisions=6, today=date(2026, 1, 2)
    )
    t2 = builder.build_annual(org=tree.eco, year=2025, scope=Scope.ALONE)["table2"]
    assert t2["licensing"] == 6
    with pytest.raises(ValidationError) as exc:
        services.office_figures_save(actor=System("测试"), org=tree.eco, year=2099, today=date(2026, 1, 2))
    assert "年度须在" in str(exc.value)
