"""The interpretation is due 3 working days after its document's publication (SyncRule); later ones are late."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.models import AuditEvent
from gongkai.interpretation.models import Interpretation
from gongkai.interpretation.tests.conftest import release

pytestmark = pytest.mark.django_db


def _run(freeze, document, interpret, doc_day: date, interp_day: date) -> Interpretation:
    freeze(doc_day)
    doc = document(written_on=doc_day)
    interpretation = interpret([doc], written_on=doc_day)  # 三同步: drafted before the document is submitted
    release(doc)
    freeze(interp_day)
    release(interpretation.item)
    interpretation.refresh_from_db()
    return interpretation


def test_three_working_days_is_on_time(freeze, document, interpret):
    found = _run(freeze, document, interpret, date(2026, 3, 2), date(2026, 3, 5))  # Mon -> Thu
    assert found.due_on == date(2026, 3, 5)
    assert not found.is_late


def test_four_working_days_is_late(freeze, document, interpret):
    found = _run(freeze, document, interpret, date(2026, 3, 2), date(2026, 3, 6))  # Mon -> Fri: 4 WD
    assert found.due_on == date(2026, 3, 5)
    assert found.is_late
    assert AuditEvent.objects.filter(action="interpretation.deadline").exists()


def test_national_day_2026_is_not_counted(freeze, document, interpret):
    # Published Wed 30 September; 1-7 October are holidays; Sat 10 October is a make-up working day.
    on_time = _run(freeze, document, interpret, date(2026, 9, 30), date(2026, 10, 10))
    assert on_time.due_on == date(2026, 10, 10)
    assert not on_time.is_late
    late = _run(freeze, document, interpret, date(2026, 9, 30), date(2026, 10, 12))
    assert late.due_on == date(2026, 10, 10) and late.is_late


def test_interpretation_before_its_document_is_on_time(freeze, document, interpret):
    freeze(date(2026, 3, 2))
    doc = document()
    interpretation = interpret([doc])
    release(interpretation.item)
    interpretation.refresh_from_db()
    assert interpretation.due_on is None and not interpretation.is_late
    freeze(date(2026, 3, 3))
    release(doc)
    interpretation.refresh_from_db()
    assert interpretation.due_on == date(2026, 3, 6) and not interpretation.is_late
