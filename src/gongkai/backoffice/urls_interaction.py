"""Staff URLs of public interaction (namespace `backoffice`, under /manage/)."""

from django.urls import path

from gongkai.backoffice.views import interaction as views

urlpatterns = [
    path("hudong/", views.queues, name="interaction_queues"),
    path("hudong/stats/", views.statistics, name="interaction_stats"),
    path("hudong/import/", views.tickets_import, name="interaction_import"),
    path("hudong/m/<str:message_no>/", views.message, name="interaction_message"),
    path("hudong/m/<str:message_no>/do/<str:name>/", views.action, name="interaction_action"),
]
