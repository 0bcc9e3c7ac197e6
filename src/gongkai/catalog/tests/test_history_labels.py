"""Issue 11, defect 8: the item page's history speaks Chinese (起草信息, 提交审核…), not the stored codes."""

import re

import pytest
from django.urls import reverse

from gongkai.catalog import services
from gongkai.catalog.models import ReviewConclusion
from gongkai.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _visible(html: str) -> str:
    """The page's text, without attribute values (filters keep the codes as option values)."""
    return re.sub(r'="[^"]*"', "", html)


def test_item_history_shows_labels_not_codes(client, tree, people, make_item):
    item = make_item(tree.eco, actor=people.eco_editor)
    services.item_submit(actor=people.eco_editor, item=item)
    services.item_review(
        actor=people.eco_reviewer,
        item=item,
        conclusion=ReviewConclusion.APPROVE,
        basis="经保密审查，同意公开",
    )
    codes = set(AuditEvent.objects.filter(object_id=str(item.pk)).values_list("action", flat=True))
    assert {"item.create", "item.submit", "item.review", "item.publish"} <= codes
    client.force_login(people.eco_reviewer)
    page = _visible(client.get(reverse("backoffice:catalog_item", args=[item.pk])).content.decode())
    for label in ("起草信息", "提交审核", "发布信息"):
        assert label in page, label
    assert not [code for code in codes if code in page]
