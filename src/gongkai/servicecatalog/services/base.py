"""What the service catalog's services share: text limits, code look-ups, the locked row."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.core.validation import strip_controls
from gongkai.servicecatalog.models import Code, GuideVersion, Status

#: The scalar elements of a guide version an editor writes (GB/T 39046-2020 表4), with their limits.
TEXT_FIELDS: dict[str, tuple[str, int]] = {
    "basis": ("设定依据", 2000), "division": ("权限划分", 1000), "content": ("行使内容", 4000),
    "legal_note": ("法定办结时限说明", 500), "promised_note": ("承诺办结时限说明", 500),
    "conditions": ("受理条件", 4000), "process": ("办理流程", 4000), "co_departments": ("共同实施部门", 300),
    "agency": ("承办机构", 200), "intermediary": ("中介服务", 2000), "quantity_limit": ("数量限制", 300),
    "result_name": ("结果名称", 200), "fee_basis": ("收费依据", 2000), "theme_natural": ("自然人服务主题", 60),
    "theme_legal": ("法人服务主题", 60), "jurisdiction": ("行政管辖", 200), "online_url": ("网办地址", 300),
    "place": ("办理地点", 1000), "hours": ("办理时间", 500), "consult": ("咨询方式", 1000),
    "phone": ("咨询电话", 100), "supervision_phone": ("监督电话", 100), "rights": ("申请人权利和义务", 2000),
    "delivery": ("结果送达", 300),
}  # fmt: skip
BOOL_FIELDS = ("charged", "appointment", "online_payment", "express", "online")
NUMBER_FIELDS = ("legal_limit", "promised_limit", "visits")
CHOICE_FIELDS = ("legal_unit", "promised_unit")
DATE_FIELDS = ("effective_on", "cancel_on")
CODE_FIELDS = {"subject_nature": "subject_nature", "handling_type": "handling_type"}
MULTI_CODE_FIELDS = {"service_objects": "service_object", "handling_forms": "handling_form"}


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def text(field: str, value: object, *, label: str, limit: int, required: bool = False) -> str:
    cleaned = strip_controls(value or "")
    if required and not cleaned:
        raise ValidationError({field: f"请填写{label}。"})
    if len(cleaned) > limit:
        raise ValidationError({field: f"{label}不能超过{limit}字。"})
    return cleaned


def code(list_name: str, value: str, *, field: str, label: str) -> Code:
    """The code of `list_name` named by its code or its name («01» or «行政许可»)."""
    value = (value or "").strip()
    found = next((c for c in _codes(list_name) if value in (c.code, c.name)), None)
    if found is None:
        raise ValidationError(
            {field: f"{label}“{value[:30]}”不在代码表中。" if value else f"请选择{label}。"}
        )
    return found


def codes(list_name: str, values: Iterable[str], *, field: str, label: str) -> list[Code]:
    return [code(list_name, v, field=field, label=label) for v in values if (v or "").strip()]


def _codes(list_name: str) -> list[Code]:
    return list(Code.objects.filter(list=list_name, active=True))


def locked(version: GuideVersion) -> GuideVersion:
    return GuideVersion.objects.select_for_update().select_related("item", "item__org").get(pk=version.pk)


def move(version: GuideVersion, status: str) -> None:
    if not version.can_move_to(status):
        raise ValidationError(
            f"该版本当前状态为“{version.get_status_display()}”，不能变为“{Status(status).label}”。"
        )
    version.status = status
