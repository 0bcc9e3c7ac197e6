"""foi.workflow: which actions each role finds open on a case, and who sees the applicant's personal data."""

from datetime import date

from gongkai.foi import selectors, workflow


def _open(case, user) -> list[str]:
    return workflow.open_actions(case, user, fee=selectors.fee_of(case), answer=selectors.answer_of(case))


def test_a_registered_case_is_open_to_its_office_and_closed_to_others(register_case, office, people):
    case = register_case(date(2026, 3, 2))
    names = _open(case, office.clerk)
    assert {"assign", "answer_draft", "extension_request", "fee_notice", "close"} <= set(names)
    assert "extension_approve" not in names and "answer_approve" not in names  # nothing waits for approval
    assert _open(case, office.finance) == []
    assert _open(case, people.city_supervisor) == []


def test_personal_data_is_for_the_handling_office_only(register_case, office, people):
    case = register_case(date(2026, 3, 2))
    assert workflow.can_see_personal_data(office.clerk, case)
    assert not workflow.can_see_personal_data(office.finance, case)
    assert not workflow.can_see_personal_data(people.city_supervisor, case)


def test_the_handlers_of_a_case_are_its_office_members(tree, office):
    assert list(selectors.handlers_for(tree.eco)) == [office.head, office.clerk]  # by username
