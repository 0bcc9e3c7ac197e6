"""Published years never change: what later events do to each year, across the 2025/2026 year end.

Each test records handling through the services on fixed dates, publishes the 2025 report through the
office → head workflow, and checks that the 2025 figures stay as published, that 2026 counts what happened
in 2026, and that the carry-over check of 2026 passes."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gongkai.core.actors import System
from gongkai.foi import services
from gongkai.foi.models import Outcome, Status
from gongkai.foi.tests.conftest import applicant_data
from gongkai.reports import builder
from gongkai.reports import services as report_services
from gongkai.reports.models import ReportedYear, Scope
from gongkai.reports.tests.conftest import publish


def figures(org, year):
    data = builder.build_annual(org=org, year=year, scope=Scope.ALONE)
    rows = data["table3"]["rows"]
    return {
        "received": rows["received"]["total"],
        "carried_in": rows["carried_in"]["total"],
        "not_held": rows["unavailable.not_held"]["total"],
        "other": rows["other.other"]["total"],
        "closed": rows["outcome_total"]["total"],
        "carried_out": rows["carried_out"]["total"],
        "checks": {c["code"]: c["passed"] for c in data["checks"]},
        "t4": data["table4"],
        "narrative": data,
    }


def publish_2025(org, today=date(2026, 1, 5)):
    report = report_services.annual_report_create(
        actor=System("测试"), org=org, year=2025, scope=Scope.ALONE, today=today
    )
    return publish(report, today=today)


def test_a_transfer_in_january_leaves_the_senders_2025_as_it_was(register_case, office, tree, freeze):
    case = register_case(date(2025, 12, 22))  # open at the year's end
    published = publish_2025(tree.eco)
    assert published.snapshot["table3"]["rows"]["carried_out"]["total"] == 1
    assert ReportedYear.objects.filter(org=tree.eco, year=2025).exists()
    freeze(date(2026, 1, 6))
    forwarded = services.application_transfer(
        actor=office.clerk, application=case, to_org=tree.finance, reason="该信息由财政局制作并保存。"
    )
    # The sender: still carried out of 2025; in 2026 carried in and answered （四）1 (Art. 36(5)), naming the
    # organ responsible in its letter.
    case.refresh_from_db()
    assert (
        case.org == tree.eco and case.status == Status.CLOSED and case.outcome == Outcome.UNAVAILABLE_NOT_HELD
    )
    letter = case.letters.get(kind="answer")
    assert letter.public and letter.issued_on == date(2026, 1, 6)
    eco_2025 = figures(tree.eco, 2025)
    assert (eco_2025["received"], eco_2025["carried_out"]) == (1, 1)
    eco_2026 = figures(tree.eco, 2026)
    assert (eco_2026["carried_in"], eco_2026["not_held"], eco_2026["carried_out"]) == (1, 1, 0)
    assert all(eco_2026["checks"].values()), eco_2026["checks"]  # carry-over = the published 2025
    # The receiver: a case of its own, counted from its own receipt in 2026; nothing in 2025.
    assert forwarded.org == tree.finance and forwarded.transferred_from == tree.eco
    assert forwarded.tracking_no != case.tracking_no and forwarded.query_code_hash == case.query_code_hash
    assert figures(tree.finance, 2025)["received"] == 0
    freeze(date(2026, 1, 7))
    services.application_confirm_receipt(
        actor=office.finance, application=forwarded, received_on=date(2026, 1, 7)
    )
    fin_2026 = figures(tree.finance, 2026)
    assert (fin_2026["received"], fin_2026["carried_in"], fin_2026["carried_out"]) == (1, 0, 1)


def test_an_unconfirmed_december_application_withdrawn_in_january_counts_in_january(tree, office, freeze):
    freeze(date(2025, 12, 30))
    submission = services.application_submit(org=tree.eco, data=applicant_data())
    assert figures(tree.eco, 2025)["received"] == 0
    publish_2025(tree.eco)
    freeze(date(2026, 1, 8))
    services.application_close(
        actor=office.clerk,
        application=submission.application,
        outcome=Outcome.OTHER_OTHER,
        closed_on=date(2026, 1, 8),
        reason="申请人撤回申请。",
    )
    application = submission.application
    application.refresh_from_db()
    assert application.received_on == date(2026, 1, 8)  # not the submission day in the published year
    eco_2025 = figures(tree.eco, 2025)
    assert eco_2025["received"] == 0 and all(eco_2025["checks"].values())
    eco_2026 = figures(tree.eco, 2026)
    assert (eco_2026["received"], eco_2026["other"], eco_2026["carried_out"]) == (1, 1, 0)
    assert all(eco_2026["checks"].values())


def test_no_date_is_written_into_a_published_year(register_case, office, tree, freeze):
    case = register_case(date(2025, 12, 22))
    publish_2025(tree.eco)
    freeze(date(2026, 1, 9))
    with pytest.raises(ValidationError, match="2025年度的政府信息公开工作年度报告已发布"):
        services.application_close(
            actor=office.clerk, application=case, outcome=Outcome.OTHER_OTHER, closed_on=date(2025, 12, 31),
            reason="申请人撤回申请。",
        )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.application_register(
            actor=office.clerk, org=tree.eco, channel="registered_mail", received_on=date(2025, 12, 30), evidence_ref="XA123456789CN",
            data=applicant_data(applicant_name="李四"),
        )  # fmt: skip
    assert "received_on" in exc.value.message_dict
    # Another organisation's 2025 is not published: its dates are accepted.
    services.application_register(
        actor=office.finance, org=tree.finance, channel="registered_mail", received_on=date(2025, 12, 30), evidence_ref="XA123456790CN",
        data=applicant_data(applicant_name="李四"),
    )  # fmt: skip
    services.application_close(
        actor=office.clerk, application=case, outcome=Outcome.OTHER_OTHER, closed_on=date(2026, 1, 9),
        reason="申请人撤回申请。",
    )  # fmt: skip
    eco_2026 = figures(tree.eco, 2026)
    assert (eco_2026["carried_in"], eco_2026["closed"]) == (1, 1) and all(eco_2026["checks"].values())


def test_remedies_count_in_the_year_filed_and_late_records_in_the_next(
    register_case, office, tree, freeze, client
):
    case = register_case(date(2025, 10, 9))
    services.application_answer_save_draft(
        actor=office.clerk, application=case, outcome="granted", facts="提供。"
    )
    services.application_answer_submit(actor=office.clerk, application=case)
    freeze(date(2025, 10, 20))
    services.application_answer(actor=office.head, application=case, answered_on=date(2025, 10, 20))
    freeze(date(2025, 12, 1))
    decided_later = services.remedy_record(
        actor=office.clerk, application=case, kind="reconsideration", filed_on=date(2025, 11, 20)
    )
    published = publish_2025(tree.eco)
    t4 = published.snapshot["table4"]["reconsideration"]
    assert (t4["pending"], t4["total"]) == (1, 1)
    assert "表四按申请行政复议、提起行政诉讼的年度统计" in published.overview
    # Decided in 2026: 2025 stays 尚未审结 (as published and as rebuilt), the case shows the result.
    freeze(date(2026, 3, 2))
    services.remedy_update(
        actor=office.clerk, remedy=decided_later, result="upheld", decided_on=date(2026, 3, 2)
    )
    assert figures(tree.eco, 2025)["t4"]["reconsideration"]["pending"] == 1
    decided_later.refresh_from_db()
    assert decided_later.get_result_display() == "维持" and decided_later.report_year == 2025
    client.force_login(office.clerk)
    page = client.get(reverse("backoffice:foi_case", args=[case.tracking_no])).content.decode()
    assert "维持（2026-03-02）" in page and "2025年度报告按年末状态计为尚未审结" in page
    assert "2025年度表四" in page
    # Filed in December 2025 but notified after the 2025 report was published: counted in 2026, explained.
    late = services.remedy_record(
        actor=office.clerk, application=case, kind="litigation_direct", filed_on=date(2025, 12, 20)
    )
    assert late.report_year == 2026
    assert figures(tree.eco, 2025)["t4"]["litigation_direct"]["total"] == 0
    data_2026 = builder.build_annual(org=tree.eco, year=2026, scope=Scope.ALONE)
    assert data_2026["table4"]["litigation_direct"]["total"] == 1
    assert data_2026["table4_notes"]["filed_earlier"] == 1
    from gongkai.reports import narrative

    assert "在该年度报告发布后方登记，计入本年度" in narrative.overview(data_2026)


def test_a_fee_paid_in_december_but_recorded_after_publication_counts_in_january(
    register_case, office, tree, freeze
):
    case = register_case(date(2025, 12, 15))
    freeze(date(2025, 12, 16))
    fee = services.application_fee_notice(
        actor=office.clerk, application=case, method="per_page", pages=40, notice_on=date(2025, 12, 16)
    )
    published = publish_2025(tree.eco)
    assert published.snapshot["fees_collected"]["count"] == 0
    freeze(date(2026, 1, 6))
    with pytest.raises(ValidationError) as exc:
        services.application_fee_paid(
            actor=office.clerk, application=case, paid_on=date(2025, 12, 30), receipt_no="21010125-0000000007"
        )
    assert "2025年度的政府信息公开工作年度报告已发布" in exc.value.message_dict["paid_on"][0]
    services.application_fee_paid(
        actor=office.clerk, application=case, paid_on=date(2026, 1, 6), receipt_no="21010125-0000000007"
    )
    fee.refresh_from_db()
    assert fee.paid_on == date(2026, 1, 6)
    assert figures(tree.eco, 2025)["narrative"]["fees_collected"]["count"] == 0  # as published
    assert figures(tree.eco, 2026)["narrative"]["fees_collected"] == {
        "amount_yuan": float(fee.amount),
        "count": 1,
        "without_receipt": 0,
    }
