from django.urls import path

from gongkai.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("xxgk/", views.disclosure_home, name="disclosure"),
    path("orgs/", views.org_directory, name="org_directory"),
    path("orgs/<str:code>/", views.org_detail, name="org_detail"),
    path("orgs/<str:code>/guide/", views.guide, name="guide"),
    path("orgs/<str:code>/guide/v<int:version>/", views.guide_version, name="guide_version"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
