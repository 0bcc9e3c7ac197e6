"""Back-office URLs of the reports (namespace backoffice, under /manage/)."""

from django.urls import path

from gongkai.backoffice.views import reports as views

urlpatterns = [
    path("reports/", views.report_list, name="report_list"),
    path("reports/deadlines/", views.deadlines, name="report_deadlines"),
    path("reports/figures/", views.office_figures, name="report_figures"),
    path("reports/periods/", views.periods, name="report_periods"),
    path("reports/statistics/", views.statistics, name="report_statistics"),
    path("reports/records/", views.records, name="report_records_scope"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/redraft/", views.report_redraft, name="report_redraft"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/approve/", views.report_approve, name="report_approve"),
    path("reports/<int:pk>/return/", views.report_return, name="report_return"),
    path("reports/<int:pk>/records/", views.report_records, name="report_records"),
    path("reports/<int:pk>/export.<str:fmt>", views.report_export, name="report_export"),
]
