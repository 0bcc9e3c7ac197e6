"""The demo mailboxes: every state present, and the statistics equal the counts taken from the records."""

from __future__ import annotations

from datetime import date, time

import pytest

from gongkai.core.actors import System
from gongkai.demo import city as demo_city
from gongkai.demo import interaction as demo
from gongkai.interaction import deadlines, selectors
from gongkai.interaction.models import (
    Channel,
    Consultation,
    Interview,
    Message,
    Publication,
    PublicState,
    Status,
    Survey,
)
from gongkai.orgs.models import Organization
from gongkai.workdays.calendar import WorkCalendar


class _AsDemo:
    """demo.city still passes actor=None on this branch (another branch gives it System): act as the demo job."""

    def __getattr__(self, name: str):
        from gongkai.orgs import services

        function = getattr(services, name)
        return lambda **kw: function(**{**kw, "actor": kw.get("actor") or System("演示数据")})


@pytest.fixture
def loaded(db, freeze, settings, tmp_path, monkeypatch):
    settings.GONGKAI_FOI_FILES_ROOT = tmp_path / "private"
    monkeypatch.setattr(demo_city, "org_services", _AsDemo())
    freeze(date(2026, 11, 27), at=time(16, 0))
    root, _created = demo_city.load_city()
    demo_city.load_users()
    summary = demo.load(root)
    return summary


def test_every_state_and_forwarded_tickets(loaded):
    assert (
        "件留言" in loaded
        and demo.load(Organization.objects.get(depth=1, name="抚顺市人民政府")) == "已存在，未改动"
    )
    statuses = set(Message.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert Message.objects.count() >= 200
    assert Message.objects.filter(channel__source="12345").exclude(external_no="").count() >= 40
    assert Message.objects.filter(channel__source="minxin").exclude(external_no="").count() >= 20
    assert Message.objects.filter(public_state=PublicState.PUBLISHED).count() >= 20
    assert Message.objects.filter(rehandled__gt=0).exists()
    assert Message.objects.filter(replied_on_time=False).exists()
    assert Message.objects.filter(status=Status.MOVED, foi_application_id__isnull=False).exists()
    assert Survey.objects.get().responses.count() == 36
    interview = Interview.objects.get()
    assert interview.transcript_published_at and interview.questions.filter(answered_live=True).exists()
    consultation = Consultation.objects.get()
    assert consultation.status == "feedback" and consultation.comments.exclude(disposition="").count() == 4


def test_published_letters_show_no_personal_data_without_consent(loaded):
    for m in Message.objects.filter(public_state=PublicState.PUBLISHED, consent_personal=False):
        public = m.public_title + m.public_body + m.public_reply
        assert m.writer_name not in public and m.phone not in public, m.number


@pytest.mark.parametrize("code", [None, "mayor", "12345", "eco"])
def test_statistics_equal_the_counts_of_the_records(loaded, code):
    channel = Channel.objects.get(code=code) if code else None
    stats = selectors.statistics(channel=channel)
    rows = [
        m for m in Message.objects.select_related("channel") if channel is None or m.channel_id == channel.pk
    ]
    invalid = {Status.SCREENING, Status.REFUSED, Status.MOVED}
    valid = [m for m in rows if m.status not in invalid]
    done = {Status.REPLIED, Status.CLOSED, Status.ARCHIVED}
    answered = [
        m for m in valid
        if m.status in done and (m.public_state != PublicState.NONE or m.channel.publication == Publication.NONE)
    ]  # fmt: skip
    assert stats.received == len(valid)
    assert stats.refused == sum(1 for m in rows if m.status == Status.REFUSED)
    assert stats.answered == len(answered)
    assert stats.reply_rate == (f"{len(answered) * 100 / len(valid):.1f}%" if valid else "—")
    replied = [m for m in valid if m.status in done and m.replied_at]
    assert stats.replied == len(replied)
    assert stats.on_time == sum(1 for m in replied if m.replied_at <= deadlines.effective_due(m))
    rated = [m for m in valid if m.evaluations.exists()]
    assert stats.evaluated == len(rated)
    assert stats.satisfied == sum(
        1 for m in rated if m.evaluations.order_by("at").last().level in ("satisfied", "basic")
    )
    assert stats.rehandled == sum(m.rehandled for m in valid)
    calendar = WorkCalendar()
    if replied:
        days = [calendar.workdays_between(m.received_on, m.replied_at.astimezone().date()) for m in replied]
        assert stats.handling_days == round(sum(days) / len(days), 1)
    waiting = sorted((m for m in valid if m.status not in done), key=lambda m: (m.received_on, m.pk))
    assert stats.oldest == (waiting[0] if waiting else None)


def test_the_oldest_unanswered_letter_warns(loaded):
    stats = selectors.statistics(channel=Channel.objects.get(code="mayor"))
    assert stats.oldest_days == 72 and stats.oldest_warning
