"""Feedback: one-time codes, paper forms entered by staff, 不满意 reopens with a new deadline, closing,
commitments tracked."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.proposals import selectors, services
from gongkai.proposals.models import CommitmentState, Rating, ReplyState, Status
from gongkai.proposals.tests.test_publication import answered  # noqa: F401 - the fixture


def test_codes_are_one_time_and_all_satisfied_closes(answered, who, freeze):  # noqa: F811
    reply = answered()
    proposal = reply.assignment.proposal
    codes = services.feedback_codes_issue(actor=who.assigner, proposal=proposal)
    assert len(codes) == 2  # the lead and the co-signer
    services.feedback_submit(code=codes[0].code.lower(), attitude="satisfied", result="basically")
    with pytest.raises(ValidationError, match="已使用"):
        services.feedback_submit(code=codes[0].code, attitude="satisfied", result="satisfied")
    with pytest.raises(ValidationError, match="评价码不正确"):
        services.feedback_submit(code="WRONGCODE123", attitude="satisfied", result="satisfied")
    proposal.refresh_from_db()
    assert proposal.status == Status.ANSWERED
    services.feedback_enter(
        actor=who.assigner, proposer=codes[1].proposer, attitude="satisfied", result="satisfied"
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.CLOSED and proposal.closed_on == date(2026, 5, 6)


def test_a_code_after_the_window_is_refused(answered, who, freeze):  # noqa: F811
    reply = answered()
    code = services.feedback_codes_issue(actor=who.eco, proposal=reply.assignment.proposal)[0].code
    freeze(date(2026, 7, 1))
    with pytest.raises(ValidationError, match="评价期限已过"):
        services.feedback_submit(code=code, attitude="satisfied", result="satisfied")


def test_unsatisfied_reopens_with_a_new_deadline_and_keeps_the_first_answer(answered, who, freeze):  # noqa: F811
    reply = answered()
    proposal = reply.assignment.proposal
    services.reply_publish(actor=who.eco, reply=reply)
    lead = proposal.proposers.get(role="lead")
    freeze(date(2026, 5, 20))
    services.feedback_enter(actor=who.assigner, proposer=lead, attitude="basically", result=Rating.UNSATISFIED,
                            comment="截污工程没有时间表")  # fmt: skip
    proposal.refresh_from_db()
    reply.refresh_from_db()
    assert (proposal.status, proposal.round, proposal.due_on) == (Status.ASSIGNED, 2, date(2026, 7, 20))
    assert reply.state == ReplyState.DRAFT and reply.catalog_item is None
    assert reply.history[0]["round"] == 1 and reply.history[0]["catalog_item"] is not None
    with pytest.raises(PermissionDenied):
        services.feedback_enter(actor=who.eco, proposer=lead, attitude="satisfied", result="satisfied")


def test_commitments(answered, who, freeze):  # noqa: F811
    reply = answered()
    c = services.commitment_add(
        actor=who.eco, assignment=reply.assignment, text="2027年6月底前完成截污管网", due_on=date(2027, 6, 30)
    )
    with pytest.raises(ValidationError, match="落实情况"):
        services.commitment_settle(actor=who.eco, commitment=c, fulfilled=True, note="")
    with pytest.raises(PermissionDenied):
        services.commitment_settle(actor=who.finance, commitment=c, fulfilled=True, note="完成")
    assert list(selectors.open_commitments(who.assigner)) == [c]
    services.commitment_settle(actor=who.eco, commitment=c, fulfilled=True, note="已完成并验收")
    assert not selectors.open_commitments(who.assigner).exists()
    c.refresh_from_db()
    assert c.state == CommitmentState.FULFILLED


def test_close_after_the_window(answered, who):  # noqa: F811
    proposal = answered().assignment.proposal
    with pytest.raises(PermissionDenied):
        services.proposal_close(actor=who.eco, proposal=proposal)
    services.proposal_close(actor=who.assigner, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == Status.CLOSED


def test_the_portal_evaluation_form(answered, who, client):  # noqa: F811
    reply = answered()
    codes = services.feedback_codes_issue(actor=who.assigner, proposal=reply.assignment.proposal)
    empty = client.post("/jyta/pj/", {"code": codes[0].code})
    assert empty.status_code == 400 and "对办理态度" in empty.content.decode()
    wrong = client.post("/jyta/pj/", {"code": "X" * 12, "attitude": "satisfied", "result": "satisfied"})
    assert wrong.status_code == 400 and "评价码不正确" in wrong.content.decode()
    ok = client.post("/jyta/pj/", {"code": codes[0].code, "attitude": "satisfied", "result": "unsatisfied",
                                   "comment": "时间表不明确"})  # fmt: skip
    assert ok.status_code == 200 and "感谢您的评价" in ok.content.decode()
    reply.assignment.proposal.refresh_from_db()
    assert reply.assignment.proposal.status == Status.ASSIGNED


def test_codes_page_and_paper_form_in_the_back_office(answered, who, client):  # noqa: F811
    proposal = answered().assignment.proposal
    client.force_login(who.assigner)
    page = client.post(f"/manage/proposals/{proposal.pk}/feedback_codes/")
    assert page.status_code == 200 and "评价码只显示这一次" in page.content.decode()
    lead = proposal.proposers.get(role="lead")
    bad = client.post(
        f"/manage/proposals/{proposal.pk}/feedback_enter/", {"proposer": lead.pk, "on": "2026-05-06"}
    )
    assert bad.status_code == 400
    ok = client.post(f"/manage/proposals/{proposal.pk}/feedback_enter/",
                     {"proposer": lead.pk, "attitude": "satisfied", "result": "basically", "on": "2026-05-06"})  # fmt: skip
    assert ok.status_code == 302 and proposal.evaluations.count() == 1
