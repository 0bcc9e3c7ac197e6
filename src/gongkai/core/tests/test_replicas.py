"""Read replicas against a real PostgreSQL streaming replica (gongkai.core.replicas).

`.ci/run` makes the replica (pg_basebackup -R of the server on 5432, started on 5433) and runs this file with
DATABASE_REPLICA_URLS pointing at it; without PostgreSQL or a configured replica these tests skip. Each test
commits (transactional) so that the replica can replay what the primary wrote, and pauses the replay to
make a row that only the primary has.
"""

from __future__ import annotations

import time
from datetime import date

import pytest
from django.conf import settings as django_settings
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from gongkai.catalog.models import Item
from gongkai.core import replicas
from gongkai.core.actors import System

# Decided before any database is set up: a skipped transactional test would still flush the database.
needs_replica = pytest.mark.skipif(
    django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql"
    or not django_settings.DATABASE_REPLICAS,
    reason="needs PostgreSQL and DATABASE_REPLICA_URLS (a streaming replica; .ci/replica-tests makes one)",
)


def _primary_lsn() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        return cursor.fetchone()[0]


def _on_replica(alias: str, sql: str, params=()):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _wait_replayed(alias: str) -> None:
    target = _primary_lsn()
    for _ in range(200):
        if _on_replica(alias, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])[0]:
            return
        time.sleep(0.05)
    pytest.fail("the replica did not replay the primary's changes within 10 s")


@pytest.fixture
def replica(settings):
    if connection.vendor != "postgresql" or not django_settings.DATABASE_REPLICAS:
        pytest.skip("needs PostgreSQL and DATABASE_REPLICA_URLS (a streaming replica; .ci/run makes one)")
    alias = django_settings.DATABASE_REPLICAS[0]
    conn = connections[alias]
    mirror = conn.settings_dict
    # In tests a replica alias mirrors the primary; point it back at the real replica, at the test database
    # (a physical replica holds every database of the primary's cluster).
    real = {**django_settings.DATABASES[alias], "NAME": connection.settings_dict["NAME"]}
    conn.close()
    conn.settings_dict = real
    replicas.health.forget()
    settings.GONGKAI_PAGE_CACHE_SECONDS = 0  # every read below reaches the database
    settings.GONGKAI_REPLICA_CHECK_SECONDS = 0
    settings.GONGKAI_REPLICA_MAX_LAG_SECONDS = 60
    assert _on_replica(alias, "SELECT pg_is_in_recovery()")[0] is True
    yield alias
    conn.close()
    conn.settings_dict = real  # a test may have pointed it elsewhere
    _on_replica(alias, "SELECT pg_wal_replay_resume()")
    conn.close()
    conn.settings_dict = mirror
    replicas.health.forget()


@pytest.fixture
def item_only_the_primary_has(replica, tree):
    """A published item whose title the replica has not replayed yet (its replay is paused)."""
    from gongkai.catalog import services
    from gongkai.catalog.models import Genre, ReviewConclusion, Topic

    item = services.item_create(
        actor=System("测试"), org=tree.eco, title="副本上的旧标题", written_on=date(2026, 3, 2),
        topic=Topic.objects.get(code="0203"), genre=Genre.objects.get(code="notice"), body="<p>正文。</p>",
    )  # fmt: skip
    item = services.item_submit(actor=System("测试"), item=item)
    item = services.item_review(
        actor=System("测试"), item=item, conclusion=ReviewConclusion.APPROVE, basis="同意公开"
    )
    _wait_replayed(replica)
    _on_replica(replica, "SELECT pg_wal_replay_pause()")
    Item.objects.filter(pk=item.pk).update(title="主库上的新标题")
    return item


def _title_seen(client: Client, item) -> str:
    page = client.get(reverse("portal:catalog_item", args=[item.slug])).content.decode()
    if "主库上的新标题" in page:
        return "primary"
    assert "副本上的旧标题" in page
    return "replica"


@needs_replica
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_anonymous_reads_go_to_the_replica(replica, item_only_the_primary_has):
    assert _title_seen(Client(), item_only_the_primary_has) == "replica"
    api = Client().get(f"/api/v1/catalog/items/{item_only_the_primary_has.slug}")
    assert api.status_code == 200 and api.json()["title"] == "副本上的旧标题"


@needs_replica
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_a_user_who_wrote_reads_the_primary(replica, item_only_the_primary_has, people):
    staff = Client()
    staff.force_login(people.eco_editor)  # the session row exists on the primary only
    assert _title_seen(staff, item_only_the_primary_has) == "primary"
    visitor = Client()
    visitor.post(reverse("portal:foi_track"), {"tracking_no": "X", "query_code": "Y"})  # any form sent
    assert visitor.cookies[replicas.READ_YOUR_WRITES_COOKIE].value == "1"
    assert _title_seen(visitor, item_only_the_primary_has) == "primary"
    assert _title_seen(Client(), item_only_the_primary_has) == "replica"


@needs_replica
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_a_lagging_replica_is_skipped(replica, item_only_the_primary_has, settings):
    settings.GONGKAI_REPLICA_MAX_LAG_SECONDS = 1
    time.sleep(1.5)  # the paused replica falls behind the primary's last change
    assert replicas.lag_of(replica) > 1
    assert replicas.replica_for_read() is None
    assert _title_seen(Client(), item_only_the_primary_has) == "primary"


@needs_replica
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_a_replica_that_is_down_is_skipped(replica, item_only_the_primary_has):
    conn = connections[replica]
    conn.close()
    conn.settings_dict = {**conn.settings_dict, "PORT": "5439"}  # nothing listens there
    replicas.health.forget()
    assert replicas.lag_of(replica) is None
    assert _title_seen(Client(), item_only_the_primary_has) == "primary"


def test_where_a_request_may_read(rf):
    """Without a database: which requests may read from a replica (the rest read from the primary)."""
    assert replicas.may_use_replica(rf.get("/catalog/"))
    assert replicas.may_use_replica(rf.get("/api/v1/search/?q=x"))
    assert not replicas.may_use_replica(rf.post("/apply/track/"))
    assert not replicas.may_use_replica(rf.get("/manage/"))
    with_session = rf.get("/catalog/")
    with_session.COOKIES[django_settings.SESSION_COOKIE_NAME] = "x"
    assert not replicas.may_use_replica(with_session)
    wrote = rf.get("/catalog/")
    wrote.COOKIES[replicas.READ_YOUR_WRITES_COOKIE] = "1"
    assert not replicas.may_use_replica(wrote)
    assert not replicas.may_use_replica(rf.get("/api/v1/catalog/items/", HTTP_AUTHORIZATION="Bearer x"))
