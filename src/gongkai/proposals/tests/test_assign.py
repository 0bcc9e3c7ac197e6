"""Assignment: lead, co-handlers, split units; merging; return requests within the window; co-handler opinions."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.proposals import rules, selectors, services
from gongkai.proposals.models import AssignmentRole, Policy, ReturnState, Status


@pytest.fixture
def assigned(make, who, tree, freeze):
    freeze(date(2026, 3, 16))
    return services.proposal_assign(actor=who.assigner, proposal=make(), lead=tree.eco, co=[tree.finance])


def test_assigned_on_2026_03_16_is_due_2026_06_16(assigned):
    assert assigned.status == Status.ASSIGNED
    assert (assigned.assigned_on, assigned.due_on) == (date(2026, 3, 16), date(2026, 6, 16))
    co = assigned.assignments.get(role=AssignmentRole.CO)
    assert co.opinion_due_on is not None and co.opinion_due_on > date(2026, 4, 24)


def test_configured_date_when_earlier(make, who, tree, freeze):
    freeze(date(2026, 3, 16))
    Policy.objects.filter(body="npc").update(answer_by=date(2026, 5, 31))
    proposal = services.proposal_assign(actor=who.assigner, proposal=make(), lead=tree.eco)
    assert proposal.due_on == date(2026, 5, 31)
    services.proposal_set_difficult(actor=who.assigner, proposal=proposal, note="涉及多个区县，需统筹")
    proposal.refresh_from_db()
    assert proposal.difficult and proposal.due_on == date(2026, 9, 16)


def test_assignment_checks(make, who, tree, freeze):
    freeze(date(2026, 3, 16))
    proposal = make()
    with pytest.raises(ValidationError, match="至少两个分办单位"):
        services.proposal_assign(actor=who.assigner, proposal=proposal, lead=None, split=[tree.eco])
    with pytest.raises(ValidationError, match="不能重复"):
        services.proposal_assign(actor=who.assigner, proposal=proposal, lead=tree.eco, co=[tree.eco])
    with pytest.raises(PermissionDenied):
        services.proposal_assign(actor=who.eco, proposal=proposal, lead=tree.eco)
    split = services.proposal_assign(
        actor=who.assigner, proposal=proposal, lead=None, split=[tree.eco, tree.finance]
    )
    assert split.assignments.filter(role=AssignmentRole.SPLIT).count() == 2
    with pytest.raises(ValidationError, match="不能变为"):
        services.proposal_assign(actor=who.assigner, proposal=proposal, lead=tree.eco)


def test_return_within_the_window_and_after_it(assigned, who, freeze):
    lead = assigned.assignments.get(role=AssignmentRole.LEAD)
    freeze(date(2026, 3, 23))  # 5 working days after 2026-03-16: the last day
    request = services.return_request(actor=who.eco, assignment=lead, reasons="该事项属区政府职责")
    with pytest.raises(ValidationError, match="不同意退回时请写明理由"):
        services.return_decide(actor=who.assigner, request=request, grant=False)
    services.return_decide(actor=who.assigner, request=request, grant=True)
    assigned.refresh_from_db()
    assert assigned.status == Status.REGISTERED and assigned.due_on is None
    assert not assigned.assignments.filter(active=True).exists()


def test_return_after_the_window_is_refused(assigned, who, freeze):
    co = assigned.assignments.get(role=AssignmentRole.CO)
    freeze(date(2026, 3, 24))
    with pytest.raises(ValidationError, match="已过期限"):
        services.return_request(actor=who.finance, assignment=co, reasons="不属本单位职责")
    with pytest.raises(PermissionDenied):
        services.return_request(actor=who.eco, assignment=co, reasons="代别人申请")


def test_a_refused_return_keeps_the_unit(assigned, who, freeze):
    co = assigned.assignments.get(role=AssignmentRole.CO)
    freeze(date(2026, 3, 18))
    request = services.return_request(actor=who.finance, assignment=co, reasons="不属本单位职责")
    assert rules.ProposalRules(who.assigner, assigned).open_actions()["return_decide"]
    services.return_decide(actor=who.assigner, request=request, grant=False, note="涉及资金保障，请会办")
    request.refresh_from_db()
    co.refresh_from_db()
    assert request.state == ReturnState.REFUSED and co.active


def test_co_handler_opinion_goes_to_the_lead(assigned, who, freeze):
    co = assigned.assignments.get(role=AssignmentRole.CO)
    lead = assigned.assignments.get(role=AssignmentRole.LEAD)
    with pytest.raises(ValidationError, match="只有会办单位"):
        services.opinion_send(actor=who.eco, assignment=lead, text="主办单位不提会办意见。。。。")
    with pytest.raises(ValidationError, match="不能为空"):
        services.opinion_send(actor=who.finance, assignment=co, text="同意")
    freeze(date(2026, 4, 10))
    services.opinion_send(actor=who.finance, assignment=co, text="本局将在年度预算中安排河道治理资金。")
    co.refresh_from_db()
    assert co.opinion_sent_on == date(2026, 4, 10)
    assert not rules.ProposalRules(who.finance, assigned).opinion_open()


def test_merge(make, who):
    first, second = make(), make()
    services.proposal_merge(actor=who.assigner, proposal=second, into=first)
    second.refresh_from_db()
    assert second.status == Status.MERGED and second.merged_into == first
    with pytest.raises(ValidationError):
        services.proposal_merge(actor=who.assigner, proposal=first, into=first)


def test_overdue_and_due_soon_lists(assigned, who, freeze):
    assert list(selectors.due_soon(who.assigner, date(2026, 6, 1), 15)) == [assigned]
    assert list(selectors.overdue(who.assigner, date(2026, 6, 17))) == [assigned]
    assert list(selectors.overdue(who.eco, date(2026, 6, 17))) == [assigned]
    assert list(selectors.overdue(who.outsider, date(2026, 6, 17))) == []


def test_reminders_mail_the_units_without_contacts(assigned, who, freeze, mailoutbox):
    from gongkai.proposals.reminders import reminders_send

    who.eco.email, who.finance.email, who.assigner.email = (
        "eco@example.cn",
        "fin@example.cn",
        "gov@example.cn",
    )
    for user in (who.eco, who.finance, who.assigner):
        user.save()
    report = reminders_send(today=date(2026, 6, 5))
    assert report.counts == {"overdue": 0, "due_soon": 1, "opinion_late": 1}
    assert {m.to[0] for m in mailoutbox} == {"eco@example.cn", "fin@example.cn"}
    mailoutbox.clear()
    report = reminders_send(today=date(2026, 6, 17))
    assert report.counts["overdue"] == 1
    assert "gov@example.cn" in {m.to[0] for m in mailoutbox}
    assert all("13800001111" not in m.body for m in mailoutbox)


def test_units_outside_the_government_and_co_handlers_commitments_are_refused(assigned, make, who, tree):
    with pytest.raises(ValidationError, match="本级政府"):
        services.proposal_assign(actor=who.assigner, proposal=make(), lead=tree.other_dept)
    co = assigned.assignments.get(role=AssignmentRole.CO)
    with pytest.raises(ValidationError, match="会办单位"):
        services.commitment_add(actor=who.finance, assignment=co, text="年内完成", due_on=date(2026, 12, 31))
    assert not co.proposal.commitments.exists()
