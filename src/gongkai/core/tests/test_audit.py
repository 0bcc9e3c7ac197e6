import pytest
from django.db import DatabaseError, connection, transaction

from gongkai.core import audit
from gongkai.core.models import AuditEvent


@pytest.fixture
def event(tree):
    with transaction.atomic():
        return audit.record(actor=None, action="test.thing", obj=tree.city, org=tree.city, after={"a": 1})


def test_event_records_who_what_where(event, tree):
    assert event.actor_label == "系统"
    assert AuditEvent.objects.for_object(tree.city).get() == event


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_record_outside_a_transaction_is_refused(tree):
    with pytest.raises(RuntimeError):
        audit.record(actor=None, action="x", obj=tree.city)


def test_model_and_queryset_refuse_update_and_delete(event):
    event.note = "changed"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(note="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_database_refuses_raw_update_and_delete(event):
    for sql in ("UPDATE core_auditevent SET note = 'x'", "DELETE FROM core_auditevent"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEvent.objects.get(pk=event.pk).note == ""
