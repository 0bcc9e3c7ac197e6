from django.urls import include, path

from gongkai.backoffice.views import admin as views

app_name = "backoffice"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("", views.dashboard, name="dashboard"),
    path("orgs/", views.org_list, name="org_list"),
    path("orgs/new/", views.org_create, name="org_create_root"),
    path("orgs/<str:code>/", views.org_detail, name="org_detail"),
    path("orgs/<str:code>/edit/", views.org_edit, name="org_edit"),
    path("orgs/<str:code>/approvals/", views.org_approvals, name="org_approvals"),
    path("orgs/<str:code>/new-child/", views.org_create, name="org_create_child"),
    path("orgs/<str:code>/guide/", views.guide_edit, name="guide_edit"),
    path("orgs/<str:code>/seal/", views.org_seal, name="org_seal"),
    path("orgs/<str:code>/seal/image/", views.org_seal_image, name="org_seal_image"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_detail, name="user_detail"),
    path(
        "users/<int:pk>/memberships/<int:membership_pk>/revoke/",
        views.membership_revoke,
        name="membership_revoke",
    ),
    path("users/<int:pk>/active/", views.user_toggle_active, name="user_toggle_active"),
    path("calendar/", views.calendar_list, name="calendar_list"),
    path("calendar/<int:year>/", views.calendar_year, name="calendar_year"),
    path("audit/", views.audit_log, name="audit_log"),
    path("audit/<str:object_type>/<str:object_id>/", views.audit_timeline, name="audit_timeline"),
    # One URL module per subject, each owned by its domain's interface code.
    path("", include("gongkai.backoffice.urls_catalog")),
    path("", include("gongkai.backoffice.urls_foi")),
    path("", include("gongkai.backoffice.urls_reports")),
    path("", include("gongkai.backoffice.urls_proposals")),
    path("", include("gongkai.backoffice.urls_interaction")),
    path("", include("gongkai.backoffice.urls_interpretation")),
    path("", include("gongkai.backoffice.urls_workreport")),
    path("", include("gongkai.backoffice.urls_supervision")),
    path("", include("gongkai.backoffice.urls_servicecatalog")),
]
