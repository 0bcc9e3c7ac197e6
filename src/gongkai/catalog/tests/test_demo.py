"""The catalog's demo step: several hundred published items of the demo city, every validity, a withdrawn and
late items, work in progress for the demo staff; a second run changes nothing."""

import pytest

from gongkai.catalog.models import Item, Status, Validity
from gongkai.demo import catalog as demo_catalog
from gongkai.demo import city as demo_city


@pytest.mark.django_db
def test_demo_catalog_loads_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    root, _ = demo_city.load_city()
    demo_city.load_users()
    summary = demo_catalog.load(root)
    assert "已发布" in summary
    published = Item.objects.filter(status=Status.PUBLISHED)
    assert published.count() >= 300
    years = {d.year for d in published.values_list("published_at", flat=True)}
    assert set(range(2017, 2026)) <= years
    assert published.values("org").distinct().count() >= 20
    for validity in Validity.values:
        assert Item.objects.filter(is_normative=True, validity=validity).exists(), validity
    assert Item.objects.filter(status=Status.WITHDRAWN).count() == 1
    assert Item.objects.filter(is_late=True).exists()
    for status in (
        Status.DRAFT,
        Status.SUBMITTED,
        Status.RETURNED,
        Status.ESCALATED,
        Status.SCHEDULED,
        Status.APPROVED,
    ):
        assert Item.objects.filter(status=status).exists(), status
    count = Item.objects.count()
    assert "未改动" in demo_catalog.load(root)
    assert Item.objects.count() == count
