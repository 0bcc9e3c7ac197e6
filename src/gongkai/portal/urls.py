from django.urls import include, path

from gongkai.portal.views import disclosure, guide_form
from gongkai.portal.views import site as views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("xxgk/", disclosure.disclosure_home, name="disclosure"),
    path("xxgk/zd/", disclosure.disclosure_rules, name="disclosure_rules"),
    path("xxgk/fdzdgk/", disclosure.disclosure_statutory, name="disclosure_statutory"),
    path("xxgk/fdzdgk/<slug:klass>/", disclosure.disclosure_class, name="disclosure_class"),
    path("orgs/", views.org_directory, name="org_directory"),
    path("orgs/<str:code>/", views.org_detail, name="org_detail"),
    path("orgs/<str:code>/xxgk/", disclosure.disclosure_home, name="org_disclosure"),
    path("orgs/<str:code>/xxgk/zd/", disclosure.disclosure_rules, name="org_disclosure_rules"),
    path("orgs/<str:code>/xxgk/fdzdgk/", disclosure.disclosure_statutory, name="org_disclosure_statutory"),
    path(
        "orgs/<str:code>/xxgk/fdzdgk/<slug:klass>/", disclosure.disclosure_class, name="org_disclosure_class"
    ),
    path("orgs/<str:code>/guide/", views.guide, name="guide"),
    path(
        "orgs/<str:code>/guide/application-form.<str:fmt>",
        guide_form.application_form_download,
        name="guide_form",
    ),
    path("orgs/<str:code>/guide/v<int:version>/", views.guide_version, name="guide_version"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("display/<str:mode>/", views.display_mode, name="display_mode"),
    path("contact/", views.contact, name="contact"),
    path("wzdt/", views.site_map, name="site_map"),
    path("jiucuo/", views.site_error, name="site_error"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # One URL module per subject, each owned by its domain's interface code.
    path("", include("gongkai.portal.urls_catalog")),
    path("", include("gongkai.portal.urls_proposals")),
    path("", include("gongkai.portal.urls_search")),
    path("", include("gongkai.portal.urls_foi")),
    path("", include("gongkai.portal.urls_reports")),
    path("", include("gongkai.portal.urls_workreport")),
    path("", include("gongkai.portal.urls_supervision")),
    path("", include("gongkai.portal.urls_interaction")),
    path("", include("gongkai.portal.urls_interpretation")),
    path("", include("gongkai.portal.urls_servicecatalog")),
]
