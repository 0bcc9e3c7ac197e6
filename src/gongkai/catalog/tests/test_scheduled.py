"""Scheduled publication: approved items wait for their time, then the job publishes them."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from gongkai.catalog import services
from gongkai.catalog.models import Item, Status
from gongkai.catalog.tasks import publish_scheduled_items


def test_scheduled_item_is_published_by_the_job(tree, people, make_item):
    item = make_item(tree.eco, actor=people.eco_editor)
    services.item_submit(actor=people.eco_editor, item=item)
    when = timezone.now() + timedelta(hours=2)
    item = services.item_review(
        actor=people.eco_reviewer, item=item, conclusion="approve", basis="同意，定时发布", publish_at=when
    )
    assert item.status == Status.SCHEDULED and item.index_no is None
    done, failed = services.publish_scheduled(now=timezone.now())
    assert done == [] and failed == []
    done, _ = services.publish_scheduled(now=when + timedelta(seconds=1))
    assert [i.pk for i in done] == [item.pk]
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.index_no


def test_command_and_task(tree, people, make_item):
    item = make_item(tree.eco, actor=people.eco_editor)
    services.item_submit(actor=people.eco_editor, item=item)
    services.item_review(
        actor=people.eco_reviewer, item=item, conclusion="approve", basis="同意", publish=False
    )
    services.item_schedule(
        actor=people.eco_reviewer, item=item, publish_at=timezone.now() + timedelta(minutes=1)
    )
    Item.objects.filter(pk=item.pk).update(scheduled_at=timezone.now() - timedelta(minutes=1))
    out = StringIO()
    call_command("publish_scheduled", stdout=out)
    assert "成功 1 条" in out.getvalue()
    assert publish_scheduled_items.enqueue().return_value == {"published": 0, "failed": 0}


def test_schedule_time_must_be_in_the_future(tree, people, make_item):
    item = make_item(tree.eco, actor=people.eco_editor)
    services.item_submit(actor=people.eco_editor, item=item)
    with pytest.raises(ValidationError, match="晚于当前时间"):
        services.item_review(
            actor=people.eco_reviewer, item=item, conclusion="approve", basis="同意",
            publish_at=timezone.now() - timedelta(hours=1),
        )  # fmt: skip
    assert Item.objects.get(pk=item.pk).status == Status.SUBMITTED
