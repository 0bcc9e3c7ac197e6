"""Every change to the catalog: one function per use case (`grep -rn "def item_" services/` lists them).

Each checks permission (gongkai.catalog.rules, gongkai.orgs.access), validates (ValidationError with Chinese
messages, per field where possible), writes, updates the search index where the public catalog changes, and
records an audit event, in one transaction. Portal, back office, API, import command and scheduled job all call
these.
"""

from gongkai.catalog.services.attachments import (
    attachment_add,
    attachment_count_download,
    attachment_extract_again,
    attachment_remove,
    item_reindex_attachments,
    rendition_store,
)
from gongkai.catalog.services.imports import ImportRow, items_import
from gongkai.catalog.services.items import item_create, item_discard, item_submit, item_update
from gongkai.catalog.services.publications import publication_record
from gongkai.catalog.services.publishing import (
    item_correct,
    item_publish,
    item_schedule,
    item_set_validity,
    item_unschedule,
    item_withdraw,
    items_recompute_due,
    publish_scheduled,
)
from gongkai.catalog.services.review import BULK_ACTIONS, item_review, items_bulk
from gongkai.catalog.services.validation import statutory_classes_for
