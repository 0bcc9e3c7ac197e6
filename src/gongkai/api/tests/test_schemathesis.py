"""Schemathesis against the OpenAPI document: every operation, anonymous and with two staff sessions (an
administrator; a department's editor, reviewer, office and head in one account), inputs generated from the
schema (valid and invalid): 0 server errors. Bounded for CI by SCHEMATHESIS_EXAMPLES per operation and identity
(default 5); the case count is reported (`cases` in the summary)."""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.middleware.csrf import _get_new_csrf_string
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.wsgi import application

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "5"))


@pytest.fixture
def schema(db):
    """The WSGI application called directly sends request_started/finished, whose handler closes the database
    connection (in the middle of the test's transaction on PostgreSQL): disconnected for the test, as Django's
    test client does."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _staff_cookies(client, user) -> tuple[dict, dict]:
    client.force_login(user)
    csrf = _get_new_csrf_string()
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf}
    return cookies, {"X-CSRFToken": csrf}


@pytest.mark.django_db
def test_the_api_never_answers_a_server_error(schema, client, people, tree, record_property, caplog):
    import logging

    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    from django.test import Client

    from gongkai.orgs.models import Role
    from gongkai.testing.factories import staff

    # An administrator (reads everything of the city, writes little) and a department's working staff holding
    # every working role, whose writes get past the permission checks to the validation of what is sent.
    worker = staff(tree.eco, Role.EDITOR, Role.REVIEWER, Role.OFFICE, Role.HEAD, username="api_worker")
    identities = [
        ("anonymous", {}, {}),
        ("staff", *_staff_cookies(client, people.city_admin)),
        ("worker", *_staff_cookies(Client(), worker)),
    ]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20
    cases, errors = [0], []
    statuses = {label: set() for label, _c, _h in identities}

    def runner(strategy, cookies, headers, label):
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(data=st.data())
        def run(data):
            case = data.draw(strategy)
            response = case.call(cookies=cookies or None, headers={**(case.headers or {}), **headers})
            statuses[label].add(response.status_code)
            cases[0] += 1
            if response.status_code >= 500:
                errors.append(
                    f"{label} {case.method} {case.formatted_path} {case.query} -> {response.status_code}"
                )

        return run

    for label, cookies, headers in identities:
        for operation in operations:
            runner(operation.as_strategy(), cookies, headers, label)()
    cases = cases[0]
    # The staff session is really used: staff operations refuse anonymous users (401), never the staff.
    assert 401 in statuses["anonymous"] and 401 not in statuses["staff"], statuses
    assert 401 not in statuses["worker"] and statuses["worker"] & {200, 201}, statuses
    record_property("cases", cases)
    print(f"schemathesis: {cases} cases over {len(operations)} operations, {len(errors)} server errors")
    assert not errors, errors[:20]
