"""Read replicas (docs/deployment.md): anonymous reads go to a PostgreSQL streaming replica, everything else to
the primary.

`ReplicaMiddleware` decides per request. A request may read from a replica only when it is a GET or HEAD
that carries no session cookie (staff, an applicant following a case), no Authorization header and no
read-your-writes mark, and is not for the back office or the Django admin. Any other request (a form sent, a
login) reads and writes on the primary, and its answer sets the mark (a cookie) for
GONGKAI_READ_YOUR_WRITES_SECONDS, so the same browser reads its own change from the primary until a replica
has it. Inside a transaction every read goes to the primary too.

`ReplicaRouter` sends those reads to the first replica that answers and lags less than
GONGKAI_REPLICA_MAX_LAG_SECONDS; each replica's state is checked at most every
GONGKAI_REPLICA_CHECK_SECONDS per process (a down replica costs one failed connection per period). When no
replica is fit, reads go to the primary. Writes and migrations always go to the primary.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import threading
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction

log = logging.getLogger(__name__)

READ_YOUR_WRITES_COOKIE = "gongkai_rw"
_allowed: contextvars.ContextVar[bool] = contextvars.ContextVar("gongkai_replica_allowed", default=False)
_used: contextvars.ContextVar[bool] = contextvars.ContextVar("gongkai_replica_used", default=False)
_SAFE = ("GET", "HEAD", "OPTIONS")
_PRIMARY_PATHS = ("/manage/", "/django-admin/")
_LAG_SQL = (
    "SELECT pg_is_in_recovery(), CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() "
    "AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN 0 "
    "ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 1e9) END"
)


def aliases() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", []))


class _Health:
    """Per process: when each replica was last checked and whether it was fit."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.state: dict[str, tuple[float, bool]] = {}

    def fit(self, alias: str) -> bool:
        now = time.monotonic()
        checked = self.state.get(alias)
        if checked and now - checked[0] < settings.GONGKAI_REPLICA_CHECK_SECONDS:
            return checked[1]
        with self.lock:
            ok = lag_of(alias)
            fit = ok is not None and ok <= settings.GONGKAI_REPLICA_MAX_LAG_SECONDS
            if checked is None or checked[1] != fit:
                log.warning("read replica %s is %s (lag %s s)", alias, "in use" if fit else "skipped", ok)
            self.state[alias] = (time.monotonic(), fit)
            return fit

    def forget(self) -> None:
        self.state.clear()


health = _Health()


def lag_of(alias: str) -> float | None:
    """Seconds the replica is behind the primary (0 when it has replayed all it received and still
    streams); None when it is down or not a replica."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(_LAG_SQL)
            in_recovery, lag = cursor.fetchone()
    except Exception as exc:
        log.info("read replica %s unreachable: %s", alias, exc.__class__.__name__)
        with contextlib.suppress(Exception):  # a broken connection may fail to close too
            connections[alias].close()
        return None
    if not in_recovery:
        return None
    return float(lag)


def replica_for_read() -> str | None:
    for alias in aliases():
        if health.fit(alias):
            return alias
    return None


def used_replica() -> bool:
    """Whether the current request read anything from a replica (the page cache keeps such pages briefly)."""
    return _used.get()


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not _allowed.get() or transaction.get_connection(DEFAULT_DB_ALIAS).in_atomic_block:
            return DEFAULT_DB_ALIAS
        alias = replica_for_read()
        if alias is None:
            return DEFAULT_DB_ALIAS
        _used.set(True)
        return alias

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas hold the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def may_use_replica(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and READ_YOUR_WRITES_COOKIE not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(_PRIMARY_PATHS)
    )


class ReplicaMiddleware:
    """Early in MIDDLEWARE: decides where this request reads before anything reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allowed = _allowed.set(may_use_replica(request))
        used = _used.set(False)
        try:
            response = self.get_response(request)
        finally:
            _allowed.reset(allowed)
            _used.reset(used)
        if request.method not in _SAFE and aliases():
            response.set_cookie(
                READ_YOUR_WRITES_COOKIE,
                "1",
                max_age=settings.GONGKAI_READ_YOUR_WRITES_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
