"""Catalog fixtures: the seeded taxonomies and helpers that run items through the real services."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from unittest import mock

import pytest

from gongkai.catalog import presubmit, services
from gongkai.catalog.models import Genre, ReviewConclusion, Topic
from gongkai.core.actors import System
from gongkai.testing.factories import TEST_JOB


@pytest.fixture
def taxonomy(db):
    return SimpleNamespace(
        topic=Topic.objects.get(code="0203"),  # 综合政务\政务公开
        other_topic=Topic.objects.get(code="1003"),  # 城乡建设、环境保护\环境监测、保护与治理
        top_topic=Topic.objects.get(code="10"),
        genre=Genre.objects.get(code="notice"),
        normative=Genre.objects.get(code="normative"),
    )


@pytest.fixture
def make_item(taxonomy):
    def make(org, *, actor=TEST_JOB, **fields):
        values = {
            "title": "关于做好2026年政务公开工作的通知",
            "written_on": date(2026, 3, 2),
            "topic": taxonomy.topic,
            "genre": taxonomy.genre,
            "body": "<p>各县、区人民政府，市政府各部门：</p><p>现将有关事项通知如下。</p>",
            **fields,
        }
        return services.item_create(actor=actor, org=org, **values)

    return make


@pytest.fixture
def publish(make_item):
    """Create and publish an item as the system (drafted, submitted, approved, published). The submission passes
    the checks that apps above the catalog add (catalog.presubmit, e.g. 三同步), which their own tests cover:
    a catalog test needing a published normative document is not about its interpretation."""

    def run(org, **fields):
        item = make_item(org, **fields)
        with mock.patch.object(presubmit, "_checks", {}):
            item = services.item_submit(actor=System("测试"), item=item)
        return services.item_review(
            actor=System("测试"), item=item, conclusion=ReviewConclusion.APPROVE, basis="同意公开"
        )

    return run
