"""Fixtures shared by the whole suite: a small organisation tree and users in every role."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from gongkai.orgs.models import Kind, Level, Role
from gongkai.testing.clock import freeze  # noqa: F401 - the clock fixture, for every test
from gongkai.testing.factories import make_org, staff


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache: cached public pages (and counters) never leak between tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _seeded_reference_data(request):
    """The working-day calendar and the catalog taxonomies come from data migrations. A transactional test
    (TransactionTestCase semantics) flushes every table when it ends, and under xdist other tests may run after
    it in the same process: put the reference data back for every test that uses the database."""
    markers = {m.name for m in request.node.iter_markers()}
    uses_db = "django_db" in markers or {"db", "transactional_db", "tree", "people", "taxonomy"} & set(
        request.fixturenames
    )
    if not uses_db:
        return
    transactional = "transactional_db" in request.fixturenames or any(
        m.kwargs.get("transaction") for m in request.node.iter_markers("django_db")
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.db import connection

    if connection.vendor == "postgresql":
        # The audit log refuses TRUNCATE (core/0003), and a transactional test ends with a flush that truncates
        # every table. Only the test database's flush passes: replica mode skips ordinary triggers for the rest
        # of the session, and every test that uses the database starts with them enforced again.
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = DEFAULT")
        if transactional:

            def allow_the_flush():
                with connection.cursor() as cursor:
                    cursor.execute("SET session_replication_role = replica")

            request.addfinalizer(allow_the_flush)  # finalizers run last-in first-out: before the flush
    from gongkai.testing.reference import ensure_reference_data

    ensure_reference_data()


@pytest.fixture
def tree(db):
    """City government with its general office (competent department) and two departments; a county with a
    department and a township; another city outside the region."""
    city = make_org(name="甲市人民政府", level=Level.CITY, kind=Kind.GOVERNMENT)
    office = make_org(city, name="甲市人民政府办公室", is_competent_department=True)
    eco = make_org(city, name="甲市生态环境局")
    finance = make_org(city, name="甲市财政局")
    county = make_org(city, name="乙县人民政府", level=Level.COUNTY, kind=Kind.GOVERNMENT)
    county_office = make_org(
        county, name="乙县人民政府办公室", level=Level.COUNTY, is_competent_department=True
    )
    county_dept = make_org(county, name="乙县教育局", level=Level.COUNTY)
    township = make_org(county, name="乙县丙镇人民政府", level=Level.TOWNSHIP, kind=Kind.GOVERNMENT)
    other_city = make_org(name="丁市人民政府", level=Level.CITY, kind=Kind.GOVERNMENT)
    other_dept = make_org(other_city, name="丁市财政局")
    return SimpleNamespace(**{k: v for k, v in locals().items() if k not in {"db"}})


@pytest.fixture
def people(tree):
    """A user per role at the city level, plus county and other-city counterparts."""
    return SimpleNamespace(
        eco_editor=staff(tree.eco, Role.EDITOR, username="eco_editor"),
        eco_reviewer=staff(tree.eco, Role.REVIEWER, username="eco_reviewer"),
        eco_office=staff(tree.eco, Role.OFFICE, username="eco_office"),
        finance_editor=staff(tree.finance, Role.EDITOR, username="finance_editor"),
        city_supervisor=staff(tree.office, Role.SUPERVISOR, username="city_supervisor"),
        city_admin=staff(tree.city, Role.ADMIN, username="city_admin"),
        county_admin=staff(tree.county, Role.ADMIN, username="county_admin"),
        county_supervisor=staff(tree.county_office, Role.SUPERVISOR, username="county_supervisor"),
        county_editor=staff(tree.county_dept, Role.EDITOR, username="county_editor"),
        other_editor=staff(tree.other_dept, Role.EDITOR, username="other_editor"),
        nobody=staff(tree.eco, username="nobody"),
    )


def pytest_terminal_summary(terminalreporter):
    """Print the case counts the security tests record (permission matrix, schemathesis, hostile forms)."""
    rows = []
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            if getattr(report, "when", "") == "call":
                rows += [
                    (report.nodeid, value, outcome) for key, value in report.user_properties if key == "cases"
                ]
    if rows:
        terminalreporter.write_sep("-", "generated security cases")
        for nodeid, value, outcome in rows:
            terminalreporter.write_line(f"{value:>7} cases  {outcome:<6}  {nodeid}")
