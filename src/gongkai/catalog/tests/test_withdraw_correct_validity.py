"""After publication: withdrawal (reason required), correction (new version, history kept), validity."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.catalog import selectors, services
from gongkai.catalog.models import ItemVersion, NormativeKind, Status, Validity


def test_withdrawal_needs_a_reason_and_leaves_the_lists(tree, people, publish):
    item = publish(tree.eco)
    with pytest.raises(ValidationError, match="撤回理由"):
        services.item_withdraw(actor=people.eco_reviewer, item=item, reason=" ")
    with pytest.raises(PermissionDenied):
        services.item_withdraw(actor=people.eco_editor, item=item, reason="内容有误需撤回")
    item = services.item_withdraw(actor=people.eco_reviewer, item=item, reason="内容有误需撤回")
    assert item.status == Status.WITHDRAWN and item.withdrawn_at
    assert not selectors.published_items().filter(pk=item.pk).exists()
    assert selectors.get_public_item(slug=item.slug).withdrawal_reason == "内容有误需撤回"


def test_correction_keeps_the_previous_version(tree, people, publish):
    item = publish(tree.eco, title="关于公布2026年第一批项目的通知")
    with pytest.raises(ValidationError, match="更正原因"):
        services.item_correct(actor=people.eco_reviewer, item=item, reason="", title="新")
    with pytest.raises(ValidationError, match="没有任何更改"):
        services.item_correct(actor=people.eco_reviewer, item=item, reason="更正错别字", title=item.title)
    item = services.item_correct(
        actor=people.eco_reviewer, item=item, reason="标题错别字", title="关于公布2026年第一批项目名单的通知"
    )
    assert item.version == 2 and item.title.endswith("名单的通知")
    old = ItemVersion.objects.get(item=item)
    assert old.version == 1 and old.data["title"] == "关于公布2026年第一批项目的通知"
    assert old.reason == "标题错别字"
    assert item.index_no.endswith("-00001")  # the index number never changes


def test_validity_of_normative_documents(tree, people, publish, taxonomy):
    normative = {"is_normative": True, "normative_kind": NormativeKind.NORMATIVE, "genre": taxonomy.normative,
                 "statutory_class": "a20_01"}  # fmt: skip
    old = publish(tree.eco, doc_no="抚环发〔2026〕1号", **normative)
    new = publish(tree.eco, doc_no="抚环发〔2026〕9号", **normative)
    with pytest.raises(ValidationError, match="变更日期"):
        services.item_set_validity(actor=people.eco_reviewer, item=old, validity=Validity.REPEALED)
    with pytest.raises(ValidationError, match="不能是本文件"):
        services.item_set_validity(
            actor=people.eco_reviewer, item=old, validity=Validity.REPEALED, changed_on=date(2026, 3, 3),
            replaced_by=old,
        )  # fmt: skip
    old = services.item_set_validity(
        actor=people.eco_reviewer, item=old, validity=Validity.REPEALED, changed_on=date(2026, 3, 3),
        replaced_by=new,
    )  # fmt: skip
    assert old.validity == Validity.REPEALED and old.replaced_by == new
    assert selectors.replacements_of(new) == [old]
    plain = publish(tree.eco)
    with pytest.raises(ValidationError, match="只有规范性文件"):
        services.item_set_validity(actor=people.eco_reviewer, item=plain, validity=Validity.EXPIRED)
