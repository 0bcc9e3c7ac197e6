"""Index numbers: <prefix>/<year>-<5-digit serial>, per organisation per year, never reused, unique under
concurrent publication (PostgreSQL test with threads)."""

import threading
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections

from gongkai.catalog import services
from gongkai.catalog.models import IndexCounter, Item, ReviewConclusion
from gongkai.core.actors import System

SH = ZoneInfo("Asia/Shanghai")


def test_serials_are_per_organisation_and_year(tree, publish):
    a1 = publish(tree.eco)
    a2 = publish(tree.eco)
    b1 = publish(tree.finance)
    year = a1.published_at.astimezone(SH).year
    assert a1.index_no == f"{tree.eco.org_code}/{year}-00001"
    assert a2.index_no == f"{tree.eco.org_code}/{year}-00002"
    assert b1.index_no == f"{tree.finance.org_code}/{year}-00001"


def test_prefix_follows_the_setting(tree, publish, settings):
    settings.GONGKAI_INDEX_PREFIX = "credit_code"
    item = publish(tree.eco)
    assert item.index_no.startswith(tree.eco.credit_code + "/")


def test_year_is_the_publication_year_in_shanghai(tree, make_item):
    item = make_item(tree.eco, written_on=date(2025, 12, 20))
    services.item_review(
        actor=System("测试"), item=item, conclusion=ReviewConclusion.IMPORTED, basis="", publish=False
    )
    # 2025-12-31 17:30 UTC is already 2026-01-01 in Shanghai.
    item = services.item_publish(
        actor=System("测试"), item=item, published_at=datetime(2025, 12, 31, 17, 30, tzinfo=ZoneInfo("UTC"))
    )
    assert item.index_no.endswith("/2026-00001")


def test_serials_are_never_reused_after_withdrawal(tree, publish):
    first = publish(tree.eco)
    services.item_withdraw(actor=System("测试"), item=first, reason="发布有误，予以撤回")
    second = publish(tree.eco)
    assert first.index_no.endswith("-00001") and second.index_no.endswith("-00002")
    assert Item.objects.get(pk=first.pk).index_no == first.index_no


def test_an_imported_index_number_is_kept_and_the_series_moves_past_it(tree, make_item, publish):
    item = make_item(tree.eco, written_on=date(2026, 1, 5))
    services.item_review(
        actor=System("测试"), item=item, conclusion=ReviewConclusion.IMPORTED, basis="", publish=False
    )
    year = date.today().year
    kept = f"{tree.eco.org_code}/{year}-00042"
    item = services.item_publish(actor=System("测试"), item=item, index_no=kept)
    assert item.index_no == kept
    assert publish(tree.eco).index_no.endswith(f"/{year}-00043")
    other = make_item(tree.eco)
    services.item_review(
        actor=System("测试"), item=other, conclusion=ReviewConclusion.IMPORTED, basis="", publish=False
    )
    with pytest.raises(ValidationError, match="已被使用"):
        services.item_publish(actor=System("测试"), item=other, index_no=kept)
    with pytest.raises(ValidationError, match="格式错误"):
        services.item_publish(actor=System("测试"), item=other, index_no="abc/2017-1")


def test_serial_space_is_bounded(tree, publish):
    item = publish(tree.eco)
    year = item.published_at.astimezone(SH).year
    IndexCounter.objects.filter(org=tree.eco, year=year).update(last_serial=99999)
    with pytest.raises(ValidationError, match="已用尽"):
        publish(tree.eco)


@pytest.mark.postgres
@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="needs PostgreSQL (DATABASE_URL=postgres://…): row locks under real concurrency",
)
# Threads need committed rows: a transactional test. serialized_rollback restores the seeded taxonomies and
# calendar for the tests that run after it in the same process.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_100_concurrent_publications_get_100_consecutive_serials(tree, make_item):
    items = []
    for n in range(100):
        item = make_item(tree.eco, title=f"并发发布测试{n}")
        services.item_submit(actor=System("测试"), item=item)
        items.append(
            services.item_review(
                actor=System("测试"),
                item=item,
                conclusion=ReviewConclusion.APPROVE,
                basis="同意",
                publish=False,
            )
        )
    barrier = threading.Barrier(20)
    errors: list[BaseException] = []

    def worker(chunk):
        try:
            barrier.wait(timeout=30)
            for item in chunk:
                services.item_publish(actor=System("测试"), item=item)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(items[i::20],)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    numbers = list(Item.objects.filter(org=tree.eco).values_list("index_no", flat=True))
    serials = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
    assert len(set(numbers)) == 100
    assert serials == list(range(1, 101))
