"""core.bulk.insert writes what bulk_create writes, and sets the primary keys in order."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core import bulk
from gongkai.core.models import AuditEvent
from gongkai.testing.factories import make_org

pytestmark = pytest.mark.django_db

FIELDS = (
    "actor_label", "org_id", "action", "object_type", "object_id", "before", "after", "note", "client_ip", "source",
)  # fmt: skip


def _events(org, n: int, tag: str) -> list[AuditEvent]:
    return [
        AuditEvent(
            actor_label="系统",
            org=org if i % 2 else None,
            action=f"bulk.{tag}",
            object_type="x.y",
            object_id=str(i),
            before=None if i % 3 else "一段文字",  # a JSON string, not a column string
            after={"day": date(2026, 1, 2), "n": i, "名称": "值"},
            note="",
            client_ip="" if i % 2 else "10.0.0.1",
        )
        for i in range(n)
    ]


def _rows(tag: str) -> list[tuple]:
    return list(AuditEvent.objects.filter(action=f"bulk.{tag}").order_by("pk").values_list(*FIELDS))


def test_insert_matches_bulk_create_and_sets_keys_in_order():
    org = make_org(name="批量写入测试局")
    AuditEvent.objects.bulk_create(_events(org, 25, "django"))
    objs = _events(org, 700, "fast")  # more rows than one statement takes
    bulk.insert(AuditEvent, objs)
    assert [o.pk for o in objs] == sorted(o.pk for o in objs)
    assert all(not o._state.adding for o in objs)
    stored = {e.pk: e for e in AuditEvent.objects.filter(action="bulk.fast")}
    assert [stored[o.pk].object_id for o in objs] == [str(i) for i in range(700)]
    assert all(stored[o.pk].occurred_at is not None for o in objs)
    # auto_now_add: one moment for the call, set on the objects as stored
    assert len({o.occurred_at for o in objs}) == 1
    assert stored[objs[0].pk].occurred_at == objs[0].occurred_at == stored[objs[-1].pk].occurred_at
    fast = [r[:2] + r[3:] for r in _rows("fast")[:25]]
    django = [r[:2] + r[3:] for r in _rows("django")]
    assert fast == django
    assert _rows("fast")[0][6] == {"day": "2026-01-02", "n": 0, "名称": "值"}
    assert _rows("fast")[1][8] is None  # "" becomes NULL for an address, as bulk_create does


def test_insert_of_nothing_does_nothing():
    bulk.insert(AuditEvent, [])
