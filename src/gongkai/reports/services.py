"""Changes to annual reports and office figures, deadline reminders. Each checks permission, validates,
writes and records an audit event in one transaction."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core import actors, audit
from gongkai.core.actors import Actor, System
from gongkai.core.fonts import FontMissing
from gongkai.orgs import access
from gongkai.orgs.models import Kind, Organization
from gongkai.reports import builder, conf, exports, narrative, rules
from gongkai.reports.models import AnnualReport, OfficeFigures, ReminderSent, ReportedYear, ReportStatus
from gongkai.reports.rules import ReportRules, require
from gongkai.reports.scopes import resolve, validate_scope, validate_year
from gongkai.reports.selectors import deadline_for  # noqa: F401  (services.deadline_for)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from gongkai.catalog.models import Item

MAX_TEXT = 20000
MAX_DECISIONS = 10_000_000
MAX_FEE_WAN = Decimal("9999999999.9999")


def _require(actor: Actor, org: Organization, message: str) -> None:
    require(ReportRules(actor, org=org).may_draft(), message)


# --- Reading a report's data ----------------------------------------------------------------------


def report_data(report: AnnualReport) -> dict[str, Any]:
    """The report dict: the frozen snapshot of a published report, else built live with the draft texts."""
    if report.is_published and report.snapshot:
        return report.snapshot
    data = builder.build_annual(
        org=report.org, year=report.year, scope=report.scope, narrative=_narrative(report)
    )
    data["status"] = report.status
    data["title"] = report.title
    return data


def _narrative(report: AnnualReport) -> dict[str, str]:
    return {"overview": report.overview, "problems": report.problems, "other_matters": report.other_matters}


# --- Annual reports -------------------------------------------------------------------------------


@transaction.atomic
def annual_report_create(
    *, actor: Actor, org: Organization, year: int | str, scope: str, today: date | None = None
) -> AnnualReport:
    """A new draft with narrative drafts written from the figures. One report per organisation, year, scope."""
    year = validate_year(year, today=today)
    validate_scope(org, scope)
    _require(actor, org, "您不是该机构的公开工作机构或主管部门人员，不能编制其年度报告。")
    if not org.is_active:
        raise ValidationError("该机构已停用，不能编制年度报告。")
    if AnnualReport.objects.filter(org=org, year=year, scope=scope).exists():
        raise ValidationError("该机构本年度、本统计范围的年度报告已存在。", code="duplicate")
    data = builder.build_annual(org=org, year=year, scope=scope)
    drafts = narrative.drafts(data)
    report = AnnualReport(
        org=org, year=year, scope=scope, title=builder.annual_title(org, year, scope), **drafts
    )
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ValidationError("该机构本年度、本统计范围的年度报告已存在。", code="duplicate") from None
    audit.record(
        actor=actor, action="report.create", obj=report, org=org, after={"year": year, "scope": scope}
    )
    return report


def _require_editable(report: AnnualReport) -> None:
    if report.is_published:
        raise ValidationError("年度报告已发布，不能修改。", code="published")
    if report.is_submitted:
        raise ValidationError(
            "年度报告已提交负责人审批，不能修改；如需修改，请负责人退回。", code="submitted"
        )


def _clean_text(value: object, *, field: str, label: str) -> str:
    text = str(value or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError({field: [f"“{label}”过长（最多{MAX_TEXT}字）。"]})
    return text


@transaction.atomic
def annual_report_update(
    *,
    actor: Actor,
    report: AnnualReport,
    overview: str,
    problems: str,
    other_matters: str,
    title: str | None = None,
) -> AnnualReport:
    report = AnnualReport.objects.select_for_update().select_related("org").get(pk=report.pk)
    _require(actor, report.org, "您不能修改该年度报告。")
    _require_editable(report)
    before = {"overview": report.overview, "problems": report.problems, "other_matters": report.other_matters}
    report.overview = _clean_text(overview, field="overview", label="一、总体情况")
    report.problems = _clean_text(problems, field="problems", label="五、存在的主要问题及改进情况")
    report.other_matters = _clean_text(other_matters, field="other_matters", label="六、其他需要报告的事项")
    fields = ["overview", "problems", "other_matters", "updated_at"]
    if title is not None:
        title = _clean_text(title, field="title", label="标题")
        if not title or len(title) > 200:
            raise ValidationError({"title": ["请填写标题（最多200字）。"]})
        report.title = title
        fields.append("title")
    report.save(update_fields=fields)
    audit.record_on(report, actor=actor, action="report.update", before=before, after=_narrative(report))
    return report


@transaction.atomic
def annual_report_redraft(*, actor: Actor, report: AnnualReport) -> AnnualReport:
    """Rewrite the narrative drafts from the current figures (replaces the office's edits)."""
    report = AnnualReport.objects.select_for_update().select_related("org").get(pk=report.pk)
    _require(actor, report.org, "您不能修改该年度报告。")
    _require_editable(report)
    data = builder.build_annual(org=report.org, year=report.year, scope=report.scope)
    for key, text in narrative.drafts(data).items():
        setattr(report, key, text)
    report.save(update_fields=["overview", "problems", "other_matters", "updated_at"])
    audit.record_on(report, actor=actor, action="report.redraft")
    return report


PLACEHOLDER = re.compile(r"【[^】]*】")
NARRATIVE_SECTIONS = [
    ("title", "标题"),
    ("overview", "一、总体情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other_matters", "六、其他需要报告的事项"),
]
OFFICE_FIGURE_LABELS = {
    "licensing_decisions": "第二十条第（五）项 行政许可 本年处理决定数量",
    "penalty_decisions": "第二十条第（六）项 行政处罚 本年处理决定数量",
    "coercion_decisions": "第二十条第（六）项 行政强制 本年处理决定数量",
    "fee_income_wan": "第二十条第（八）项 行政事业性收费 本年收费金额",
}
TABLE2 = "二、主动公开政府信息情况"


def publication_problems(
    report: AnnualReport, data: dict[str, Any] | None = None, *, today: date | None = None
) -> list[dict[str, str]]:
    """Everything that stops the report from being submitted or published, each as {section, item, message}:
    the year not over, a failing check, an empty overview, a drafting placeholder (【…】) left in a section, an
    office figure of table 2 not confirmed by an organisation of the scope. Empty when it may be published."""
    today = today or timezone.localdate()
    data = data if data is not None else report_data(report)
    problems: list[dict[str, str]] = []

    def add(section: str, item: str, message: str) -> None:
        problems.append({"section": section, "item": item, "message": message})

    if report.year >= today.year:
        add("年度", str(report.year), f"{report.year}年尚未结束，年度报告须在次年发布。")
    for c in data["checks"]:
        if not c["passed"]:
            add("三、收到和处理政府信息公开申请情况", c["title"], f"校验未通过：{c['title']}。")
    if not report.overview.strip():
        add("一、总体情况", "", "请填写“一、总体情况”。")
    for field, section in NARRATIVE_SECTIONS:
        for found in PLACEHOLDER.findall(getattr(report, field) or ""):
            add(section, found, f"“{section}”尚有待补充的内容：{found}")
    missing: dict[str, list[str]] = {}
    rs = resolve(report.org, report.scope)
    duty = {pk: o for pk, o in rs.orgs.items() if o.kind in (Kind.GOVERNMENT, Kind.DEPARTMENT)}
    rows = {r.org_id: r for r in OfficeFigures.objects.filter(org_id__in=list(duty), year=report.year)}
    for pk, org in sorted(duty.items(), key=lambda kv: kv[1].path):
        row = rows.get(pk)
        for field in OfficeFigures.FIGURES:
            if row is None or getattr(row, field) is None:
                missing.setdefault(field, []).append(org.name)
    for field, names in missing.items():
        shown = "、".join(names[:5]) + (f"等{len(names)}个机构" if len(names) > 5 else "")
        add(
            TABLE2,
            OFFICE_FIGURE_LABELS[field],
            f"{TABLE2}“{OFFICE_FIGURE_LABELS[field]}”未经填报确认：{shown}（请在“填报数据”中填写，没有的填0）。",
        )
    return problems


def _refuse_if_problems(report: AnnualReport, data: dict[str, Any], today: date) -> None:
    problems = publication_problems(report, data, today=today)
    if problems:
        raise ValidationError(
            "年度报告尚不能发布：" + "；".join(p["message"] for p in problems), code="not_ready"
        )


def _require_approver(actor: Actor, report: AnnualReport) -> User:
    """The approving user; PermissionDenied for anyone else."""
    if not actors.is_user(actor):
        raise PermissionDenied("年度报告须由工作机构负责人批准发布。")
    rules = ReportRules(actor, report)
    require(
        rules.may_approve(),
        "年度报告须经本机关政府信息公开工作机构负责人批准；您不是该机关的工作机构负责人，也未获授权。",
    )
    require(not rules.is_own_submission(), "年度报告须由提交人以外的负责人批准：不能批准本人提交的报告。")
    return actor


@transaction.atomic
def annual_report_submit(*, actor: Actor, report: AnnualReport, today: date | None = None) -> AnnualReport:
    """The office has compiled the report and submits it to the head. Refused, naming each section and figure,
    while anything would stop publication."""
    report = AnnualReport.objects.select_for_update().select_related("org").get(pk=report.pk)
    _require(actor, report.org, "您不能提交该年度报告。")
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(f"年度报告{report.get_status_display()}，不能再次提交。", code="status")
    today = today or timezone.localdate()
    data = report_data(report)
    _refuse_if_problems(report, data, today)
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = actor if actors.is_user(actor) else None
    report.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    audit.record_on(
        report,
        actor=actor,
        action="report.submit",
        before={"status": ReportStatus.DRAFT},
        after={"status": report.status},
    )
    return report


@transaction.atomic
def annual_report_return(*, actor: Actor, report: AnnualReport, note: str) -> AnnualReport:
    """The head returns a submitted report to the office, with the reason."""
    report = AnnualReport.objects.select_for_update().select_related("org").get(pk=report.pk)
    _require_approver(actor, report)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError("只有待审批的年度报告可以退回。", code="status")
    note = _clean_text(note, field="note", label="退回意见")
    if not note or len(note) > 2000:
        raise ValidationError({"note": ["请填写退回意见（最多2000字）。"]})
    report.status = ReportStatus.DRAFT
    report.return_note = note
    report.save(update_fields=["status", "return_note", "updated_at"])
    audit.record_on(
        report,
        actor=actor,
        action="report.return",
        before={"status": ReportStatus.SUBMITTED},
        after={"status": report.status},
        note=note,
    )
    return report


@transaction.atomic
def annual_report_approve(
    *,
    actor: Actor,
    report: AnnualReport,
    to_catalog: bool = True,
    today: date | None = None,
    published_at: datetime | None = None,
    attach_files: bool = True,
) -> AnnualReport:
    """The head approves a submitted report: its figures are checked again and frozen, it is published on the
    portal and in the catalog, and the years it covers are closed for its organisations (`ReportedYear`).

    `published_at` records a report approved and published earlier (back-filling an old platform's reports, the
    demo; no form or API passes it); the catalog item then carries that date too. `attach_files=False`
    publishes the catalog item without its DOCX/PDF copies (the portal's report page renders them on demand);
    rendering is the slow part when many reports are back-filled at once."""
    report = AnnualReport.objects.select_for_update().select_related("org").get(pk=report.pk)
    user = _require_approver(actor, report)
    if report.is_published:
        raise ValidationError("年度报告已发布。", code="published")
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError("年度报告须由工作机构提交审批后，才能批准发布。", code="status")
    if published_at is not None:
        if published_at > timezone.now():
            raise ValidationError({"published_at": ["发布时间不能晚于现在。"]})
        today = timezone.localdate(published_at)
    today = today or timezone.localdate()
    data = builder.build_annual(
        org=report.org, year=report.year, scope=report.scope, narrative=_narrative(report)
    )
    _refuse_if_problems(report, data, today)
    now = published_at or timezone.now()
    approver = user.get_full_name() or user.get_username()
    data["status"] = ReportStatus.PUBLISHED
    data["title"] = report.title
    data["published_at"] = timezone.localtime(now).isoformat(timespec="seconds")
    data["approved_by"] = approver
    report.snapshot = data
    report.status = ReportStatus.PUBLISHED
    report.published_at = now
    report.published_by = user
    report.return_note = ""
    fields = ["snapshot", "status", "published_at", "published_by", "return_note", "updated_at"]
    if to_catalog:
        item = _publish_in_catalog(
            report,
            data,
            now,
            approver=approver,
            backdated=published_at is not None,
            attach_files=attach_files,
        )
        report.catalog_item_id = item.pk
        report.catalog_index_no = item.index_no or ""
        fields += ["catalog_item_id", "catalog_index_no"]
    report.save(update_fields=fields)
    _close_years(report)
    audit.record_on(
        report,
        actor=actor,
        action="report.publish",
        before={"status": ReportStatus.SUBMITTED},
        after={"status": report.status, "catalog_index_no": report.catalog_index_no},
        note=f"工作机构负责人{approver}批准发布",
    )
    return report


def _close_years(report: AnnualReport) -> None:
    """The year's figures of every organisation of the report's scope are now published (`ReportedYear`)."""
    rs = resolve(report.org, report.scope)
    ReportedYear.objects.bulk_create(
        [ReportedYear(org_id=pk, year=report.year, report=report) for pk in rs.orgs], ignore_conflicts=True
    )


def _publish_in_catalog(
    report: AnnualReport,
    data: dict[str, Any],
    now: datetime,
    *,
    approver: str,
    backdated: bool = False,
    attach_files: bool = True,
) -> Item:
    """The report as a catalog item under 年度报告 (genre "annual-report", else 工作报告; topic 政务公开),
    with the DOCX and PDF attached. Filed by the system: the head's approval of the report is its review, and
    the review names that approver."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.template.loader import render_to_string

    from gongkai.catalog import services as catalog
    from gongkai.catalog.models import Genre, ReviewConclusion, Topic

    genre = (
        Genre.objects.filter(code="annual-report").first()
        or Genre.objects.filter(name="年度报告").first()
        or Genre.objects.filter(code="work-report").first()
        or Genre.objects.filter(code="report").first()
    )
    topic = Topic.objects.filter(name="政务公开", parent__isnull=False).first() or Topic.objects.first()
    if genre is None or topic is None:
        raise ValidationError("目录的体裁或主题分类尚未配置，无法发布到政府信息公开目录。")
    body = render_to_string("reports/_catalog_body.html", exports.document_context(data))
    filer = System("年度报告发布")  # the approval was the head's; the catalog filing is the platform's
    item = catalog.item_create(
        actor=filer,
        org=report.org,
        title=report.title,
        written_on=timezone.localdate(now),
        topic=topic,
        genre=genre,
        summary=f"{data['subject']}{report.year}年政府信息公开工作情况（统计范围：{data['scope_label']}）。",
        body=body,
        keywords=["年度报告", "政府信息公开"],
    )
    for fmt in ("docx", "pdf") if attach_files else ():
        try:
            content = exports.render(data, fmt)
        except (ImportError, OSError, FontMissing):
            # WeasyPrint, its libraries or a Chinese font missing: publish without the PDF; `gongkai
            # report_pdfs` adds it once the font is there (never a PDF of empty boxes).
            continue
        upload = SimpleUploadedFile(f"{report.title}.{fmt}", content, content_type=exports.CONTENT_TYPES[fmt])
        catalog.attachment_add(actor=filer, item=item, upload=upload)
    item = catalog.item_submit(actor=filer, item=item)
    return catalog.item_review(
        actor=filer,
        item=item,
        conclusion=ReviewConclusion.APPROVE,
        basis=f"政府信息公开工作年度报告，数据校验通过，经工作机构负责人{approver}批准发布（{timezone.localdate(now):%Y-%m-%d}）。",
        published_at=now if backdated else None,
    )


# --- Office figures -------------------------------------------------------------------------------


def _count(value: object, *, field: str, label: str) -> int | None:
    """A confirmed count, or None when left empty (not confirmed: 0 must be entered as 0)."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    try:
        number = int(text)
    except ValueError:
        raise ValidationError({field: [f"“{label}”须为不小于0的整数，“{text}”无效。"]}) from None
    if number < 0:
        raise ValidationError({field: [f"“{label}”不能为负数。"]})
    if number > MAX_DECISIONS:
        raise ValidationError({field: [f"“{label}”数值过大，请核实。"]})
    return number


def _amount(value: object, *, field: str, label: str) -> Decimal | None:
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip().replace(",", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError({field: [f"“{label}”须为数字（单位：万元），“{value}”无效。"]}) from None
    if not amount.is_finite():
        raise ValidationError({field: [f"“{label}”须为数字（单位：万元）。"]})
    if amount < 0:
        raise ValidationError({field: [f"“{label}”不能为负数。"]})
    if amount > MAX_FEE_WAN:
        raise ValidationError({field: [f"“{label}”数值过大，请核实。"]})
    if amount != amount.quantize(Decimal("0.0001")):
        raise ValidationError({field: [f"“{label}”最多保留4位小数（万元，精确到元）。"]})
    return amount


@transaction.atomic
def office_figures_save(
    *,
    actor: Actor,
    org: Organization,
    year: int | str,
    licensing_decisions: object = None,
    penalty_decisions: object = None,
    coercion_decisions: object = None,
    fee_income_wan: object = None,
    note: str = "",
    today: date | None = None,
) -> OfficeFigures:
    """Enter or correct the figures of table 2 the platform holds no records for (per organisation, year).
    A figure left empty stays unconfirmed (NULL) and holds up the publication of reports covering it."""
    year = validate_year(year, today=today)
    _require(actor, org, "您不是该机构的公开工作机构人员，不能填报其数据。")
    errors: dict[str, list[str]] = {}
    values: dict[str, int | Decimal | None] = {}
    for field, label, parse in (
        ("licensing_decisions", "行政许可本年处理决定数量", _count),
        ("penalty_decisions", "行政处罚本年处理决定数量", _count),
        ("coercion_decisions", "行政强制本年处理决定数量", _count),
        ("fee_income_wan", "行政事业性收费本年收费金额", _amount),
    ):
        raw = {
            "licensing_decisions": licensing_decisions,
            "penalty_decisions": penalty_decisions,
            "coercion_decisions": coercion_decisions,
            "fee_income_wan": fee_income_wan,
        }[field]
        try:
            values[field] = parse(raw, field=field, label=label)
        except ValidationError as exc:
            for k, v in exc.message_dict.items():
                errors.setdefault(k, []).extend(v)
    note = str(note or "").strip()
    if len(note) > 300:
        errors.setdefault("note", []).append("说明最多300字。")
    if errors:
        raise ValidationError(errors)
    row = OfficeFigures.objects.select_for_update().filter(org=org, year=year).first()
    before = None
    if row is None:
        row = OfficeFigures(org=org, year=year)
    else:
        before = {f: getattr(row, f) for f in OfficeFigures.FIELDS}
    for field, value in values.items():
        setattr(row, field, value)
    row.note = note
    row.entered_by = actor if actors.is_user(actor) else None
    row.save()
    audit.record(
        actor=actor,
        action="report.office_figures",
        obj=row,
        org=org,
        before=before,
        after={f: getattr(row, f) for f in OfficeFigures.FIELDS},
    )
    return row


# --- Deadlines and reminders ----------------------------------------------------------------------


def reminders_send(*, today: date | None = None) -> list[ReminderSent]:
    """Mail the office staff of each organisation whose last-year report is unpublished when the deadline is
    N days away (GONGKAI_REPORT_REMINDER_DAYS) or past; each reminder once (idempotent)."""
    from django.core.mail import send_mail

    from gongkai.reports import selectors

    today = today or timezone.localdate()
    sent: list[ReminderSent] = []
    for entry in selectors.reports_due(today=today):
        days = entry["days_left"]
        marks = [d for d in conf.reminder_days() if days <= d]
        if not marks:
            continue
        mark = min(marks) if days >= 0 else -1
        org = entry["org"]
        year = entry["year"]
        if ReminderSent.objects.filter(org=org, year=year, days_before=mark).exists():
            continue
        recipients = sorted({user.email for user in access.members(org, *rules.REMINDED_ROLES) if user.email})
        when = "已超过截止日期" if days < 0 else f"距截止日期还有{days}天"
        subject = f"【年度报告提醒】{org.name}{year}年政府信息公开工作年度报告{when}"
        body = (
            f"{org.name}：\n\n根据《中华人民共和国政府信息公开条例》第四十九条，{year}年政府信息公开工作年度报告"
            f"应于{entry['deadline']:%Y年%m月%d日}前公布，目前尚未发布（{when}）。请登录平台后台“统计报表”编制并发布。"
        )
        if recipients:
            send_mail(subject, body, None, recipients, fail_silently=True)
        with transaction.atomic():
            row, created = ReminderSent.objects.get_or_create(
                org=org, year=year, days_before=mark, defaults={"recipients": len(recipients)}
            )
            if created:
                audit.record(
                    actor=System("年度报告提醒"), action="report.remind", obj=row, org=org, note=subject
                )
                sent.append(row)
    return sent


# --- PDF renditions -------------------------------------------------------------------------------


def pdf_renditions_regenerate(*, force: bool = False) -> list[tuple[AnnualReport, str]]:
    """Render again the PDF attached to each published report's catalog item when it is missing or embeds no
    Chinese font (made on a machine without one); with `force`, every one. Raises `FontMissing` when there is
    still no font. Returns (report, what was done) for each report touched."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.catalog import services as catalog
    from gongkai.catalog.models import AttachmentKind, Item
    from gongkai.core import fonts

    families = fonts.require_cjk_font()
    done: list[tuple[AnnualReport, str]] = []
    for report in AnnualReport.objects.filter(status=ReportStatus.PUBLISHED, catalog_item_id__isnull=False):
        if report.catalog_item_id is None or report.snapshot is None:
            continue
        item = Item.objects.filter(pk=report.catalog_item_id).first()
        if item is None:
            continue
        current = item.attachments.filter(kind=AttachmentKind.PDF).order_by("sort_order", "pk").first()
        if current is not None and not force:
            with current.file.open("rb") as fh:
                if fonts.pdf_has_cjk_font(fh.read(), families):
                    continue
        upload = SimpleUploadedFile(
            f"{report.title}.pdf", exports.to_pdf(report.snapshot), content_type=exports.CONTENT_TYPES["pdf"]
        )
        reason = (
            "重新生成PDF（原文件缺少中文字体）" if current is not None else "补充生成PDF（发布时未能生成）"
        )
        if force and current is not None:
            reason = "重新生成PDF"
        catalog.rendition_store(item=item, upload=upload, replace=current, reason=reason)
        done.append((report, reason))
    return done
