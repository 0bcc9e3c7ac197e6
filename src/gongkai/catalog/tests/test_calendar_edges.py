"""Publication deadlines that reach a year without calendar: stored open, filled in and flagged when it arrives."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from gongkai.catalog import selectors, services
from gongkai.catalog.models import Item, ReviewConclusion
from gongkai.core.actors import System
from gongkai.core.models import AuditEvent
from gongkai.testing.calendars import enter_2027

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _published(make_item, org, on: date) -> Item:
    item = make_item(org, written_on=date(2026, 12, 21))
    services.item_review(
        actor=System("测试"), item=item, conclusion=ReviewConclusion.IMPORTED, basis="", publish=False
    )
    return services.item_publish(
        actor=System("测试"), item=item, published_at=datetime.combine(on, time(10), tzinfo=SHANGHAI)
    )


def test_late_items_are_flagged_once_the_missing_year_arrives(tree, people, make_item, freeze):
    freeze(date(2026, 12, 21), at=time(18))
    waiting = make_item(tree.eco, written_on=date(2026, 12, 21))
    assert waiting.due_on is None and waiting.due_missing_year == 2027
    freeze(date(2027, 1, 25), at=time(18))
    on_time = _published(make_item, tree.eco, date(2027, 1, 15))
    late = _published(make_item, tree.eco, date(2027, 1, 25))
    assert not late.is_late and late.due_on is None  # unknown while 2027 is missing, never guessed

    enter_2027()
    for item in (waiting, on_time, late):
        item.refresh_from_db()
        assert item.due_on == date(2027, 1, 19) and item.due_missing_year is None
    assert late.is_late and not on_time.is_late and not waiting.is_late
    late_now = set(
        selectors.late_items(people.city_admin, today=date(2027, 1, 25)).values_list("pk", flat=True)
    )
    assert late_now == {late.pk, waiting.pk}
    audit = AuditEvent.objects.filter(action="item.recompute_due", object_id=str(late.pk)).get()
    assert "超期公开" in audit.note


def test_a_calendar_change_moves_unpublished_deadlines(tree, make_item, freeze):
    from gongkai.workdays.services import Day, calendar_year_set

    freeze(date(2026, 12, 1), at=time(18))
    item = make_item(tree.eco, written_on=date(2026, 12, 1))
    assert item.due_on == date(2026, 12, 29)
    # The year is corrected: 12-24 and 12-25 become holidays.
    from gongkai.workdays.services import chinesecalendar_days

    days = [
        *chinesecalendar_days(2026),
        Day(date(2026, 12, 24), "holiday", "测试"),
        Day(date(2026, 12, 25), "holiday", "测试"),
    ]
    calendar_year_set(actor=System("测试"), year=2026, days=days)
    item.refresh_from_db()
    assert item.due_on == date(2026, 12, 31)
