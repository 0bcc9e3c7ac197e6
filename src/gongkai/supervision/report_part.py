"""Part 一 (总体情况) of the work report, provided to `gongkai.workreport` at start-up: the year's work points and
their tasks, the coordination meetings and trainings, the inspections and what they found, the circulars, the
assessment and the reports sent upward, each a count of this app's records in the government's region."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gongkai.orgs.models import Organization
from gongkai.supervision.models import (
    Circular,
    CircularState,
    Finding,
    FindingState,
    Inspection,
    InspectionMode,
    Meeting,
    MeetingKind,
    PeriodicReport,
    Score,
    SubmissionState,
    Task,
    TaskState,
    WorkPlan,
)
from gongkai.workreport.sections import Built, Context, Figure

ISSUED = [CircularState.PUBLISHED, CircularState.INTERNAL]


def overview(ctx: Context) -> Built:
    def plans() -> QuerySet[Any]:
        return WorkPlan.objects.filter(org_id__in=ctx.org_ids, year=ctx.year).select_related("org")

    def tasks() -> QuerySet[Any]:
        return Task.objects.filter(plan__in=plans()).select_related("plan", "lead_org")

    def meetings(kind: str) -> QuerySet[Any]:
        return Meeting.objects.filter(
            org_id__in=ctx.org_ids, kind=kind, held_on__range=(ctx.start, ctx.end)
        ).select_related("org")

    def inspections() -> QuerySet[Any]:
        return Inspection.objects.filter(
            org_id__in=ctx.org_ids, held_on__range=(ctx.start, ctx.end)
        ).select_related("org")

    def findings() -> QuerySet[Any]:
        return Finding.objects.filter(inspection__in=inspections()).select_related("org", "inspection")

    def assessed() -> QuerySet[Any]:
        scored = Score.objects.filter(
            indicator__scheme__org_id__in=ctx.org_ids, indicator__scheme__year=ctx.year
        ).values("org")
        return Organization.objects.filter(pk__in=scored)

    figures = [
        Figure("overview.plans", "印发政务公开工作要点（份）", "plan", plans),
        Figure("overview.tasks", "分解工作任务（项）", "task", tasks),
        Figure(
            "overview.tasks.done", "其中：已完成（项）", "task", lambda: tasks().filter(state=TaskState.DONE)
        ),
        Figure("overview.meetings", "召开协调会议（次）", "meeting", lambda: meetings(MeetingKind.MEETING)),
        Figure("overview.trainings", "组织业务培训（次）", "meeting", lambda: meetings(MeetingKind.TRAINING)),
        Figure("overview.inspections", "开展督查检查（次）", "inspection", inspections),
        Figure(
            "overview.inspections.on_site",
            "其中：实地督查（次）",
            "inspection",
            lambda: inspections().filter(mode=InspectionMode.ON_SITE),
        ),
        Figure(
            "overview.inspections.joint",
            "其中：联合检查（次）",
            "inspection",
            lambda: inspections().exclude(joint_with=""),
        ),
        Figure("overview.findings", "检查发现问题（个）", "finding", findings),
        Figure(
            "overview.findings.verified",
            "其中：已整改并核实（个）",
            "finding",
            lambda: findings().filter(state=FindingState.VERIFIED),
        ),
        Figure(
            "overview.circulars",
            "印发通报（期）",
            "circular",
            lambda: Circular.objects.filter(
                org_id__in=ctx.org_ids, state__in=ISSUED, issued_on__range=(ctx.start, ctx.end)
            ).select_related("org"),
        ),
        Figure("overview.assessed", "纳入考核的单位（个）", "org", assessed),
        Figure(
            "overview.reports_upward",
            "报送月度、季度工作情况（份）",
            "periodic_report",
            lambda: PeriodicReport.objects.filter(
                org_id__in=ctx.org_ids,
                year=ctx.year,
                state__in=[SubmissionState.SUBMITTED, SubmissionState.ACCEPTED],
            ).select_related("org"),
        ),
    ]

    def text(v: dict[str, int]) -> str:
        def n(ref: str) -> int:
            return v.get(ref, 0)

        lines = []
        if n("overview.plans"):
            lines.append(
                f"{ctx.year}年，{ctx.subject}印发政务公开工作要点{n('overview.plans')}份，分解工作任务"
                f"{n('overview.tasks')}项，明确牵头单位、责任单位和完成时限，已完成{n('overview.tasks.done')}项。"
            )
        held = [
            f"召开政务公开工作协调会议{n('overview.meetings')}次" if n("overview.meetings") else "",
            f"组织业务培训{n('overview.trainings')}次" if n("overview.trainings") else "",
        ]
        if any(held):
            lines.append("，".join(h for h in held if h) + "。")
        if n("overview.inspections"):
            kinds = [
                f"实地督查{n('overview.inspections.on_site')}次" if n("overview.inspections.on_site") else "",
                f"联合检查{n('overview.inspections.joint')}次" if n("overview.inspections.joint") else "",
            ]
            detail = f"，其中{'、'.join(k for k in kinds if k)}" if any(kinds) else ""
            lines.append(
                f"开展政务公开督查检查{n('overview.inspections')}次{detail}，发现问题{n('overview.findings')}个，"
                f"已整改并核实{n('overview.findings.verified')}个。"
            )
        if n("overview.circulars"):
            lines.append(f"印发政务公开工作通报{n('overview.circulars')}期。")
        if n("overview.assessed"):
            lines.append(f"将政务公开工作纳入绩效考核，对{n('overview.assessed')}个单位进行考核。")
        if n("overview.reports_upward"):
            lines.append(f"按要求向上级报送月度、季度工作情况{n('overview.reports_upward')}份。")
        return "\n".join(lines) or f"{ctx.year}年，{ctx.subject}没有登记政务公开工作要点、会议和检查。"

    return Built(figures, text)
