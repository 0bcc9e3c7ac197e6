"""Staff catalog URLs (namespace `backoffice`, under /manage/)."""

from django.urls import path

from gongkai.backoffice.views import catalog as views

urlpatterns = [
    path("catalog/", views.item_list, name="catalog_items"),
    path("catalog/drafts/", views.my_drafts, name="catalog_drafts"),
    path("catalog/review/", views.review_queue, name="catalog_review"),
    path("catalog/scheduled/", views.scheduled, name="catalog_scheduled"),
    path("catalog/timeliness/", views.timeliness, name="catalog_timeliness"),
    path("catalog/publications/", views.publications, name="catalog_publications"),
    path("catalog/bulk/", views.bulk, name="catalog_bulk"),
    path("catalog/new/", views.item_create, name="catalog_item_new"),
    path("catalog/<int:pk>/", views.item_detail, name="catalog_item"),
    path("catalog/<int:pk>/edit/", views.item_edit, name="catalog_item_edit"),
    path("catalog/<int:pk>/correct/", views.item_correct, name="catalog_item_correct"),
    path("catalog/<int:pk>/submit/", views.item_submit, name="catalog_item_submit"),
    path("catalog/<int:pk>/review/", views.item_review, name="catalog_item_review"),
    path("catalog/<int:pk>/publish/", views.item_publish, name="catalog_item_publish"),
    path("catalog/<int:pk>/schedule/", views.item_schedule, name="catalog_item_schedule"),
    path("catalog/<int:pk>/unschedule/", views.item_unschedule, name="catalog_item_unschedule"),
    path("catalog/<int:pk>/withdraw/", views.item_withdraw, name="catalog_item_withdraw"),
    path("catalog/<int:pk>/validity/", views.item_validity, name="catalog_item_validity"),
    path("catalog/<int:pk>/discard/", views.item_discard, name="catalog_item_discard"),
    path("catalog/<int:pk>/attachments/", views.attachment_add, name="catalog_attachment_add"),
    path("catalog/attachment-texts/", views.attachment_texts, name="documents_extractions"),
    path(
        "catalog/<int:pk>/attachments/<int:attachment_pk>/extract/",
        views.attachment_extract,
        name="catalog_attachment_extract",
    ),
    path(
        "catalog/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_preview,
        name="catalog_attachment",
    ),
    path(
        "catalog/<int:pk>/attachments/<int:attachment_pk>/remove/",
        views.attachment_remove,
        name="catalog_attachment_remove",
    ),
]
