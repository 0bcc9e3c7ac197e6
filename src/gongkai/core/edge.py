"""What is refused at the edge, before any view, form, schema or query sees it.

- NUL characters (and the other C0 controls except tab, line feed and carriage return) in the path, form
  fields, uploaded file names or JSON strings: PostgreSQL cannot store or compare NUL in text, and no
  legitimate input contains them. The answer is 400 with a Chinese message (JSON under /api/). In query strings
  they are removed instead (a search or a filter goes on with the cleaned value).
- API errors are always JSON: whatever answers an error under /api/ with something else (Django's 404 for an
  unknown path, 405, CSRF's 403, a 400, a 500) is replaced by `{"detail": "中文"}` with the same status.
"""

from __future__ import annotations

import json
import re

from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render

_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MESSAGE = "请求中含有不允许的控制字符（如空字符），请删除后重试。"

API_PREFIX = "/api/"
_STATUS_DETAIL = {
    400: "请求有误。",
    401: "请先登录。",
    403: "无权执行该操作（或表单已过期，请刷新后重试）。",
    404: "没有找到。",
    405: "不支持该请求方法。",
    413: "请求内容过大。",
    415: "不支持该内容类型。",
    429: "请求过于频繁，请稍后再试。",
    500: "系统繁忙，请稍后再试。",
}


def is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def has_forbidden(text: str) -> bool:
    return bool(text) and _FORBIDDEN.search(text) is not None


def _json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _strip_query(request) -> None:
    """Query strings are cleaned rather than refused: a search for "a\x00b" is a search for "ab"."""
    if not any(has_forbidden(k) or any(has_forbidden(v) for v in vs) for k, vs in request.GET.lists()):
        return
    from django.http import QueryDict

    cleaned = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        cleaned.setlist(_FORBIDDEN.sub("", key), [_FORBIDDEN.sub("", v) for v in values])
    request.META["QUERY_STRING"] = cleaned.urlencode()
    cleaned._mutable = False
    request.GET = cleaned


def _hostile(request) -> bool:
    if has_forbidden(request.path_info):
        return True
    _strip_query(request)
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return False
    content_type = request.content_type or ""
    if content_type in {"multipart/form-data", "application/x-www-form-urlencoded"}:
        for key, values in request.POST.lists():
            if has_forbidden(key) or any(has_forbidden(v) for v in values):
                return True
        for files in request.FILES.lists():
            if any(has_forbidden(f.name or "") for f in files[1]):
                return True
    elif content_type.endswith("json"):
        body = request.body
        if b"\x00" in body:
            return True
        if b"\\u00" in body.lower():
            try:
                data = json.loads(body)
            except ValueError:
                return False  # the schema answers malformed JSON
            return any(has_forbidden(s) for s in _json_strings(data))
    return False


def refuse(request, message: str, status: int = 400):
    if is_api(request):
        return JsonResponse({"detail": message}, status=status, json_dumps_params={"ensure_ascii": False})
    return render(request, "portal/error.html", {"status": status, "title": "请求有误", "message": message},
                  status=status)  # fmt: skip


class InputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            hostile = _hostile(request)
        except MultiPartParserError:
            return refuse(request, "上传的表单数据已损坏，请重新提交。")
        except UnicodeDecodeError:
            return refuse(request, "请求的字符编码有误（应为 UTF-8）。")
        if hostile:
            return refuse(request, MESSAGE)
        return self.get_response(request)


class ApiJsonErrorsMiddleware:
    """Outermost for /api/: an error that is not JSON becomes JSON, status (and Allow) kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code >= 400 and is_api(request) and "json" not in response.get("Content-Type", ""):
            replacement = JsonResponse(
                {"detail": _STATUS_DETAIL.get(response.status_code, "请求未能完成。")},
                status=response.status_code,
                json_dumps_params={"ensure_ascii": False},
            )
            for header in ("Allow", "Retry-After"):
                if header in response:
                    replacement[header] = response[header]
            return replacement
        return response


# --- Request size -------------------------------------------------------------------------------------------


def request_limit_bytes(request) -> int:
    """The largest body accepted for this request: staff (a signed-in account) or the public."""
    from django.conf import settings

    user = getattr(request, "user", None)
    staff = bool(user is not None and user.is_authenticated)
    mb = settings.GONGKAI_REQUEST_MAX_MB if staff else settings.GONGKAI_PUBLIC_REQUEST_MAX_MB
    return mb * 1024 * 1024


def shows_upload_limit_on_its_form(view):
    """Marks a view that shows an oversized submission's refusal on its own (blank) form, reading
    `request.upload_refused`; other views answer 413 with the message."""
    view.shows_upload_limit_on_its_form = True
    return view


class UploadLimitMiddleware:
    """Refuses a body larger than the limit by its Content-Length, before any of it is read or stored (the
    proxy should stream bodies through: see docs/deployment.md). After AuthenticationMiddleware (the limit
    depends on who sends it), before anything that reads the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return refuse(request, "请求长度无效。")
        limit = request_limit_bytes(request)
        if length <= limit:
            return self.get_response(request)
        message = (
            f"提交的内容合计 {length / 1024 / 1024:.1f} MB，超过了每次提交 {limit // 1024 // 1024} MB 的上限，"
            "未被接收。请减少或压缩文件后重新提交（各表单的单个文件上限见文件栏下的说明）。"
        )
        from django.http import QueryDict
        from django.urls import Resolver404, resolve

        try:
            view = resolve(request.path_info).func
        except Resolver404:
            view = None
        if view is not None and getattr(view, "shows_upload_limit_on_its_form", False):
            # The body is never read: the view shows its blank form with the message. Nothing else can
            # happen on an empty submission, so the CSRF token (in the unread body) is not asked for.
            from django.utils.datastructures import MultiValueDict as _Files

            request._post, request._files = QueryDict(), _Files()
            request.upload_refused = message
            request._dont_enforce_csrf_checks = True
            response = self.get_response(request)
            response["Connection"] = "close"
            return response
        response = refuse(request, message, status=413)
        response["Connection"] = "close"
        return response
