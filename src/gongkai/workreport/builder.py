"""The work report's figures and draft texts, computed from the records (docs/workreport.md).

`build` returns one dict: the parts present in the seed's order, each with its figures ({ref, label, value}) and
the draft of its text, and the parts nobody provides (`missing`, for the editor only). `records` answers the
drill-down of one figure with the same queryset the figure counted.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet, Sum
from django.utils import timezone

from gongkai.orgs.models import Kind, Organization
from gongkai.reports.models import Scope
from gongkai.reports.scopes import MIN_YEAR, resolve, subject_name, year_bounds
from gongkai.workreport import sections
from gongkai.workreport.sections import Context, Figure


class UnknownFigure(Exception):
    pass


def validate_year(year: object, *, today: date | None = None) -> int:
    """A finished or running year from 2008 on, or a Chinese ValidationError on `year`."""
    today = today or timezone.localdate()
    try:
        value = int(str(year).strip())
    except (TypeError, ValueError):
        raise ValidationError({"year": [f"年度“{year}”不是有效的年份。"]}) from None
    if value < MIN_YEAR or value > today.year:
        raise ValidationError({"year": [f"年度须在{MIN_YEAR}年至{today.year}年之间。"]})
    return value


def validate_org(org: Organization) -> Organization:
    if org.kind != Kind.GOVERNMENT:
        raise ValidationError({"org": ["工作总结按本行政区域编制，只有人民政府可以编制。"]})
    return org


def title_of(org: Organization, year: int) -> str:
    return f"{org.name}{year}年政务公开工作总结"


def context(org: Organization, year: int) -> Context:
    start, end = year_bounds(year)
    # A government reports for its region; any other organisation (never created by the services) for itself
    # and its units, so a page never fails on one.
    scope = Scope.REGION if org.kind == Kind.GOVERNMENT else Scope.WITH_DEPARTMENTS
    region = resolve(org, scope)
    return Context(
        org=org,
        year=year,
        start=start,
        end=end,
        org_ids=region.org_ids,
        subject=subject_name(org, scope),
        region=region,
    )


def value_of(figure: Figure) -> int:
    qs = figure.records()
    if figure.sum_of:
        return int(qs.aggregate(n=Sum(figure.sum_of))["n"] or 0)
    return int(qs.count())


def build(org: Organization, year: int, *, texts: dict[str, str] | None = None) -> dict[str, Any]:
    """The report dict of `org`'s region in `year`. With `texts`, a part's text is the office's (an empty or
    absent one falls back to the draft)."""
    ctx = context(org, year)
    present = sections.provided()
    headings = sections.numbered([p.key for p, _ in present])
    parts = []
    for part, builder in present:
        built = builder(ctx)
        values = {f.ref: value_of(f) for f in built.figures}
        draft = built.text(values)
        text = (texts or {}).get(part.key) or draft
        parts.append(
            {
                "key": part.key,
                "heading": headings[part.key],
                "figures": [
                    {
                        "ref": f.ref,
                        "label": f.label,
                        "value": values[f.ref],
                        "kind": f.kind,
                        "sum_of": f.sum_of,
                    }
                    for f in built.figures
                ],
                "draft": draft,
                "text": text,
            }
        )
    return {
        "title": title_of(org, year),
        "org": org.name,
        "org_code": org.credit_code,
        "year": year,
        "region": ctx.subject,
        "parts": parts,
        "missing": [{"key": p.key, "heading": p.heading} for p in sections.missing()],
        "generated_at": timezone.now().isoformat(timespec="seconds"),
    }


def drafts(data: dict[str, Any]) -> dict[str, str]:
    return {part["key"]: part["draft"] for part in data["parts"]}


def figures_of(data: dict[str, Any]) -> dict[str, int]:
    """Every figure of a report dict by its ref (the JSON export)."""
    return {f["ref"]: f["value"] for part in data["parts"] for f in part["figures"]}


def records(org: Organization, year: int, ref: str) -> tuple[Figure, QuerySet[Any]]:
    """The figure named `ref` and the records behind it; UnknownFigure for a name no part has."""
    key = ref.split(".", 1)[0]
    ctx = context(org, year)
    for part, builder in sections.provided():
        if part.key != key:
            continue
        for figure in builder(ctx).figures:
            if figure.ref == ref:
                return figure, figure.records()
    raise UnknownFigure(ref)
