"""Changes to work reports. Each checks permission, validates (Chinese messages), writes and records an audit
event in one transaction."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.actors import Actor
from gongkai.orgs.models import Organization
from gongkai.workreport import builder
from gongkai.workreport.models import Status, WorkReport
from gongkai.workreport.rules import WorkReportRules, require

MAX_TEXT = 20000
#: Words that mark a text as unfinished; a report containing one is not published (【…】 as the annual report).
UNFINISHED = re.compile(r"【[^】]*】|待[^，。；]{0,12}(提供|补充|填写)|XX|××")


def report_data(report: WorkReport) -> dict[str, Any]:
    """The report dict: the snapshot of a published report, else built live with the office's texts."""
    if report.is_published and report.snapshot:
        return report.snapshot
    data = builder.build(report.org, report.year, texts=report.texts)
    data["title"] = report.title
    data["status"] = report.status
    return data


@transaction.atomic
def work_report_create(
    *, actor: Actor, org: Organization, year: int | str, today: date | None = None
) -> WorkReport:
    """A new draft of `org`'s region for `year`, its texts drafted from the figures. One per government and year."""
    year = builder.validate_year(year, today=today)
    builder.validate_org(org)
    require(
        WorkReportRules(actor, org=org).may_draft(),
        "您不是该政府的公开工作机构或主管部门人员，不能编制其工作总结。",
    )
    if not org.is_active:
        raise ValidationError({"org": ["该机构已停用，不能编制工作总结。"]})
    if WorkReport.objects.filter(org=org, year=year).exists():
        raise ValidationError({"year": ["该政府本年度的工作总结已存在。"]}, code="duplicate")
    data = builder.build(org, year)
    report = WorkReport(org=org, year=year, title=builder.title_of(org, year), texts=builder.drafts(data))
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ValidationError({"year": ["该政府本年度的工作总结已存在。"]}, code="duplicate") from None
    audit.record(actor=actor, action="workreport.create", obj=report, org=org, after={"year": year})
    return report


def _locked(report: WorkReport, actor: Actor) -> WorkReport:
    report = WorkReport.objects.select_for_update().select_related("org").get(pk=report.pk)
    require(WorkReportRules(actor, report).may_draft(), "您不能修改该工作总结。")
    if report.is_published:
        raise ValidationError("工作总结已发布，不能修改。", code="published")
    return report


def _clean(value: object, *, field: str, label: str) -> str:
    text = str(value or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError({field: [f"“{label}”过长（最多{MAX_TEXT}字）。"]})
    return text


@transaction.atomic
def work_report_update(
    *, actor: Actor, report: WorkReport, texts: dict[str, str], title: str | None = None
) -> WorkReport:
    """Replace the texts of the parts named in `texts` (keys of `sections.KEYS`)."""
    from gongkai.workreport.sections import KEYS, PARTS

    report = _locked(report, actor)
    labels = {p.key: p.heading for p in PARTS}
    unknown = sorted(set(texts) - set(KEYS))
    if unknown:
        raise ValidationError(f"没有这些部分：{'、'.join(unknown)}。")
    before = dict(report.texts)
    new = dict(report.texts)
    for key, value in texts.items():
        new[key] = _clean(value, field=key, label=labels[key])
    report.texts = new
    fields = ["texts", "updated_at"]
    if title is not None:
        clean = _clean(title, field="title", label="标题")
        if not clean or len(clean) > 200:
            raise ValidationError({"title": ["请填写标题（最多200字）。"]})
        report.title = clean
        fields.append("title")
    report.save(update_fields=fields)
    audit.record(
        actor=actor, action="workreport.update", obj=report, org=report.org, before=before, after=report.texts
    )
    return report


@transaction.atomic
def work_report_redraft(*, actor: Actor, report: WorkReport) -> WorkReport:
    """Rewrite every part's text from the current figures (replaces the office's edits)."""
    report = _locked(report, actor)
    report.texts = builder.drafts(builder.build(report.org, report.year))
    report.save(update_fields=["texts", "updated_at"])
    audit.record(actor=actor, action="workreport.redraft", obj=report, org=report.org)
    return report


def publication_problems(
    report: WorkReport, data: dict[str, Any] | None = None, *, today: date | None = None
) -> list[str]:
    """What keeps the report from being published: the year not over, a part without text, an unfinished mark
    (【…】, “待…提供/补充/填写”, XX) in the title or a text. Empty when it may be published."""
    today = today or timezone.localdate()
    data = data if data is not None else report_data(report)
    problems = []
    if report.year >= today.year:
        problems.append(f"{report.year}年尚未结束，工作总结须在年度结束后发布。")
    if not data["parts"]:
        problems.append("工作总结没有任何部分。")
    for match in UNFINISHED.finditer(report.title):
        problems.append(f"标题尚有待补充的内容：{match.group(0)}")
    for part in data["parts"]:
        text = (part["text"] or "").strip()
        if not text:
            problems.append(f"请填写“{part['heading']}”。")
        for match in UNFINISHED.finditer(text):
            problems.append(f"“{part['heading']}”尚有待补充的内容：{match.group(0)}")
    return problems


@transaction.atomic
def work_report_publish(*, actor: Actor, report: WorkReport, today: date | None = None) -> WorkReport:
    """Publish: the figures and texts frozen into the snapshot; only the parts present are in it."""
    report = WorkReport.objects.select_for_update().select_related("org").get(pk=report.pk)
    require(
        WorkReportRules(actor, report).may_publish(),
        "只有工作机构负责人（或经授权的公开工作机构）可以批准发布工作总结。",
    )
    if report.is_published:
        raise ValidationError("工作总结已发布。", code="published")
    data = report_data(report)
    problems = publication_problems(report, data, today=today)
    if problems:
        raise ValidationError(problems, code="not_ready")
    snapshot = {k: v for k, v in data.items() if k not in {"missing", "status"}}
    for part in snapshot["parts"]:
        part.pop("draft", None)
    snapshot["status"] = Status.PUBLISHED
    report.snapshot = snapshot
    report.status = Status.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = actor  # type: ignore[assignment]  # may_publish: a user
    report.save(update_fields=["snapshot", "status", "published_at", "published_by", "updated_at"])
    audit.record(
        actor=actor,
        action="workreport.publish",
        obj=report,
        org=report.org,
        after={"figures": len(builder.figures_of(snapshot))},
    )
    return report
