"""Importing the provincial platform's element and materials tables (XLSX) into an organisation's list.

Each 业务办理项 (an element row and its material rows) is imported in its own savepoint: a row with an error
imports nothing of its item, and the error names the sheet, the row and the element; the other items are
imported. New items get a first draft version; an item whose latest version holds the same values is left alone
(a second import of the same file changes nothing); otherwise the open draft is updated, or, when only a
published version exists, a new draft version is written while the published one stays public. Imported
versions go through review like any other.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.core import actors, audit
from gongkai.core.actors import Actor
from gongkai.orgs.models import Organization
from gongkai.servicecatalog import rules, xlsx
from gongkai.servicecatalog.models import GuideVersion, Material, ServiceItem, Status
from gongkai.servicecatalog.services.base import MULTI_CODE_FIELDS, require
from gongkai.servicecatalog.services.guides import (
    MATERIAL_TEXT,
    _basic,
    _identity,
    _write,
    clean_guide,
    clean_material,
    copy_version,
    same,
)

ELEMENT_SHEET = "事项要素表"
MATERIAL_SHEET = "材料表"


@dataclass
class RowError:
    sheet: str
    line: int
    element: str
    message: str

    def __str__(self) -> str:
        return f"{self.sheet}第{self.line}行（{self.element}）：{self.message}"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)


class _RowFailed(Exception):
    def __init__(self, sheet: str, line: int, exc: ValidationError | PermissionDenied) -> None:
        self.errors: list[RowError] = []
        if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
            for name, messages in exc.message_dict.items():
                element = xlsx.HEADING.get(name, {"basic_name": "事项名称"}.get(name, "整行"))
                self.errors += [RowError(sheet, line, element, m) for m in messages]
        else:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            self.errors = [RowError(sheet, line, "整行", m) for m in messages]


def _material_key(values: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(values[f] for f in (*MATERIAL_TEXT, "originals", "copies", "sort", "required"))


def _materials_of(version: GuideVersion) -> list[tuple[Any, ...]]:
    return sorted(_material_key({f: getattr(m, f) for f in (*MATERIAL_TEXT, "originals", "copies", "sort",
                                                            "required")}) for m in version.materials.all())  # fmt: skip


def _target_org(actor: Actor, org: Organization, values: dict[str, str]) -> Organization:
    credit = values.get("org_code", "").strip()
    if not credit or credit == org.credit_code:
        return org
    target = Organization.objects.filter(credit_code=credit).first()
    if target is None or not target.path.startswith(org.path) or not rules.may_import(actor, target):
        raise ValidationError({"org_code": f"实施主体代码{credit[:18]}不是本机构或其下属机构。"})
    return target


def _import_one(
    actor: Actor, org: Organization, row: xlsx.Row, material_rows: list[xlsx.Row], result: ImportResult
) -> None:
    values = row.values
    target = _target_org(actor, org, values)
    ident = _identity(
        org=target, basic_code=values.get("basic_code", ""), basic_name=values.get("name", ""),
        item_type=values.get("item_type", ""), implementation_code=values.get("implementation_code", ""),
        handling_code=values.get("handling_code", ""), handling_kind=values.get("handling_kind", ""),
        name=values.get("name", ""), level=values.get("level", ""),
    )  # fmt: skip
    guide: dict[str, Any] = dict(values)
    for key in xlsx.BOOL_KEYS:
        guide[key] = xlsx.yes(values.get(key, ""))
    for key in MULTI_CODE_FIELDS:
        guide[key] = [v.strip() for v in xlsx.SPLIT.split(values.get(key, "")) if v.strip()]
    cleaned = clean_guide(guide)
    materials: list[dict[str, Any]] = []
    for material_row in material_rows:
        try:
            data: dict[str, Any] = dict(material_row.values)
            data["required"] = xlsx.yes(data.get("required", "是") or "是")
            one = clean_material(data)
            if any(m["name"] == one["name"] for m in materials):
                raise ValidationError({"name": f"同一事项下材料“{one['name']}”重复。"})
        except ValidationError as exc:
            raise _RowFailed(MATERIAL_SHEET, material_row.line, exc) from None
        materials.append(one)
    wanted = sorted(_material_key(m) for m in materials)
    item = ServiceItem.objects.filter(handling_code=ident["handling_code"]).select_related("org").first()
    if item is None:
        basic = _basic(actor, ident)
        item = ServiceItem.objects.create(
            org=target, basic=basic, implementation_code=ident["implementation_code"],
            handling_code=ident["handling_code"], handling_kind=ident["handling_kind"], name=ident["name"],
            level=ident["level"],
        )  # fmt: skip
        version = GuideVersion(item=item, number=1, created_by=actor if actors.is_user(actor) else None)
        _write(version, cleaned)
        Material.objects.bulk_create([Material(version=version, **m) for m in materials])
        audit.record(actor=actor, action="servicecatalog.import", obj=version, org=target,
                     after={"version": 1, "created": True}, note=item.name)  # fmt: skip
        result.created += 1
        return
    if item.org_id != target.pk:
        raise ValidationError({"handling_code": f"业务办理项编码{item.handling_code}属于{item.org.name}。"})
    latest = (
        item.versions.exclude(status__in=[Status.SUPERSEDED, Status.CANCELLED]).order_by("-number").first()
    )
    identity_same = (item.name, item.implementation_code, item.handling_kind, item.level_id) == (
        ident["name"],
        ident["implementation_code"],
        ident["handling_kind"],
        ident["level"].pk,
    )
    if latest is not None and identity_same and same(latest, cleaned) and _materials_of(latest) == wanted:
        result.unchanged += 1
        return
    if latest is not None and latest.status == Status.SUBMITTED:
        raise ValidationError({"handling_code": "该事项的新版本正在审核中，审核后再导入。"})
    if latest is None or latest.status == Status.PUBLISHED:
        number = (item.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        base = latest or item.versions.order_by("-number").first()
        assert base is not None
        version = copy_version(base, number=number, created_by=actor)
    else:
        version = latest
    if not identity_same:
        item.name, item.implementation_code = ident["name"], ident["implementation_code"]
        item.handling_kind, item.level = ident["handling_kind"], ident["level"]
        item.save(update_fields=["name", "implementation_code", "handling_kind", "level", "updated_at"])
    _write(version, cleaned)
    version.materials.all().delete()
    Material.objects.bulk_create([Material(version=version, **m) for m in materials])
    audit.record(actor=actor, action="servicecatalog.import", obj=version, org=target,
                 after={"version": version.number, "created": False}, note=item.name)  # fmt: skip
    result.updated += 1


def guides_import(
    *, actor: Actor, org: Organization, elements: bytes, materials: bytes | None = None
) -> ImportResult:
    """Import the element table (and the materials table) into `org`'s implementation list (and those of its
    subordinate organisations named by 实施主体代码)."""
    require(rules.may_import(actor, org), "您不能为该机构导入政务服务事项。")
    element_rows = xlsx.read(
        elements, columns=xlsx.ELEMENT_COLUMNS, required=xlsx.ELEMENT_REQUIRED, label=ELEMENT_SHEET
    )
    material_rows = (
        xlsx.read(
            materials, columns=xlsx.MATERIAL_COLUMNS, required=xlsx.MATERIAL_REQUIRED, label=MATERIAL_SHEET
        )
        if materials
        else []
    )
    by_code: dict[str, list[xlsx.Row]] = defaultdict(list)
    for material_row in material_rows:
        by_code[material_row.values.get("handling_code", "").strip()].append(material_row)
    result = ImportResult()
    seen: set[str] = set()
    for row in element_rows:
        code = row.values.get("handling_code", "").strip()
        try:
            if code in seen:
                raise ValidationError({"handling_code": f"业务办理项编码{code}在表中重复。"})
            seen.add(code)
            with transaction.atomic():
                _import_one(actor, org, row, by_code.get(code, []), result)
        except _RowFailed as failed:
            result.errors += failed.errors
        except (ValidationError, PermissionDenied) as exc:
            result.errors += _RowFailed(ELEMENT_SHEET, row.line, exc).errors
    for code, rows in by_code.items():
        if code not in seen:
            result.errors += [
                RowError(
                    MATERIAL_SHEET, r.line, "业务办理项编码", f"事项要素表中没有业务办理项编码“{code[:40]}”。"
                )
                for r in rows
            ]
    result.errors.sort(key=lambda e: (e.sheet != ELEMENT_SHEET, e.line))
    return result
