"""Public URLs of the reports (namespace portal)."""

from django.urls import path

from gongkai.portal.views import reports as views

urlpatterns = [
    path("reports/", views.report_list, name="report_list"),
    path("reports/statistics/", views.statistics, name="report_statistics"),
    path("reports/<str:code>/<int:year>/<str:scope>/", views.report_detail, name="report_detail"),
    path(
        "reports/<str:code>/<int:year>/<str:scope>.<str:fmt>", views.report_download, name="report_download"
    ),
]
