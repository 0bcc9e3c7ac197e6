"""Public URLs of policy interpretation (namespace `portal`)."""

from django.urls import path

from gongkai.portal.views import interpretation as views

urlpatterns = [
    path("zcjd/", views.interpretation_list, name="interpretations"),
]
