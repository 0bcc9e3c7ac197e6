"""The service catalog's use cases (`<entity>_<verb>`), one module per subject."""

from gongkai.servicecatalog.services.guides import (
    fee_add,
    guide_cancel,
    guide_flowchart_set,
    guide_new_version,
    guide_review,
    guide_set_basis_items,
    guide_submit,
    guide_update,
    item_create,
    material_add,
    material_remove,
    question_add,
    special_procedure_add,
)
from gongkai.servicecatalog.services.imports import ImportResult, RowError, guides_import
from gongkai.servicecatalog.services.standard import (
    entry_create,
    entry_tag,
    entry_untag,
    standard_catalog_create,
    standard_catalog_publish,
)

__all__ = [
    "ImportResult",
    "RowError",
    "entry_create",
    "entry_tag",
    "entry_untag",
    "fee_add",
    "guide_cancel",
    "guide_flowchart_set",
    "guide_new_version",
    "guide_review",
    "guide_set_basis_items",
    "guide_submit",
    "guide_update",
    "guides_import",
    "item_create",
    "material_add",
    "material_remove",
    "question_add",
    "special_procedure_add",
    "standard_catalog_create",
    "standard_catalog_publish",
]
