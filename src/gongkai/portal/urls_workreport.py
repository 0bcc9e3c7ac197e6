"""Public URLs of the work reports (namespace portal)."""

from django.urls import path

from gongkai.portal.views import workreport as views

urlpatterns = [
    path("work-reports/", views.work_report_list, name="workreport_list"),
    path("work-reports/<str:code>/<int:year>/", views.work_report_detail, name="workreport_detail"),
    path(
        "work-reports/<str:code>/<int:year>.<str:fmt>", views.work_report_download, name="workreport_download"
    ),
]
