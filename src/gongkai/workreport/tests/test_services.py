"""Creating, editing, redrafting and publishing a work report: permissions, Chinese errors, the snapshot."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.core.models import AuditEvent
from gongkai.testing.factories import TEST_JOB
from gongkai.workreport import builder, sections, services
from gongkai.workreport.models import Status, WorkReport

YEAR = 2025


@pytest.fixture(autouse=True)
def _clock(freeze):
    freeze(date(2026, 3, 2))


def test_the_office_of_a_region_creates_a_draft_with_texts_from_the_figures(tree, people, year):
    report = services.work_report_create(actor=people.city_supervisor, org=tree.city, year=YEAR)
    assert report.status == Status.DRAFT
    assert report.title == "甲市人民政府2025年政务公开工作总结"
    assert "主动公开政府信息7条" in report.texts["proactive"]
    assert AuditEvent.objects.filter(action="workreport.create", object_id=str(report.pk)).exists()


@pytest.mark.parametrize(
    ("year_value", "message"),
    [
        ("二〇二五", "不是有效的年份"),
        (2007, "年度须在2008年至2026年之间"),
        (2027, "年度须在2008年至2026年之间"),
    ],
)
def test_a_bad_year_is_refused_in_chinese(tree, people, year_value, message):
    with pytest.raises(ValidationError) as exc:
        services.work_report_create(actor=people.city_supervisor, org=tree.city, year=year_value)
    assert message in " ".join(exc.value.message_dict["year"])
    assert not WorkReport.objects.exists()


def test_only_a_government_has_a_work_report(tree, people):
    with pytest.raises(ValidationError) as exc:
        services.work_report_create(actor=people.city_supervisor, org=tree.eco, year=YEAR)
    assert "只有人民政府可以编制" in exc.value.message_dict["org"][0]


def test_one_report_per_government_and_year(tree, people):
    services.work_report_create(actor=TEST_JOB, org=tree.city, year=YEAR)
    with pytest.raises(ValidationError) as exc:
        services.work_report_create(actor=people.city_supervisor, org=tree.city, year=YEAR)
    assert "已存在" in exc.value.message_dict["year"][0]


@pytest.mark.parametrize("who", ["eco_editor", "eco_office", "county_supervisor", "other_editor", "nobody"])
def test_others_cannot_create_the_city_s_report(tree, people, who):
    with pytest.raises(PermissionDenied):
        services.work_report_create(actor=getattr(people, who), org=tree.city, year=YEAR)


def test_the_county_supervisor_creates_the_county_s_report(tree, people, year):
    report = services.work_report_create(actor=people.county_supervisor, org=tree.county, year=YEAR)
    assert builder.figures_of(services.report_data(report))["proactive.items"] == 3


def test_editing_keeps_the_office_s_text_and_refuses_unknown_parts(tree, people, year):
    report = services.work_report_create(actor=people.city_supervisor, org=tree.city, year=YEAR)
    report = services.work_report_update(
        actor=people.city_supervisor, report=report, texts={"proactive": "全市主动公开。"}
    )
    data = services.report_data(report)
    assert next(p for p in data["parts"] if p["key"] == "proactive")["text"] == "全市主动公开。"
    with pytest.raises(ValidationError):
        services.work_report_update(actor=people.city_supervisor, report=report, texts={"weather": "晴"})
    with pytest.raises(ValidationError) as exc:
        services.work_report_update(actor=people.city_supervisor, report=report, texts={}, title="")
    assert "请填写标题" in exc.value.message_dict["title"][0]
    with pytest.raises(PermissionDenied):
        services.work_report_update(actor=people.eco_editor, report=report, texts={"proactive": "改"})


def test_publishing_freezes_the_figures(tree, people, year, head):
    report = services.work_report_create(actor=people.city_supervisor, org=tree.city, year=YEAR)
    with pytest.raises(PermissionDenied):
        services.work_report_publish(actor=people.city_supervisor, report=report)
    services.work_report_publish(actor=head, report=report)
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED and report.published_by == head
    before = builder.figures_of(report.snapshot)
    from gongkai.reports.tests.conftest import make_item

    make_item(tree.eco, published=date(2025, 12, 1))
    assert (
        builder.figures_of(builder.build(tree.city, YEAR))["proactive.items"] == before["proactive.items"] + 1
    )
    assert builder.figures_of(services.report_data(report)) == before
    with pytest.raises(ValidationError):
        services.work_report_update(actor=people.city_supervisor, report=report, texts={"proactive": "改"})
    assert AuditEvent.objects.filter(action="workreport.publish", object_id=str(report.pk)).exists()


@pytest.mark.parametrize(
    "text", ["全市主动公开【待补充数字】条。", "（本节数据待监督保障模块提供）", "市长信箱办件XX件。"]
)
def test_no_placeholder_is_ever_published(tree, people, year, head, text):
    report = services.work_report_create(actor=people.city_supervisor, org=tree.city, year=YEAR)
    services.work_report_update(actor=people.city_supervisor, report=report, texts={"concern": text})
    with pytest.raises(ValidationError) as exc:
        services.work_report_publish(actor=head, report=report)
    assert "尚有待补充的内容" in " ".join(exc.value.messages)
    report.refresh_from_db()
    assert report.status == Status.DRAFT and report.snapshot is None


def test_a_published_report_has_no_missing_part_and_no_editor_note(tree, people, year, head, monkeypatch):
    monkeypatch.delitem(sections._builders, "overview")  # as in a deployment without the supervision app
    monkeypatch.delitem(sections._builders, "services")
    report = services.work_report_create(actor=people.city_supervisor, org=tree.city, year=YEAR)
    services.work_report_publish(actor=head, report=report)
    report.refresh_from_db()
    assert "missing" not in report.snapshot
    keys = [p["key"] for p in report.snapshot["parts"]]
    assert "overview" not in keys and "services" not in keys
    assert report.snapshot["parts"][0]["heading"].startswith("一、")
    text = str(report.snapshot)
    assert "待" not in text.replace("对待", "")
    assert "【" not in text


def test_the_year_must_be_over_to_publish(tree, people, year, head, freeze):
    freeze(date(2025, 12, 30))
    report = services.work_report_create(actor=people.city_supervisor, org=tree.city, year=2025)
    with pytest.raises(ValidationError) as exc:
        services.work_report_publish(actor=head, report=report)
    assert "尚未结束" in " ".join(exc.value.messages)


def test_redraft_rewrites_the_texts(tree, people, year):
    report = services.work_report_create(actor=people.city_supervisor, org=tree.city, year=YEAR)
    services.work_report_update(actor=people.city_supervisor, report=report, texts={"proactive": "旧文字"})
    services.work_report_redraft(actor=people.city_supervisor, report=report)
    report.refresh_from_db()
    assert "主动公开政府信息7条" in report.texts["proactive"]
