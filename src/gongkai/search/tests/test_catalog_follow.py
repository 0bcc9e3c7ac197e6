"""The index follows the catalog's services: publish adds, correct replaces, withdraw removes at once."""

from __future__ import annotations

import pytest

from gongkai.catalog import services as catalog
from gongkai.core.actors import System
from gongkai.search import selectors

pytestmark = pytest.mark.django_db


def test_publish_then_withdraw(tree, publish):
    item = publish(
        tree.eco, title="关于开展环境保护专项检查的通知", body="<p>各部门：请做好低保和税收工作。</p>"
    )
    item.refresh_from_db()
    assert item.status == "published"
    for q in ("税", "低保", "环境保护", "專項檢查"):
        found = selectors.search(q=q)
        assert [i.title for i in found.items] == ["关于开展环境保护专项检查的通知"], q
    catalog.item_withdraw(actor=System("测试"), item=item, reason="内容有误")
    assert selectors.search(q="环境保护").total == 0


def test_reindex_command(tree, publish):
    from django.core.management import call_command

    publish(tree.eco, title="营商环境评价报告", body="<p>放管服改革。</p>")
    call_command("search", "reindex", "--no-progress")
    assert selectors.search(q="放管服").total == 1


def test_batch_indexing_replaces_and_removes(tree, publish):
    """items_indexed (imports) replaces a document already in the index and drops an item no longer listed."""
    from gongkai.catalog import indexing

    first = publish(tree.eco, title="关于开展节能宣传周活动的通知", body="<p>节能降耗。</p>")
    second = publish(tree.finance, title="关于调整车船税征收标准的公告", body="<p>车船税按年申报。</p>")
    first.refresh_from_db()
    second.refresh_from_db()
    first.title = "关于开展低碳日活动的通知"
    second.status = "withdrawn"
    indexing.items_indexed(items=[first, second])
    assert selectors.search(q="节能宣传").total == 0
    assert [i.title for i in selectors.search(q="低碳日").items] == ["关于开展低碳日活动的通知"]
    assert selectors.search(q="节能降耗").total == 1  # the body was indexed once, not twice
    assert selectors.search(q="车船税").total == 0
