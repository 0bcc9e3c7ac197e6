"""The provincial spreadsheets: a bad row imports nothing of its item and is named; re-import changes nothing."""

from __future__ import annotations

import pytest

from gongkai.core.models import AuditEvent
from gongkai.servicecatalog import exports, selectors, services, xlsx
from gongkai.servicecatalog.models import GuideVersion, Material, ServiceItem

pytestmark = pytest.mark.django_db


def _element(code: str, **overrides: object) -> dict[str, object]:
    row: dict[str, object] = {
        "name": f"排污许可证核发{code}", "basic_code": f"00012{code}", "implementation_code": f"1121040011{code}",
        "handling_code": f"1121040011{code}001", "handling_kind": "新设", "item_type": "行政许可",
        "basis": "《排污许可管理条例》第九条", "level": "市级", "subject_nature": "法定机关",
        "legal_limit": 20, "legal_unit": "工作日", "promised_limit": 10, "promised_unit": "工作日",
        "conditions": "依法应当取得排污许可证的排污单位。", "process": "申请、受理、审查、决定", "agency": "甲市生态环境局",
        "charged": "否", "service_objects": "企业法人、事业法人", "handling_forms": "窗口办理、电脑端网上办理",
        "handling_type": "承诺件", "place": "甲市政务服务中心", "hours": "工作日 8:30—17:00", "phone": "024-52600001",
    }  # fmt: skip
    row.update(overrides)
    return row


def _material(code: str, name: str, **overrides: object) -> dict[str, object]:
    row: dict[str, object] = {"handling_code": f"1121040011{code}001", "name": name, "originals": 1, "copies": 0,
                              "required": "是", "issuer": "申请人"}  # fmt: skip
    row.update(overrides)
    return row


def _books():
    elements = xlsx.element_book([
        _element("01"),
        _element("02", promised_limit=30),  # row 3: promised longer than legal
        _element("03"),
    ])  # fmt: skip
    materials = xlsx.material_book([
        _material("01", "排污许可证申请表"),
        _material("03", "排污许可证申请表"),
        _material("03", "营业执照", originals="两份"),  # row 4: not a number
    ])  # fmt: skip
    return elements, materials


def test_a_bad_row_is_named_and_imports_nothing_of_its_item_and_a_second_import_changes_nothing(tree, people):
    elements, materials = _books()
    result = services.guides_import(
        actor=people.eco_editor, org=tree.eco, elements=elements, materials=materials
    )
    assert (result.created, result.updated, result.unchanged) == (1, 0, 0)
    errors = [str(e) for e in result.errors]
    assert errors[0].startswith(
        "事项要素表第3行（承诺办结时限）：承诺办结时限（30个工作日）超过法定办结时限（20个工作日）"
    )
    assert errors[1].startswith("材料表第4行（原件份数）")
    assert list(ServiceItem.objects.values_list("handling_code", flat=True)) == ["112104001101001"]
    assert list(Material.objects.values_list("name", flat=True)) == ["排污许可证申请表"]
    events = AuditEvent.objects.count()
    again = services.guides_import(
        actor=people.eco_editor, org=tree.eco, elements=elements, materials=materials
    )
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert len(again.errors) == 2
    assert (ServiceItem.objects.count(), GuideVersion.objects.count(), Material.objects.count()) == (1, 1, 1)
    assert AuditEvent.objects.count() == events


def test_export_writes_the_import_layout_and_reimporting_it_changes_nothing(tree, people):
    elements, materials = _books()
    services.guides_import(actor=people.eco_editor, org=tree.eco, elements=elements, materials=materials)
    version = GuideVersion.objects.get()
    services.guide_submit(actor=people.eco_editor, version=version)
    services.guide_review(actor=people.eco_reviewer, version=version, conclusion="approve", basis="同意")
    exported_elements, exported_materials = exports.books(selectors.latest_versions())
    rows = xlsx.read(
        exported_elements, columns=xlsx.ELEMENT_COLUMNS, required=xlsx.ELEMENT_REQUIRED, label="表"
    )
    assert (
        rows[0].values["promised_limit"] == "10" and rows[0].values["service_objects"] == "企业法人、事业法人"
    )
    result = services.guides_import(
        actor=people.eco_editor, org=tree.eco, elements=exported_elements, materials=exported_materials
    )
    assert (result.created, result.updated, result.unchanged, result.errors) == (0, 0, 1, [])
    # A changed promise on a published item drafts a new version; the published one stays public.
    changed = xlsx.element_book([_element("01", promised_limit=5)])
    result = services.guides_import(
        actor=people.eco_editor, org=tree.eco, elements=changed, materials=exported_materials
    )
    assert result.updated == 1
    assert selectors.get_public_guide("112104001101001").promised_limit == 10
    assert GuideVersion.objects.get(number=2).promised_limit == 5


def test_an_organisation_outside_reach_cannot_be_imported_into(tree, people):
    elements, materials = _books()
    with pytest.raises(Exception) as caught:
        services.guides_import(
            actor=people.finance_editor, org=tree.eco, elements=elements, materials=materials
        )
    assert "不能" in str(caught.value)
    bad = xlsx.element_book([_element("09", org_code=tree.finance.credit_code)])
    result = services.guides_import(actor=people.eco_editor, org=tree.eco, elements=bad)
    assert result.created == 0 and result.errors[0].element == "实施主体代码"


def test_a_file_that_is_not_xlsx_is_refused(tree, people):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.guides_import(actor=people.eco_editor, org=tree.eco, elements=b"not a spreadsheet")
