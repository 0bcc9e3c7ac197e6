"""The demo step: every status and outcome, holidays spanned, remedies, idempotent."""

from datetime import date

import pytest

from gongkai.foi.models import Application, Outcome, Remedy, Status

pytestmark = pytest.mark.django_db


def test_demo_covers_every_status_and_outcome_and_runs_once(settings, freeze):
    from gongkai.demo import city
    from gongkai.demo import foi as demo_foi

    freeze(date(2026, 11, 27))
    root, _ = city.load_city()
    city.load_users()
    summary = demo_foi.load(root)
    assert "件申请" in summary
    assert demo_foi.example() is not None
    count = Application.objects.count()
    assert count >= 30
    assert set(Application.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Outcome.values) <= set(Application.objects.values_list("outcome", flat=True))
    # Spring Festival and National Day 2026 are spanned by some case's period.
    spans = list(
        Application.objects.filter(received_on__isnull=False, due_on__isnull=False).values_list(
            "received_on", "due_on"
        )
    )
    assert any(r < date(2026, 2, 15) and d > date(2026, 2, 23) for r, d in spans)
    assert any(r < date(2026, 10, 1) and d > date(2026, 10, 8) for r, d in spans)
    assert Application.objects.filter(due_missing_year=2027).exists()
    assert set(Remedy.objects.values_list("kind", flat=True)) == {
        "reconsideration",
        "litigation_direct",
        "litigation_after_reconsideration",
    }
    assert demo_foi.load(root) == "已存在，未改动"
    assert Application.objects.count() == count
