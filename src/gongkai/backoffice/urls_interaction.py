"""Staff URLs of public interaction (namespace `backoffice`, under /manage/)."""

from django.urls import path

from gongkai.backoffice.views import interaction as views
from gongkai.backoffice.views import interaction_public as public

urlpatterns = [
    path("hudong/", views.queues, name="interaction_queues"),
    path("hudong/stats/", views.statistics, name="interaction_stats"),
    path("hudong/import/", views.tickets_import, name="interaction_import"),
    path("hudong/zhengji/", public.consultation_list, name="interaction_consultations"),
    path("hudong/zhengji/<int:pk>/", public.consultation, name="interaction_consultation"),
    path(
        "hudong/zhengji/<int:pk>/do/<str:name>/",
        public.consultation_action,
        name="interaction_consultation_action",
    ),
    path("hudong/diaocha/", public.survey_list, name="interaction_surveys"),
    path("hudong/diaocha/<int:pk>/", public.survey, name="interaction_survey"),
    path("hudong/fangtan/", public.interview_list, name="interaction_interviews"),
    path("hudong/fangtan/<int:pk>/", public.interview, name="interaction_interview"),
    path(
        "hudong/fangtan/<int:pk>/do/<str:name>/", public.interview_action, name="interaction_interview_action"
    ),
    path("hudong/m/<str:message_no>/", views.message, name="interaction_message"),
    path("hudong/m/<str:message_no>/do/<str:name>/", views.action, name="interaction_action"),
    path("hudong/m/<str:message_no>/file/<int:file_pk>/", views.file_download, name="interaction_file"),
]
