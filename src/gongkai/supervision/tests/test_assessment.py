"""An indicator computed from the records equals a count taken from them, and its evidence links lead to
exactly those records; manual scores stay within the weight; units are ranked, a veto fails a unit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gongkai.catalog.models import Item
from gongkai.supervision import selectors, services
from gongkai.supervision.models import IndicatorKind, IndicatorMethod, Metric, Score
from gongkai.supervision.services import IndicatorSpec
from gongkai.supervision.tests.conftest import make_application, make_item

pytestmark = pytest.mark.django_db

AS_AT = date(2026, 12, 31)


@pytest.fixture
def scheme(tree, who):
    return services.scheme_create(
        actor=who.supervisor, org=tree.office, year=2026, name="甲市2026年度政务公开工作考核",
        source="参照泉州鲤城2020政务公开指数、金东2021考核细则", units=[tree.eco, tree.finance],
        indicators=[
            IndicatorSpec("1", "主动公开", "20"),
            IndicatorSpec("1.1", "按时公开", "10", IndicatorMethod.COMPUTED, metric=Metric.LATE_ITEMS,
                          per_record="5", parent="1", rule="超期公开每条扣5分"),
            IndicatorSpec("1.2", "栏目建设", "10", parent="1"),
            IndicatorSpec("2", "依申请公开按期答复", "10", IndicatorMethod.COMPUTED, metric=Metric.OVERDUE_APPLICATIONS,
                          per_record="6"),
            IndicatorSpec("3", "泄密等严重问题", "0", kind=IndicatorKind.VETO),
        ],
    )  # fmt: skip


def test_a_computed_indicator_equals_the_count_and_links_to_exactly_those_records(tree, who, scheme):
    late = [make_item(tree.eco, published=date(2026, m, 10), is_late=True) for m in (3, 7)]
    make_item(tree.eco, published=date(2026, 4, 10))
    make_item(tree.finance, published=date(2026, 4, 10), is_late=True)
    make_item(tree.eco, published=date(2025, 4, 10), is_late=True)

    services.assessment_compute(actor=who.supervisor, scheme=scheme, as_at=AS_AT)

    score = Score.objects.get(indicator__code="1.1", org=tree.eco)
    counted = Item.objects.filter(org=tree.eco, is_late=True, published_at__year=2026).count()
    assert score.count == counted == 2
    assert score.points == Decimal("0")  # 10 − 2 × 5
    links = selectors.resolve_refs(score.evidence)
    assert {obj for _, obj, _ in links} == set(late)
    assert {url for _, _, url in links} == {reverse("backoffice:catalog_item", args=[i.pk]) for i in late}
    assert Score.objects.get(indicator__code="1.1", org=tree.finance).points == Decimal("5")


def test_deductions_never_exceed_the_weight_and_rank(tree, who, scheme):
    for d in (5, 6, 7):
        make_application(tree.finance, received=date(2026, 3, 1), due=date(2026, 3, d))
    services.assessment_compute(actor=who.supervisor, scheme=scheme, as_at=AS_AT)
    assert Score.objects.get(indicator__code="2", org=tree.finance).points == Decimal("0")
    ranked = selectors.results(scheme)
    assert [r.org for r in ranked] == [tree.eco, tree.finance]
    assert ranked[0].total == Decimal("20") and ranked[0].rank == 1


def test_manual_scores_and_veto(tree, who, scheme):
    columns = scheme.indicators.get(code="1.2")
    with pytest.raises(ValidationError):
        services.score_enter(
            actor=who.supervisor, indicator=columns, org=tree.eco, points=Decimal("11"), note="x"
        )
    services.score_enter(actor=who.supervisor, indicator=columns, org=tree.eco, points=Decimal("8"),
                         note="“工作动态”栏目两次超过2周未更新，扣2分（2026-03、2026-08网站检查）")  # fmt: skip
    veto = scheme.indicators.get(code="3")
    services.score_enter(actor=who.supervisor, indicator=veto, org=tree.eco, points=Decimal("0"), count=1,
                         note="2026-09-03 网站泄露个人身份证号码")  # fmt: skip
    services.assessment_compute(actor=who.supervisor, scheme=scheme, as_at=AS_AT)
    ranked = selectors.results(scheme)
    assert ranked[-1].org == tree.eco and ranked[-1].veto
