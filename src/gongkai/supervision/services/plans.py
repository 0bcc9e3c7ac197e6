"""Work plans (工作要点), their tasks, the units' progress reports, 回头看 and due-date reminders."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from gongkai.catalog.models import Item
from gongkai.catalog.uploads import check_attachment
from gongkai.core import audit
from gongkai.core.actors import Actor
from gongkai.interaction.models import Message
from gongkai.orgs import access
from gongkai.orgs.models import Organization
from gongkai.supervision import rules
from gongkai.supervision.models import ReviewResult, Task, TaskReminder, TaskReport, TaskState, WorkPlan
from gongkai.supervision.services.base import require, text, user_or_none


def plan_create(
    *,
    actor: Actor,
    org: Organization,
    year: int,
    title: str,
    source_item: Item | None = None,
    parent: WorkPlan | None = None,
    remind_days: int = 7,
) -> WorkPlan:
    require(rules.may_supervise(actor, org), "只有主管部门可以印发工作要点。")
    title = text("title", "名称", title, limit=200, required=True)
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": "年度无效。"})
    if parent is not None and parent.year != year:
        raise ValidationError({"parent": "上级要点应为同一年度。"})
    with transaction.atomic():
        plan = WorkPlan.objects.create(
            org=org, year=year, title=title, source_item=source_item, parent=parent, remind_days=remind_days
        )
        audit.record(actor=actor, action="supervision.plan_create", obj=plan, org=org, after={"year": year})
    return plan


def plan_link_list(*, actor: Actor, plan: WorkPlan, item: Item) -> WorkPlan:
    """Record the catalog item under which the task list was published."""
    require(rules.may_supervise(actor, plan.org), "您无权修改该工作要点。")
    if not item.is_public:
        raise ValidationError({"item": "请选择已公开的信息。"})
    with transaction.atomic():
        plan.list_item = item
        plan.save(update_fields=["list_item", "updated_at"])
        audit.record_on(plan, actor=actor, action="supervision.plan_publish_list", after={"item": item.pk})
    return plan


@transaction.atomic
def plan_draft_list(*, actor: Actor, plan: WorkPlan) -> Item:
    """Draft the task list (任务分工方案) as a catalog item of the issuing organisation, a table of every task
    (序号、工作任务、具体要求、牵头单位、责任单位、时限要求), for the catalog's review and publication; the plan
    records it. The catalog decides who drafts (an editor of the organisation)."""
    from django.utils.html import escape

    from gongkai.catalog import services as catalog_services
    from gongkai.catalog.models import Genre, Topic

    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.list_item_id is not None:
        raise ValidationError("该工作要点的任务清单已起草，请在政府信息公开目录中办理。")
    tasks = list(plan.tasks.select_related("lead_org").prefetch_related("co_orgs"))
    if not tasks:
        raise ValidationError("请先分解任务，再起草任务清单。")
    head = "".join(
        f"<th>{h}</th>" for h in ("序号", "工作任务", "具体要求", "牵头单位", "责任单位", "时限要求")
    )
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in (
            t.number, t.text, t.requirement, t.lead_org.name, "、".join(o.name for o in t.co_orgs.all()),
            t.due_label,
        )) + "</tr>"
        for t in tasks
    )  # fmt: skip
    body = (
        f"<p>为抓好《{escape(plan.title)}》的贯彻落实，现将重点任务分解如下：</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )
    item = catalog_services.item_create(
        actor=actor, org=plan.org, title=f"{plan.title}任务分工方案", written_on=timezone.localdate(),
        topic=Topic.objects.get(code="0203"), genre=Genre.objects.get(code="notice"), body=body,
        keywords="政务公开、工作要点、任务分工",
    )  # fmt: skip
    plan.list_item = item
    plan.save(update_fields=["list_item", "updated_at"])
    audit.record_on(plan, actor=actor, action="supervision.plan_draft_list", after={"item": item.pk})
    return item


def task_add(
    *,
    actor: Actor,
    plan: WorkPlan,
    number: str,
    text_: str,
    lead_org: Organization,
    requirement: str = "",
    co_orgs: list[Organization] | None = None,
    due_on: date | None = None,
    ongoing: bool = False,
    evidence_required: str = "",
) -> Task:
    require(rules.may_supervise(actor, plan.org), "只有主管部门可以分解任务。")
    number = text("number", "序号", number, limit=20, required=True)
    body = text("text", "工作任务", text_, limit=2000, required=True)
    requirement = text("requirement", "具体要求", requirement, limit=4000)
    evidence_required = text("evidence_required", "佐证材料要求", evidence_required, limit=300)
    if ongoing == (due_on is not None):
        raise ValidationError({"due_on": "请填写时限，或勾选“持续推进”（二选一）。"})
    if not rules.may_supervise(actor, lead_org):
        raise ValidationError({"lead_org": "牵头单位应在本地区范围内。"})
    with transaction.atomic():
        task = Task.objects.create(
            plan=plan, number=number, text=body, requirement=requirement, lead_org=lead_org, due_on=due_on,
            ongoing=ongoing, evidence_required=evidence_required,
        )  # fmt: skip
        if co_orgs:
            task.co_orgs.set(co_orgs)
        audit.record(actor=actor, action="supervision.task_add", obj=task, org=plan.org,
                     after={"number": number, "lead_org": lead_org.pk, "due": task.due_label})  # fmt: skip
    return task


def task_report(
    *,
    actor: Actor,
    task: Task,
    org: Organization,
    progress: str,
    completed: bool = False,
    items: list[Item] | None = None,
    messages: list[Message] | None = None,
    links: str = "",
    evidence: IO[bytes] | None = None,
    on: date | None = None,
) -> TaskReport:
    """A unit (lead or co-unit) reports progress with evidence (catalog items, messages, links, a file checked
    like every attachment); the lead's report of completion completes it."""
    require(rules.may_report(actor, org), "您无权代该单位报告。")
    if org.pk != task.lead_org_id and not task.co_orgs.filter(pk=org.pk).exists():
        raise ValidationError({"org": "该单位不是本任务的牵头或责任单位。"})
    progress = text("progress", "进展情况", progress, limit=4000, required=True)
    links = text("links", "其他佐证", links, limit=2000)
    on = on or timezone.localdate()
    if completed and task.evidence_required and not (items or messages or links or evidence):
        raise ValidationError({"items": f"完成任务须附佐证材料：{task.evidence_required}"})
    stored, stored_name = None, ""
    if evidence is not None:
        try:
            checked = check_attachment(
                evidence, name=str(getattr(evidence, "name", "") or ""), size=getattr(evidence, "size", None)
            )
        except ValidationError as exc:
            raise ValidationError({"evidence": "；".join(exc.messages)}) from None
        evidence.seek(0)
        stored, stored_name = File(evidence, name=checked.name), checked.name
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        report = TaskReport(
            task=task, org=org, reported_on=on, progress=progress, completed=completed, links=links,
            reporter=user_or_none(actor), evidence_name=stored_name,
        )  # fmt: skip
        if stored is not None:
            report.evidence_file = stored
        report.save()
        if items:
            report.items.set(items)
        if messages:
            report.messages.set(messages)
        before = {"state": task.state}
        if completed and org.pk == task.lead_org_id and task.state == TaskState.OPEN:
            task.state, task.completed_on = TaskState.DONE, on
            task.save(update_fields=["state", "completed_on", "updated_at"])
        audit.record(actor=actor, action="supervision.task_report", obj=task, org=org, before=before,
                     after={"state": task.state, "report": report.pk, "evidence": stored_name})  # fmt: skip
    return report


def task_review(*, actor: Actor, task: Task, result: str, note: str = "", on: date | None = None) -> Task:
    """回头看: the competent department's conclusion on a task of an earlier plan."""
    require(rules.may_supervise(actor, task.plan.org), "只有主管部门可以回头看。")
    if result not in ReviewResult.values:
        raise ValidationError({"result": "请选择回头看结论。"})
    note = text("note", "回头看说明", note, limit=4000, required=result != ReviewResult.DONE)
    with transaction.atomic():
        before = {"review_result": task.review_result}
        task.review_result, task.review_note, task.reviewed_on = result, note, on or timezone.localdate()
        task.save(update_fields=["review_result", "review_note", "reviewed_on", "updated_at"])
        audit.record(actor=actor, action="supervision.task_review", obj=task, org=task.plan.org, before=before,
                     after={"review_result": result})  # fmt: skip
    return task


def tasks_remind(*, actor: Actor, today: date | None = None, dry_run: bool = False) -> dict[str, int]:
    """Mail the lead units' offices once when a task is within its plan's reminder days, and once when it is
    overdue; the competent department gets the overdue ones too."""
    today = today or timezone.localdate()
    counts = {"due_soon": 0, "overdue": 0}
    mail: dict[str, list[str]] = defaultdict(list)
    sent: list[tuple[Task, str]] = []
    open_tasks = Task.objects.filter(state=TaskState.OPEN, ongoing=False).select_related(
        "plan", "plan__org", "lead_org"
    )
    done = set(TaskReminder.objects.filter(task__in=open_tasks).values_list("task_id", "kind"))
    for task in open_tasks:
        assert task.due_on is not None
        if task.due_on < today:
            kind = "overdue"
        elif task.due_on <= today + timedelta(days=task.plan.remind_days):
            kind = "due_soon"
        else:
            continue
        if (task.pk, kind) in done:
            continue
        counts[kind] += 1
        sent.append((task, kind))
        line = f"- {task.plan.title} 任务{task.number}：{task.text[:40]}（时限 {task.due_on:%Y-%m-%d}{'，已逾期' if kind == 'overdue' else ''}）"
        for user in access.members(task.lead_org, *rules.UNIT_ROLES):
            if user.email:
                mail[user.email].append(line)
        if kind == "overdue":
            for user in access.members(task.plan.org, *rules.SUPERVISING_ROLES):
                if user.email:
                    mail[user.email].append(f"{task.lead_org.name}：{line}")
    if dry_run:
        return counts
    with transaction.atomic():
        for task, kind in sent:
            TaskReminder.objects.create(task=task, kind=kind)
            audit.record(
                actor=actor, action="supervision.task_remind", obj=task, org=task.lead_org, note=kind
            )
    messages = [
        EmailMessage(
            f"[{settings.GONGKAI_SITE_NAME}] 政务公开工作任务提醒（{len(lines)}项）",
            "\n".join([f"以下工作任务即将到期或已逾期（{today:%Y年%m月%d日}）：", "", *lines]),
            settings.DEFAULT_FROM_EMAIL,
            [address],
        )
        for address, lines in sorted(mail.items())
    ]
    if messages:
        with get_connection() as connection:
            connection.send_messages(messages)
    return counts
