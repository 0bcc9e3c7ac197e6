"""/healthz for load balancers, /metrics for Prometheus (docs/operations.md)."""

from __future__ import annotations

import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from gongkai.core import access


@never_cache
@require_GET
def healthz(request):
    """Whether this app server can answer: the database and the cache reachable. Says nothing else."""
    checks = {}
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:
        checks["database"] = "unavailable"
    try:
        nonce = secrets.token_hex(8)
        cache.set("gongkai:healthz", nonce, 10)
        checks["cache"] = "ok" if cache.get("gongkai:healthz") == nonce else "unavailable"
    except Exception:
        checks["cache"] = "unavailable"
    ok = all(v == "ok" for v in checks.values())
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", "checks": checks}, status=200 if ok else 503
    )


def _token_ok(request) -> bool:
    expected = settings.GONGKAI_METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if not expected or scheme.lower() != "bearer" or not given:
        return False
    return hmac.compare_digest(given.strip().encode(), expected.encode())


@never_cache
@require_GET
def metrics(request):
    """Prometheus text format, for a bearer token (GONGKAI_METRICS_TOKEN) or a platform administrator."""
    if not _token_ok(request):
        user = request.user
        if not user.is_authenticated:
            response = HttpResponse(
                "需要认证：Authorization: Bearer <令牌>，或以平台管理员身份登录。\n", status=401
            )
            response["WWW-Authenticate"] = 'Bearer realm="gongkai-metrics"'
            response["Content-Type"] = "text/plain; charset=utf-8"
            return response
        if not access.allowed(access.PLATFORM_ADMIN, user):
            return HttpResponse("无权查看运行指标。\n", status=403, content_type="text/plain; charset=utf-8")
    from prometheus_client import CONTENT_TYPE_LATEST

    from gongkai.ops.metrics import exposition

    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
