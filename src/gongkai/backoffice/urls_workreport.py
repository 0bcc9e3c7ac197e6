"""Back-office URLs of the work report (namespace backoffice, under /manage/)."""

from django.urls import path

from gongkai.backoffice.views import workreport as views

urlpatterns = [
    path("work-reports/", views.work_report_list, name="workreport_list"),
    path("work-reports/<int:pk>/", views.work_report_detail, name="workreport_detail"),
    path("work-reports/<int:pk>/edit/", views.work_report_edit, name="workreport_edit"),
    path("work-reports/<int:pk>/redraft/", views.work_report_redraft, name="workreport_redraft"),
    path("work-reports/<int:pk>/publish/", views.work_report_publish, name="workreport_publish"),
    path("work-reports/<int:pk>/records/", views.work_report_records, name="workreport_records"),
    path("work-reports/<int:pk>/export.<str:fmt>", views.work_report_export, name="workreport_export"),
]
