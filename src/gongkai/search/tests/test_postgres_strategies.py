"""PostgreSQL: every way of matching (GIN index, walks in windows, hand-over to the GIN index, walking on to
the end) finds the same documents, in key order. The small test corpus never needs the hand-overs, so
these tests shrink the walk budget to force each one."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection

from gongkai.search.backends import Filters, Tier, get_backend
from gongkai.search.backends import postgres as pg
from gongkai.search.query import parse
from gongkai.search.tests.conftest import CORPUS
from gongkai.search.text import normalize

if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
    pytest.skip("PostgreSQL backend only", allow_module_level=True)

pytestmark = pytest.mark.django_db

QUERIES = [
    "环境",  # frequent, not in the GIN index (share >= GIN_SHARE): walk, then walk on to the end
    "公开",  # frequent, also in the GIN index
    "施行 办法",  # two frequent lexemes both in the GIN index
    "环境保护",  # frequent pairs and an exact check
    "政府信息",
    "环境 -大气",  # an exclusion checked exactly
    "保护 -棚户区",
    "的",
    "车船税",  # a rare pair: GIN first
    "保障",
]


def _truth(q: str, filters: Filters, docs) -> list[int]:
    parsed = parse(q)
    keys = []
    for doc in docs:
        text = "".join(doc.norm_fields())
        if all(t.norm in text for t in parsed.terms) and not any(t.norm in text for t in parsed.excluded):
            if filters.validity and doc.validity != filters.validity:
                continue
            if filters.org_path and not doc.org_path.startswith(filters.org_path):
                continue
            keys.append(doc.key)
    return sorted(keys)


def _keys(q: str, filters: Filters, limit: int = 100) -> list[int]:
    rows = get_backend().hits(
        tier=Tier.ALL, query=parse(q), filters=filters, key_lo=None, key_hi=None, limit=limit
    )
    return [r.key for r in rows]


def _force(monkeypatch, *, walk: int | None = None, windows: bool = False) -> None:
    if walk is not None:  # a walk of `walk` rows, then the hand-over
        monkeypatch.setattr(pg, "WALK_MAX", walk)
        monkeypatch.setattr(pg, "WALK_MIN", min(walk, pg.WALK_MIN))
    if windows:  # GIN scans in windows of one period each
        monkeypatch.setattr(pg, "GIN_WINDOW_ABOVE", -1)
        monkeypatch.setattr(pg, "WINDOW_BUCKETS", 1)


@pytest.mark.parametrize("q", QUERIES)
@pytest.mark.parametrize(("walk", "windows"), [(None, False), (1, False), (None, True), (1, True)])
def test_every_strategy_finds_the_same_documents_in_key_order(index, monkeypatch, q, walk, windows):
    _force(monkeypatch, walk=walk, windows=windows)
    for filters in (Filters(), Filters(validity="in_force")):
        assert _keys(q, filters) == _truth(q, filters, index), (q, filters)


@pytest.mark.parametrize("q", ["环境", "保护 -棚户区", "施行 办法", "车船税", "最低生活保障"])
@pytest.mark.parametrize("windows", [False, True])
def test_a_limit_returns_the_newest_matches(index, monkeypatch, q, windows):
    _force(monkeypatch, walk=2, windows=windows)
    monkeypatch.setattr(pg, "WALK_MIN", 1)
    truth = _truth(q, Filters(), index)
    for limit in range(1, len(truth) + 1):
        assert _keys(q, Filters(), limit) == truth[:limit]


@pytest.mark.parametrize("q", ["公开", "棚户区", "环境保护"])
def test_a_date_range_inside_the_windows(index, monkeypatch, q):
    # "公开" reaches the GIN index through the hand-over, "棚户区" directly; "环境保护" has an exact check.
    _force(monkeypatch, walk=1, windows=True)
    keys = sorted(d.key for d in index)
    lo, hi = keys[1], keys[-2]
    expected = [k for k in _truth(q, Filters(), index) if lo <= k <= hi]
    rows = get_backend().hits(
        tier=Tier.ALL, query=parse(q), filters=Filters(), key_lo=lo, key_hi=hi, limit=100
    )
    assert [r.key for r in rows] == expected
    assert expected  # the range holds matches (the newest and oldest items are outside it)


def test_every_document_carries_its_period_tag(index):
    with connection.cursor() as cursor:
        cursor.execute("SELECT key, grams::text FROM search_match")
        for key, grams in cursor.fetchall():
            assert f"'#w{pg._bucket(key)}'" in grams


def test_exact_checks_ask_for_more_candidates_when_they_reject_some(index, monkeypatch):
    # "保护环境" has the pairs of "环境保护" documents but not the phrase: candidates the check rejects.
    monkeypatch.setattr(pg, "WALK_MAX", 1)
    monkeypatch.setattr(pg, "WALK_MIN", 1)
    phrase = normalize("保护和改善环境")
    assert _keys("保护和改善环境", Filters(), 1) == _truth(phrase, Filters(), index)[:1]


def test_the_match_table_follows_the_documents(index):
    backend = get_backend()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_match")
        assert cursor.fetchone()[0] == len(CORPUS)
        backend.delete(index[0].item_id)
        cursor.execute("SELECT count(*) FROM search_match WHERE key = %s", [index[0].key])
        assert cursor.fetchone()[0] == 0
        backend.clear()
        cursor.execute("SELECT (SELECT count(*) FROM search_match) + (SELECT count(*) FROM search_document)")
        assert cursor.fetchone()[0] == 0


def test_a_flush_of_the_documents_empties_the_match_table(index):
    """Django's flush truncates model tables only; search_match follows by its trigger, in replica mode too
    (the suite's flushes run in it), so no later search counts documents that are gone."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("TRUNCATE search_document")
        cursor.execute("SELECT count(*) FROM search_match")
        assert cursor.fetchone()[0] == 0
