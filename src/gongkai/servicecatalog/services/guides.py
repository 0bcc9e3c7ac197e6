"""Service items and their guides: create, edit a draft, materials, submit, review and publish, new versions."""

from __future__ import annotations

from datetime import date
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from gongkai.catalog.models import Item
from gongkai.catalog.uploads import check_attachment
from gongkai.core import actors, audit
from gongkai.core.actors import Actor
from gongkai.core.validation import strip_controls
from gongkai.orgs.models import Organization
from gongkai.servicecatalog import completeness, limits, rules
from gongkai.servicecatalog.models import (
    BasicItem,
    CodeList,
    Fee,
    GuideReview,
    GuideVersion,
    HandlingKind,
    Material,
    Question,
    ReviewConclusion,
    ServiceItem,
    SetBy,
    SpecialProcedure,
    Status,
    Unit,
)
from gongkai.servicecatalog.services.base import (
    BOOL_FIELDS,
    CODE_FIELDS,
    DATE_FIELDS,
    MULTI_CODE_FIELDS,
    NUMBER_FIELDS,
    TEXT_FIELDS,
    code,
    codes,
    locked,
    move,
    require,
    text,
)


def clean_guide(data: dict[str, Any], *, start: date | None = None) -> dict[str, Any]:
    """The elements of a guide from `data` (codes by code or name), checked: texts, numbers, units, dates, the
    time limits against each other. Raises a ValidationError per field."""
    out: dict[str, Any] = {}
    for field, (label, limit) in TEXT_FIELDS.items():
        out[field] = text(field, data.get(field, ""), label=label, limit=limit)
    for field in BOOL_FIELDS:
        out[field] = bool(data.get(field, False))
    for field in NUMBER_FIELDS:
        value = data.get(field)
        if value in (None, ""):
            out[field] = None
            continue
        try:
            number = int(str(value).strip().removesuffix(".0"))
        except ValueError:
            raise ValidationError({field: "请填写整数天数。"}) from None
        if not 0 <= number <= 3650:
            raise ValidationError({field: "天数应在0至3650之间。"})
        out[field] = number
    for field in ("legal_unit", "promised_unit"):
        value = (data.get(field) or "").strip()
        value = next((u.value for u in Unit if value in (u.value, u.label)), value)
        if value and value not in Unit.values:
            raise ValidationError({field: "时限单位只能是工作日、自然日或即办。"})
        out[field] = value
    for field in DATE_FIELDS:
        value = data.get(field)
        if value not in (None, "") and not isinstance(value, date):
            try:
                value = date.fromisoformat(str(value).strip()[:10])
            except ValueError:
                raise ValidationError({field: "日期格式应为YYYY-MM-DD。"}) from None
        out[field] = value or None
    if out["effective_on"] and out["cancel_on"] and out["cancel_on"] <= out["effective_on"]:
        raise ValidationError({"cancel_on": "计划取消日期应晚于计划生效日期。"})
    labels = {"subject_nature": "实施主体性质", "handling_type": "办件类型"}
    for field, list_name in CODE_FIELDS.items():
        out[field] = code(list_name, str(data.get(field) or ""), field=field, label=labels[field])
    multi_labels = {"service_objects": "服务对象", "handling_forms": "办理形式"}
    for field, list_name in MULTI_CODE_FIELDS.items():
        out[field] = codes(list_name, data.get(field) or [], field=field, label=multi_labels[field])
        if not out[field]:
            raise ValidationError({field: f"请选择{multi_labels[field]}。"})
    if out["legal_unit"] == Unit.IMMEDIATE:
        out["legal_limit"] = None
    if out["promised_unit"] == Unit.IMMEDIATE:
        out["promised_limit"] = None
    limits.check(
        legal_limit=out["legal_limit"], legal_unit=out["legal_unit"], legal_note=out["legal_note"],
        promised_limit=out["promised_limit"], promised_unit=out["promised_unit"],
        promised_note=out["promised_note"], handling_type_code=out["handling_type"].code,
        start=out["effective_on"] or start or timezone.localdate(),
    )  # fmt: skip
    if out["online"] and not out["online_url"]:
        raise ValidationError({"online_url": "网上可办的事项请填写网办地址。"})
    return out


def _write(version: GuideVersion, cleaned: dict[str, Any]) -> None:
    for field, value in cleaned.items():
        if field not in MULTI_CODE_FIELDS:
            setattr(version, field, value)
    version.save()
    for field in MULTI_CODE_FIELDS:
        getattr(version, field).set(cleaned[field])


def values_of(version: GuideVersion) -> dict[str, Any]:
    """The version's elements as `clean_guide` returns them (for comparing an import with what is stored)."""
    out: dict[str, Any] = {f: getattr(version, f) for f in (*TEXT_FIELDS, *BOOL_FIELDS, *NUMBER_FIELDS)}
    out.update({f: getattr(version, f) for f in ("legal_unit", "promised_unit", *DATE_FIELDS)})
    out.update({f: getattr(version, f) for f in CODE_FIELDS})
    out.update({f: sorted(getattr(version, f).all(), key=lambda c: c.code) for f in MULTI_CODE_FIELDS})
    return out


def same(version: GuideVersion, cleaned: dict[str, Any]) -> bool:
    stored = values_of(version)
    for field, value in cleaned.items():
        if field in MULTI_CODE_FIELDS:
            value = sorted(value, key=lambda c: c.code)
        if stored[field] != value:
            return False
    return True


def _identity(
    *, org: Organization, basic_code: str, basic_name: str, item_type: str, implementation_code: str,
    handling_code: str, handling_kind: str, name: str, level: str,
) -> dict[str, Any]:  # fmt: skip
    out: dict[str, Any] = {
        "basic_code": text("basic_code", basic_code, label="基本编码", limit=12, required=True),
        "basic_name": text(
            "basic_name", basic_name or name, label="基本目录事项名称", limit=200, required=True
        ),
        "implementation_code": text(
            "implementation_code", implementation_code, label="实施编码", limit=36, required=True
        ),
        "handling_code": text(
            "handling_code", handling_code, label="业务办理项编码", limit=40, required=True
        ),
        "name": text("name", name, label="事项名称", limit=200, required=True),
        "item_type": code(CodeList.ITEM_TYPE, item_type, field="item_type", label="事项类型"),
        "level": code(CodeList.LEVEL, level, field="level", label="行使层级"),
    }
    kind = (handling_kind or "").strip() or HandlingKind.SINGLE
    kind = next((k.value for k in HandlingKind if kind in (k.value, k.label)), kind)
    if kind not in HandlingKind.values:
        raise ValidationError({"handling_kind": "业务办理项只能是新设、变更、延续、注销或不分办理项。"})
    out["handling_kind"] = kind
    for field in ("basic_code", "implementation_code", "handling_code"):
        if not all(c.isascii() and (c.isalnum() or c in "-_") for c in out[field]):
            raise ValidationError({field: "编码只能由字母、数字、“-”和“_”组成。"})
    return out


def _basic(actor: Actor, ident: dict[str, Any]) -> BasicItem:
    basic = BasicItem.objects.filter(basic_code=ident["basic_code"]).first()
    if basic is None:
        basic = BasicItem.objects.create(
            basic_code=ident["basic_code"], name=ident["basic_name"], item_type=ident["item_type"],
            set_by=SetBy.PROVINCE,
        )  # fmt: skip
        audit.record(actor=actor, action="servicecatalog.basic_create", obj=basic, note=basic.name)
    elif basic.item_type_id != ident["item_type"].pk:
        raise ValidationError(
            {"item_type": f"基本编码{basic.basic_code}的事项类型为“{basic.item_type.name}”。"}
        )
    return basic


@transaction.atomic
def item_create(
    *, actor: Actor, org: Organization, basic_code: str, basic_name: str = "", item_type: str,
    implementation_code: str, handling_code: str, handling_kind: str = "", name: str, level: str,
    guide: dict[str, Any],
) -> GuideVersion:  # fmt: skip
    """Claim a basic item at `org` (认领) as one 业务办理项 and draft its first guide version."""
    require(rules.may_draft(actor, org), "您不能为该机构编制办事指南。")
    ident = _identity(
        org=org, basic_code=basic_code, basic_name=basic_name, item_type=item_type,
        implementation_code=implementation_code, handling_code=handling_code, handling_kind=handling_kind,
        name=name, level=level,
    )  # fmt: skip
    if ServiceItem.objects.filter(handling_code=ident["handling_code"]).exists():
        raise ValidationError({"handling_code": f"业务办理项编码{ident['handling_code']}已存在。"})
    cleaned = clean_guide(guide)
    basic = _basic(actor, ident)
    item = ServiceItem.objects.create(
        org=org, basic=basic, implementation_code=ident["implementation_code"],
        handling_code=ident["handling_code"], handling_kind=ident["handling_kind"], name=ident["name"],
        level=ident["level"],
    )  # fmt: skip
    version = GuideVersion(item=item, number=1, created_by=actor if actors.is_user(actor) else None)
    _write(version, cleaned)
    audit.record(actor=actor, action="servicecatalog.item_create", obj=item, org=org, after={"version": 1},
                 note=item.name)  # fmt: skip
    return version


@transaction.atomic
def guide_update(*, actor: Actor, version: GuideVersion, guide: dict[str, Any]) -> GuideVersion:
    version = locked(version)
    require(rules.GuideRules(actor, version).may_draft(), "您不能编辑该机构的办事指南。")
    if not version.is_editable:
        raise ValidationError(f"“{version.get_status_display()}”的版本不能修改，请起草新版本。")
    _write(version, clean_guide(guide))
    audit.record(actor=actor, action="servicecatalog.guide_update", obj=version, org=version.item.org)
    return version


@transaction.atomic
def guide_set_basis_items(*, actor: Actor, version: GuideVersion, items: list[Item]) -> GuideVersion:
    """Link the 设定依据 to documents of the catalog (published ones only)."""
    version = locked(version)
    require(rules.GuideRules(actor, version).may_draft(), "您不能编辑该机构的办事指南。")
    if not version.is_editable:
        raise ValidationError("只有草稿或退回的版本可以修改。")
    if any(not Item.objects.published().filter(pk=i.pk).exists() for i in items):
        raise ValidationError({"basis_items": "设定依据只能关联已公开的文件。"})
    version.basis_items.set(items)
    audit.record(actor=actor, action="servicecatalog.guide_update", obj=version, org=version.item.org,
                 after={"basis_items": [i.pk for i in items]})  # fmt: skip
    return version


def _checked_file(upload: IO[bytes] | None, label: str) -> tuple[File | None, str]:
    if upload is None:
        return None, ""
    name = str(getattr(upload, "name", "") or "")
    try:
        checked = check_attachment(upload, name=name, size=getattr(upload, "size", None))
    except ValidationError as exc:
        raise ValidationError({label: "；".join(exc.messages)}) from None
    upload.seek(0)
    return File(upload, name=checked.name), checked.name


FLOWCHART_KINDS = ("jpg", "png", "gif", "pdf")


@transaction.atomic
def guide_flowchart_set(*, actor: Actor, version: GuideVersion, upload: IO[bytes]) -> GuideVersion:
    """Attach the guide's 办理流程图 (the last chapter of a national guide): an image, shown in the guide, or a
    PDF, checked by content like every attachment. A new upload replaces the draft's flowchart."""
    version = locked(version)
    require(rules.GuideRules(actor, version).may_draft(), "您不能编辑该机构的办事指南。")
    if not version.is_editable:
        raise ValidationError("只有草稿或退回的版本可以修改。")
    stored, name = _checked_file(upload, "flowchart")
    if stored is None or name.rsplit(".", 1)[-1].lower() not in (*FLOWCHART_KINDS, "jpeg"):
        raise ValidationError({"flowchart": "办理流程图请上传 JPG、PNG、GIF 图片或 PDF 文件。"})
    version.flowchart = stored
    version.flowchart_name = name
    version.save(update_fields=["flowchart", "flowchart_name", "updated_at"])
    audit.record(actor=actor, action="servicecatalog.flowchart_set", obj=version, org=version.item.org,
                 after={"flowchart": name})  # fmt: skip
    return version


MATERIAL_TEXT = {
    "name": ("材料名称", 200), "issuer": ("出具机构", 200), "time_requirement": ("出具时间要求", 200),
    "note": ("材料办理说明", 2000), "place": ("材料办理地点", 300), "usage": ("材料使用说明", 2000),
    "form": ("材料形式", 30),
}  # fmt: skip


def clean_material(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        f: text(f, data.get(f, ""), label=label, limit=limit, required=f == "name")
        for f, (label, limit) in MATERIAL_TEXT.items()
    }
    for field, label in (("originals", "原件份数"), ("copies", "复印件份数"), ("sort", "排序")):
        value = str(data.get(field) if data.get(field) is not None else "").strip().removesuffix(".0") or "0"
        if not value.isdigit() or int(value) > 100:
            raise ValidationError({field: f"{label}应为0至100的整数。"})
        out[field] = int(value)
    out["required"] = bool(data.get("required", True))
    return out


@transaction.atomic
def material_add(
    *, actor: Actor, version: GuideVersion, data: dict[str, Any], blank_form: IO[bytes] | None = None,
    sample: IO[bytes] | None = None,
) -> Material:  # fmt: skip
    """Add a material to a draft; a blank form (空白表格) and a sample (示例样表) pass the catalog's file checks."""
    version = locked(version)
    require(rules.GuideRules(actor, version).may_draft(), "您不能编辑该机构的办事指南。")
    if not version.is_editable:
        raise ValidationError("只有草稿或退回的版本可以修改材料。")
    cleaned = clean_material(data)
    if version.materials.filter(name=cleaned["name"]).exists():
        raise ValidationError({"name": f"已有名为“{cleaned['name']}”的材料。"})
    form_file, form_name = _checked_file(blank_form, "blank_form")
    sample_file, sample_name = _checked_file(sample, "sample")
    material = Material(version=version, **cleaned, blank_form_name=form_name, sample_name=sample_name)
    if form_file is not None:
        material.blank_form = form_file
    if sample_file is not None:
        material.sample = sample_file
    material.save()
    audit.record(actor=actor, action="servicecatalog.material_add", obj=version, org=version.item.org,
                 note=material.name)  # fmt: skip
    return material


@transaction.atomic
def material_remove(*, actor: Actor, material: Material) -> None:
    version = locked(material.version)
    require(rules.GuideRules(actor, version).may_draft(), "您不能编辑该机构的办事指南。")
    if not version.is_editable:
        raise ValidationError("只有草稿或退回的版本可以修改材料。")
    name = material.name
    material.delete()
    audit.record(actor=actor, action="servicecatalog.material_remove", obj=version, org=version.item.org,
                 note=name)  # fmt: skip


def _incomplete_warning(missing: list[str], confirmed: bool, verb: str) -> None:
    if missing and not confirmed:
        raise ValidationError(
            {
                "confirm_incomplete": f"办事指南缺少重点要素：{'、'.join(missing)}。要素缺失的指南在网站检查中属单项否决，"
                f"请补充后再{verb}；确需{verb}的，请勾选确认。"
            }
        )


@transaction.atomic
def guide_submit(*, actor: Actor, version: GuideVersion, confirm_incomplete: bool = False) -> list[str]:
    """Submit a draft for review. A guide missing key elements is refused with the list (a warning) unless the
    editor confirms; returns the missing elements."""
    version = locked(version)
    require(rules.GuideRules(actor, version).may_draft(), "您不能提交该机构的办事指南。")
    missing = completeness.missing(version)
    _incomplete_warning(missing, confirm_incomplete, "提交")
    move(version, Status.SUBMITTED)
    version.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, action="servicecatalog.guide_submit", obj=version, org=version.item.org,
                 after={"status": version.status, "missing": missing})  # fmt: skip
    return missing


@transaction.atomic
def guide_review(
    *, actor: Actor, version: GuideVersion, conclusion: str, basis: str, confirm_incomplete: bool = False
) -> GuideVersion:
    """Approve (publish now; the version it replaces is superseded) or return a submitted version. Publishing an
    incomplete guide warns the reviewer, who must confirm."""
    version = locked(version)
    permissions = rules.GuideRules(actor, version)
    require(permissions.may_review(), "您不是该机构的审核人，不能审核。")
    require(not permissions.is_own_draft(), "不能审核本人起草的办事指南。")
    if conclusion not in ReviewConclusion.values:
        raise ValidationError({"conclusion": "审核结论无效。"})
    if version.status != Status.SUBMITTED:
        raise ValidationError(f"“{version.get_status_display()}”的版本不在审核中。")
    basis = strip_controls(basis or "")
    if len(basis) < 2 or len(basis) > 2000:
        raise ValidationError({"basis": "请填写审核意见（2至2000字）。"})
    missing = completeness.missing(version) if conclusion == ReviewConclusion.APPROVE else []
    _incomplete_warning(missing, confirm_incomplete, "公开")
    user = actor if actors.is_user(actor) else None
    GuideReview.objects.create(
        version=version, reviewer=user, conclusion=conclusion, basis=basis,
        reviewer_label=(user.get_full_name() or user.get_username()) if user else actors.label(actor),
        missing_acknowledged="、".join(missing),
    )  # fmt: skip
    if conclusion == ReviewConclusion.RETURN:
        move(version, Status.RETURNED)
        version.save(update_fields=["status", "updated_at"])
    else:
        current = (
            GuideVersion.objects.select_for_update()
            .filter(item=version.item, status=Status.PUBLISHED)
            .first()
        )
        if current is not None:
            move(current, Status.SUPERSEDED)
            current.save(update_fields=["status", "updated_at"])
        move(version, Status.PUBLISHED)
        version.published_at = timezone.now()
        version.save(update_fields=["status", "published_at", "updated_at"])
    audit.record(actor=actor, action="servicecatalog.guide_review", obj=version, org=version.item.org,
                 after={"status": version.status, "conclusion": conclusion, "missing": missing},
                 note=basis)  # fmt: skip
    return version


def copy_version(version: GuideVersion, *, number: int, created_by: Actor) -> GuideVersion:
    """A draft copy of `version` with its materials, fees, special procedures and questions (files shared)."""
    new = GuideVersion.objects.get(pk=version.pk)
    new.pk = None
    new.id = None
    new.number = number
    new.status = Status.DRAFT
    new.published_at = None
    new.created_by = created_by if actors.is_user(created_by) else None
    new.save(force_insert=True)
    for field in ("service_objects", "handling_forms", "basis_items"):
        getattr(new, field).set(getattr(version, field).all())
    for related in ("materials", "fees", "special_procedures", "questions"):
        for row in getattr(version, related).all():
            row.pk = None
            row.id = None
            row.version = new
            row.save(force_insert=True)
    return new


@transaction.atomic
def guide_new_version(*, actor: Actor, version: GuideVersion) -> GuideVersion:
    """Draft the next version of a published guide; the published one stays public until the new one is."""
    version = locked(version)
    require(rules.GuideRules(actor, version).may_draft(), "您不能编辑该机构的办事指南。")
    if version.status != Status.PUBLISHED:
        raise ValidationError("只能在已公开的版本基础上起草新版本。")
    if version.item.versions.filter(status__in=[Status.DRAFT, Status.SUBMITTED, Status.RETURNED]).exists():
        raise ValidationError("该事项已有未公开的新版本，请继续编辑该版本。")
    number = (version.item.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    new = copy_version(version, number=number, created_by=actor)
    audit.record(actor=actor, action="servicecatalog.guide_new_version", obj=new, org=version.item.org,
                 after={"version": number})  # fmt: skip
    return new


@transaction.atomic
def guide_cancel(*, actor: Actor, version: GuideVersion, reason: str) -> GuideVersion:
    """Cancel a published item (事项取消): it leaves the public catalog."""
    version = locked(version)
    require(rules.GuideRules(actor, version).may_cancel(), "您不能取消该机构的事项。")
    reason = strip_controls(reason or "")
    if len(reason) < 2:
        raise ValidationError({"reason": "请填写取消理由。"})
    move(version, Status.CANCELLED)
    version.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, action="servicecatalog.guide_cancel", obj=version, org=version.item.org,
                 after={"status": version.status}, note=reason)  # fmt: skip
    return version


def _editable(actor: Actor, version: GuideVersion) -> GuideVersion:
    version = locked(version)
    require(rules.GuideRules(actor, version).may_draft(), "您不能编辑该机构的办事指南。")
    if not version.is_editable:
        raise ValidationError("只有草稿或退回的版本可以修改。")
    return version


@transaction.atomic
def fee_add(
    *, actor: Actor, version: GuideVersion, name: str, standard: str, basis: str = "", reducible: bool = False,
    reduction_basis: str = "",
) -> Fee:  # fmt: skip
    """Add a fee item (收费项目名称, 收费标准, 收费依据, 是否允许减免, 允许减免依据); the guide then charges."""
    version = _editable(actor, version)
    fee = Fee.objects.create(
        version=version, name=text("name", name, label="收费项目名称", limit=200, required=True),
        standard=text("standard", standard, label="收费标准", limit=500, required=True),
        basis=text("basis", basis, label="收费依据", limit=2000), reducible=reducible,
        reduction_basis=text("reduction_basis", reduction_basis, label="允许减免依据", limit=2000),
    )  # fmt: skip
    if not version.charged:
        version.charged = True
        version.save(update_fields=["charged", "updated_at"])
    audit.record(
        actor=actor, action="servicecatalog.fee_add", obj=version, org=version.item.org, note=fee.name
    )
    return fee


@transaction.atomic
def question_add(*, actor: Actor, version: GuideVersion, question: str, answer: str) -> Question:
    version = _editable(actor, version)
    row = Question.objects.create(
        version=version, question=text("question", question, label="问题", limit=500, required=True),
        answer=text("answer", answer, label="解答", limit=2000, required=True),
        sort=version.questions.count() + 1,
    )  # fmt: skip
    audit.record(actor=actor, action="servicecatalog.question_add", obj=version, org=version.item.org,
                 note=row.question)  # fmt: skip
    return row


@transaction.atomic
def special_procedure_add(
    *, actor: Actor, version: GuideVersion, kind: str, name: str, limit: int | None = None, unit: str = "",
    note: str = "",
) -> SpecialProcedure:  # fmt: skip
    """A special procedure (特别程序, A.7): its time does not count in the limits (延长审批, 专家评审, 听证 …)."""
    version = _editable(actor, version)
    if unit and unit not in Unit.values:
        raise ValidationError({"unit": "时限单位只能是工作日、自然日或即办。"})
    if (limit is None) != (not unit or unit == Unit.IMMEDIATE):
        raise ValidationError({"limit": "请同时填写特别程序的时限和单位。"})
    row = SpecialProcedure.objects.create(
        version=version, kind=code(CodeList.SPECIAL_PROCEDURE, kind, field="kind", label="特别程序种类"),
        name=text("name", name, label="特别程序名称", limit=200, required=True), limit=limit, unit=unit,
        note=text("note", note, label="说明", limit=500),
    )  # fmt: skip
    audit.record(actor=actor, action="servicecatalog.procedure_add", obj=version, org=version.item.org,
                 note=row.name)  # fmt: skip
    return row
