"""REDIS_URL as documented: the client library is installed, the query-code limits and cached exports work
over the real Redis (localhost:6379, db 2 by default; REDIS_TEST_URL overrides), and a Redis that cannot be
reached stops start-up with a clear message."""

import os
import subprocess
import sys
import uuid

import pytest
import redis  # a runtime dependency: REDIS_URL needs it
from django.core.cache import cache

from gongkai.core.checks import cache_reachable
from gongkai.foi import services
from gongkai.foi.tests.conftest import applicant_data

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/2")


def _redis_available() -> bool:
    try:
        redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1).ping()
    except Exception:
        return False
    return True


needs_redis = pytest.mark.skipif(not _redis_available(), reason=f"no Redis at {REDIS_TEST_URL}")


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": f"gongkai-test-{uuid.uuid4().hex[:8]}",
        }
    }
    yield cache
    cache.clear()


@needs_redis
def test_tracking_and_its_limits_work_over_redis(client, tree, settings, redis_cache):
    settings.GONGKAI_FOI_QUERY_FAILURES = 2
    mine = services.application_submit(org=tree.eco, data=applicant_data())
    number = mine.application.tracking_no
    assert (
        client.post("/apply/track/", {"tracking_no": number, "query_code": mine.query_code}).status_code
        == 302
    )
    for _ in range(2):
        assert client.post("/apply/track/", {"tracking_no": number, "query_code": "WRONG"}).status_code == 404
    assert (
        client.post("/apply/track/", {"tracking_no": number, "query_code": mine.query_code}).status_code
        == 429
    )


@needs_redis
def test_exports_are_cached_as_bytes_over_redis(redis_cache):
    content = os.urandom(3 * 1024 * 1024)  # a PDF-sized value
    redis_cache.set("gongkai:report-export:test", content, 60)
    assert redis_cache.get("gongkai:report-export:test") == content
    assert cache_reachable() == []


def test_an_unreachable_cache_is_a_startup_error(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": settings.REDIS_URL}
    }
    errors = cache_reachable()
    assert [e.id for e in errors] == ["gongkai.E001"]
    assert "REDIS_URL" in errors[0].msg


def test_the_check_command_fails_with_an_unreachable_redis(tmp_path):
    env = {
        **os.environ,
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "DEBUG": "1",
        "GONGKAI_DATA_DIR": str(tmp_path),
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "gongkai.E001" in result.stderr + result.stdout


def test_a_malformed_redis_url_stops_start_up(tmp_path):
    env = {**os.environ, "REDIS_URL": "127.0.0.1:6379", "DEBUG": "1", "GONGKAI_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "REDIS_URL must be" in result.stderr
