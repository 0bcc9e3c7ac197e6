"""Staff URLs of information applications (namespace `backoffice`, under /manage/)."""

from django.urls import path

from gongkai.backoffice.views import foi as views
from gongkai.backoffice.views import foi_redaction as redaction

urlpatterns = [
    path("foi/", views.queue, name="foi_queue"),
    path("foi/queue/<str:name>/", views.queue, name="foi_queue_named"),
    path("foi/closed/", views.closed, name="foi_closed"),
    path("foi/proactive/", views.proactive_candidates, name="foi_proactive"),
    path("foi/register/", views.register, name="foi_register"),
    path("foi/case/<str:tracking_no>/", views.case, name="foi_case"),
    path("foi/case/<str:tracking_no>/do/<str:name>/", views.action, name="foi_action"),
    path("foi/case/<str:tracking_no>/do/<str:name>/<int:pk>/", views.action, name="foi_action_on"),
    path("foi/case/<str:tracking_no>/letters/<int:pk>/", views.letter_download, name="foi_letter"),
    path("foi/case/<str:tracking_no>/files/<int:pk>/", views.file_download, name="foi_file"),
    path("foi/case/<str:tracking_no>/archive/", views.archive_download, name="foi_archive"),
    # Redaction for partial disclosure (Art. 37)
    path(
        "foi/case/<str:tracking_no>/files/<int:file_pk>/redact/", redaction.start, name="foi_redaction_start"
    ),
    path("foi/case/<str:tracking_no>/redactions/<int:pk>/", redaction.page, name="foi_redaction"),
    path(
        "foi/case/<str:tracking_no>/redactions/<int:pk>/pages/<int:number>.png",
        redaction.page_image,
        name="foi_redaction_page",
    ),
    path(
        "foi/case/<str:tracking_no>/redactions/<int:pk>/region/",
        redaction.add_region,
        name="foi_redaction_region",
    ),
    path(
        "foi/case/<str:tracking_no>/redactions/<int:pk>/hits/", redaction.add_hits, name="foi_redaction_hits"
    ),
    path(
        "foi/case/<str:tracking_no>/redactions/<int:pk>/marks/<int:mark_pk>/remove/",
        redaction.remove_mark,
        name="foi_redaction_unmark",
    ),
    path(
        "foi/case/<str:tracking_no>/redactions/<int:pk>/produce/",
        redaction.produce,
        name="foi_redaction_produce",
    ),
]
