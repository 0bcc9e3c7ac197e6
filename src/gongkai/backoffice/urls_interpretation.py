"""Back-office URLs of policy interpretation (namespace backoffice, under /manage/)."""

from django.urls import path

from gongkai.backoffice.views import interpretation as views

urlpatterns = [
    path("interpretations/", views.interpretation_list, name="interpretation_list"),
    path("interpretations/new/", views.interpretation_create, name="interpretation_new"),
    path("interpretations/<int:pk>/", views.interpretation_detail, name="interpretation_detail"),
    path("interpretations/<int:pk>/edit/", views.interpretation_edit, name="interpretation_edit"),
]
