import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
application = get_wsgi_application()

# gunicorn runs no system checks: a configured cache that cannot be used stops the worker here, clearly,
# rather than failing rate limits, lockouts and exports request by request.
from gongkai.core.checks import cache_reachable  # noqa: E402

_errors = cache_reachable()
if _errors:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("; ".join(e.msg for e in _errors))
