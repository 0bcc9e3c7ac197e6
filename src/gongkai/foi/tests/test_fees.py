"""Information processing fees under the 2020 measures: progressive bands, per applicant per calendar month."""

from datetime import date
from decimal import Decimal

import pytest

from gongkai.foi import services
from gongkai.foi.fees import per_application_fee, per_page_fee

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("ordinal", "fee"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400), (61, 500)],
)
def test_per_application_bands(ordinal, fee):
    assert per_application_fee(ordinal) == Decimal(fee)


@pytest.mark.parametrize(
    ("pages", "fee"),
    [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_per_page_bands(pages, fee):
    assert per_page_fee(pages) == Decimal(fee)


def test_monthly_count_is_per_applicant_per_organisation_per_calendar_month(
    register_case, office, tree, freeze
):
    # Ten applications in June from the same applicant are free; the eleventh is charged 100 yuan.
    cases = [register_case(date(2026, 6, 1 + i), info_title=f"信息{i}") for i in range(11)]
    other_month = register_case(date(2026, 7, 1), info_title="七月的申请")
    other_person = register_case(date(2026, 6, 20), info_title="他人", id_number="110105194912310038")
    assert services.monthly_ordinal(cases[-1]) == 11
    assert services.monthly_ordinal(other_month) == 1
    assert services.monthly_ordinal(other_person) == 1
    assert services.fee_quote(application=cases[-1], method="per_application").amount == 100
    assert services.fee_quote(application=cases[9], method="per_application").amount == 0
