"""Gongkai settings: every value comes from an environment variable (see .env.example).

Secure by default: DEBUG is off, cookies are secure, HTTPS is enforced; a bad value stops start-up.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from gongkai.config import Env

env = Env()

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env.str("GONGKAI_DATA_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env.bool("DEBUG", False)


def _secret_key() -> str:
    key = env.str("SECRET_KEY", "")
    if key:
        if not DEBUG and len(key) < 50:
            raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long when DEBUG is off.")
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    # Development only: keep one random key per data folder so sessions survive restarts.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "dev-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "treebeard",
    "axes",
    "csp",
    "ninja",  # the API docs from local static files (no CDN)
    "django_tasks",
    "django_tasks_db",
    "gongkai.core",
    "gongkai.workdays",
    "gongkai.orgs",
    "gongkai.documents",
    "gongkai.catalog",
    "gongkai.search",
    "gongkai.foi",
    "gongkai.reports",
    "gongkai.proposals",
    "gongkai.interaction",
    "gongkai.interpretation",
    "gongkai.workreport",
    "gongkai.supervision",
    "gongkai.servicecatalog",
    "gongkai.portal",
    "gongkai.backoffice",
    "gongkai.api",
    "gongkai.demo",
    "gongkai.ops",
]

MIDDLEWARE = [
    "gongkai.ops.metrics.RequestMetricsMiddleware",
    "gongkai.core.clientip.ClientAddressMiddleware",
    "gongkai.core.edge.ApiJsonErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gongkai.core.replicas.ReplicaMiddleware",  # before anything reads: primary or replica for this request
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gongkai.core.edge.UploadLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "gongkai.core.edge.InputGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "gongkai.core.middleware.AuditContextMiddleware",
    "gongkai.portal.pagecache.PageCacheMiddleware",  # last: cached pages still pass every middleware above
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.portal.context_processors.site",
                "gongkai.backoffice.context_processors.staff_roles",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------------
DATABASE_URL = env.str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}")
try:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=env.int("DB_CONN_MAX_AGE", 0, minimum=0))
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
if _db["ENGINE"] not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
    raise ImproperlyConfigured(
        "DATABASE_URL must point at SQLite (sqlite:///…) or PostgreSQL (postgres://…)."
    )
if _db["ENGINE"] == "django.db.backends.sqlite3":
    if _db["NAME"] and _db["NAME"] != ":memory:":
        Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    _db.setdefault("OPTIONS", {})
    # WAL and a busy timeout make the embedded database usable by a server and a command at once. Reading
    # through a memory map (the first SQLITE_MMAP_MB of the file) spares a copy per page: reports over a large
    # catalog read a third faster.
    _mmap = env.int("SQLITE_MMAP_MB", 1024, minimum=0) * 1024 * 1024
    _db["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            f"PRAGMA mmap_size={_mmap};",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DATABASES = {"default": _db}
# Read replicas (docs/deployment.md): PostgreSQL streaming replicas of DATABASE_URL's server, comma-separated.
# Anonymous portal, search and public API reads go to the first fit one (gongkai.core.replicas).
DATABASE_REPLICAS: list[str] = []
for _n, _url in enumerate(env.list("DATABASE_REPLICA_URLS", []), start=1):
    try:
        _replica = dj_database_url.parse(_url, conn_max_age=_db.get("CONN_MAX_AGE", 0))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_REPLICA_URLS: not a valid database URL: {exc}") from None
    if _db["ENGINE"] != "django.db.backends.postgresql" or _replica["ENGINE"] != _db["ENGINE"]:
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URLS needs PostgreSQL for DATABASE_URL and every replica."
        )
    _replica.setdefault("OPTIONS", {})["connect_timeout"] = env.int(
        "DB_REPLICA_CONNECT_TIMEOUT", 2, minimum=1
    )
    _replica["TEST"] = {"MIRROR": "default"}  # tests read the test database through the primary
    DATABASES[f"replica{_n}"] = _replica
    DATABASE_REPLICAS.append(f"replica{_n}")
if DATABASE_REPLICAS:
    DATABASE_ROUTERS = ["gongkai.core.replicas.ReplicaRouter"]
GONGKAI_REPLICA_MAX_LAG_SECONDS = env.int("GONGKAI_REPLICA_MAX_LAG_SECONDS", 5, minimum=0)
GONGKAI_REPLICA_CHECK_SECONDS = env.int("GONGKAI_REPLICA_CHECK_SECONDS", 3, minimum=0)
GONGKAI_READ_YOUR_WRITES_SECONDS = env.int("GONGKAI_READ_YOUR_WRITES_SECONDS", 30, minimum=1)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", "")
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            "REDIS_URL must be redis://host:6379/N, rediss://… (TLS) or unix:///path/to/socket?db=N."
        )
    # Django's RedisCache over the `redis` client (a dependency); start-up fails when it cannot be reached
    # (core/checks.py, gongkai.E001).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", "gongkai"),
            "OPTIONS": {"socket_connect_timeout": 3, "socket_timeout": 3},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous public pages are served from this cache (docs/scaling.md); 0 turns the page cache off. Changes
# invalidate exactly within the cache's reach: with the local-memory cache each process has its own, so a
# change made by another process (a command, another worker) shows once the lifetime has passed.
GONGKAI_PAGE_CACHE_SECONDS = env.int("GONGKAI_PAGE_CACHE_SECONDS", 3600 if REDIS_URL else 60, minimum=0)

# --- Background tasks (django-tasks backport of django.tasks) -------------------------------------
TASK_BACKEND = env.choice("TASK_BACKEND", "immediate", {"immediate", "database"})
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASK_BACKEND]
    }
}

# --- Authentication -------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env.int("PASSWORD_MIN_LENGTH", 10, minimum=8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "backoffice:login"
LOGIN_REDIRECT_URL = "backoffice:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", 30, minimum=1))
# A lockout binds one account from one address: a wrong password from elsewhere never locks the owner out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "gongkai.core.clientip.axes_client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "backoffice/locked_out.html"
AXES_VERBOSE = False
SESSION_COOKIE_AGE = env.int("SESSION_MINUTES", 120, minimum=5) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Security -------------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# How many reverse proxies in front of the application append to X-Forwarded-For (docs/deployment.md): the
# client's address is taken that many hops from the right. 0: no proxy, REMOTE_ADDR is the client.
GONGKAI_TRUSTED_PROXIES = env.int("GONGKAI_TRUSTED_PROXIES", 0, minimum=0, maximum=5)
# Content-Security-Policy (django-csp): everything from this site, no inline script or style, no plugins, no
# framing, forms post only here. The portal, the back office and the API docs (django-ninja's local Swagger UI)
# need nothing more; CSP_REPORT_URI sends violation reports where an operator collects them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        **({"report-uri": [env.str("CSP_REPORT_URI", "")]} if env.str("CSP_REPORT_URI", "") else {}),
    }
}
if env.bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe /healthz over plain HTTP on the internal network (docs/operations.md).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SILENCED_SYSTEM_CHECKS = ["security.W021"] if not SECURE_HSTS_PRELOAD else []
if not REDIS_URL:
    # One process shares its in-memory cache; production sets REDIS_URL (docs/deployment.md).
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003", "django_ratelimit.W001"]

# --- Internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = env.str("LANGUAGE_CODE", "zh-hans")
# The interface is Chinese whatever the browser asks for (no LocaleMiddleware).
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Files ----------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_PERMISSIONS = 0o640

# --- E-mail ---------------------------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "gongkai@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Logging (personal data is never logged) ------------------------------------------------------
# LOG_FORMAT=json writes one JSON object per line (gongkai.ops.logs); requests are logged without their path's
# identifiers, query string, address or user (LOG_REQUESTS=1).
LOG_FORMAT = env.choice("LOG_FORMAT", "text", {"text", "json"})
LOG_REQUESTS = env.bool("LOG_REQUESTS", False)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "gongkai.ops.logs.NoPersonalData"}},
    "formatters": {"json": {"()": "gongkai.ops.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["no_personal_data"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Tasks run in the request with the immediate backend: their RUNNING/SUCCESSFUL lines would drown the
        # output of `make run` and of the commands. The database backend's worker keeps logging them.
        **({"django_tasks": {"level": "WARNING"}} if TASK_BACKEND == "immediate" else {}),
    },
}

# --- The platform ---------------------------------------------------------------------------------
GONGKAI_SITE_NAME = env.str("GONGKAI_SITE_NAME", "政府信息公开平台")
GONGKAI_SITE_DOMAIN = env.str("GONGKAI_SITE_DOMAIN", "127.0.0.1:8000")
GONGKAI_SITE_ID_CODE = env.str("GONGKAI_SITE_ID_CODE", "")
# The site frame of the 2017 website guideline (国办发〔2017〕47号): who runs the site and its filing numbers.
# Empty 主办/承办单位 fall back to the organising government's general office (the competent department);
# an empty organising government is the first top-level organisation of the tree.
GONGKAI_SITE_GOVERNMENT = env.str("GONGKAI_SITE_GOVERNMENT", "")  # credit code of the organising government
GONGKAI_SITE_SPONSOR = env.str("GONGKAI_SITE_SPONSOR", "")  # 主办单位
GONGKAI_SITE_OPERATOR = env.str("GONGKAI_SITE_OPERATOR", "")  # 承办单位
GONGKAI_SITE_ICP = env.str("GONGKAI_SITE_ICP", "")  # ICP备案号, e.g. 辽ICP备05000000号
GONGKAI_SITE_PSB = env.str("GONGKAI_SITE_PSB", "")  # 公安机关备案号, e.g. 辽公网安备 21040002000000号
GONGKAI_SITE_GOV_MARK = env.bool("GONGKAI_SITE_GOV_MARK", False)  # show the 党政机关网站 mark
GONGKAI_SITE_GOV_MARK_URL = env.str("GONGKAI_SITE_GOV_MARK_URL", "")  # its verification link (conac.cn)
GONGKAI_INDEX_PREFIX = env.choice("GONGKAI_INDEX_PREFIX", "org_code", {"org_code", "credit_code"})
GONGKAI_PAGE_SIZE = env.int("GONGKAI_PAGE_SIZE", 20, minimum=5, maximum=200)
GONGKAI_PUBLICATION_DEADLINE_WORKDAYS = env.int("GONGKAI_PUBLICATION_DEADLINE_WORKDAYS", 20, minimum=1)
GONGKAI_UPLOAD_MAX_MB = env.int("GONGKAI_UPLOAD_MAX_MB", 50, minimum=1, maximum=2048)


# Catalog (docs/catalog.md): other publication periods by statutory class ("a20_07=30,a20_04=10"), the
# "at risk" window in working days, attachments per item.
def _deadlines_by_class(raw: str) -> dict[str, int]:
    import re

    periods: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in raw.split(","))):
        code, _, days = part.partition("=")
        if (
            not re.fullmatch(r"a2[01]_[a-z0-9_]+", code.strip())
            or not days.strip().isdigit()
            or int(days) < 1
        ):
            raise ImproperlyConfigured(
                f"GONGKAI_PUBLICATION_DEADLINE_BY_CLASS: {part!r} is not CLASS=WORKDAYS (e.g. a20_07=30)."
            )
        periods[code.strip()] = int(days)
    return periods


GONGKAI_PUBLICATION_DEADLINE_BY_CLASS = _deadlines_by_class(
    env.str("GONGKAI_PUBLICATION_DEADLINE_BY_CLASS", "")
)
GONGKAI_CATALOG_AT_RISK_WORKDAYS = env.int("GONGKAI_CATALOG_AT_RISK_WORKDAYS", 5, minimum=1, maximum=20)
GONGKAI_CATALOG_MAX_ATTACHMENTS = env.int("GONGKAI_CATALOG_MAX_ATTACHMENTS", 20, minimum=1, maximum=200)
# Annual reports (Art. 49): deadlines "MM-DD" of the next year, reminder days before them (reports/conf.py).
GONGKAI_REPORT_DEADLINE_GOVERNMENT = env.str("GONGKAI_REPORT_DEADLINE_GOVERNMENT", "03-31")
GONGKAI_REPORT_DEADLINE_DEPARTMENT = env.str("GONGKAI_REPORT_DEADLINE_DEPARTMENT", "01-31")
GONGKAI_REPORT_REMINDER_DAYS = env.list("GONGKAI_REPORT_REMINDER_DAYS", ["30", "14", "7", "1"])
# Information applications (依申请公开, foi/conf.py): the values docs/legal.md marks as local are settings.
GONGKAI_FOI_FILES_ROOT = Path(env.str("GONGKAI_FOI_FILES_ROOT", str(DATA_DIR / "private")))
GONGKAI_FOI_CORRECTION_WORKDAYS = env.int("GONGKAI_FOI_CORRECTION_WORKDAYS", 15, minimum=1, maximum=60)
GONGKAI_FOI_FEE_PAYMENT_WORKDAYS = env.int("GONGKAI_FOI_FEE_PAYMENT_WORKDAYS", 20, minimum=1, maximum=60)
GONGKAI_FOI_FEE_PAUSES_CLOCK = env.bool("GONGKAI_FOI_FEE_PAUSES_CLOCK", True)
GONGKAI_FOI_TWO_PERSON_APPROVAL = env.bool("GONGKAI_FOI_TWO_PERSON_APPROVAL", True)
GONGKAI_FOI_REMIND_WORKDAYS = env.int("GONGKAI_FOI_REMIND_WORKDAYS", 3, minimum=1, maximum=20)
GONGKAI_FOI_IDENTITY_UPLOAD_MAX_MB = env.int("GONGKAI_FOI_IDENTITY_UPLOAD_MAX_MB", 5, minimum=1, maximum=50)
# Request bodies (core.edge.UploadLimitMiddleware, refused by Content-Length before anything is stored): the
# public's default fits the application form (5 identity proofs of GONGKAI_FOI_IDENTITY_UPLOAD_MAX_MB, as
# Base64 through the API), staff's one attachment of GONGKAI_UPLOAD_MAX_MB (Base64 through the API).
GONGKAI_PUBLIC_REQUEST_MAX_MB = env.int(
    "GONGKAI_PUBLIC_REQUEST_MAX_MB",
    GONGKAI_FOI_IDENTITY_UPLOAD_MAX_MB * 5 * 4 // 3 + 2,
    minimum=1,
    maximum=2048,
)
GONGKAI_REQUEST_MAX_MB = env.int(
    "GONGKAI_REQUEST_MAX_MB", GONGKAI_UPLOAD_MAX_MB * 4 // 3 + 2, minimum=1, maximum=4096
)
# Bodies read into memory (JSON, form fields) may be as large as the request limit allows.
DATA_UPLOAD_MAX_MEMORY_SIZE = max(GONGKAI_PUBLIC_REQUEST_MAX_MB, GONGKAI_REQUEST_MAX_MB) * 1024 * 1024
GONGKAI_FOI_QUERY_FAILURES = env.int("GONGKAI_FOI_QUERY_FAILURES", 5, minimum=1)
GONGKAI_FOI_QUERY_FAILURES_PER_CASE = env.int("GONGKAI_FOI_QUERY_FAILURES_PER_CASE", 10, minimum=1)
GONGKAI_FOI_SUBMISSIONS_PER_HOUR = env.int("GONGKAI_FOI_SUBMISSIONS_PER_HOUR", 20, minimum=1)
GONGKAI_FOI_QUERY_WINDOW_MINUTES = env.int("GONGKAI_FOI_QUERY_WINDOW_MINUTES", 15, minimum=1)
GONGKAI_FOI_LONGER_PERIOD_MAX_WORKDAYS = env.int(
    "GONGKAI_FOI_LONGER_PERIOD_MAX_WORKDAYS", 120, minimum=21, maximum=250
)
GONGKAI_FOI_LONGER_PERIOD_EXTENSION_WORKDAYS = env.int(
    "GONGKAI_FOI_LONGER_PERIOD_EXTENSION_WORKDAYS", 0, minimum=0, maximum=20
)
GONGKAI_FOI_CONFIRM_WORKDAYS = env.int("GONGKAI_FOI_CONFIRM_WORKDAYS", 2, minimum=1, maximum=20)
GONGKAI_FOI_RETENTION_YEARS = env.int("GONGKAI_FOI_RETENTION_YEARS", 10, minimum=1, maximum=100)
GONGKAI_FOI_PROACTIVE_CANDIDATE_MIN = env.int(
    "GONGKAI_FOI_PROACTIVE_CANDIDATE_MIN", 3, minimum=2, maximum=100
)
# Notifications to applicants of the status changes that concern them (docs/foi.md, "Notifications"): the
# backends, comma-separated, among console, email, sms; empty turns them off. Default: console with DEBUG (nothing
# leaves the machine), else email (Django's mail, EMAIL_*); sms needs the gateway's URL.
GONGKAI_FOI_NOTIFIERS = env.list("GONGKAI_FOI_NOTIFIERS", ["console"] if DEBUG else ["email"])
if set(GONGKAI_FOI_NOTIFIERS) - {"console", "email", "sms"}:
    raise ImproperlyConfigured(
        f"GONGKAI_FOI_NOTIFIERS={','.join(GONGKAI_FOI_NOTIFIERS)!r}: use console, email and/or sms."
    )
GONGKAI_FOI_SMS_URL = env.str("GONGKAI_FOI_SMS_URL", "")
if "sms" in GONGKAI_FOI_NOTIFIERS and not GONGKAI_FOI_SMS_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("GONGKAI_FOI_NOTIFIERS includes sms: set GONGKAI_FOI_SMS_URL (http(s)://...).")
GONGKAI_FOI_SMS_TOKEN = env.str("GONGKAI_FOI_SMS_TOKEN", "")
GONGKAI_FOI_SMS_TEMPLATE = env.str(
    "GONGKAI_FOI_SMS_TEMPLATE",
    "【{site}】您的政府信息公开申请{tracking_no}{change}。凭申请编号和查询码查询：{link}",
)
try:
    GONGKAI_FOI_SMS_TEMPLATE.format(site="", tracking_no="", change="", link="")
except (KeyError, IndexError, ValueError) as _exc:
    raise ImproperlyConfigured(
        f"GONGKAI_FOI_SMS_TEMPLATE: only {{site}}, {{tracking_no}}, {{change}} and {{link}} may be used ({_exc!r})."
    ) from None
GONGKAI_FOI_SMS_TIMEOUT_SECONDS = env.int("GONGKAI_FOI_SMS_TIMEOUT_SECONDS", 10, minimum=1, maximum=120)
# Text of files and redaction (docs/documents.md): bounds of the reading process per file, OCR, burn-in.
GONGKAI_DOCUMENTS_TIMEOUT_SECONDS = env.int("GONGKAI_DOCUMENTS_TIMEOUT_SECONDS", 900, minimum=10)
GONGKAI_DOCUMENTS_MEMORY_MB = env.int("GONGKAI_DOCUMENTS_MEMORY_MB", 2048, minimum=256)
GONGKAI_DOCUMENTS_MAX_PAGES = env.int("GONGKAI_DOCUMENTS_MAX_PAGES", 2000, minimum=1)
GONGKAI_DOCUMENTS_OCR_MAX_PAGES = env.int("GONGKAI_DOCUMENTS_OCR_MAX_PAGES", 200, minimum=0)
GONGKAI_DOCUMENTS_OCR_DPI = env.int("GONGKAI_DOCUMENTS_OCR_DPI", 300, minimum=100, maximum=600)
GONGKAI_DOCUMENTS_OCR_PAGE_SECONDS = env.int("GONGKAI_DOCUMENTS_OCR_PAGE_SECONDS", 120, minimum=5)
GONGKAI_DOCUMENTS_CONVERT_SECONDS = env.int("GONGKAI_DOCUMENTS_CONVERT_SECONDS", 180, minimum=5)
GONGKAI_DOCUMENTS_MAX_CHARS = env.int("GONGKAI_DOCUMENTS_MAX_CHARS", 2_000_000, minimum=1000)
GONGKAI_SEARCH_ATTACHMENT_CHARS = env.int(
    "GONGKAI_SEARCH_ATTACHMENT_CHARS", 300_000, minimum=0, maximum=600_000
)
GONGKAI_REDACTION_DPI = env.int("GONGKAI_REDACTION_DPI", 150, minimum=72, maximum=400)

# Operations (docs/operations.md): backups, the metrics endpoint, `gongkai check --deploy`.
GONGKAI_BACKUP_DIR = Path(env.str("GONGKAI_BACKUP_DIR", str(DATA_DIR / "backups")))
# age public keys (age1…) backups are encrypted for; the private key stays with the operator.
GONGKAI_BACKUP_RECIPIENTS = env.list("GONGKAI_BACKUP_RECIPIENTS", [])
GONGKAI_PG_BIN_DIR = env.str("GONGKAI_PG_BIN_DIR", "")
# A backup older than this makes `gongkai check --deploy` warn (0: no warning).
GONGKAI_BACKUP_MAX_AGE_HOURS = env.int("GONGKAI_BACKUP_MAX_AGE_HOURS", 26, minimum=0)
# Bearer token for /metrics (besides a logged-in platform administrator); empty: no token accepted.
GONGKAI_METRICS_TOKEN = env.str("GONGKAI_METRICS_TOKEN", "")
if GONGKAI_METRICS_TOKEN and len(GONGKAI_METRICS_TOKEN) < 32:
    raise ImproperlyConfigured("GONGKAI_METRICS_TOKEN must be at least 32 characters long.")
# A queued task older than this means the worker is not running (TASK_BACKEND=database).
GONGKAI_TASK_MAX_AGE_MINUTES = env.int("GONGKAI_TASK_MAX_AGE_MINUTES", 15, minimum=1)
GONGKAI_DISK_MIN_FREE_PERCENT = env.int("GONGKAI_DISK_MIN_FREE_PERCENT", 10, minimum=0, maximum=90)
