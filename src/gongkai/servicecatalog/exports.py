"""The element and materials tables of an implementation list, in the import's layout (XLSX)."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.servicecatalog import xlsx
from gongkai.servicecatalog.models import GuideVersion, Unit
from gongkai.servicecatalog.services.base import BOOL_FIELDS, TEXT_FIELDS


def _yes(value: bool) -> str:
    return "是" if value else "否"


def element_row(v: GuideVersion) -> dict[str, object]:
    item = v.item
    row: dict[str, object] = {f: getattr(v, f) for f in TEXT_FIELDS}
    row.update({f: _yes(getattr(v, f)) for f in BOOL_FIELDS})
    row.update(
        name=item.name, basic_code=item.basic.basic_code, implementation_code=item.implementation_code,
        handling_code=item.handling_code, handling_kind=item.get_handling_kind_display(),
        item_type=item.basic.item_type.name, level=item.level.name, org_name=item.org.name,
        org_code=item.org.credit_code, subject_nature=v.subject_nature.name,
        legal_limit="" if v.legal_limit is None else v.legal_limit,
        legal_unit=Unit(v.legal_unit).label if v.legal_unit else "",
        promised_limit="" if v.promised_limit is None else v.promised_limit,
        promised_unit=Unit(v.promised_unit).label if v.promised_unit else "",
        service_objects="、".join(c.name for c in v.service_objects.all()),
        handling_forms="、".join(c.name for c in v.handling_forms.all()),
        handling_type=v.handling_type.name, visits="" if v.visits is None else v.visits,
        effective_on=v.effective_on.isoformat() if v.effective_on else "",
        cancel_on=v.cancel_on.isoformat() if v.cancel_on else "",
    )  # fmt: skip
    return row


def material_rows(v: GuideVersion) -> list[dict[str, object]]:
    return [
        {"handling_code": v.item.handling_code, "sort": m.sort, "name": m.name, "issuer": m.issuer,
         "time_requirement": m.time_requirement, "note": m.note, "place": m.place, "usage": m.usage,
         "originals": m.originals, "copies": m.copies, "required": _yes(m.required), "form": m.form}
        for m in v.materials.all()
    ]  # fmt: skip


def books(versions: QuerySet[GuideVersion]) -> tuple[bytes, bytes]:
    """(element table, materials table) of `versions`."""
    versions = versions.prefetch_related("materials", "service_objects", "handling_forms")
    elements = [element_row(v) for v in versions]
    materials = [row for v in versions for row in material_rows(v)]
    return xlsx.element_book(elements), xlsx.material_book(materials)
