"""Public URLs of the service catalog and the standard disclosure catalogs (namespace portal)."""

from django.urls import path

from gongkai.portal.views import servicecatalog as views

urlpatterns = [
    path("fw/", views.service_list, name="service_list"),
    path("fw/<str:code>/", views.guide, name="service_guide"),
    path("fw/<str:code>/flowchart/", views.flowchart, name="service_flowchart"),
    path("fw/<str:code>/materials/<int:pk>/<str:kind>/", views.material_file, name="service_material_file"),
    path("bzml/", views.standard_list, name="standard_catalogs"),
    path("bzml/<int:pk>/", views.standard_detail, name="standard_catalog"),
]
