"""A circular drafted for a month lists exactly the overdue applications and late items of that month in its
scope, and its problems close when rectified."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.foi.models import Application
from gongkai.supervision import services
from gongkai.supervision.models import CircularState, ProblemKind
from gongkai.supervision.tests.conftest import make_application, make_item

pytestmark = pytest.mark.django_db

MAY = (date(2026, 5, 1), date(2026, 5, 31))
AS_AT = date(2026, 6, 10)


@pytest.fixture
def records(tree):
    r = {}
    # In scope, due in May, not answered in time: listed.
    r["open_late"] = make_application(tree.eco, received=date(2026, 4, 10), due=date(2026, 5, 12))
    r["closed_late"] = make_application(
        tree.finance, received=date(2026, 4, 1), due=date(2026, 5, 6), closed=date(2026, 5, 20)
    )
    r["county_late"] = make_application(tree.county_dept, received=date(2026, 4, 20), due=date(2026, 5, 25))
    # Not listed: answered on time, due another month, outside the region.
    make_application(tree.eco, received=date(2026, 4, 10), due=date(2026, 5, 12), closed=date(2026, 5, 12))
    make_application(tree.eco, received=date(2026, 3, 10), due=date(2026, 4, 8))
    make_application(tree.other_dept, received=date(2026, 4, 10), due=date(2026, 5, 12))
    # Items published late in May in scope: listed; others not.
    r["late_item"] = make_item(tree.eco, published=date(2026, 5, 18), is_late=True)
    r["late_item2"] = make_item(tree.county_dept, published=date(2026, 5, 29), is_late=True)
    make_item(tree.eco, published=date(2026, 4, 29), is_late=True)
    make_item(tree.eco, published=date(2026, 5, 18))
    make_item(tree.other_dept, published=date(2026, 5, 18), is_late=True)
    return r


def _draft(tree, who, scope=None):
    return services.circular_draft(
        actor=who.supervisor, org=tree.office, scope=scope or tree.city, period_start=MAY[0], period_end=MAY[1],
        as_at=AS_AT,
    )  # fmt: skip


def _listed(circular, kind):
    return {p.ref for p in circular.problems.filter(kind=kind)}


def test_a_month_lists_exactly_its_overdue_applications_and_late_items(tree, who, records):
    circular = _draft(tree, who)

    expected_apps = {
        f"foi.application:{a.pk}"
        for a in Application.objects.filter(org__path__startswith=tree.city.path, due_on__range=MAY)
        if a.closed_on is None or a.closed_on > a.due_on
    }
    assert (
        _listed(circular, ProblemKind.OVERDUE_APPLICATION)
        == expected_apps
        == {f"foi.application:{records[k].pk}" for k in ("open_late", "closed_late", "county_late")}
    )
    assert _listed(circular, ProblemKind.LATE_ITEM) == {
        f"catalog.item:{records['late_item'].pk}",
        f"catalog.item:{records['late_item2'].pk}",
    }
    assert circular.title == "关于2026年5月政务公开工作情况的通报"
    assert "共发现问题5个" in circular.body


def test_a_county_scope_lists_only_the_county(tree, who, records):
    circular = _draft(tree, who, scope=tree.county)
    assert {p.org for p in circular.problems.all()} == {tree.county_dept}


def test_problems_close_when_rectified(tree, who, records):
    circular = _draft(tree, who)
    assert circular.problems.filter(rectified_on__isnull=True).count() == 5

    Application.objects.filter(pk=records["open_late"].pk).update(
        status="closed", closed_on=date(2026, 6, 12), outcome="granted"
    )
    assert services.problems_refresh(actor=who.supervisor, circular=circular, today=date(2026, 6, 15)) == 1
    answered = circular.problems.get(ref=f"foi.application:{records['open_late'].pk}")
    assert answered.rectified_on == date(2026, 6, 12)

    late = circular.problems.get(ref=f"catalog.item:{records['late_item'].pk}")
    with pytest.raises(PermissionDenied):
        services.problem_rectify(actor=who.finance, problem=late, response="已整改")
    services.problem_rectify(actor=who.eco, problem=late, response="已建立发布时限提醒，责任人已约谈。")
    late.refresh_from_db()
    assert late.rectified
    # An application answered late stays listed until its unit reports what it changed.
    closed_late = circular.problems.get(ref=f"foi.application:{records['closed_late'].pk}")
    assert not closed_late.rectified and "2026-05-20 才答复" in closed_late.label
    assert circular.problems.filter(rectified_on__isnull=True).count() == 3


def test_edit_approve_and_issue_by_two_people(tree, who, records):
    circular = _draft(tree, who)
    services.circular_edit(actor=who.supervisor, circular=circular, title=circular.title,
                           body=circular.body + "\n特此通报。", doc_no="甲政办发〔2026〕12号")  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.circular_approve(actor=who.supervisor, circular=circular)  # the drafter
    with pytest.raises(PermissionDenied):
        services.circular_draft(actor=who.eco, org=tree.office, scope=tree.city, period_start=MAY[0],
                                period_end=MAY[1])  # fmt: skip
    services.circular_approve(actor=who.second, circular=circular)
    services.circular_issue(actor=who.second, circular=circular, public=True, on=date(2026, 6, 12))
    circular.refresh_from_db()
    assert circular.state == CircularState.PUBLISHED
    with pytest.raises(ValidationError):
        services.circular_edit(actor=who.supervisor, circular=circular, title="x", body="y")
