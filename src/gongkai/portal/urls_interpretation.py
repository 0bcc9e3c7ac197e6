"""Public URLs of policy interpretation and release (namespace `portal`)."""

from django.urls import path

from gongkai.portal.views import interpretation as views

urlpatterns = [
    path("zcjd/", views.interpretation_list, name="interpretations"),
    path("xwfbh/", views.conference_list, name="conferences"),
    path("xwfbh/<int:pk>/", views.conference_detail, name="conference"),
    path("xwfbh/<int:pk>/media/<int:media_pk>/", views.conference_media, name="conference_media"),
    path("gazette/", views.gazette_list, name="gazette"),
    path("gazette/<int:pk>/", views.gazette_issue, name="gazette_issue"),
]
