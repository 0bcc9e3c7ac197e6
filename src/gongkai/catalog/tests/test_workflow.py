"""The central case through the services: draft → submit → review → publish, return, escalate."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.catalog import selectors, services
from gongkai.catalog.models import (
    Channel,
    EscalationTarget,
    Item,
    Publication,
    Review,
    ReviewConclusion,
    Status,
)
from gongkai.core.actors import System
from gongkai.core.models import AuditEvent


def test_editor_drafts_reviewer_approves_item_is_published(tree, people, make_item):
    item = make_item(tree.eco, actor=people.eco_editor)
    assert item.status == Status.DRAFT and item.index_no is None
    assert item.due_on == date(2026, 3, 30)  # 2026-03-02 + 20 working days
    services.item_submit(actor=people.eco_editor, item=item)
    item = services.item_review(
        actor=people.eco_reviewer,
        item=item,
        conclusion=ReviewConclusion.APPROVE,
        basis="经保密审查，同意公开",
    )
    assert item.status == Status.PUBLISHED
    assert item.index_no == f"{tree.eco.index_prefix}/{item.published_at.year}-00001"
    assert item.slug == item.index_no.replace("/", "-")
    assert selectors.published_items().filter(pk=item.pk).exists()
    assert Publication.objects.get(item=item).channel == Channel.WEBSITE
    review = Review.objects.get(item=item)
    assert review.reviewer == people.eco_reviewer and review.basis == "经保密审查，同意公开"
    actions = list(AuditEvent.objects.for_object(item).order_by("id").values_list("action", "actor_label"))
    assert [a for a, _ in actions] == ["item.create", "item.submit", "item.review", "item.publish"]
    assert actions[0][1] == people.eco_editor.get_full_name()


def test_returned_draft_goes_back_with_reasons(tree, people, make_item):
    item = make_item(tree.eco, actor=people.eco_editor)
    services.item_submit(actor=people.eco_editor, item=item)
    item = services.item_review(
        actor=people.eco_reviewer, item=item, conclusion=ReviewConclusion.RETURN, basis="附件缺少盖章页"
    )
    assert item.status == Status.RETURNED
    assert item in selectors.my_drafts(people.eco_editor)
    item = services.item_update(
        actor=people.eco_editor, item=item, title="关于做好2026年政务公开工作的通知（修订）"
    )
    item = services.item_submit(actor=people.eco_editor, item=item)
    assert item.status == Status.SUBMITTED


def test_nobody_reviews_their_own_draft(tree, people, make_item):
    from gongkai.orgs.models import Role
    from gongkai.testing.factories import grant

    grant(people.eco_editor, tree.eco, Role.REVIEWER)
    item = make_item(tree.eco, actor=people.eco_editor)
    services.item_submit(actor=people.eco_editor, item=item)
    with pytest.raises(PermissionDenied, match="本人"):
        services.item_review(actor=people.eco_editor, item=item, conclusion="approve", basis="同意")
    assert item not in selectors.review_queue(people.eco_editor)


def test_only_reviewers_of_the_organisation_review(tree, people, make_item):
    item = make_item(tree.eco, actor=people.eco_editor)
    services.item_submit(actor=people.eco_editor, item=item)
    for outsider in (people.finance_editor, people.eco_office, people.other_editor):
        with pytest.raises(PermissionDenied):
            services.item_review(actor=outsider, item=item, conclusion="approve", basis="同意")
    assert Item.objects.get(pk=item.pk).status == Status.SUBMITTED


def test_escalated_item_waits_then_the_competent_department_decides(tree, people, make_item):
    item = make_item(tree.eco, actor=people.eco_editor)
    services.item_submit(actor=people.eco_editor, item=item)
    with pytest.raises(ValidationError):
        services.item_review(
            actor=people.eco_reviewer, item=item, conclusion="escalate", basis="涉及敏感信息"
        )
    item = services.item_review(
        actor=people.eco_reviewer,
        item=item,
        conclusion="escalate",
        basis="涉及敏感信息，报请保密部门审查",
        escalated_to=EscalationTarget.SECRECY_AUTHORITY,
    )
    assert item.status == Status.ESCALATED
    assert item in selectors.review_queue(people.city_supervisor)
    item = services.item_review(
        actor=people.city_supervisor, item=item, conclusion="approve", basis="保密部门复函同意公开"
    )
    assert item.status == Status.PUBLISHED
    assert [r.conclusion for r in item.reviews.all()] == ["escalate", "approve"]


def test_editors_cannot_publish_or_draft_elsewhere(tree, people, make_item, taxonomy):
    with pytest.raises(PermissionDenied):
        make_item(tree.finance, actor=people.eco_editor)
    item = make_item(tree.eco, actor=people.eco_editor)
    services.item_submit(actor=people.eco_editor, item=item)
    services.item_review(
        actor=people.eco_reviewer, item=item, conclusion="approve", basis="同意", publish=False
    )
    with pytest.raises(PermissionDenied):
        services.item_publish(actor=people.eco_editor, item=item)
    item = services.item_publish(actor=people.eco_office, item=item)
    assert item.status == Status.PUBLISHED


def test_status_moves_only_along_the_table(tree, people, make_item):
    item = make_item(tree.eco, actor=people.eco_editor)
    with pytest.raises(ValidationError, match="不能变为"):
        services.item_publish(actor=System("测试"), item=item)
    with pytest.raises(ValidationError):
        services.item_withdraw(actor=System("测试"), item=item, reason="错误发布的信息")


def test_published_item_cannot_be_edited_only_corrected(tree, publish, people):
    item = publish(tree.eco)
    with pytest.raises(ValidationError, match="更正"):
        services.item_update(actor=people.eco_editor, item=item, title="新标题")
