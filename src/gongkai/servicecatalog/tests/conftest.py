from __future__ import annotations

from typing import Any

import pytest

from gongkai.servicecatalog import services


def guide_data(**overrides: Any) -> dict[str, Any]:
    """A complete guide of a 行政许可 item (every key element present)."""
    data: dict[str, Any] = {
        "basis": "《中华人民共和国环境影响评价法》第二十二条",
        "conditions": "建设项目依法应当编制环境影响报告书（表）。",
        "process": "申请—受理—审查—决定—送达",
        "agency": "甲市生态环境局",
        "place": "甲市政务服务中心二楼生态环境窗口",
        "hours": "工作日 8:30—11:30，13:00—17:00",
        "phone": "024-52600000",
        "supervision_phone": "024-12345",
        "charged": False,
        "legal_limit": 60,
        "legal_unit": "workday",
        "promised_limit": 20,
        "promised_unit": "workday",
        "subject_nature": "法定机关",
        "handling_type": "承诺件",
        "service_objects": ["企业法人"],
        "handling_forms": ["窗口办理", "电脑端网上办理"],
        "result_name": "环境影响评价文件批复",
    }
    data.update(overrides)
    return data


def make_item(actor, org, *, code: str = "001", materials: bool = True, **overrides: Any):
    version = services.item_create(
        actor=actor, org=org, basic_code=f"0001{code}", item_type="行政许可",
        implementation_code=f"11210400MB{code}", handling_code=f"11210400MB{code}01", name=f"建设项目环评审批{code}",
        level="市级", guide=guide_data(**overrides),
    )  # fmt: skip
    if materials:
        services.material_add(
            actor=actor, version=version, data={"name": "建设项目环境影响评价审批申请表", "originals": 1}
        )
    return version


@pytest.fixture
def guide_factory():
    return make_item
