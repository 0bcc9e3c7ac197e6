"""The versioned JSON API at /api/v1/ (django-ninja). Each domain has a router module in this package."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from gongkai import __version__

api = NinjaAPI(
    title="Gongkai 政府信息公开平台 API",
    version=f"v1 ({__version__})",
    description='公开数据无需认证；工作人员接口使用会话登录（同后台）。所有错误均以 JSON 返回：{"detail": "中文说明"}。',
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    # Swagger UI from ninja's static files (ninja is in INSTALLED_APPS); no validator badge from another host.
    docs=Swagger(settings={"validatorUrl": None}),
)


@api.get("/", include_in_schema=False, url_name="index")
def index(request):
    """What the API offers: links to its documentation and every path of the OpenAPI document."""
    prefix = request.path.rstrip("/")
    paths = api.get_openapi_schema()["paths"]
    return {
        "name": api.title,
        "version": api.version,
        "description": api.description,
        "docs": f"{prefix}/docs",
        "openapi": f"{prefix}/openapi.json",
        "paths": {
            path: sorted(op.get("summary", "") or method.upper() for method, op in ops.items())
            for path, ops in paths.items()
        },
    }


def _error(request, status: int, detail, **extra):
    return api.create_response(request, {"detail": detail, **extra}, status=status)


@api.exception_handler(NinjaValidationError)
def on_schema_error(request, exc: NinjaValidationError):
    errors = [{"loc": [str(p) for p in e.get("loc", [])], "msg": e.get("msg", "")} for e in exc.errors]
    return _error(request, 422, "请求参数有误，请检查后重试。", errors=errors)


@api.exception_handler(ValidationError)
def on_domain_error(request, exc: ValidationError):
    fields = exc.message_dict if hasattr(exc, "error_dict") else None
    return _error(request, 422, "；".join(exc.messages), fields=fields)


@api.exception_handler(PermissionDenied)
def on_forbidden(request, exc):
    return _error(request, 403, str(exc) or "无权执行该操作。")


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return _error(request, 401, "请先登录。")


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return _error(request, 404, str(exc) or "没有找到。")


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    return _error(request, exc.status_code, str(exc))


from gongkai.api import orgs as _orgs  # noqa: E402 - routers register after the api object exists

api.add_router("/orgs", _orgs.router)

from gongkai.api import reports as _reports  # noqa: E402

api.add_router("/reports", _reports.router)

from gongkai.api import interpretation as _interpretation  # noqa: E402

api.add_router("/interpretation", _interpretation.router)

from gongkai.api import catalog as _catalog  # noqa: E402

api.add_router("/catalog", _catalog.router)

from gongkai.api import search as _search  # noqa: E402

api.add_router("/search", _search.router)

from gongkai.api import foi as _foi  # noqa: E402

api.add_router("/foi", _foi.router)

from gongkai.api import proposals as _proposals  # noqa: E402

api.add_router("/proposals", _proposals.router)
from gongkai.api import interaction as _interaction  # noqa: E402

api.add_router("/interaction", _interaction.router)

from gongkai.api import workreport as _workreport  # noqa: E402

api.add_router("/work-reports", _workreport.router)
from gongkai.api import servicecatalog as _servicecatalog  # noqa: E402

api.add_router("/servicecatalog", _servicecatalog.router)
