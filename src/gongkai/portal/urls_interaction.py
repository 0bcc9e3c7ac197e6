"""政民互动 (namespace `portal`): channels, writing, following a message, published letters, statistics."""

from django.urls import path

from gongkai.portal.views import interaction as views

urlpatterns = [
    path("hudong/", views.home, name="interaction"),
    path("hudong/track/", views.track, name="interaction_track"),
    path("hudong/diaocha/", views.survey_list, name="interaction_surveys"),
    path("hudong/diaocha/<int:pk>/", views.survey, name="interaction_survey"),
    path("hudong/fangtan/", views.interview_list, name="interaction_interviews"),
    path("hudong/fangtan/<int:pk>/", views.interview, name="interaction_interview"),
    path("hudong/zhengji/", views.consultation_list, name="interaction_consultations"),
    path("hudong/zhengji/<int:pk>/", views.consultation, name="interaction_consultation"),
    path("hudong/letter/<str:number>/", views.letter, name="interaction_letter"),
    path("hudong/<slug:code>/", views.channel, name="interaction_channel"),
    path("hudong/<slug:code>/write/", views.write, name="interaction_write"),
]
