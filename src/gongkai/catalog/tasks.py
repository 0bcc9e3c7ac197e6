"""Background tasks of the catalog (django-tasks; immediate backend embedded, database worker in production)."""

from __future__ import annotations

from django_tasks import task

from gongkai.catalog.services import publish_scheduled


@task()
def publish_scheduled_items() -> dict[str, int]:
    """Publish scheduled items whose time has come; enqueue it every minute from the scheduler in use."""
    done, failed = publish_scheduled()
    return {"published": len(done), "failed": len(failed)}
