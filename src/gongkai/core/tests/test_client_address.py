"""Behind reverse proxies the client's address comes from the trusted hops of X-Forwarded-For: lockouts, rate
limits and the audit log see the client, and one client's failures never lock out another."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from gongkai.core.clientip import client_ip
from gongkai.core.models import AuditEvent
from gongkai.foi.tests.conftest import applicant_data

PROXY = "10.0.0.5"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _request(xff=None, remote=PROXY):
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(
    ("trusted", "xff", "expected"),
    [
        (0, "203.0.113.7", PROXY),  # no proxy trusted: the header is the client's own words
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # a forged first hop is ignored
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.4", "203.0.113.7"),
        (1, None, PROXY),
        (1, "not-an-address", PROXY),
        (1, "[2001:db8::1]:4711", "2001:db8::1"),
        (3, "203.0.113.7", "203.0.113.7"),  # fewer hops than proxies: the leftmost one vouched for
    ],
)
def test_the_client_is_taken_from_the_trusted_hops(settings, trusted, xff, expected):
    settings.GONGKAI_TRUSTED_PROXIES = trusted
    assert client_ip(_request(xff)) == expected


def _login(client, username, password, ip):
    return client.post(
        reverse("backoffice:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=ip,
    )


def test_failures_from_one_client_do_not_lock_the_owner_out(client, people, settings):
    settings.GONGKAI_TRUSTED_PROXIES = 1
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        _login(client, "eco_editor", "wrong", "198.51.100.66")
    assert _login(client, "eco_editor", "Test-password-123", "198.51.100.66").status_code == 429
    owner = _login(client, "eco_editor", "Test-password-123", "203.0.113.7")
    assert owner.status_code == 302


def test_the_audit_log_records_the_client_not_the_proxy(client, people, tree, settings):
    settings.GONGKAI_TRUSTED_PROXIES = 1
    client.force_login(people.city_admin)
    url = reverse("backoffice:org_edit", args=[tree.eco.credit_code])
    client.post(
        url,
        {
            "name": tree.eco.name,
            "short_name": "生态",
            "credit_code": tree.eco.credit_code,
            "level": tree.eco.level,
            "kind": tree.eco.kind,
            "sort_order": 100,
        },
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert AuditEvent.objects.get(action="org.update").client_ip == "203.0.113.9"


def _track(client, tracking_no, code, ip):
    return client.post(
        "/apply/track/",
        {"tracking_no": tracking_no, "query_code": code},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=ip,
    )


def test_wrong_query_codes_lock_the_guesser_not_the_applicant(client, tree, settings):
    from gongkai.foi import services

    settings.GONGKAI_TRUSTED_PROXIES = 1
    settings.GONGKAI_FOI_QUERY_FAILURES = 3
    settings.GONGKAI_FOI_QUERY_FAILURES_PER_CASE = 4
    mine = services.application_submit(org=tree.eco, data=applicant_data())
    number = mine.application.tracking_no
    for i in range(6):  # guessers at several addresses exhaust the case's limit
        _track(client, number, "WRONGCODE1", f"198.51.100.{i // 2 + 1}")
    assert _track(client, number, mine.query_code, "198.51.100.1").status_code == 429
    # Another applicant at another address, and the applicant herself, are not locked out.
    assert _track(client, "GK20990101XXXXX", "ABCDEFGHJK", "203.0.113.50").status_code == 404
    assert _track(client, number, mine.query_code, "203.0.113.7").status_code == 302
