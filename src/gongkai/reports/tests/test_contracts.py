"""What reports reads of other apps' tables (docs/adr/0008): the index names and the columns of its raw SQL
belong to the models that own them."""

from __future__ import annotations

from gongkai.catalog.models import Item, Publication
from gongkai.foi.models import Application
from gongkai.reports.selectors import sql


def test_every_index_reports_names_is_declared_by_its_owner():
    owners = {sql.REPORT_INDEX: Item, sql.NORMATIVE_INDEX: Item, sql.CLOSED_INDEX: Application}
    for name, model in owners.items():
        assert name in {index.name for index in model._meta.indexes}, (name, model.__name__)


def test_every_column_of_the_raw_sql_is_a_field_of_its_owner():
    columns = {
        Item: ["org_id", "topic_id", "statutory_class", "is_normative", "is_late", "status", "published_at"],
        Publication: ["channel", "count", "org_id", "published_on"],
        Application: ["org_id", "applicant_type", "outcome", "closed_on"],
    }
    for model, names in columns.items():
        known = {field.column for field in model._meta.concrete_fields}
        assert set(names) <= known, (model.__name__, sorted(set(names) - known))
    through = Item._meta.get_field("focus_areas").remote_field.through
    assert {"item_id", "focusarea_id"} <= {field.column for field in through._meta.concrete_fields}
