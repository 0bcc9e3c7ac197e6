from django.urls import include, path

from gongkai.portal.views import site as views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("xxgk/", views.disclosure_home, name="disclosure"),
    path("orgs/", views.org_directory, name="org_directory"),
    path("orgs/<str:code>/", views.org_detail, name="org_detail"),
    path("orgs/<str:code>/guide/", views.guide, name="guide"),
    path("orgs/<str:code>/guide/v<int:version>/", views.guide_version, name="guide_version"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # One URL module per subject, each owned by its domain's interface code.
    path("", include("gongkai.portal.urls_catalog")),
    path("", include("gongkai.portal.urls_search")),
    path("", include("gongkai.portal.urls_foi")),
    path("", include("gongkai.portal.urls_reports")),
]
