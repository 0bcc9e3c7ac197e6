"""The drill-down: which records stand behind a figure of the report (the same Q as its count)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from gongkai.catalog.models import Item, Publication
from gongkai.foi.models import Application, Fee, Remedy
from gongkai.reports.models import OfficeFigures
from gongkai.reports.scopes import ReportScope
from gongkai.reports.selectors.figures import (
    APPLICANT_TYPES,
    NORMATIVE_KINDS,
    REMEDY_KINDS,
    REMEDY_RESULTS,
    outcome_codes,
    q_carried_in,
    q_carried_out,
    q_closed,
    q_fee_collected,
    q_in_force,
    q_issued,
    q_published_in,
    q_received,
    q_remedy_filed,
    q_remedy_result,
    q_repealed,
)


class UnknownFigure(Exception):
    pass


def records_for(rs: ReportScope, ref: str, start: date, end: date) -> tuple[str, QuerySet[Any]]:
    """The records behind the figure named `ref` (see `reports.builder` for the names), as (kind, queryset).

    kind is "item", "application", "remedy", "fee", "publication" or "office".
    """
    parts = ref.split(".")
    ids = rs.org_ids
    head = parts[0]
    qs: QuerySet[Any]  # of the model the figure counts
    if head == "items" and len(parts) >= 2:
        qs = Item.objects.published().filter(q_published_in(start, end), org_id__in=ids)
        body, _, variant = ".".join(parts[1:]).partition(":")
        what, _, arg = body.partition(".")
        if what in {"normative", "other", "late"} and not arg:
            what, variant = "total", what
        if what == "total":
            pass
        elif what == "segment":
            segment = next((s for s in rs.segments if s.key == arg), None)
            if segment is None:
                raise UnknownFigure(ref)
            qs = qs.filter(org_id__in=segment.org_ids)
        elif what == "lower":
            qs = qs.filter(org_id__in=[i for s in rs.segments if s.is_lower for i in s.org_ids])
        elif what == "org":
            qs = qs.filter(org__credit_code=arg)
        elif what == "topic":
            qs = qs.filter(Q(topic__code=arg) | Q(topic__parent__code=arg))
        elif what == "class":
            qs = qs.filter(statutory_class=arg)
        elif what == "focus":
            qs = qs.filter(focus_areas__code=arg)
        else:
            raise UnknownFigure(ref)
        if variant == "normative":
            qs = qs.filter(is_normative=True)
        elif variant == "other":
            qs = qs.filter(is_normative=False)
        elif variant == "late":
            qs = qs.filter(is_late=True)
        elif variant:
            raise UnknownFigure(ref)
        return "item", qs.select_related("org").order_by("-published_at", "-id").distinct()
    if head == "apps" and len(parts) == 3:
        # Per organisation (league table): apps.<credit code>.<received|closed|carried_out|open|overdue>
        qs = Application.objects.filter(org_id__in=ids, org__credit_code=parts[1])
        what = parts[2]
        if what in {"received", "carried_out"}:
            return "application", _applications_for(qs, what, "total", start, end)
        if what == "closed":
            return "application", _applications_for(qs, "outcome_total", "total", start, end)
        qs = qs.filter(closed_on__isnull=True, received_on__isnull=False)
        if what == "overdue":
            qs = qs.filter(due_on__lt=timezone.localdate())
        elif what != "open":
            raise UnknownFigure(ref)
        return "application", qs.select_related("org").order_by("due_on", "id")
    if head == "channel" and len(parts) == 2:
        qs = Publication.objects.filter(
            org_id__in=ids, published_on__gte=start, published_on__lte=end, channel=parts[1]
        )
        return "publication", qs.select_related("org", "item").order_by("-published_on", "-id")
    if head == "t2" and len(parts) == 3 and parts[1] in NORMATIVE_KINDS:
        qs = Item.objects.filter(status="published", normative_kind=parts[1], org_id__in=ids)
        q = {
            "issued": q_issued(start, end),
            "repealed": q_repealed(start, end),
            "in_force": q_in_force(end),
        }.get(parts[2])
        if q is None:
            raise UnknownFigure(ref)
        return "item", qs.filter(q).select_related("org").order_by("-written_on", "-id")
    if head == "t2" and len(parts) == 2 and parts[1] in {"licensing", "penalty", "coercion", "fees"}:
        return "office", OfficeFigures.objects.filter(org_id__in=ids, year=start.year).select_related("org")
    if head == "t3" and len(parts) >= 3:  # outcome codes contain a dot: t3.refused.state_secret.natural
        row, column = ".".join(parts[1:-1]), parts[-1]
        return "application", _applications_for(
            Application.objects.filter(org_id__in=ids), row, column, start, end
        )
    if head == "t4" and len(parts) == 3 and parts[1] in REMEDY_KINDS:
        qs = Remedy.objects.filter(q_remedy_filed(start, end), application__org_id__in=ids, kind=parts[1])
        if parts[2] in REMEDY_RESULTS:
            qs = qs.filter(q_remedy_result(parts[2], end))
        elif parts[2] != "total":
            raise UnknownFigure(ref)
        return "remedy", qs.select_related("application", "application__org").order_by("filed_on", "id")
    if head == "fees":
        qs = Fee.objects.filter(q_fee_collected(start, end), application__org_id__in=ids)
        return "fee", qs.select_related("application", "application__org").order_by("paid_on", "id")
    if head == "check" and len(parts) == 2 and parts[1] == "fee_without_receipt":
        qs = Fee.objects.filter(q_fee_collected(start, end), application__org_id__in=ids, receipt_no="")
        return "fee", qs.select_related("application", "application__org").order_by("paid_on", "id")
    if head == "check" and len(parts) == 2:
        return "application", _check_records(Application.objects.filter(org_id__in=ids), parts[1], start, end)
    raise UnknownFigure(ref)


def _applications_for(
    qs: QuerySet[Application], row: str, column: str, start: date, end: date
) -> QuerySet[Application]:
    codes = outcome_codes()
    if row == "received":
        qs = qs.filter(q_received(start, end))
    elif row == "carried_in":
        qs = qs.filter(q_carried_in(start))
    elif row == "carried_out":
        qs = qs.filter(q_carried_out(end))
    elif row == "outcome_total":
        qs = qs.filter(q_closed(start, end))
    elif row in codes:
        qs = qs.filter(q_closed(start, end), outcome=row)
    else:
        raise UnknownFigure(row)
    if column in APPLICANT_TYPES:
        qs = qs.filter(applicant_type=column)
    elif column != "total":
        raise UnknownFigure(column)
    return qs.select_related("org").order_by("received_on", "id")


def _check_records(qs: QuerySet[Application], name: str, start: date, end: date) -> QuerySet[Application]:
    """Records that make a check fail (see reports.checks)."""
    if name == "outcome_missing":
        qs = qs.filter(q_closed(start, end)).exclude(outcome__in=outcome_codes())
    elif name == "bad_applicant_type":
        period = q_received(start, end) | q_carried_in(start) | q_closed(start, end) | q_carried_out(end)
        qs = qs.filter(period).exclude(applicant_type__in=APPLICANT_TYPES)
    elif name == "closed_before_received":
        qs = qs.filter(q_closed(start, end)).filter(
            Q(received_on__isnull=True) | Q(received_on__gt=F("closed_on"))
        )
    elif name == "carried_in":
        qs = qs.filter(q_carried_in(start))
    else:
        raise UnknownFigure(name)
    return qs.select_related("org").order_by("received_on", "id")
