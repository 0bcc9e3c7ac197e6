"""Back-office URLs of the service catalog and the standard disclosure catalogs (namespace backoffice)."""

from django.urls import path

from gongkai.backoffice.views import servicecatalog as views

urlpatterns = [
    path("services/", views.item_list, name="servicecatalog_list"),
    path("services/new/", views.item_new, name="servicecatalog_new"),
    path("services/import/", views.item_import, name="servicecatalog_import"),
    path("services/export/elements.xlsx", views.export_elements, name="servicecatalog_export_elements"),
    path("services/export/materials.xlsx", views.export_materials, name="servicecatalog_export_materials"),
    path("services/incomplete/", views.incomplete, name="servicecatalog_incomplete"),
    path("services/statistics/", views.stats, name="servicecatalog_statistics"),
    path("services/standard/", views.standard_list, name="servicecatalog_standard"),
    path("services/standard/<int:pk>/", views.standard_detail, name="servicecatalog_standard_detail"),
    path("services/standard/<int:pk>/entries/", views.standard_entry_new, name="servicecatalog_entry_new"),
    path(
        "services/standard/<int:pk>/publish/", views.standard_publish, name="servicecatalog_standard_publish"
    ),
    path("services/entries/<int:pk>/tag/", views.entry_tag, name="servicecatalog_entry_tag"),
    path("services/links/<int:pk>/remove/", views.entry_untag, name="servicecatalog_entry_untag"),
    path("services/materials/<int:pk>/remove/", views.material_remove, name="servicecatalog_material_remove"),
    path("services/<int:pk>/", views.item_detail, name="servicecatalog_detail"),
    path("services/<int:pk>/edit/", views.item_edit, name="servicecatalog_edit"),
    path("services/<int:pk>/materials/", views.material_new, name="servicecatalog_material_new"),
    path("services/<int:pk>/flowchart/", views.flowchart_set, name="servicecatalog_flowchart_set"),
    path("services/<int:pk>/flowchart/file/", views.flowchart_file, name="servicecatalog_flowchart"),
    path("services/<int:pk>/fees/", views.fee_new, name="servicecatalog_fee_new"),
    path("services/<int:pk>/questions/", views.question_new, name="servicecatalog_question_new"),
    path("services/<int:pk>/procedures/", views.procedure_new, name="servicecatalog_procedure_new"),
    path("services/<int:pk>/<str:name>/", views.item_action, name="servicecatalog_action"),
]
