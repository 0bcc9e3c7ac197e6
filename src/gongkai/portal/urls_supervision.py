"""Public URLs of published circulars and assessment results (namespace portal)."""

from django.urls import path

from gongkai.portal.views import supervision as views

urlpatterns = [
    path("jdbz/", views.index, name="supervision"),
    path("jdbz/tb/<str:public_id>/", views.circular, name="supervision_circular"),
    path("jdbz/kh/<str:public_id>/", views.scheme, name="supervision_scheme"),
]
