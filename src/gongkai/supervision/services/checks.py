"""Storing the daily self-checks, and the supervised columns they read."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.catalog.models import Genre, Topic
from gongkai.core import audit
from gongkai.core.actors import Actor
from gongkai.orgs.models import Organization
from gongkai.supervision import checks, rules
from gongkai.supervision.models import Level, SelfCheck, SupervisedColumn, UpdateRule
from gongkai.supervision.services.base import require, text


def self_checks_org(*, actor: Actor, org: Organization, day: date) -> list[SelfCheck]:
    """Compute and store the self-checks of `org` on `day` (replacing that day's results)."""
    require(rules.may_supervise(actor, org) or rules.may_report(actor, org), "您无权对该机构自查。")
    results = checks.compute(org, day)
    with transaction.atomic():
        stored = []
        for r in results:
            row, _ = SelfCheck.objects.update_or_create(
                org=org, on=day, code=r.code,
                defaults={"value": r.value, "level": r.level, "skipped": r.skipped, "evidence": r.evidence},
            )  # fmt: skip
            stored.append(row)
        audit.record(
            actor=actor, action="supervision.self_check", obj=org, org=org,
            after={
                "on": day.isoformat(),
                "warnings": sum(1 for r in results if r.level == Level.WARNING),
                "vetoes": sum(1 for r in results if r.level == Level.VETO),
            },
        )  # fmt: skip
    return stored


def self_checks_run(
    *, actor: Actor, day: date | None = None, orgs: Iterable[Organization] | None = None
) -> int:
    """The daily run: every active organisation (or `orgs`), one transaction each. Returns how many."""
    day = day or timezone.localdate()
    targets = orgs if orgs is not None else Organization.objects.filter(is_active=True).order_by("path")
    n = 0
    for org in targets:
        self_checks_org(actor=actor, org=org, day=day)
        n += 1
    return n


def column_save(
    *,
    actor: Actor,
    org: Organization,
    name: str,
    rule: UpdateRule,
    genre: Genre | None = None,
    topic: Topic | None = None,
    column: SupervisedColumn | None = None,
    is_active: bool = True,
) -> SupervisedColumn:
    """Define (or change) a supervised column of `org`: a filter over its catalog with an update class."""
    require(rules.may_supervise(actor, org) or rules.may_report(actor, org), "您无权设置该机构的监测栏目。")
    name = text("name", "栏目名称", name, limit=60, required=True)
    if genre is None and topic is None:
        raise ValidationError({"genre": "请选择体裁或主题分类（至少一项）。"})
    with transaction.atomic():
        if (
            SupervisedColumn.objects.filter(org=org, name=name)
            .exclude(pk=column.pk if column is not None else 0)
            .exists()
        ):
            raise ValidationError({"name": "该机构已有同名栏目。"})
        column = column or SupervisedColumn(org=org)
        column.name, column.rule, column.genre, column.topic, column.is_active = (
            name,
            rule,
            genre,
            topic,
            is_active,
        )
        column.save()
        audit.record(actor=actor, action="supervision.column_save", obj=column, org=org,
                     after={"name": name, "rule": rule.code})  # fmt: skip
    return column
