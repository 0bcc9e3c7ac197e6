"""/healthz for load balancers, /metrics for Prometheus (token or platform administrator), logs without
personal data."""

from __future__ import annotations

import json
import logging
import re
from unittest import mock

import pytest
from django.test import Client

from gongkai.foi import selectors as foi
from gongkai.orgs.models import Role
from gongkai.testing.factories import UserFactory, staff

TOKEN = "metrics-token-0123456789-abcdefghijklmnop"


def _value(text: str, name: str) -> float:
    match = re.search(rf"^{name}(?:\{{[^}}]*\}})? (\S+)$", text, re.M)
    assert match, f"{name} missing"
    return float(match.group(1))


def test_healthz_answers_ok_without_secrets(client, db, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    body = response.content.decode()
    assert settings.SECRET_KEY not in body and "sqlite" not in body and "postgres" not in body


def test_healthz_says_which_part_is_down(client, db):
    with mock.patch("gongkai.ops.views.connections") as conns:
        conns.__getitem__.return_value.cursor.side_effect = Exception("password=secret host=db")
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "unavailable", "cache": "ok"}}
    assert b"secret" not in response.content
    with mock.patch("gongkai.ops.views.cache") as cache:
        cache.get.return_value = None
        response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["checks"]["cache"] == "unavailable"


def test_healthz_is_not_redirected_to_https(db, settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get("/healthz").status_code == 200
    assert client.get("/metrics").status_code == 301  # everything else still goes to HTTPS


def test_metrics_refuse_anonymous_and_wrong_tokens(client, db, settings):
    settings.GONGKAI_METRICS_TOKEN = TOKEN
    response = client.get("/metrics")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"gongkai_" not in response.content
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Basic {TOKEN}").status_code == 401
    settings.GONGKAI_METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 401


def test_metrics_refuse_staff_who_are_not_platform_administrators(client, tree):
    client.force_login(staff(tree.eco, Role.ADMIN, Role.OFFICE))
    assert client.get("/metrics").status_code == 403
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get("/metrics").status_code == 200


@pytest.mark.django_db
def test_metrics_answer_with_the_demos_overdue_counts(client, demo, settings):
    settings.GONGKAI_METRICS_TOKEN = TOKEN
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    overdue = foi.applications_overdue().count()
    soon = foi.applications_due_soon().count()
    assert overdue > 0 and soon > 0  # the demo has both
    assert _value(text, "gongkai_foi_applications_overdue_total") == overdue
    assert _value(text, "gongkai_foi_applications_due_soon_total") == soon
    by_org = re.findall(r'^gongkai_foi_applications_overdue\{org="[^"]+"\} (\S+)$', text, re.M)
    assert sum(float(v) for v in by_org) == overdue
    assert _value(text, "gongkai_foi_applications_open_total") == foi.applications_open().count()
    assert _value(text, "gongkai_backup_last_success_timestamp_seconds") == 0
    assert "gongkai_tasks_queued" in text and "gongkai_tasks_oldest_age_seconds" in text
    # No personal data: no applicant's name or phone number reaches the metrics.
    names = set(foi.applications_open().values_list("applicant_name", flat=True))
    assert not any(n in text for n in names)


def test_metrics_count_requests_and_errors_by_url_name(client, db, settings):
    settings.GONGKAI_METRICS_TOKEN = TOKEN
    auth = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}
    before = client.get("/metrics", **auth).content.decode()
    client.get("/healthz")
    client.get("/no-such-page/x")
    with mock.patch("gongkai.ops.views.secrets.token_hex", side_effect=RuntimeError("boom")):
        Client(raise_request_exception=False).get("/healthz")  # the cache part raises: still 503, not 500
    text = client.get("/metrics", **auth).content.decode()
    line = 'gongkai_http_requests_total{method="GET",status="200",view="healthz"}'
    assert _count(text, line) == _count(before, line) + 1
    assert _count(text, 'gongkai_http_requests_total{method="GET",status="404",view="unmatched"}') >= 1
    assert "/no-such-page" not in text


def _count(text: str, line: str) -> float:
    for row in text.splitlines():
        if row.startswith(line + " "):
            return float(row.split()[-1])
    return 0.0


def test_server_errors_are_counted(db, settings):
    from gongkai.ops import metrics

    request = mock.Mock(method="GET", resolver_match=mock.Mock(view_name="portal:home"))
    before = metrics.ERRORS.labels("portal:home")._value.get()
    metrics.RequestMetricsMiddleware(lambda r: mock.Mock(status_code=500))(request)
    assert metrics.ERRORS.labels("portal:home")._value.get() == before + 1


def test_json_logs_carry_no_personal_data(settings):
    from gongkai.ops.logs import JsonFormatter, NoPersonalData

    request = mock.Mock(
        path="/foi/track/GK2026000123/", resolver_match=mock.Mock(route="foi/track/<str:no>/")
    )
    request.get_full_path.return_value = "/foi/track/GK2026000123/?q=张三"
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "%s: %s", ("Not Found", request.path), None
    )
    record.request = request
    NoPersonalData().filter(record)
    line = JsonFormatter().format(record)
    data = json.loads(line)
    assert data["message"] == "Not Found: /foi/track/<str:no>/"
    assert data["level"] == "WARNING" and data["logger"] == "django.request"
    assert "GK2026000123" not in line and "张三" not in line
    other = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "applicant 11010519491231002X phone 13800138000 a@b.cn", None, None
    )
    NoPersonalData().filter(other)
    assert other.getMessage() == "applicant [id] phone [mobile] [email]"


def test_log_format_json_is_a_setting():
    import subprocess
    import sys

    code = "from django.conf import settings; print(settings.LOGGING['handlers']['console'].get('formatter'))"
    env = {"DJANGO_SETTINGS_MODULE": "gongkai.settings", "DEBUG": "1", "LOG_FORMAT": "json", "PATH": ""}
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.stdout.strip() == "json", out.stderr


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
