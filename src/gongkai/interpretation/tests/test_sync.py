"""三同步: a normative document of a class whose rule needs an interpretation is not submitted without one."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import Status
from gongkai.interpretation.models import SyncRule
from gongkai.interpretation.tests.conftest import JOB

pytestmark = pytest.mark.django_db


@pytest.fixture
def sync_on():
    SyncRule.objects.filter(statutory_class="a20_01").update(requires_interpretation=True)


@pytest.mark.usefixtures("sync_on")
def test_submission_without_interpretation_is_refused_naming_the_rule(document):
    doc = document()
    with pytest.raises(ValidationError) as refused:
        catalog_services.item_submit(actor=JOB, item=doc)
    message = "；".join(refused.value.messages)
    assert "三同步" in message and "国办发〔2016〕80号" in message and "政策解读" in message
    doc.refresh_from_db()
    assert doc.status == Status.DRAFT  # nothing changed


@pytest.mark.usefixtures("sync_on")
def test_submission_with_an_interpretation_drafted_passes(document, interpret):
    doc = document()
    interpret([doc])
    assert catalog_services.item_submit(actor=JOB, item=doc).status == Status.SUBMITTED


def test_rule_on_for_normative_documents_by_default_and_per_class(document, make_item, tree):
    """Seeded on for class (一) only; another class's rule is off until a place switches it on in the admin."""
    assert SyncRule.objects.get(statutory_class="a20_01").requires_interpretation
    assert (
        not SyncRule.objects.filter(requires_interpretation=True).exclude(statutory_class="a20_01").exists()
    )
    with pytest.raises(ValidationError, match="三同步"):
        catalog_services.item_submit(actor=JOB, item=document())
    other = document(statutory_class="a20_11")  # another class: its rule is off
    assert catalog_services.item_submit(actor=JOB, item=other).status == Status.SUBMITTED
    plain = make_item(tree.finance, statutory_class="a20_01")  # not normative
    assert catalog_services.item_submit(actor=JOB, item=plain).status == Status.SUBMITTED
    SyncRule.objects.filter(statutory_class="a20_01").update(requires_interpretation=False)
    assert catalog_services.item_submit(actor=JOB, item=document()).status == Status.SUBMITTED


@pytest.mark.usefixtures("sync_on")
def test_bulk_submit_reports_the_rule(document, tree):
    doc = document()
    done, failed = catalog_services.items_bulk(actor=JOB, items=[doc], action="submit")
    assert not done and "三同步" in failed[0][1]
