"""Back-office URLs of policy interpretation and release (namespace backoffice, under /manage/)."""

from django.urls import path

from gongkai.backoffice.views import interpretation as views

urlpatterns = [
    path("interpretations/", views.interpretation_list, name="interpretation_list"),
    path("interpretations/new/", views.interpretation_create, name="interpretation_new"),
    path("interpretations/statistics/", views.statistics, name="interpretation_statistics"),
    path("interpretations/compilation/", views.compilation, name="interpretation_compilation"),
    path("interpretations/compilation/pdf/", views.compilation_pdf, name="interpretation_compilation_pdf"),
    path("interpretations/<int:pk>/", views.interpretation_detail, name="interpretation_detail"),
    path("interpretations/<int:pk>/edit/", views.interpretation_edit, name="interpretation_edit"),
    path("press-conferences/", views.conference_list, name="conference_list"),
    path("press-conferences/new/", views.conference_create, name="conference_new"),
    path("press-conferences/<int:pk>/", views.conference_detail, name="conference_detail"),
    path("press-conferences/<int:pk>/publish/", views.conference_publish, name="conference_publish"),
    path("press-conferences/<int:pk>/media/", views.conference_media_add, name="conference_media_add"),
    path(
        "press-conferences/<int:pk>/media/<int:media_pk>/",
        views.conference_media_file,
        name="conference_media",
    ),
    path(
        "press-conferences/<int:pk>/media/<int:media_pk>/remove/",
        views.conference_media_remove,
        name="conference_media_remove",
    ),
    path("responses/", views.response_list, name="response_list"),
    path("gazette/", views.issue_list, name="issue_list"),
    path("gazette/<int:pk>/", views.issue_detail, name="issue_detail"),
    path("gazette/<int:pk>/publish/", views.issue_publish, name="issue_publish"),
    path("new-media/", views.account_list, name="account_list"),
    path("new-media/<int:pk>/", views.account_detail, name="account_detail"),
]
