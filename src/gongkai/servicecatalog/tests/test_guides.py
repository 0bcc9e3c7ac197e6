"""Service items: time limits, completeness before publishing, review by another person, versions."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.core.models import AuditEvent
from gongkai.servicecatalog import selectors, services
from gongkai.servicecatalog.models import CompletenessElement, GuideVersion, Status
from gongkai.servicecatalog.tests.conftest import guide_data, make_item

pytestmark = pytest.mark.django_db


def test_a_promised_limit_longer_than_the_legal_one_is_refused_naming_both(tree, people):
    with pytest.raises(ValidationError) as caught:
        make_item(people.eco_editor, tree.eco, legal_limit=20, promised_limit=30)
    message = caught.value.message_dict["promised_limit"][0]
    assert "承诺办结时限（30个工作日）" in message and "法定办结时限（20个工作日）" in message
    assert not GuideVersion.objects.exists()


def test_units_that_differ_are_compared_on_the_working_day_calendar(tree, people):
    # From 2026-09-24, 15 working days end on 2026-10-22 (the National Day holiday inside); 20 natural days on
    # 2026-10-14: the promise is longer than the law.
    with pytest.raises(ValidationError) as caught:
        make_item(
            people.eco_editor, tree.eco, legal_limit=20, legal_unit="natural", promised_limit=15,
            promised_unit="workday", effective_on="2026-09-24",
        )  # fmt: skip
    assert "20个自然日" in caught.value.message_dict["promised_limit"][0]
    # In an ordinary month the same promise fits.
    make_item(
        people.eco_editor, tree.eco, legal_limit=30, legal_unit="natural", promised_limit=15,
        promised_unit="workday", effective_on="2026-03-02",
    )  # fmt: skip


def test_an_immediate_item_is_an_immediate_case(tree, people):
    with pytest.raises(ValidationError) as caught:
        make_item(people.eco_editor, tree.eco, promised_unit="immediate", promised_limit=None)
    assert "即办件" in caught.value.message_dict["handling_type"][0]
    version = make_item(
        people.eco_editor,
        tree.eco,
        code="002",
        promised_unit="即办",
        promised_limit=None,
        handling_type="即办件",
    )
    assert version.promised_unit == "immediate"
    with pytest.raises(ValidationError):
        make_item(people.eco_editor, tree.eco, code="003", handling_type="1")  # 即办件 promised in 20 days


def test_a_guide_missing_materials_warns_on_submit_and_publish_and_is_listed(tree, people):
    version = make_item(people.eco_editor, tree.eco, materials=False)
    with pytest.raises(ValidationError) as caught:
        services.guide_submit(actor=people.eco_editor, version=version)
    assert "办理材料" in caught.value.message_dict["confirm_incomplete"][0]
    assert services.guide_submit(actor=people.eco_editor, version=version, confirm_incomplete=True) == [
        "办理材料"
    ]
    with pytest.raises(ValidationError) as caught:
        services.guide_review(actor=people.eco_reviewer, version=version, conclusion="approve", basis="同意")
    assert "办理材料" in caught.value.message_dict["confirm_incomplete"][0]
    services.guide_review(
        actor=people.eco_reviewer,
        version=version,
        conclusion="approve",
        basis="同意",
        confirm_incomplete=True,
    )
    listed = selectors.incomplete_guides([tree.eco, tree.finance])
    assert [(row.version.pk, row.missing) for row in listed] == [(version.pk, ["办理材料"])]
    assert selectors.guide_completeness_by_org([tree.eco]) == {tree.eco.pk: (0, 1)}


def test_the_element_list_is_data(tree, people):
    version = make_item(people.eco_editor, tree.eco, phone="")
    services.guide_submit(actor=people.eco_editor, version=version, confirm_incomplete=True)
    services.guide_review(
        actor=people.eco_reviewer,
        version=version,
        conclusion="approve",
        basis="同意",
        confirm_incomplete=True,
    )
    assert selectors.incomplete_guides([tree.eco])[0].missing == ["联系电话"]
    CompletenessElement.objects.filter(key="phone").update(active=False)
    assert selectors.incomplete_guides([tree.eco]) == []
    assert selectors.guide_completeness_by_org([tree.eco]) == {tree.eco.pk: (1, 0)}


def test_nobody_reviews_their_own_draft_and_a_new_version_leaves_the_current_public(tree, people):
    version = make_item(people.eco_editor, tree.eco)
    services.guide_submit(actor=people.eco_editor, version=version)
    with pytest.raises(PermissionDenied):
        services.guide_review(
            actor=people.finance_editor, version=version, conclusion="approve", basis="同意"
        )
    services.guide_review(actor=people.eco_reviewer, version=version, conclusion="approve", basis="同意")
    draft = services.guide_new_version(actor=people.eco_editor, version=version)
    services.guide_update(actor=people.eco_editor, version=draft, guide=guide_data(promised_limit=15))
    public = selectors.get_public_guide(version.item.handling_code)
    assert (public.pk, public.promised_limit) == (version.pk, 20)
    assert [m.name for m in draft.materials.all()] == ["建设项目环境影响评价审批申请表"]
    services.guide_submit(actor=people.eco_editor, version=draft)
    services.guide_review(actor=people.eco_reviewer, version=draft, conclusion="approve", basis="同意修订")
    version.refresh_from_db()
    assert version.status == Status.SUPERSEDED
    assert selectors.get_public_guide(version.item.handling_code).promised_limit == 15
    assert AuditEvent.objects.filter(action="servicecatalog.guide_review").count() == 2


def test_editors_of_another_organisation_cannot_draft_there(tree, people):
    with pytest.raises(PermissionDenied):
        make_item(people.finance_editor, tree.eco)
