"""The completeness check of a guide's key elements (办事指南重点要素, 国办秘函〔2019〕19号 单项否决).

Which elements are checked is data (`CompletenessElement`, active rows, in their order, with their source); how
an element is found present is below, one test per `ElementKey`. A guide that charges nothing states so: «不收费»
counts as a fee standard.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from gongkai.servicecatalog.models import CompletenessElement, ElementKey, GuideVersion, Unit


def _text(value: str) -> bool:
    return bool((value or "").strip())


PRESENT: dict[str, Callable[[GuideVersion], bool]] = {
    ElementKey.NAME: lambda v: _text(v.item.name),
    ElementKey.BASIS: lambda v: _text(v.basis) or bool(v.basis_items.all()),
    ElementKey.CONDITIONS: lambda v: _text(v.conditions),
    ElementKey.MATERIALS: lambda v: bool(v.materials.all()),
    ElementKey.PLACE: lambda v: _text(v.place),
    ElementKey.AGENCY: lambda v: _text(v.agency) or _text(v.item.org.name),
    ElementKey.FEES: lambda v: not v.charged or _text(v.fee_basis) or bool(v.fees.all()),
    ElementKey.HOURS: lambda v: _text(v.hours),
    ElementKey.PHONE: lambda v: _text(v.phone),
    ElementKey.PROCESS: lambda v: _text(v.process),
    ElementKey.LEGAL_LIMIT: lambda v: (
        v.legal_unit == Unit.IMMEDIATE or (bool(v.legal_unit) and v.legal_limit is not None)
    ),
    ElementKey.PROMISED_LIMIT: lambda v: (
        v.promised_unit == Unit.IMMEDIATE or (bool(v.promised_unit) and v.promised_limit is not None)
    ),
    ElementKey.SUPERVISION_PHONE: lambda v: _text(v.supervision_phone),
    ElementKey.RESULT: lambda v: _text(v.result_name),
}


def elements() -> list[CompletenessElement]:
    return list(CompletenessElement.objects.filter(active=True))


def missing(version: GuideVersion, checked: Iterable[CompletenessElement] | None = None) -> list[str]:
    """The names of the key elements `version` lacks, in the configured order (empty: complete).

    Prefetch `materials`, `fees` and `basis_items` (and pass `checked`) when checking many versions."""
    rows = elements() if checked is None else checked
    return [row.name for row in rows if row.key in PRESENT and not PRESENT[row.key](version)]
