"""Back-office URLs of supervision (namespace backoffice, under /manage/)."""

from django.urls import path

from gongkai.backoffice.views import supervision as views

urlpatterns = [
    path("supervision/", views.dashboard, name="supervision"),
    path("supervision/run/", views.checks_run, name="supervision_checks_run"),
    path("supervision/plans/new/", views.plan_new, name="supervision_plan_new"),
    path("supervision/plans/<int:pk>/tasks/new/", views.task_new, name="supervision_task_new"),
    path("supervision/plans/<int:pk>/list/", views.plan_draft_list, name="supervision_plan_draft_list"),
    path("supervision/inspections/new/", views.inspection_new, name="supervision_inspection_new"),
    path("supervision/inspections/<int:pk>/findings/new/", views.finding_new, name="supervision_finding_new"),
    path("supervision/meetings/new/", views.meeting_new, name="supervision_meeting_new"),
    path("supervision/schemes/<int:pk>/compute/", views.scheme_compute, name="supervision_scheme_compute"),
    path("supervision/circulars/", views.circular_list, name="supervision_circulars"),
    path("supervision/circulars/new/", views.circular_new, name="supervision_circular_new"),
    path("supervision/circulars/<int:pk>/", views.circular_detail, name="supervision_circular"),
    path(
        "supervision/circulars/<int:pk>/<str:name>/",
        views.circular_action,
        name="supervision_circular_action",
    ),
    path("supervision/problems/<int:pk>/rectify/", views.problem_rectify, name="supervision_problem_rectify"),
    path("supervision/plans/", views.plan_list, name="supervision_plans"),
    path("supervision/plans/<int:pk>/", views.plan_detail, name="supervision_plan"),
    path("supervision/tasks/<int:pk>/", views.task_detail, name="supervision_task"),
    path(
        "supervision/task-reports/<int:pk>/evidence/", views.task_evidence, name="supervision_task_evidence"
    ),
    path("supervision/inspections/", views.inspection_list, name="supervision_inspections"),
    path("supervision/inspections/<int:pk>/", views.inspection_detail, name="supervision_inspection"),
    path(
        "supervision/findings/<int:pk>/<str:name>/", views.finding_action, name="supervision_finding_action"
    ),
    path("supervision/schemes/", views.scheme_list, name="supervision_schemes"),
    path("supervision/schemes/<int:pk>/", views.scheme_detail, name="supervision_scheme"),
    path("supervision/scores/<int:pk>/", views.score_detail, name="supervision_score"),
    path("supervision/reports/", views.report_list, name="supervision_reports"),
    path(
        "supervision/reports/compiled.<str:fmt>", views.report_compiled, name="supervision_reports_compiled"
    ),
    path("supervision/reports/<int:pk>/", views.report_detail, name="supervision_report"),
    path("supervision/reports/<int:pk>/<str:name>/", views.report_action, name="supervision_report_action"),
]
