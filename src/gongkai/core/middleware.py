from __future__ import annotations

from gongkai.core.audit import RequestContext, reset_context, set_context


class AuditContextMiddleware:
    """Makes the client address of a web request available to the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        source = "api" if request.path.startswith("/api/") else "web"
        token = set_context(RequestContext(client_ip=request.META.get("REMOTE_ADDR") or None, source=source))
        try:
            return self.get_response(request)
        finally:
            reset_context(token)
