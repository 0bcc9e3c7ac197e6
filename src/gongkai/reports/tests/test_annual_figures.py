"""The annual report's figures: tables 2, 3, 4, the proactive statistics, scopes and the §7 checks."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.actors import System
from gongkai.reports import builder
from gongkai.reports.models import Scope
from gongkai.reports.services import office_figures_save

pytestmark = pytest.mark.django_db


def build(tree, scope=Scope.REGION, org=None, year=2025):
    return builder.build_annual(org=org or tree.city, year=year, scope=scope)


def test_region_total_is_city_level_plus_counties(tree, data2025):
    report = build(tree)
    p = report["proactive"]
    own = next(s for s in p["segments"] if not s["is_lower"])
    assert own["total"] == 5  # city government and its departments, published in 2025
    assert p["lower"]["total"] == 3  # the county, its department and its township
    assert p["total"] == own["total"] + p["lower"]["total"] == 8
    assert p["normative"] == 3 and p["other"] == 5
    assert p["late"] == 1
    # Per-organisation drill-down adds up to the same total.
    assert sum(o["total"] for o in p["by_org"]) == p["total"]
    levels = {e["key"]: e["count"] for e in p["by_level"]}
    assert levels == {"city": 5, "county": 2, "township": 1}


def test_scopes(tree, data2025):
    assert build(tree, Scope.ALONE)["proactive"]["total"] == 2  # the city government's own items
    assert build(tree, Scope.WITH_DEPARTMENTS)["proactive"]["total"] == 5
    assert build(tree, Scope.ALONE, org=tree.eco)["proactive"]["total"] == 2


def test_table2_normative_registry_and_office_figures(tree, data2025):
    office_figures_save(actor=System("测试"), org=tree.city, year=2025, licensing_decisions="120", penalty_decisions=7,
                        coercion_decisions=0, fee_income_wan="12.5", today=date(2026, 1, 5))  # fmt: skip
    office_figures_save(actor=System("测试"), org=tree.county, year=2025, licensing_decisions=30, fee_income_wan="0.0150",
                        today=date(2026, 1, 5))  # fmt: skip
    t2 = build(tree)["table2"]
    assert t2["rule"] == {"issued": 1, "repealed": 0, "in_force": 1}
    # Two normative documents issued in 2025; the 2024 one was repealed in 2025.
    assert t2["normative"] == {"issued": 2, "repealed": 1, "in_force": 2}
    assert t2["licensing"] == 150 and t2["penalty"] == 7 and t2["coercion"] == 0
    assert t2["fees_wan"] == pytest.approx(12.515)
    # The 2024 registry: the repealed document was still in force at the end of 2024.
    t2_2024 = build(tree, year=2024)["table2"]
    assert t2_2024["normative"] == {"issued": 1, "repealed": 0, "in_force": 1}


def test_table3_counts_and_checks_pass(tree, data2025):
    report = build(tree)
    rows = report["table3"]["rows"]
    assert rows["received"]["total"] == 6
    assert rows["carried_in"] == {"natural": 2, "commercial": 0, "research": 0, "social_welfare": 0,
                                  "legal_services": 0, "other": 0, "total": 2}  # fmt: skip
    assert rows["granted"]["natural"] == 1
    assert rows["partial"]["commercial"] == 1
    assert rows["refused.state_secret"]["research"] == 1
    assert rows["unavailable.not_held"]["legal_services"] == 1
    assert rows["not_handled.repeated"]["natural"] == 1
    assert rows["other.other"]["other"] == 1
    assert rows["outcome_total"]["total"] == 6
    assert rows["carried_out"]["total"] == 2  # the open one, and the township's closed in 2026
    assert len(rows) == 25  # 一, 二, 22 rows under 三, 四
    assert all(check["passed"] for check in report["checks"]), report["checks"]
    for col in report["table3"]["columns"]:
        assert (
            rows["received"][col] + rows["carried_in"][col]
            == rows["outcome_total"][col] + rows["carried_out"][col]
        )


def test_table4_and_fees(tree, data2025):
    report = build(tree)
    t4 = report["table4"]
    assert t4["reconsideration"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert t4["litigation_direct"] == {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1}
    # Decided only in 2026: still pending at the end of 2025.
    assert t4["litigation_after_reconsideration"]["pending"] == 1
    assert report["fees_collected"] == {"amount_yuan": 100.0, "count": 1, "without_receipt": 0}


def test_proactive_breakdowns(tree, data2025):
    p = build(tree)["proactive"]
    topics = {e["key"]: e["count"] for e in p["by_topic"]}
    assert topics == {"02": 7, "10": 1}
    assert {e["key"]: e["count"] for e in p["by_focus_area"]} == {"livelihood-environment": 1}
    assert p["by_channel"] == [{"key": "website", "label": "政府网站", "count": 8}]
    assert p["by_statutory_class"][0]["count"] == 8


def test_outcome_rows_follow_the_foi_outcome_codes():
    from gongkai.foi.models import Outcome
    from gongkai.reports.tables import OUTCOME_LAYOUT

    codes = [code for _, entries in OUTCOME_LAYOUT for code, _ in entries if code != "outcome_total"]
    assert codes == list(Outcome.values)
    assert len(codes) + 1 == 22


def test_item_groups_are_the_three_groupings(tree, data2025):
    """item_groups returns per organisation, per topic and per class rows (grouping sets, emulated on SQLite),
    each adding up to the same total."""
    from gongkai.reports import scopes, selectors

    rs = scopes.resolve(tree.city, Scope.REGION)
    groups = selectors.item_groups(rs, date(2025, 1, 1), date(2025, 12, 31))
    assert groups
    for key in ("org_id", "topic_id", "statutory_class"):
        assert sum(g["total"] for g in groups if g[key] is not None) == 8, key
    assert all(sum(g[k] is not None for k in ("org_id", "topic_id", "statutory_class")) <= 1 for g in groups)


def test_sqlite_counts_read_the_covering_indexes(tree, data2025):
    """On SQLite the yearly counts name their covering index (the planner would fetch every row instead)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's index hints")
    with CaptureQueriesContext(connection) as ctx:
        build(tree)
    sql = "\n".join(q["sql"] for q in ctx.captured_queries)
    for index in ("item_report_idx", "foi_app_closed_idx", "item_normative_idx"):
        assert f'INDEXED BY "{index}"' in sql, index
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN QUERY PLAN SELECT channel, SUM(count) FROM catalog_publication WHERE channel IN "
            "('website', 'gazette') AND org_id IN (1, 2) AND published_on >= '2025-01-01' GROUP BY channel"
        )
        assert "COVERING INDEX" in " ".join(str(r[-1]) for r in cursor.fetchall())


def test_withdrawn_information_counts_neither_in_the_total_nor_in_the_channels(tree, data2025):
    """The 2025 demo report said 主动公开39条 but 政府网站40条: an item published on the website and withdrawn
    later was out of the total and still in the channel figures."""
    from datetime import date

    from gongkai.catalog.models import Item
    from gongkai.reports.tests.conftest import make_item

    before = builder.build_annual(org=tree.city, year=2025, scope=Scope.REGION)["proactive"]
    website = lambda p: next((c["count"] for c in p["by_channel"] if c["key"] == "website"), 0)  # noqa: E731
    item = make_item(tree.eco, published=date(2025, 6, 2))
    Item.objects.filter(pk=item.pk).update(status="withdrawn", withdrawal_reason="内容有误")
    after = builder.build_annual(org=tree.city, year=2025, scope=Scope.REGION)["proactive"]
    assert after["total"] == before["total"]
    assert website(after) == website(before)
    assert website(after) <= after["total"]


def test_part_six_fees_are_the_years_fiscal_bills(tree, data2025):
    """The fees of part 六 are the payments of the year, each with its fiscal bill; one without is a failed check
    whose records list the payment."""
    from decimal import Decimal

    from gongkai.foi.models import Fee
    from gongkai.reports.scopes import resolve
    from gongkai.reports.selectors import records_for
    from gongkai.reports.tests.conftest import make_application, make_fee

    report = build(tree)
    receipts = Fee.objects.filter(paid_on__year=2025, waived=False).exclude(receipt_no="")
    assert Decimal(str(report["fees_collected"]["amount_yuan"])) == sum(f.amount for f in receipts)
    assert next(c for c in report["checks"] if c["code"] == "fee_receipts")["passed"]

    unrecorded = make_application(
        tree.eco, received=date(2025, 5, 6), closed=date(2025, 6, 3), outcome="granted"
    )
    fee = make_fee(unrecorded, amount="200", paid=date(2025, 5, 20), receipt_no="")
    report = build(tree)
    check = next(c for c in report["checks"] if c["code"] == "fee_receipts")
    assert not check["passed"] and check["failures"][0]["records"] == "check.fee_without_receipt"
    kind, records = records_for(
        resolve(tree.city, Scope.REGION), "check.fee_without_receipt", date(2025, 1, 1), date(2025, 12, 31)
    )
    assert kind == "fee" and list(records) == [fee]
