"""Fixtures of the information-application tests: office staff, a valid applicant, fixed dates."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from gongkai.foi import services
from gongkai.foi.models import Application
from gongkai.orgs.models import Role
from gongkai.testing.factories import staff

#: A valid 居民身份证 number (check digit by ISO 7064 MOD 11-2) and the same with a wrong check digit.
VALID_ID = "11010519491231002X"
WRONG_CHECK_ID = "110105194912310021"


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.GONGKAI_FOI_FILES_ROOT = tmp_path / "private"


@pytest.fixture
def office(tree, people):
    """The eco bureau's disclosure office: a clerk (eco_office) and the office head; another city's office."""
    return SimpleNamespace(
        clerk=people.eco_office,
        head=staff(tree.eco, Role.OFFICE, Role.HEAD, username="eco_head", first_name="王主任"),
        finance=staff(tree.finance, Role.OFFICE, username="finance_office"),
        other_city=staff(tree.other_dept, Role.OFFICE, username="other_office"),
    )


def applicant_data(**overrides) -> dict:
    data = {
        "applicant_type": "natural",
        "applicant_name": "张三",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13800138000",
        "email": "zhangsan@example.com",
        "address": "辽宁省抚顺市新抚区某路1号",
        "postcode": "113008",
        "info_title": "2026年大气污染防治专项资金分配方案",
        "info_doc_no": "",
        "info_description": "",
        "purpose": "",
        "delivery_form": "electronic",
        "delivery_method": "online",
    }
    data.update(overrides)
    return data


@pytest.fixture
def register_case(tree, office, freeze):
    """Factory: an application registered by the eco office, received on a fixed date."""

    def _make(on: date, **overrides) -> Application:
        freeze(on)
        submission = services.application_register(
            actor=office.clerk,
            org=tree.eco,
            channel="in_person",
            received_on=on,
            data=applicant_data(**overrides),
        )
        return submission.application

    return _make
