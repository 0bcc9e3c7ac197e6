"""Part 四 of the work report counts the region's published guides, complete or not, from the records."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gongkai.servicecatalog import services
from gongkai.servicecatalog.tests.conftest import make_item
from gongkai.workreport import builder

pytestmark = pytest.mark.django_db


def _publish(people, version):
    services.guide_submit(actor=people.eco_editor, version=version, confirm_incomplete=True)
    services.guide_review(
        actor=people.eco_reviewer,
        version=version,
        conclusion="approve",
        basis="同意",
        confirm_incomplete=True,
    )


def test_the_services_part_counts_published_guides_and_the_incomplete_ones(tree, people):
    _publish(people, make_item(people.eco_editor, tree.eco, code="001"))
    _publish(people, make_item(people.eco_editor, tree.eco, code="002", materials=False))
    make_item(people.eco_editor, tree.eco, code="003")  # a draft: not public, not counted
    year = timezone.localdate().year
    part = next(p for p in builder.build(tree.city, year)["parts"] if p["key"] == "services")
    values = {f["ref"]: f["value"] for f in part["figures"]}
    assert values["services.guides"] == values["services.guides.permits"] == 2
    assert values["services.guides.complete"] == 1
    assert "办事指南2项" in part["text"]
    for ref, value in values.items():
        assert builder.records(tree.city, year, ref)[1].count() == value, ref
