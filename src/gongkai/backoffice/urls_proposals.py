"""Back-office URLs of suggestions and proposals (namespace backoffice, under /manage/)."""

from django.urls import path

from gongkai.backoffice.views import proposals as views

urlpatterns = [
    path("proposals/", views.proposal_list, name="proposals_list"),
    path("proposals/deadlines/", views.deadlines, name="proposals_deadlines"),
    path("proposals/statistics/", views.stats, name="proposals_statistics"),
    path("proposals/sessions/new/", views.session_new, name="proposals_session_new"),
    path("proposals/new/", views.proposal_new, name="proposals_new"),
    path("proposals/import/", views.proposal_import, name="proposals_import"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposals_detail"),
    path("proposals/<int:pk>/letter.docx", views.letter, name="proposals_letter"),
    path("proposals/<int:pk>/letter.pdf", views.letter_pdf, name="proposals_letter_pdf"),
    path("proposals/<int:pk>/<str:name>/", views.proposal_action, name="proposals_action"),
]
