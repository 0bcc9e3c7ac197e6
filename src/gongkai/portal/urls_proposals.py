"""Public URLs of published replies to suggestions and proposals (namespace portal)."""

from django.urls import path

from gongkai.portal.views import proposals as views

urlpatterns = [
    path("jyta/", views.reply_list, name="proposal_replies"),
    path("jyta/pj/", views.evaluate, name="proposal_evaluate"),
]
