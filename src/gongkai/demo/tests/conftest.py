"""The whole demo, loaded once per module at a fixed date, inside a transaction rolled back at the end.

Report renditions (DOCX, PDF) are replaced by minimal valid files here: rendering ~200 reports is the slow part
of the load and is tested in the reports app; everything else runs as in `make run`.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _minimal_docx() -> bytes:
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def frozen(mp: pytest.MonkeyPatch, day: date) -> None:
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return day if value is None else real(value, timezone)

    mp.setattr(timezone, "localdate", localdate)
    mp.setattr(timezone, "now", lambda: timezone.make_aware(datetime.combine(day, time(16, 0))))


def load_demo_at(day: date, request, django_db_setup, django_db_blocker, tmp_path_factory):
    """Generator body of the module fixtures: load at `day`, yield the load log, roll everything back."""
    from gongkai.demo.loader import load_all
    from gongkai.reports import exports

    request.getfixturevalue("django_db_setup")
    docx = _minimal_docx()
    media = tmp_path_factory.mktemp("demo-media")
    with pytest.MonkeyPatch.context() as mp, django_db_blocker.unblock():
        frozen(mp, day)
        mp.setattr(exports, "to_pdf", lambda report: MINIMAL_PDF)
        mp.setattr(exports, "to_docx", lambda report: docx)
        with (
            override_settings(MEDIA_ROOT=media, GONGKAI_FOI_FILES_ROOT=media / "private"),
            transaction.atomic(),
        ):
            log: list[str] = []
            from gongkai.testing.reference import ensure_reference_data

            ensure_reference_data()  # a transactional test may have flushed it
            load_all(log=log.append)
            yield {"day": day, "log": log, "mp": mp}
            transaction.set_rollback(True)
