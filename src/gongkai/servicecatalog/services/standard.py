"""Basic-level standard disclosure catalogs (国办发〔2019〕54号): the catalog of one domain, its entries, the
catalog items tagged with the entry they fulfil, and the catalog's publication on the portal."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.catalog.models import Item
from gongkai.core import actors, audit
from gongkai.core.actors import Actor
from gongkai.orgs.models import Organization
from gongkai.servicecatalog import rules
from gongkai.servicecatalog.models import (
    Audience,
    CatalogStatus,
    CodeList,
    Domain,
    Entry,
    EntryItem,
    Manner,
    StandardCatalog,
    Trigger,
    Unit,
)
from gongkai.servicecatalog.services.base import code, require, text


@transaction.atomic
def standard_catalog_create(*, actor: Actor, org: Organization, domain: Domain, year: int) -> StandardCatalog:
    require(rules.may_draft(actor, org), "您不能为该机构编制标准目录。")
    if not domain.active:
        raise ValidationError({"domain": "该领域已停用。"})
    if not 2019 <= year <= 2100:
        raise ValidationError({"year": "年度应在2019年之后。"})
    if StandardCatalog.objects.filter(org=org, domain=domain, year=year).exists():
        raise ValidationError({"domain": f"{org.display_name}已有{year}年{domain.name}领域的标准目录。"})
    catalog = StandardCatalog.objects.create(org=org, domain=domain, year=year)
    audit.record(
        actor=actor, action="servicecatalog.standard_create", obj=catalog, org=org, note=str(catalog)
    )
    return catalog


ENTRY_TEXT = {
    "code": ("序号", 12, True), "level1": ("一级事项", 100, True), "level2": ("二级事项", 100, False),
    "content": ("公开内容（要素）", 4000, True), "basis": ("公开依据", 4000, True),
    "limit_text": ("公开时限（原文）", 200, True), "subject": ("公开主体", 200, True),
    "channels_other": ("其他渠道", 200, False),
}  # fmt: skip


def clean_entry(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        f: text(f, data.get(f, ""), label=label, limit=limit, required=req)
        for f, (label, limit, req) in ENTRY_TEXT.items()
    }
    trigger = data.get("trigger") or Trigger.FORMED
    if trigger not in Trigger.values:
        raise ValidationError({"trigger": "公开时限起算方式无效。"})
    out["trigger"] = trigger
    limit, unit = data.get("limit"), data.get("limit_unit") or ""
    if trigger in (Trigger.FORMED, Trigger.DECIDED):
        if unit not in (Unit.WORKDAY, Unit.NATURAL) or not isinstance(limit, int) or not 0 < limit <= 365:
            raise ValidationError({"limit": "请填写公开时限的天数（1至365）和单位（工作日或自然日）。"})
    else:
        limit, unit = None, ""
    out["limit"], out["limit_unit"] = limit, unit
    if data.get("audience", Audience.PUBLIC) not in Audience.values:
        raise ValidationError({"audience": "公开对象无效。"})
    if data.get("manner", Manner.PROACTIVE) not in Manner.values:
        raise ValidationError({"manner": "公开方式无效。"})
    out["audience"] = data.get("audience", Audience.PUBLIC)
    out["manner"] = data.get("manner", Manner.PROACTIVE)
    for level in ("level_county", "level_township", "level_village"):
        out[level] = bool(data.get(level))
    if not (out["level_county"] or out["level_township"] or out["level_village"]):
        raise ValidationError({"level_county": "请至少选择一个公开层级（县、乡、村）。"})
    out["channels"] = [
        code(CodeList.CHANNEL, c, field="channels", label="公开渠道") for c in data.get("channels", [])
    ]
    if not out["channels"]:
        raise ValidationError({"channels": "请至少选择一个公开渠道和载体。"})
    if any(c.code == "99" for c in out["channels"]) and not out["channels_other"]:
        raise ValidationError({"channels_other": "选择“其他”渠道时请写明渠道。"})
    return out


@transaction.atomic
def entry_create(*, actor: Actor, catalog: StandardCatalog, data: dict[str, Any]) -> Entry:
    require(rules.may_tag(actor, catalog), "您不能编辑该机构的标准目录。")
    cleaned = clean_entry(data)
    if catalog.entries.filter(code=cleaned["code"]).exists():
        raise ValidationError({"code": f"序号{cleaned['code']}已存在。"})
    channels = cleaned.pop("channels")
    entry = Entry.objects.create(catalog=catalog, **cleaned)
    entry.channels.set(channels)
    audit.record(
        actor=actor, action="servicecatalog.entry_create", obj=entry, org=catalog.org, note=str(entry)
    )
    return entry


@transaction.atomic
def entry_tag(*, actor: Actor, entry: Entry, item: Item) -> EntryItem:
    """Tag a catalog item of the catalog's organisation (or one below it) with the entry it fulfils."""
    catalog = entry.catalog
    require(rules.may_tag(actor, catalog), "您不能编辑该机构的标准目录。")
    if not item.org.path.startswith(catalog.org.path):
        raise ValidationError({"item": "只能关联本机构及下属机构发布的信息。"})
    if EntryItem.objects.filter(entry=entry, item=item).exists():
        raise ValidationError({"item": "该信息已关联此事项。"})
    link = EntryItem.objects.create(
        entry=entry, item=item, tagged_by=actor if actors.is_user(actor) else None
    )
    audit.record(actor=actor, action="servicecatalog.entry_tag", obj=entry, org=catalog.org,
                 after={"item": item.pk}, note=item.title)  # fmt: skip
    return link


@transaction.atomic
def entry_untag(*, actor: Actor, link: EntryItem) -> None:
    entry = link.entry
    require(rules.may_tag(actor, entry.catalog), "您不能编辑该机构的标准目录。")
    item_id = link.item_id
    link.delete()
    audit.record(actor=actor, action="servicecatalog.entry_untag", obj=entry, org=entry.catalog.org,
                 before={"item": item_id})  # fmt: skip


@transaction.atomic
def standard_catalog_publish(*, actor: Actor, catalog: StandardCatalog) -> StandardCatalog:
    catalog = StandardCatalog.objects.select_for_update().select_related("org", "domain").get(pk=catalog.pk)
    require(rules.may_publish_catalog(actor, catalog), "您不能公开该机构的标准目录。")
    if catalog.status == CatalogStatus.PUBLISHED:
        raise ValidationError("该标准目录已公开。")
    if not catalog.entries.exists():
        raise ValidationError("标准目录还没有事项，不能公开。")
    catalog.status = CatalogStatus.PUBLISHED
    catalog.published_at = timezone.now()
    catalog.save(update_fields=["status", "published_at", "updated_at"])
    audit.record_on(
        catalog, actor=actor, action="servicecatalog.standard_publish", after={"status": catalog.status}
    )
    return catalog
