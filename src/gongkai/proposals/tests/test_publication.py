"""Publication: the attribute decided with the reply, the public version without contacts, a catalog item of its
own genre published through the catalog's services, late ones flagged, the portal column and its search."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.catalog.models import Item
from gongkai.catalog.models import Status as ItemStatus
from gongkai.proposals import rules, services
from gongkai.proposals.models import AssignmentRole, ReplyDisclosure
from gongkai.proposals.tests.test_reply import REPLY


@pytest.fixture
def answered(make, who, tree, freeze):
    def _answered(text=REPLY["text"], sent=date(2026, 5, 6), **fields):
        freeze(date(2026, 3, 16))
        proposal = services.proposal_assign(actor=who.assigner, proposal=make(**fields), lead=tree.eco)
        lead = proposal.assignments.get(role=AssignmentRole.LEAD)
        reply = services.reply_draft(actor=who.eco, assignment=lead, **{**REPLY, "text": text})
        services.reply_submit(actor=who.eco, reply=reply)
        freeze(sent)
        return services.reply_review(actor=who.eco_head, reply=reply, approve=True)

    return _answered


def test_the_attribute_is_decided_with_the_reply(make, who, tree, freeze):
    freeze(date(2026, 3, 16))
    proposal = services.proposal_assign(actor=who.assigner, proposal=make(confidential=True), lead=tree.eco)
    lead = proposal.assignments.get(role=AssignmentRole.LEAD)
    with pytest.raises(ValidationError, match="涉密件的答复不公开"):
        services.reply_draft(actor=who.eco, assignment=lead, **REPLY)
    with pytest.raises(ValidationError, match="写明理由"):
        services.reply_draft(actor=who.eco, assignment=lead, **REPLY, disclosure="none")
    other = services.proposal_assign(actor=who.assigner, proposal=make(), lead=tree.eco)
    with pytest.raises(ValidationError, match="公开摘要"):
        services.reply_draft(actor=who.eco, assignment=other.assignments.get(), **REPLY, disclosure="summary")


def test_published_reply_has_no_contact_data_and_is_a_catalog_item(answered, who, freeze, client):
    reply = answered(text="一、已列入计划。如有疑问请致电13800001111或 024-57000001，邮箱 a@b.cn。")
    assert reply.publish_due_on == date(2026, 6, 2)  # 20 working days after 2026-05-06 (Sat 5月9日 is worked)
    services.reply_publish(actor=who.eco, reply=reply)
    reply.refresh_from_db()
    item = Item.objects.get(pk=reply.catalog_item_id)
    assert (
        item.status == ItemStatus.PUBLISHED
        and item.genre.code == "proposal-reply"
        and item.org == reply.assignment.org
    )
    assert not reply.publish_late
    for secret in ("13800001111", "024-57000001", "a@b.cn", "张三路"):
        assert secret not in item.body
    assert "一、已列入计划" in item.body
    page = client.get("/jyta/").content.decode()
    assert reply.assignment.proposal.title in page and "13800001111" not in page
    with pytest.raises(ValidationError, match="尚未公开"):
        services.reply_publish(actor=who.eco, reply=reply)


def test_late_publication_is_flagged(answered, who, freeze):
    reply = answered()
    freeze(date(2026, 6, 5))
    services.reply_publish(actor=who.assigner, reply=reply)
    reply.refresh_from_db()
    assert reply.publish_late


def test_a_reply_not_to_publish(answered, who, make, tree, freeze):
    reply = answered()
    assert rules.ProposalRules(who.eco, reply.assignment.proposal).open_actions()["publish"]
    assert not rules.ProposalRules(who.finance, reply.assignment.proposal).open_actions()["publish"]
    reply.disclosure = ReplyDisclosure.NONE
    reply.save()
    with pytest.raises(ValidationError, match="不公开"):
        services.reply_publish(actor=who.eco, reply=reply)


def test_the_portal_column_searches_by_session_unit_and_title(answered, who, tree, client):
    first = answered(title="关于增设公交线路的建议")
    second = answered(title="关于老旧小区改造的建议")
    for reply in (first, second):
        services.reply_publish(actor=who.eco, reply=reply)
    session = first.assignment.proposal.session
    assert "老旧小区" not in client.get("/jyta/", {"q": "公交"}).content.decode()
    page = client.get("/jyta/", {"session": session.pk, "unit": tree.eco.pk}).content.decode()
    assert "公交线路" in page and "老旧小区" in page
    assert "没有符合条件" in client.get("/jyta/", {"q": "不存在的标题"}).content.decode()
    bad = client.get("/jyta/", {"session": "abc"})
    assert bad.status_code == 400 and "已忽略" in bad.content.decode()


def test_past_handling_is_published_on_its_own_day(answered, who, freeze):
    from gongkai.proposals import clock

    reply = answered()
    freeze(date(2026, 6, 1))
    with clock.recording_as_of(date(2026, 5, 12)):
        services.reply_publish(actor=who.eco, reply=reply)
    reply.refresh_from_db()
    assert reply.published_on == date(2026, 5, 12)
    assert reply.catalog_item.published_at.date() == date(2026, 5, 12)
