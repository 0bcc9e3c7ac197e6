"""Fixtures: the city's general office supervises (tree.office, supervisor), the eco bureau reports."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time
from types import SimpleNamespace

import pytest
from django.utils import timezone

from gongkai.orgs.models import Role
from gongkai.testing.factories import staff

_serial = itertools.count(1)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@pytest.fixture
def who(tree, people):
    return SimpleNamespace(
        supervisor=people.city_supervisor,
        second=staff(tree.office, Role.SUPERVISOR, username="city_supervisor2"),
        eco=people.eco_office,
        finance=staff(tree.finance, Role.OFFICE, username="finance_office"),
        county_supervisor=people.county_supervisor,
        outsider=people.other_editor,
    )


def make_item(org, *, published: date | None, genre: str = "notice", topic: str = "0203", is_late=False,
              written_on=None, normative=False, body=""):  # fmt: skip
    from gongkai.catalog.models import Genre, Item, Topic

    n = next(_serial)
    return Item.objects.create(
        org=org, title=f"测试信息{n}", written_on=written_on or published or date(2026, 1, 5),
        topic=Topic.objects.get(code=topic), genre=Genre.objects.get(code=genre),
        is_normative=normative, normative_kind="normative" if normative else "",
        validity="in_force" if normative else "",
        status="published" if published else "draft",
        index_no=f"S{n:08d}/2026-{n:05d}" if published else None,
        slug=f"s{n:08d}-2026-{n:05d}" if published else None,
        published_at=at(published) if published else None, is_late=is_late, body=body,
    )  # fmt: skip


def make_application(org, *, received: date, due: date, closed: date | None = None):
    from gongkai.foi.models import Application

    n = next(_serial)
    return Application.objects.create(
        org=org, tracking_no=f"SUP{n:08d}", query_code_hash="x", channel="online", applicant_type="natural",
        applicant_name=f"申请人{n}", phone="13800000000", applicant_key=f"k{n}", info_title="某信息",
        delivery_form="electronic", delivery_method="online", received_on=received, due_on=due,
        status="closed" if closed else "in_progress", closed_on=closed, outcome="granted" if closed else "",
    )  # fmt: skip


def make_message(owner, *, received: date, status: str = "handling", due: date | None = None):
    from gongkai.interaction.models import Channel, Message

    channel, _ = Channel.objects.get_or_create(
        code=f"box-{owner.pk}", defaults={"name": f"{owner.name}信箱", "kind": "department", "owner": owner}
    )
    n = next(_serial)
    return Message.objects.create(
        number=f"M{n:08d}", channel=channel, kind="consult", title="关于小区供暖的咨询", body="供暖不热。",
        submitted_at=at(received), received_on=received, accepted_at=at(received), status=status,
        due_at=at(due) if due else None,
    )  # fmt: skip
