"""Assessment: schemes of indicators (data), scores computed from the records or entered by an assessor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.actors import Actor
from gongkai.orgs.models import Organization
from gongkai.supervision import rules, selectors
from gongkai.supervision.models import Indicator, IndicatorKind, IndicatorMethod, Scheme, Score
from gongkai.supervision.services.base import require, text, user_or_none


@dataclass
class IndicatorSpec:
    code: str
    name: str
    weight: str
    method: str = IndicatorMethod.MANUAL
    kind: str = IndicatorKind.SCORE
    metric: str = ""
    per_record: str = "0"
    rule: str = ""
    parent: str = ""


def scheme_create(
    *, actor: Actor, org: Organization, year: int, name: str, source: str, units: list[Organization],
    indicators: list[IndicatorSpec], pass_mark: Decimal = Decimal(60), bonus_above: Decimal | None = None,
) -> Scheme:  # fmt: skip
    require(rules.may_supervise(actor, org), "只有主管部门可以制定考核方案。")
    source = text("source", "依据", source, limit=4000, required=True)
    if any(not rules.may_supervise(actor, u) for u in units):
        raise ValidationError({"units": "考核对象应在本地区范围内。"})
    with transaction.atomic():
        scheme = Scheme.objects.create(
            org=org, year=year, name=text("name", "名称", name, limit=200, required=True), source=source,
            pass_mark=pass_mark, bonus_above=bonus_above,
        )  # fmt: skip
        scheme.units.set(units)
        made: dict[str, Indicator] = {}
        for spec in indicators:
            made[spec.code] = Indicator.objects.create(
                scheme=scheme, parent=made.get(spec.parent), code=spec.code, name=spec.name, kind=spec.kind,
                weight=Decimal(spec.weight), method=spec.method, metric=spec.metric,
                per_record=Decimal(spec.per_record), rule=spec.rule,
            )  # fmt: skip
        audit.record(actor=actor, action="supervision.scheme_create", obj=scheme, org=org,
                     after={"indicators": len(indicators), "units": len(units)})  # fmt: skip
    return scheme


def _points(indicator: Indicator, count: int) -> Decimal:
    amount = min(indicator.weight, indicator.per_record * count)
    if indicator.kind == IndicatorKind.SCORE:
        return indicator.weight - amount
    if indicator.kind == IndicatorKind.BONUS:
        return amount
    return Decimal(0)


def assessment_compute(*, actor: Actor, scheme: Scheme, as_at: date | None = None) -> int:
    """Score every computed indicator for every unit from the records; the evidence is the exact records."""
    require(rules.may_supervise(actor, scheme.org), "只有考核机关可以计算得分。")
    as_at = as_at or timezone.localdate()
    units = list(scheme.units.all())
    computed = list(scheme.indicators.filter(method=IndicatorMethod.COMPUTED))
    n = 0
    with transaction.atomic():
        for indicator in computed:
            for org in units:
                records = list(selectors.metric_records(indicator.metric, org, scheme.year, as_at))
                Score.objects.update_or_create(
                    indicator=indicator, org=org,
                    defaults={
                        "count": len(records), "points": _points(indicator, len(records)),
                        "evidence": [selectors.metric_ref(indicator.metric, r) for r in records],
                        "note": f"截至{as_at:%Y-%m-%d}系统计算",
                    },
                )  # fmt: skip
                n += 1
        audit.record_on(
            scheme,
            actor=actor,
            action="supervision.assessment_compute",
            after={"scores": n, "as_at": as_at.isoformat()},
        )
    return n


def score_enter(
    *, actor: Actor, indicator: Indicator, org: Organization, points: Decimal, note: str, count: int = 0
) -> Score:
    """An assessor's score for a manual indicator, with the evidence described in the note."""
    require(rules.may_supervise(actor, indicator.scheme.org), "只有考核机关可以评分。")
    if indicator.method != IndicatorMethod.MANUAL:
        raise ValidationError({"points": "该指标由系统计算，不能人工评分。"})
    if not indicator.scheme.units.filter(pk=org.pk).exists():
        raise ValidationError({"org": "该单位不是本方案的考核对象。"})
    if not Decimal(0) <= points <= indicator.weight:
        raise ValidationError({"points": f"得分应在0至{indicator.weight}之间。"})
    note = text("note", "评分说明", note, limit=4000, required=True)
    with transaction.atomic():
        score, _ = Score.objects.update_or_create(
            indicator=indicator, org=org,
            defaults={"points": points, "count": count, "note": note, "assessor": user_or_none(actor)},
        )  # fmt: skip
        audit.record(actor=actor, action="supervision.score_enter", obj=indicator.scheme, org=org,
                     after={"indicator": indicator.code, "points": str(points)})  # fmt: skip
    return score


def scheme_publish(*, actor: Actor, scheme: Scheme) -> Scheme:
    require(rules.may_supervise(actor, scheme.org), "只有考核机关可以公开考核结果。")
    with transaction.atomic():
        scheme.is_published = True
        scheme.save(update_fields=["is_published", "updated_at"])
        audit.record_on(scheme, actor=actor, action="supervision.scheme_publish")
    return scheme
