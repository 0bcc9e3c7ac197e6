"""Background tasks of the documents app (django-tasks: in-process embedded, the database worker in production)."""

from __future__ import annotations

from django_tasks import task


@task()
def extract_text(extraction_id: int) -> dict:
    """Read the text of one file in the bounded worker process, recording progress page by page."""
    from gongkai.documents.services import extraction_run

    extraction = extraction_run(extraction_id=extraction_id)
    return {"status": extraction.status, "chars": extraction.chars, "pages": extraction.pages_done}
