"""Disclosure on application (namespace `portal`): apply online, and follow one case by query code."""

from django.urls import path

from gongkai.portal.views import foi as views

urlpatterns = [
    path("apply/", views.apply_home, name="foi_apply"),
    path("apply/track/", views.track, name="foi_track"),
    path("apply/track/leave/", views.case_leave, name="foi_leave"),
    path("apply/case/<str:tracking_no>/", views.case, name="foi_case"),
    path("apply/case/<str:tracking_no>/correction/", views.case_correction, name="foi_case_correction"),
    path("apply/case/<str:tracking_no>/evaluation/", views.case_evaluation, name="foi_case_evaluation"),
    path("apply/case/<str:tracking_no>/letters/<int:pk>/", views.case_letter, name="foi_case_letter"),
    path("apply/case/<str:tracking_no>/files/<int:pk>/", views.case_file, name="foi_case_file"),
    path("apply/to/<str:code>/", views.apply_form, name="foi_apply_form"),
]
