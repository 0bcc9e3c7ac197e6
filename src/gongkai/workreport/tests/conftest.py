"""A small year across the apps (2025) for the work report: records written straight into their tables."""

from __future__ import annotations

import itertools
from datetime import date
from types import SimpleNamespace

import pytest
from django.utils import timezone

from gongkai.reports.tests.conftest import make_item

_serial = itertools.count(1)
YEAR = 2025


def _message(channel, *, received: date, status: str, public_state: str = "none"):
    from gongkai.interaction.models import Message

    n = next(_serial)
    return Message.objects.create(
        number=f"WR{n:06d}",
        channel=channel,
        kind="consult",
        title=f"关于小区供暖问题的咨询{n}",
        body="请问今年供暖何时开始？",
        submitted_at=timezone.now(),
        received_on=received,
        status=status,
        public_state=public_state,
    )


@pytest.fixture
def year(tree, people):
    """City: 3 items in 2025 (1 normative, one tagged 民生·环境), 1 in 2024; county: 2 items (1 normative);
    another city: 1 item. Interpretations, a press conference, responses, a gazette issue, posts, suggestions and
    proposals, a mailbox with messages, in and out of the region."""
    from gongkai.interaction.models import Channel
    from gongkai.interpretation.models import (
        ConcernResponse,
        GazetteEntry,
        GazetteIssue,
        Interpretation,
        MediaAccount,
        MediaPost,
        PressConference,
    )
    from gongkai.proposals.models import Contact, Proposal, Session

    t = tree
    city_items = [
        make_item(
            t.eco, published=date(2025, 3, 3), normative_kind="normative", focus=("livelihood-environment",)
        ),
        make_item(t.eco, published=date(2025, 4, 8)),
        make_item(t.finance, published=date(2025, 6, 9)),
    ]
    make_item(t.eco, published=date(2024, 12, 30))
    county_items = [
        make_item(t.county_dept, published=date(2025, 5, 6), normative_kind="normative"),
        make_item(t.county_dept, published=date(2025, 7, 7)),
    ]
    make_item(t.other_dept, published=date(2025, 5, 6))
    interpretation_item = make_item(t.eco, published=date(2025, 3, 4))
    Interpretation.objects.create(item=interpretation_item, org=t.eco, kind="text", due_on=date(2025, 3, 6))
    county_interpretation = make_item(t.county_dept, published=date(2025, 5, 7))
    Interpretation.objects.create(item=county_interpretation, org=t.county_dept, kind="graphic")
    conference = PressConference.objects.create(
        org=t.office, title="甲市供暖工作新闻发布会", held_on=date(2025, 10, 20), status="published"
    )
    conference.documents.set([city_items[0]])
    PressConference.objects.create(
        org=t.office, title="草稿发布会", held_on=date(2025, 11, 3), status="draft"
    )
    ConcernResponse.objects.create(
        org=t.eco, responded_on=date(2025, 8, 5), topic="河道治理", kind="concern", channel="website"
    )
    ConcernResponse.objects.create(
        org=t.eco, responded_on=date(2025, 8, 6), topic="网传停水", kind="clarification", channel="website"
    )
    ConcernResponse.objects.create(
        org=t.other_dept, responded_on=date(2025, 8, 6), topic="外市", kind="concern", channel="website"
    )
    issue = GazetteIssue.objects.create(
        org=t.office, year=2025, number=1, published_on=date(2025, 2, 10), is_published=True
    )
    GazetteEntry.objects.create(issue=issue, item=city_items[0])
    account = MediaAccount.objects.create(org=t.office, platform="wechat", name="甲市发布")
    MediaPost.objects.create(account=account, posted_on=date(2025, 3, 5), title="解读：供暖条例")
    MediaPost.objects.create(account=account, posted_on=date(2025, 9, 5), title="发布会预告")
    npc = Session.objects.create(org=t.city, body="npc", name="甲市第十七届人大三次会议", term=17, meeting=3,
                                 year=2025, opens_on=date(2025, 1, 8))  # fmt: skip
    cppcc = Session.objects.create(org=t.city, body="cppcc", name="甲市政协十五届三次会议", term=15, meeting=3,
                                   year=2025, opens_on=date(2025, 1, 7))  # fmt: skip
    answered = Proposal.objects.create(session=npc, number="1", kind="npc_suggestion", title="关于加快老旧小区改造的建议",
                                       status="answered", assigned_on=date(2025, 2, 10), due_on=date(2025, 5, 9),
                                       answered_on=date(2025, 4, 30))  # fmt: skip
    Contact.objects.create(proposal=answered, org=t.eco, stage="before", method="visit",
                           happened_on=date(2025, 3, 3), delegates="张某")  # fmt: skip
    Proposal.objects.create(session=npc, number="2", kind="npc_suggestion", title="关于河道治理的建议",
                            status="assigned", assigned_on=date(2025, 2, 10), due_on=date(2025, 5, 9))  # fmt: skip
    Proposal.objects.create(session=cppcc, number="1", kind="cppcc_member", title="关于采煤沉陷区治理的提案")
    county_session = Session.objects.create(org=t.county, body="npc", name="乙县人大会议", term=18, year=2025,
                                            opens_on=date(2025, 1, 9))  # fmt: skip
    Proposal.objects.create(
        session=county_session, number="1", kind="npc_suggestion", title="关于乡村道路的建议"
    )
    mailbox = Channel.objects.create(code="wr-mayor", name="市长信箱", kind="leader", owner=t.office)
    _message(mailbox, received=date(2025, 3, 3), status="replied", public_state="published")
    _message(mailbox, received=date(2025, 4, 3), status="closed", public_state="withheld")
    _message(mailbox, received=date(2025, 5, 3), status="handling")
    _message(mailbox, received=date(2025, 5, 4), status="refused")
    county_box = Channel.objects.create(
        code="wr-county", name="县长信箱", kind="leader", owner=t.county_office
    )
    _message(county_box, received=date(2025, 6, 3), status="replied", public_state="published")
    other_box = Channel.objects.create(
        code="wr-other", name="丁市市长信箱", kind="leader", owner=t.other_city
    )
    _message(other_box, received=date(2025, 6, 3), status="replied", public_state="published")
    return SimpleNamespace(city_items=city_items, county_items=county_items)


@pytest.fixture
def head(tree):
    from gongkai.testing.factories import staff

    return staff(tree.city, "head", username="city_head")
