"""The client's address behind reverse proxies.

Each trusted proxy appends the address it received the request from to `X-Forwarded-For`. With
`GONGKAI_TRUSTED_PROXIES = n`, the client is the n-th address from the right of `X-Forwarded-For` followed by
`REMOTE_ADDR` (the last proxy): addresses further left were written by the client itself and are not trusted.
With 0 (no proxy) `REMOTE_ADDR` is the client. A missing or malformed header falls back to the leftmost address
the proxies vouch for, never to a value the client chose.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.partition(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The client's address for this request (rate limits, lockouts, the audit log)."""
    cached = getattr(request, "_gongkai_client_ip", None)
    if cached is not None:
        return cached
    remote = request.META.get("GONGKAI_PROXY_ADDR") or request.META.get("REMOTE_ADDR") or ""
    trusted = getattr(settings, "GONGKAI_TRUSTED_PROXIES", 0)
    address = _valid(remote) or ""
    if trusted > 0:
        forwarded = [p for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        chain = [*forwarded, remote]
        # chain[-1] is the last proxy; chain[-1 - trusted] the client as the first trusted proxy saw it.
        candidates = chain[-1 - trusted :] if len(chain) > trusted else chain
        for candidate in candidates:
            found = _valid(candidate)
            if found:
                address = found
                break
    request._gongkai_client_ip = address
    return address


def axes_client_ip(request) -> str:
    """django-axes' AXES_CLIENT_IP_CALLABLE."""
    return client_ip(request) or "0.0.0.0"  # noqa: S104 (an address for the lockout key, not a bind)


class ClientAddressMiddleware:
    """First in the stack: REMOTE_ADDR becomes the client's address, so everything after it (axes,
    django-ratelimit, the audit log, the query-code limits) sees the client, not the proxy. The proxy's own
    address stays in META["GONGKAI_PROXY_ADDR"]."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        proxy = request.META.get("REMOTE_ADDR", "")
        request.META.setdefault("GONGKAI_PROXY_ADDR", proxy)
        request.META["REMOTE_ADDR"] = client_ip(request)
        return self.get_response(request)
