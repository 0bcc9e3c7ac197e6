import pytest
from django.db import DatabaseError, connection, transaction

from gongkai.core import audit
from gongkai.core.actors import System
from gongkai.core.models import AuditEvent


@pytest.fixture
def event(tree):
    with transaction.atomic():
        return audit.record(
            actor=System("测试"), action="test.thing", obj=tree.city, org=tree.city, after={"a": 1}
        )


def test_event_records_who_what_where(event, tree):
    assert event.actor_label == "系统（测试）"
    assert AuditEvent.objects.for_object(tree.city).get() == event


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_record_outside_a_transaction_is_refused(tree):
    with pytest.raises(RuntimeError):
        audit.record(actor=System("测试"), action="x", obj=tree.city)


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


@pytest.mark.postgres
def test_postgresql_refuses_truncate(event):
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's (SQLite's DELETE is refused by the row trigger above)")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE core_auditevent")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_users_and_groups_are_read_only_in_the_django_admin(client, tree):
    from django.contrib.auth.models import Group

    from gongkai.testing.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    target = UserFactory(username="target")
    client.force_login(root)
    assert client.get(f"/django-admin/auth/user/{target.pk}/change/").status_code == 200
    response = client.post(
        f"/django-admin/auth/user/{target.pk}/change/", {"username": "renamed", "is_superuser": "on"}
    )
    assert response.status_code == 403
    assert client.post("/django-admin/auth/user/add/", {"username": "x"}).status_code == 403
    assert client.post("/django-admin/auth/group/add/", {"name": "g"}).status_code == 403
    target.refresh_from_db()
    assert target.username == "target" and not target.is_superuser
    assert not Group.objects.exists()


def test_an_event_needs_an_actor_and_names_a_system_job(tree):
    """`None` is not an actor: a service called without one fails instead of acting as nobody."""
    with transaction.atomic():
        with pytest.raises(TypeError):
            audit.record(actor=None, action="x", obj=tree.city)
        with pytest.raises(TypeError):
            audit.record(actor="系统", action="x", obj=tree.city)
        job = audit.record(actor=System("定时发布"), action="x", obj=tree.city)
    assert (job.actor, job.actor_label) == (None, "系统（定时发布）")
