"""Public catalog URLs (namespace `portal`): list, normative library, items, attachments, feeds, sitemap."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from gongkai.portal.views import catalog as views

urlpatterns = [
    path("catalog/", views.catalog_list, name="catalog"),
    path("catalog/normative/", views.normative_list, name="catalog_normative"),
    path("catalog/feed/", views.CatalogFeed(), name="catalog_feed"),
    path("catalog/feeds/org/<str:code>/", views.OrgFeed(), name="catalog_feed_org"),
    path("catalog/feeds/topic/<str:code>/", views.TopicFeed(), name="catalog_feed_topic"),
    path("catalog/<slug:slug>/", views.item_detail, name="catalog_item"),
    path("catalog/<slug:slug>/attachments/<int:pk>/", views.attachment_download, name="catalog_attachment"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": views.SITEMAPS, "sitemap_url_name": "portal:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": views.SITEMAPS},
        name="sitemap_section",
    ),
]
