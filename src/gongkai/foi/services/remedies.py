"""Administrative reconsideration and litigation records (annual-report table 4)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

import gongkai.foi.services.events as events
import gongkai.foi.services.steps as steps
from gongkai.core import audit
from gongkai.core.actors import Actor
from gongkai.core.validation import strip_controls
from gongkai.foi import reported, workflow
from gongkai.foi.models import Application, EventKind, Remedy, RemedyKind, RemedyResult
from gongkai.orgs.models import Organization

# --- Reconsideration and litigation -----------------------------------------------------------------


def report_year_for(org: Organization, filed_on: date) -> int:
    """Table 4 counts a case in the year it was filed; one recorded after that year's report was published
    counts in the first year still open (the published figures never move; the report says so)."""
    return reported.first_open_day(org.pk, filed_on).year


def _clean_remedy(
    *, result: str, decided_on: date | None, filed_on: date, note: str
) -> tuple[str, date | None, str]:
    if result not in RemedyResult.values:
        raise ValidationError({"result": ["请选择结果。"]})
    if result == RemedyResult.PENDING:
        decided_on = None
    else:
        steps.check_date(decided_on, field="decided_on", label="决定或裁判日期", not_before=filed_on)
    note = strip_controls(note)
    if len(note) > 5000:
        raise ValidationError({"note": ["说明过长（最多5000字）。"]})
    return result, decided_on, note


@transaction.atomic
def remedy_record(
    *,
    actor: Actor,
    application: Application,
    kind: str,
    filed_on: date,
    authority: str = "",
    case_no: str = "",
    result: str = RemedyResult.PENDING,
    decided_on: date | None = None,
    note: str = "",
) -> Remedy:
    """Record an administrative reconsideration or lawsuit about an application (annual-report table 4)."""
    workflow.require_office(actor, application.org)
    if kind not in RemedyKind.values:
        raise ValidationError({"kind": ["请选择行政复议或行政诉讼的类型。"]})
    if application.received_on is None and application.submitted_at is None:
        raise ValidationError("申请尚未收到。")
    steps.check_date(filed_on, field="filed_on", label="申请复议或起诉日期")
    if (
        kind == RemedyKind.LITIGATION_AFTER_RECONSIDERATION
        and not application.remedies.filter(kind=RemedyKind.RECONSIDERATION).exists()
    ):
        raise ValidationError({"kind": ["复议后起诉的，请先登记该申请的行政复议。"]})
    result, decided_on, note = _clean_remedy(
        result=result, decided_on=decided_on, filed_on=filed_on, note=note
    )
    authority, case_no = strip_controls(authority), strip_controls(case_no)
    if len(authority) > 100 or len(case_no) > 100:
        raise ValidationError("复议机关/法院名称或案号过长（最多100字）。")
    remedy = Remedy.objects.create(
        application=application, kind=kind, result=result, filed_on=filed_on, decided_on=decided_on,
        authority=authority, case_no=case_no, note=note, report_year=report_year_for(application.org, filed_on),
    )  # fmt: skip
    events.add(
        application, EventKind.REMEDY, actor=actor, on=filed_on,
        summary=f"登记{RemedyKind(kind).label}：{RemedyResult(result).label}",
    )  # fmt: skip
    audit.record(
        actor=actor, action="remedy.record", obj=remedy, org=application.org,
        after={"application": application.tracking_no, "kind": kind, "result": result, "filed_on": filed_on,
               "decided_on": decided_on},
    )  # fmt: skip
    return remedy


@transaction.atomic
def remedy_update(
    *, actor: Actor, remedy: Remedy, result: str, decided_on: date | None = None, note: str = ""
) -> Remedy:
    application = remedy.application
    workflow.require_office(actor, application.org)
    before = {"result": remedy.result, "decided_on": remedy.decided_on}
    result, decided_on, note = _clean_remedy(
        result=result, decided_on=decided_on, filed_on=remedy.filed_on, note=note
    )
    remedy.result = result
    remedy.decided_on = decided_on
    if note:
        remedy.note = note
    remedy.save(update_fields=["result", "decided_on", "note", "updated_at"])
    events.add(
        application, EventKind.REMEDY, actor=actor, on=decided_on or steps.today(),
        summary=f"{remedy.get_kind_display()}结果：{remedy.get_result_display()}",
    )  # fmt: skip
    audit.record(
        actor=actor, action="remedy.update", obj=remedy, org=application.org, before=before,
        after={"result": result, "decided_on": decided_on},
    )  # fmt: skip
    return remedy
