"""Validation of item metadata: clear Chinese messages per field, nothing half-saved."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.catalog import services
from gongkai.catalog.docno import normalize_doc_no
from gongkai.catalog.models import Disclosure, Item, NormativeKind, StatutoryClass, Validity
from gongkai.core.actors import System
from gongkai.core.models import AuditEvent


def _errors(exc_info) -> dict:
    return exc_info.value.message_dict


def test_missing_and_malformed_fields_are_named(tree, people, make_item):
    with pytest.raises(ValidationError) as exc:
        make_item(tree.eco, actor=people.eco_editor, title="  ", written_on=date(2099, 1, 1))
    errors = _errors(exc)
    assert "请填写名称。" in errors["title"]
    assert "不能晚于今天" in errors["written_on"][0]
    assert not Item.objects.exists() and not AuditEvent.objects.filter(action="item.create").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("written_on", date(1900, 1, 1), "1949"),
        ("written_on", "2026-13-45", "格式错误"),
        ("title", "标题\x07响铃", "控制字符"),
        ("title", "长" * 301, "过长"),
        ("keywords", ",".join(f"词{n}" for n in range(11)), "最多10个"),
        ("statutory_class", "a21_homestead", "本机构不适用"),
        ("statutory_class", "art99", "无效"),
        ("disclosure", Disclosure.WITHHELD, "写明理由"),
        ("changed_on", date(2026, 1, 1), "不能早于成文日期"),
    ],
)
def test_bad_values_are_refused_with_a_reason(tree, make_item, field, value, message):
    with pytest.raises(ValidationError) as exc:
        make_item(tree.eco, **{field: value})
    assert message in str(exc.value.messages)
    assert not Item.objects.exists()


def test_normative_documents_need_kind_number_and_validity(tree, make_item, taxonomy):
    with pytest.raises(ValidationError) as exc:
        make_item(tree.eco, is_normative=True, genre=taxonomy.normative)
    errors = _errors(exc)
    assert "normative_kind" in errors and "doc_no" in errors
    item = make_item(
        tree.eco,
        is_normative=True,
        normative_kind=NormativeKind.NORMATIVE,
        doc_no="抚环发[2026]3号",
        genre=taxonomy.normative,
        statutory_class=StatutoryClass.A20_01,
    )
    assert item.validity == Validity.IN_FORCE
    assert item.doc_no == "抚环发[2026]3号" and item.doc_no_normalized == "抚环发〔2026〕3号"


@pytest.mark.parametrize(
    "raw",
    ["抚政办发〔2017〕27号", "抚政办发[2017]27号", "抚政办发【2017】27号", "抚政办发（2017）27号",
     "抚政办发(2017)27号", "抚政办发 ［２０１７］ ２７号"],
)  # fmt: skip
def test_document_numbers_normalise_to_one_form(raw):
    assert normalize_doc_no(raw) == "抚政办发〔2017〕27号"


def test_township_classes_are_for_townships(tree, make_item):
    make_item(tree.township, statutory_class=StatutoryClass.A21_HOMESTEAD)
    make_item(tree.eco, statutory_class=StatutoryClass.A21_URBAN_CONSTRUCTION)
    with pytest.raises(ValidationError):
        make_item(tree.township, statutory_class=StatutoryClass.A21_URBAN_CONSTRUCTION)


def test_body_is_sanitised_and_kept_as_text(tree, make_item):
    item = make_item(
        tree.eco,
        body='<p onclick="x()">第一段<script>alert(1)</script></p><p>第二段 &amp; 附表</p><iframe src="x"></iframe>',
    )
    assert "script" not in item.body and "onclick" not in item.body and "iframe" not in item.body
    assert item.body_text == "第一段\n\n第二段 & 附表"


def test_deadline_counts_working_days_and_a_missing_calendar_is_not_guessed(tree, make_item):
    item = make_item(tree.eco, written_on=date(2026, 9, 18))
    assert item.due_on == date(2026, 10, 22)  # across the National Day week
    changed = make_item(tree.eco, written_on=date(2026, 1, 5), changed_on=date(2026, 9, 18))
    assert changed.due_on == date(2026, 10, 22)
    from gongkai.workdays.models import CalendarYear

    CalendarYear.objects.filter(year=2026).delete()
    assert make_item(tree.eco, written_on=date(2026, 3, 2)).due_on is None


def test_deadline_per_statutory_class_is_a_setting(tree, make_item, settings):
    settings.GONGKAI_PUBLICATION_DEADLINE_BY_CLASS = {"a20_07": 10}
    item = make_item(tree.eco, written_on=date(2026, 3, 2), statutory_class="a20_07")
    assert item.due_on == date(2026, 3, 16)


def test_late_publication_is_flagged(tree, make_item):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from gongkai.catalog.models import ReviewConclusion

    on_time = make_item(tree.eco, written_on=date(2026, 3, 2))
    services.item_review(
        actor=System("测试"), item=on_time, conclusion=ReviewConclusion.IMPORTED, basis="", publish=False
    )
    on_time = services.item_publish(
        actor=System("测试"),
        item=on_time,
        published_at=datetime(2026, 3, 30, 18, tzinfo=ZoneInfo("Asia/Shanghai")),
    )
    late = make_item(tree.eco, written_on=date(2026, 3, 2))
    services.item_review(
        actor=System("测试"), item=late, conclusion=ReviewConclusion.IMPORTED, basis="", publish=False
    )
    late = services.item_publish(
        actor=System("测试"),
        item=late,
        published_at=datetime(2026, 3, 31, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
    )
    assert not on_time.is_late and late.is_late
