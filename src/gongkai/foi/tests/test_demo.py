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


def test_the_demo_heads_hold_the_head_role_and_an_office_member_cannot_approve(freeze):
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied

    from gongkai.demo import city
    from gongkai.foi import services
    from gongkai.foi.tests.conftest import applicant_data
    from gongkai.orgs.models import Membership, Role

    freeze(date(2026, 3, 2))
    city.load_city()
    city.load_users()
    users = get_user_model().objects
    heads = users.filter(username__endswith="_head")
    assert heads.count() >= 6
    for head in heads:
        assert Membership.objects.filter(user=head, role=Role.HEAD).exists(), head.username
    assert not Membership.objects.filter(role=Role.HEAD).exclude(user__username__endswith="_head").exists()
    eco_office, eco_head = users.get(username="eco_office"), users.get(username="eco_head")
    eco = Membership.objects.get(user=eco_office, role=Role.OFFICE).org
    case = services.application_register(
        actor=eco_office, org=eco, channel="in_person", received_on=date(2026, 3, 2), data=applicant_data()
    ).application
    services.application_answer_save_draft(
        actor=eco_office, application=case, outcome="granted", facts="提供。"
    )
    services.application_answer_submit(actor=eco_office, application=case)
    with pytest.raises(PermissionDenied, match="工作机构负责人"):
        services.application_answer(actor=eco_office, application=case)
    services.application_answer(actor=eco_head, application=case)
    other = services.application_register(
        actor=eco_office, org=eco, channel="in_person", received_on=date(2026, 3, 2),
        data=applicant_data(info_title="2026年部门预算"),
    ).application  # fmt: skip
    services.application_extension_request(
        actor=eco_office, application=other, days=5, reason="需要调取档案。"
    )
    with pytest.raises(PermissionDenied, match="工作机构负责人"):
        services.application_extend(actor=eco_office, application=other, approved_on=date(2026, 3, 2))
    services.application_extend(actor=eco_head, application=other, approved_on=date(2026, 3, 2))
    other.refresh_from_db()
    assert other.extension_approved_by == eco_head
