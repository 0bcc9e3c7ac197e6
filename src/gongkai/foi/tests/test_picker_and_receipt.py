"""The organisation picker works without JavaScript (a filter and a list grouped by level); the receipt after an
online submission gives the tracking number, the Art. 31 received-date rule and the statutory deadline."""

import re
import uuid
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.foi import selectors
from gongkai.foi.models import Application
from gongkai.foi.tests.conftest import applicant_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _groups(body: str) -> list[str]:
    return re.findall(r'<h3 id="level-\d+">([^<]+)</h3>', body)


def test_the_picker_groups_by_level_and_filters_on_the_server(client, tree):
    body = client.get("/apply/").content.decode()
    assert _groups(body) == ["市级", "县（区）级", "乡（镇、街道）级"]
    assert reverse("portal:foi_apply_form", args=[tree.county_dept.credit_code]) in body
    assert 'name="q"' in body and "<script" in body and "gongkai/foi.js" in body
    filtered = client.get("/apply/", {"q": "教育"}).content.decode()
    assert _groups(filtered) == ["县（区）级"]
    assert tree.county_dept.name in filtered and tree.eco.name not in filtered
    assert "与“教育”匹配的机关1个。" in filtered
    by_code = client.get("/apply/", {"q": tree.eco.credit_code.lower()}).content.decode()
    assert reverse("portal:foi_apply_form", args=[tree.eco.credit_code]) in by_code
    none = client.get("/apply/", {"q": "不存在的机关"})
    assert none.status_code == 200 and "没有找到匹配的机关" in none.content.decode()
    assert client.get("/apply/", {"q": "x" * 500}).status_code == 200


def test_the_receipt_gives_the_number_the_rule_and_the_deadline(client, tree, freeze):
    freeze(
        date(2026, 9, 18)
    )  # confirm within 2 working days (by 09-21: Sunday 09-20 is a make-up working day), answer
    # within 20 working days of that (10-26)
    data = applicant_data()
    data.update({"submission_token": str(uuid.uuid4()), "confirm": "on"})
    response = client.post(reverse("portal:foi_apply_form", args=[tree.eco.credit_code]), data)
    assert response.status_code == 200
    body = response.content.decode()
    application = Application.objects.get()
    assert "政府信息公开申请回执" in body and application.tracking_no in body
    assert "以双方确认之日为收到申请之日（条例第三十一条第（三）项）" in body
    assert "受理机关应在2个工作日内确认，即不晚于2026-09-21。" in body
    assert "自收到申请之日起20个工作日内答复（条例第三十三条）" in body
    assert "按最迟确认日推算，答复期限为2026-10-26" in body  # the National Day week not counted
    assert 'class="js-print" hidden' in body and "gongkai/foi.css" in body


def test_receipt_terms_follow_the_channel(register_case):
    application = register_case(date(2026, 9, 18), info_title="当面提交")
    terms = selectors.receipt_terms(application)
    assert "以提交之日为收到申请之日" in terms.received_rule
    assert terms.confirm_by is None and terms.latest_due == application.due_on == date(2026, 10, 22)
