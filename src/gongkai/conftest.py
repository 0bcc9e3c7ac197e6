"""Fixtures shared by the whole suite: a small organisation tree and users in every role."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from gongkai.orgs.models import Kind, Level, Role
from gongkai.testing.factories import make_org, staff


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
