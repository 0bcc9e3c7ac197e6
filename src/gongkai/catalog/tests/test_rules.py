"""catalog.rules: the actions each role finds open on an item, and the services refusing what the rules refuse."""

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.catalog import services
from gongkai.catalog.rules import ItemRules


def _open(user, item) -> set[str]:
    return {name for name, is_open in ItemRules(user, item).open_actions().items() if is_open}


def test_a_draft_is_open_to_its_editor_and_closed_to_another_organisation(tree, people, make_item):
    item = make_item(tree.eco, actor=people.eco_editor)
    assert _open(people.eco_editor, item) == {"edit", "submit"}
    assert _open(people.finance_editor, item) == set()
    assert _open(people.eco_reviewer, item) == set()


def test_a_submitted_item_is_open_to_review_but_not_by_its_drafter(tree, people, make_item):
    item = make_item(tree.eco, actor=people.eco_office)
    item = services.item_submit(actor=people.eco_office, item=item)
    assert _open(people.eco_reviewer, item) == {"review"}
    assert _open(people.eco_office, item) == set()  # the office drafted it, so it may not review it
    assert not ItemRules(people.eco_editor, item).can_review()


def test_a_published_item_is_withdrawn_by_the_admin_and_corrected_by_the_reviewer(tree, people, publish):
    item = publish(tree.eco)
    assert _open(people.eco_reviewer, item) == {"withdraw", "correct"}
    assert _open(people.city_admin, item) == {"withdraw"}
    assert _open(people.eco_editor, item) == set()


def test_the_service_refuses_what_the_rules_refuse(tree, people, publish):
    item = publish(tree.eco)
    assert not ItemRules(people.eco_editor, item).may_withdraw()
    with pytest.raises(PermissionDenied):
        services.item_withdraw(actor=people.eco_editor, item=item, reason="内容已过时，予以撤回")
