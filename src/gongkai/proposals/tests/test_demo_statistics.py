"""The demo's 2025 sessions cover every state, and the statistics equal counts taken from the records."""

from datetime import date

import pytest

from gongkai.proposals import statistics
from gongkai.proposals.models import (
    Contact,
    Evaluation,
    Proposal,
    Rating,
    Reply,
    ReplyState,
    Status,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(freeze):
    from gongkai.demo import city
    from gongkai.demo import proposals as demo_proposals

    freeze(date(2026, 12, 7))
    root, _ = city.load_city()
    city.load_users()
    summary = demo_proposals.load(root)
    assert "抚顺市第十七届人民代表大会第五次会议19件" in summary and "闭会期间1件" in summary
    assert demo_proposals.load(root) == "已存在，未改动"
    return root


def test_the_demo_covers_every_state(demo):
    assert set(Proposal.objects.values_list("status", flat=True)) == set(Status.values)
    assert Proposal.objects.filter(session__year=2025).count() == 36
    assert Reply.objects.filter(publish_late=True).exists()
    assert Proposal.objects.filter(round=2).exists()


def test_statistics_equal_counts_from_the_records(demo):
    items = Proposal.objects.filter(session__year=2025)
    table = statistics.compute(items)
    t = table.total
    handled = items.exclude(status=Status.MERGED).exclude(assigned_on=None)
    answered = handled.exclude(answered_on=None)
    assert t.received == items.count() == 36
    assert t.handled == handled.count()
    assert t.answered == answered.count()
    assert t.on_time == sum(1 for p in answered if p.answered_on <= p.due_on)
    assert t.face_to_face == answered.filter(contacts__method__in=["meeting", "visit"]).distinct().count()
    assert t.contacted == answered.filter(pk__in=Contact.objects.values("proposal")).count()
    evaluated = set(Evaluation.objects.values_list("proposal", flat=True))
    unsatisfied_latest = {
        p.pk for p in items.filter(pk__in=evaluated)
        if Evaluation.objects.filter(proposal=p, round=max(p.evaluations.values_list("round", flat=True)),
                                     result=Rating.UNSATISFIED).exists()
    }  # fmt: skip
    assert t.evaluated == len(evaluated)
    assert t.satisfied == len(evaluated) - len(unsatisfied_latest)
    sent = Reply.objects.filter(state=ReplyState.SENT, assignment__active=True)
    assert sum(t.classes.values()) == sent.count()
    assert t.key == items.filter(key_supervision=True).count()
    # The 242 + 339 kind of split: per body and per kind, adding up to the total.
    assert [(name, f.received) for name, f in table.by_body.items()] == [
        ("人大代表建议", 20),
        ("政协提案", 16),
    ]
    assert sum(f.received for f in table.by_kind.values()) == 36
    assert "共收到人大代表建议和政协提案36件" in statistics.summary_text("2025年", table)


def test_the_statistics_page_shows_the_definitions(demo, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="city_supervisor"))
    page = client.get("/manage/proposals/statistics/", {"year": 2025})
    assert page.status_code == 200
    text = page.content.decode()
    assert "满意率" in text and "基本满意" in text and "统计口径" in text and "办理工作总结" in text


def test_the_statistics_api(demo, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="city_supervisor"))
    body = client.get("/api/v1/proposals/statistics", {"year": 2025}).json()
    assert body["total"]["received"] == 36 and body["by_body"]["政协提案"]["received"] == 16
    assert "满意率" in " ".join(body["definitions"])
