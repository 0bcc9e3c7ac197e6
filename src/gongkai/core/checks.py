"""Start-up checks (`gongkai check`, `check --deploy`, and every command, runserver and migrate included): a
configured shared cache must be usable, or the rate limits, lockouts and query-code limits would fail per
request instead of at start-up."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

_LOCAL = ("locmem.", "dummy.", "filebased.", "db.")


@register(Tags.caches)
def cache_reachable(app_configs=None, **kwargs):
    from django.core.cache import caches

    errors = []
    for alias, config in settings.CACHES.items():
        backend = config.get("BACKEND", "")
        if any(marker in backend for marker in _LOCAL):
            continue
        where = (
            "REDIS_URL" if alias == "default" and getattr(settings, "REDIS_URL", "") else f"CACHES[{alias!r}]"
        )
        try:
            cache = caches[alias]
            cache.set("gongkai:startup-check", "ok", timeout=10)
            ok = cache.get("gongkai:startup-check") == "ok"
        except Exception as exc:  # any failure is reported, with its kind
            errors.append(
                Error(
                    f"The cache configured by {where} cannot be used: {type(exc).__name__}: {exc}",
                    hint="Check that the Redis server is running and reachable at that URL (docs/deployment.md).",
                    id="gongkai.E001",
                )
            )
            continue
        if not ok:
            errors.append(
                Error(
                    f"The cache configured by {where} does not keep what is written to it.",
                    hint="Check the Redis server's memory policy and the database number in the URL.",
                    id="gongkai.E001",
                )
            )
    return errors
