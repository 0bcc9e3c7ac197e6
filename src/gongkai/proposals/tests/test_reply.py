"""Handling and the reply: contacts, drafting by the lead only, co-signing before review, the head's signature
(the class may change there), the letter as DOCX without the proposers' contacts."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from gongkai.proposals import letters, rules, services
from gongkai.proposals.models import AssignmentRole, ContactMethod, ContactStage, ReplyState, Status

REPLY = {"letter_no": "甲环函〔2026〕8号", "signer": "赵局长", "text": "一、关于清淤。已列入计划。\n二、关于截污。正在实施。",
         "contact_person": "孙科长", "contact_phone": "024-57000001", "result_class": "B"}  # fmt: skip


@pytest.fixture
def item(make, who, tree, freeze):
    freeze(date(2026, 3, 16))
    proposal = services.proposal_assign(actor=who.assigner, proposal=make(), lead=tree.eco, co=[tree.finance])
    return (
        proposal,
        proposal.assignments.get(role=AssignmentRole.LEAD),
        proposal.assignments.get(role=AssignmentRole.CO),
    )


def test_contacts_are_recorded_by_the_units(item, who, freeze):
    proposal, lead, _co = item
    freeze(date(2026, 4, 2))
    services.contact_record(actor=who.eco, assignment=lead, stage=ContactStage.BEFORE, method=ContactMethod.VISIT,
                            happened_on=date(2026, 4, 1), delegates="张代表", note="上门听取意见", signed=True)  # fmt: skip
    with pytest.raises(ValidationError, match="交办之后"):
        services.contact_record(actor=who.eco, assignment=lead, stage="before", method="phone",
                                happened_on=date(2026, 3, 1), delegates="张代表")  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.contact_record(actor=who.outsider, assignment=lead, stage="before", method="phone",
                                happened_on=date(2026, 4, 1), delegates="张代表")  # fmt: skip
    assert proposal.contacts.count() == 1


def test_a_reply_goes_to_review_only_after_every_co_handler_signed(item, who, freeze):
    proposal, lead, co = item
    with pytest.raises(ValidationError, match="会办单位不直接答复"):
        services.reply_draft(actor=who.finance, assignment=co, **REPLY)
    with pytest.raises(ValidationError, match="答复分类"):
        services.reply_draft(actor=who.eco, assignment=lead, **{**REPLY, "result_class": "Z"})
    reply = services.reply_draft(actor=who.eco, assignment=lead, **REPLY)
    with pytest.raises(ValidationError, match="会办单位尚未会签：甲市财政局"):
        services.reply_submit(actor=who.eco, reply=reply)
    assert rules.ProposalRules(who.finance, proposal).open_actions()["cosign"]
    services.reply_cosign(actor=who.finance, reply=reply, assignment=co, note="同意")
    services.reply_draft(
        actor=who.eco, assignment=lead, **{**REPLY, "text": "一、已改。"}
    )  # a change: sign again
    with pytest.raises(ValidationError, match="尚未会签"):
        services.reply_submit(actor=who.eco, reply=reply)
    services.reply_cosign(actor=who.finance, reply=reply, assignment=co)
    services.reply_submit(actor=who.eco, reply=reply)
    proposal.refresh_from_db()
    assert proposal.status == Status.REVIEW

    with pytest.raises(PermissionDenied):
        services.reply_review(actor=who.eco, reply=reply, approve=True)  # the handler is not the head
    with pytest.raises(ValidationError, match="退回修改时请写明意见"):
        services.reply_review(actor=who.eco_head, reply=reply, approve=False)
    freeze(date(2026, 6, 10))
    services.reply_review(actor=who.eco_head, reply=reply, approve=True, result_class="A")
    reply.refresh_from_db()
    proposal.refresh_from_db()
    assert (reply.state, reply.result_class, reply.sent_on) == (ReplyState.SENT, "A", date(2026, 6, 10))
    assert proposal.status == Status.ANSWERED and proposal.answered_on == date(2026, 6, 10)


def test_a_returned_reply_goes_back_to_drafting(item, who):
    proposal, lead, co = item
    reply = services.reply_draft(actor=who.eco, assignment=lead, **REPLY)
    services.reply_cosign(actor=who.finance, reply=reply, assignment=co)
    services.reply_submit(actor=who.eco, reply=reply)
    services.reply_review(actor=who.eco_head, reply=reply, approve=False, note="第二条请写明完成时间")
    proposal.refresh_from_db()
    reply.refresh_from_db()
    assert proposal.status == Status.ASSIGNED and reply.state == ReplyState.DRAFT
    assert rules.missing_cosigns(reply) == [co]


def test_split_units_answer_separately(make, who, tree, freeze):
    freeze(date(2026, 3, 16))
    proposal = services.proposal_assign(
        actor=who.assigner, proposal=make(), lead=None, split=[tree.eco, tree.finance]
    )
    eco, fin = (proposal.assignments.get(org=o) for o in (tree.eco, tree.finance))
    for user, part in ((who.eco, eco), (who.finance, fin)):
        services.reply_submit(actor=user, reply=services.reply_draft(actor=user, assignment=part, **REPLY))
    proposal.refresh_from_db()
    assert proposal.status == Status.REVIEW
    services.reply_review(actor=who.eco_head, reply=eco.reply, approve=True)
    proposal.refresh_from_db()
    assert proposal.status == Status.REVIEW  # the finance bureau's answer is not signed yet


def test_the_letter_is_a_docx_without_contacts(item, who):
    _proposal, lead, _co = item
    reply = services.reply_draft(actor=who.eco, assignment=lead, **REPLY)
    text = "\n".join(p.text for p in Document(io.BytesIO(letters.render(reply))).paragraphs)
    assert "甲环函〔2026〕8号" in text and "张代表：" in text and "抄送：李代表（附议）" in text
    assert "一、关于清淤" in text and "13800001111" not in text
