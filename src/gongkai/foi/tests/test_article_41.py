"""Art. 41: the applicant asks, with evidence, to correct a record about themselves that the organ provided."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongkai.foi import letters, services
from gongkai.foi.models import EventKind, LetterKind

pytestmark = pytest.mark.django_db


def test_a_record_correction_is_requested_decided_and_told(register_case, office, freeze, client):
    application = register_case(date(2026, 3, 2))
    freeze(date(2026, 3, 20))
    with pytest.raises(ValidationError) as exc:
        services.record_correction_request(
            actor=office.clerk, application=application, requested_on=date(2026, 3, 20), record="", correction="",
            evidence="",
        )  # fmt: skip
    assert set(exc.value.message_dict) == {"record", "correction", "evidence"}
    with pytest.raises(PermissionDenied):
        services.record_correction_request(
            actor=office.finance, application=application, requested_on=date(2026, 3, 20), record="a",
            correction="b", evidence="c",
        )  # fmt: skip
    item = services.record_correction_request(
        actor=office.clerk, application=application, requested_on=date(2026, 3, 20),
        record="2025年度企业环境信用评价结果中我公司的评价等级", correction="应为“环保良好企业”",
        evidence="2025年12月省生态环境厅复核决定书",
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.record_correction_decide(
            actor=office.clerk,
            item=item,
            decision="referred",
            decided_on=date(2026, 3, 20),
            note="不属于本机关",
        )
    assert "referred_org_name" in exc.value.message_dict
    freeze(date(2026, 3, 25))
    services.record_correction_decide(
        actor=office.clerk, item=item, decision="corrected", decided_on=date(2026, 3, 25),
        note="评价等级已更正为“环保良好企业”，并在原公开位置更新。",
    )  # fmt: skip
    letter = application.letters.get(kind=LetterKind.RECORD_CORRECTION)
    assert letter.public
    text = letters.text_of(letter.file.read())
    assert "第四十一条" in text and "已予以更正" in text and "如对本决定不服" in text and "张三：" in text
    kinds = set(application.events.values_list("kind", flat=True))
    assert {EventKind.RECORD_CORRECTION_REQUESTED, EventKind.RECORD_CORRECTION_DECIDED} <= kinds
    with pytest.raises(ValidationError):
        services.record_correction_decide(
            actor=office.clerk, item=item, decision="refused", decided_on=date(2026, 3, 25), note="again"
        )
    client.force_login(office.clerk)
    page = client.get(reverse("backoffice:foi_case", args=[application.tracking_no])).content.decode()
    assert "更正政府信息记录（第四十一条）" in page and "审核属实，予以更正" in page


def test_the_back_office_form_records_a_request(register_case, office, freeze, client):
    application = register_case(date(2026, 3, 2))
    client.force_login(office.clerk)
    url = reverse("backoffice:foi_action", args=[application.tracking_no, "record_correction"])
    bad = client.post(url, {"record_correction-requested_on": "2026-03-02"})
    assert (bad.status_code == 400 and "请填写" in bad.content.decode()) or "必填" in bad.content.decode()
    ok = client.post(
        url,
        {
            "record_correction-requested_on": "2026-03-02", "record_correction-record": "户籍信息",
            "record_correction-correction": "出生日期应为1949-12-31", "record_correction-evidence": "户口簿",
        },
    )  # fmt: skip
    assert ok.status_code == 302 and application.record_corrections.count() == 1


def test_date_inputs_of_the_case_page_hold_iso_dates(register_case, office, freeze, client):
    import re

    application = register_case(date(2026, 3, 2))
    client.force_login(office.clerk)
    page = client.get(reverse("backoffice:foi_case", args=[application.tracking_no])).content.decode()
    values = re.findall(r'<input type="date"[^>]*value="([^"]*)"', page)
    assert values and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in values), values
    assert 'value="2026-03-02"' in page
