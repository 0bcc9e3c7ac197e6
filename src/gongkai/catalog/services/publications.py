"""Publications through channels other than the website (gazette, weibo, press conference…)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.catalog.models import (
    Channel,
    Item,
    Publication,
    Status,
)
from gongkai.catalog.rules import ItemRules, require
from gongkai.catalog.services.validation import EARLIEST_DATE
from gongkai.core import audit
from gongkai.core.actors import Actor
from gongkai.orgs.models import Organization


@transaction.atomic
def publication_record(
    *,
    actor: Actor,
    org: Organization,
    channel: str,
    published_on: date,
    count: int = 1,
    item: Item | None = None,
    note: str = "",
) -> Publication:
    """Record publications through a channel other than the website (gazette, weibo, press conference…)."""
    require(ItemRules(actor, org=org).may_draft(), "您不是该机构的信息编辑，不能登记发布渠道。")
    errors: dict[str, str] = {}
    if channel not in Channel.values:
        errors["channel"] = "发布渠道无效。"
    elif channel == Channel.WEBSITE and item is not None:
        errors["channel"] = "网站发布在信息发布时自动登记。"
    today = timezone.localdate()
    if not isinstance(published_on, date):
        errors["published_on"] = "请填写发布日期。"
    elif published_on > today:
        errors["published_on"] = "发布日期不能晚于今天。"
    elif published_on < EARLIEST_DATE:
        errors["published_on"] = "发布日期有误。"
    if not isinstance(count, int) or count < 1 or count > 100000:
        errors["count"] = "条数应为1至100000之间的整数。"
    if item is not None:
        if item.org_id != org.pk:
            errors["item"] = "该信息不属于本机构。"
        elif item.status != Status.PUBLISHED:
            errors["item"] = "只能登记已发布信息的其他渠道发布。"
    note = " ".join((note or "").split())[:200]
    if errors:
        raise ValidationError(errors)
    publication = Publication.objects.create(
        item=item, org=org, channel=channel, published_on=published_on, count=count, note=note
    )
    audit.record(
        actor=actor,
        action="publication.record",
        obj=publication,
        org=org,
        after={
            "channel": channel,
            "published_on": published_on,
            "count": count,
            "item": item.pk if item else None,
        },
    )
    return publication
