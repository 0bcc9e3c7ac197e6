"""Every change in supervision: ask the rules, validate (Chinese errors), write, audit. One module per area;
callers use this package's names."""

from gongkai.supervision.services.assessment import (
    IndicatorSpec,
    assessment_compute,
    scheme_create,
    scheme_publish,
    score_enter,
)
from gongkai.supervision.services.checks import column_save, self_checks_org, self_checks_run
from gongkai.supervision.services.circulars import (
    circular_approve,
    circular_draft,
    circular_edit,
    circular_issue,
    problem_rectify,
    problems_refresh,
)
from gongkai.supervision.services.inspections import (
    finding_add,
    finding_respond,
    finding_verify,
    inspection_create,
    meeting_record,
)
from gongkai.supervision.services.plans import (
    plan_create,
    plan_draft_list,
    plan_link_list,
    task_add,
    task_report,
    task_review,
    tasks_remind,
)
from gongkai.supervision.services.reporting import (
    due_date,
    report_accept,
    report_prepare,
    report_return,
    report_submit,
    reporting_supervisor,
    reports_remind,
)

__all__ = [
    "IndicatorSpec",
    "assessment_compute",
    "circular_approve",
    "circular_draft",
    "circular_edit",
    "circular_issue",
    "column_save",
    "due_date",
    "finding_add",
    "finding_respond",
    "finding_verify",
    "inspection_create",
    "meeting_record",
    "plan_create",
    "plan_draft_list",
    "plan_link_list",
    "problem_rectify",
    "problems_refresh",
    "report_accept",
    "report_prepare",
    "report_return",
    "report_submit",
    "reporting_supervisor",
    "reports_remind",
    "scheme_create",
    "scheme_publish",
    "score_enter",
    "self_checks_org",
    "self_checks_run",
    "task_add",
    "task_report",
    "task_review",
    "tasks_remind",
]  # fmt: skip
