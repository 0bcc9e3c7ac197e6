"""The public pages' shared cache: anonymous portal pages served from Django's cache, with exact invalidation.

Which pages, and what they depend on, is the table below (URL name -> scopes). A page is served from the
cache, or stored into it, only for an anonymous reader: a request that carries a session or a messages cookie
(a logged-in staff member, an applicant who opened a case with its query code, anyone with a pending
message) is always built afresh and marked `private`, and what it builds is never stored. The cache key holds
the path, the query string, the reader's display mode (无障碍 / 适老化), the day (pages that depend on today's
date change at midnight) and the current generation of each scope (gongkai.core.pagecache); the services' changes bump the generations.

Every cached page carries an ETag and `Cache-Control: public, no-cache`: browsers and proxies may keep it but
revalidate each time, and a matching If-None-Match gets 304 without the page being built.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)

from gongkai.core import pagecache, replicas
from gongkai.portal.site import display_mode

ALL = pagecache.SCOPES
CATALOG = ("orgs", "catalog")
REPORTS = ("orgs", "reports")

# URL name -> the scopes whose changes it shows. Pages not listed are never cached (forms, the applicant's
# pages, downloads that count, the live statistics page).
CACHED_PAGES: dict[str, tuple[str, ...]] = {
    "portal:home": CATALOG,  # 最新公开
    "portal:disclosure": CATALOG,
    "portal:disclosure_rules": CATALOG,
    "portal:disclosure_statutory": CATALOG,
    "portal:disclosure_class": CATALOG,
    "portal:org_disclosure": CATALOG,
    "portal:org_disclosure_rules": CATALOG,
    "portal:org_disclosure_statutory": CATALOG,
    "portal:org_disclosure_class": CATALOG,
    "portal:contact": ("orgs",),
    "portal:site_map": ("orgs",),
    "portal:org_directory": ("orgs",),
    "portal:org_detail": ("orgs",),
    "portal:guide": ("orgs",),
    "portal:guide_version": ("orgs",),
    "portal:accessibility": ("orgs",),
    "portal:catalog": CATALOG,
    "portal:catalog_normative": CATALOG,
    "portal:catalog_feed": CATALOG,
    "portal:catalog_feed_org": CATALOG,
    "portal:catalog_feed_topic": CATALOG,
    "portal:catalog_item": CATALOG,
    "portal:sitemap": CATALOG,
    "portal:sitemap_section": CATALOG,
    "portal:search": CATALOG,
    "portal:report_list": REPORTS,
    "portal:report_detail": REPORTS,
}
CACHEABLE_STATUS = {200, 410}
STAFF_PATHS = ("/manage/", "/django-admin/")
_VERSION = "1"


def _personal(request) -> bool:
    """A request whose page may hold something of its own: never served from, nor stored into, the cache."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or "messages" in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


def _key(request, scopes) -> str:
    generations = ".".join(str(g) for g in pagecache.generations(scopes))
    # The reader's display mode (无障碍 / 适老化, a cookie) changes the page: each mode has its own copy.
    mode = display_mode(request)
    raw = f"{request.get_host()}|{request.path}|{request.META.get('QUERY_STRING', '')}|{mode}"
    digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return f"gongkai:page:{_VERSION}:{timezone.localdate().isoformat()}:{generations}:{digest}"


def _etag(content: bytes) -> str:
    return '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


def _storable(request, response) -> bool:
    if response.status_code not in CACHEABLE_STATUS or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if "private" in control or "no-store" in control:
        return False
    # A page that asked for a CSRF token, or touched the session, belongs to this visitor.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.modified)


def _public_headers(response, etag: str) -> None:
    response["ETag"] = etag
    patch_cache_control(response, public=True, no_cache=True)
    patch_vary_headers(response, ("Cookie",))


class PageCacheMiddleware:
    """Last in MIDDLEWARE: a cached page still passes through every other middleware on its way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._gongkai_page_key = None
        response = self.get_response(request)
        key = request._gongkai_page_key
        if key is not None:
            return self._store(request, response, key)
        if request.path.startswith(STAFF_PATHS):
            # The back office shows applicants' personal data: no copy anywhere, not even the browser's.
            if "no-store" not in response.get("Cache-Control", ""):
                add_never_cache_headers(response)
                patch_cache_control(response, private=True)
            patch_vary_headers(response, ("Cookie",))
        elif _personal(request):
            # Built for one person: browsers may keep it, shared caches never.
            patch_vary_headers(response, ("Cookie",))
            if "public" not in response.get("Cache-Control", ""):
                patch_cache_control(response, private=True)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            not settings.GONGKAI_PAGE_CACHE_SECONDS
            or request.method not in ("GET", "HEAD")
            or _personal(request)
        ):
            return None
        match = request.resolver_match
        scopes = CACHED_PAGES.get(match.view_name if match else "")
        if scopes is None:
            return None
        key = _key(request, scopes)
        hit = cache.get(key)
        if hit is None:
            request._gongkai_page_key = key  # built by the view, stored on the way out
            return None
        status, headers, content = hit
        etag = headers.get("ETag", "")
        not_modified = get_conditional_response(request, etag=etag, response=None)
        if not_modified is not None:
            _public_headers(not_modified, etag)
            return not_modified
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response

    def _store(self, request, response, key):
        """Store a page that may be shared; answer 304 if it matches the reader's copy."""
        if not _storable(request, response):
            return response
        etag = _etag(response.content)
        _public_headers(response, etag)
        headers = dict(response.items())
        timeout = settings.GONGKAI_PAGE_CACHE_SECONDS
        if replicas.used_replica():
            # Built from a replica that may not have replayed the last change yet: keep it only as long as a
            # replica may lag, so a change never hides behind the cache for longer than that.
            timeout = min(timeout, max(settings.GONGKAI_REPLICA_MAX_LAG_SECONDS, 1))
        cache.set(key, (response.status_code, headers, response.content), timeout)
        response["X-Page-Cache"] = "miss"
        not_modified = get_conditional_response(request, etag=etag, response=response)
        return not_modified if not_modified is not None else response
