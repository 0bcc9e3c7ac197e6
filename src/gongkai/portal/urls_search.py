"""Public search URLs (namespace `portal`)."""

from django.urls import path

from gongkai.portal.views import search as views

urlpatterns = [
    path("search/", views.search, name="search"),
]
