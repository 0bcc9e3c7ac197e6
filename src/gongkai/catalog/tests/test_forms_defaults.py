"""Forms that do not invite mistakes: no silent statutory category, no pre-ticked attestation, focus areas in
the vocabulary's order and grouped under their top-level term."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from gongkai.catalog.models import FocusArea, Item

pytestmark = pytest.mark.django_db


def _form(taxonomy, **extra):
    return {
        "title": "关于开展2026年生态环境执法检查的通知", "written_on": "2026-03-02",
        "topic": taxonomy.other_topic.code, "genre": taxonomy.genre.code, "disclosure": "proactive",
        "body": "正文。", **extra,
    }  # fmt: skip


def test_statutory_class_starts_empty_and_is_required(client, tree, people, taxonomy):
    client.force_login(people.eco_editor)
    page = client.get(reverse("backoffice:catalog_item_new")).content.decode()
    select = re.search(r'<select name="statutory_class".*?</select>', page, re.S).group(0)
    first = re.search(r"<option[^>]*>", select).group(0)
    assert 'value=""' in first and "selected" in first
    response = client.post(reverse("backoffice:catalog_item_new"), _form(taxonomy, org=tree.eco.credit_code))
    assert response.status_code == 200 and "请选择法定公开类别" in response.content.decode()
    assert not Item.objects.exists()


def test_confidentiality_attestation_is_not_ticked(client, tree, people, make_item):
    from gongkai.catalog import services

    item = make_item(tree.eco, actor=people.eco_editor)
    services.item_submit(actor=people.eco_editor, item=item)
    client.force_login(people.eco_reviewer)
    page = client.get(reverse("backoffice:catalog_item", args=[item.pk])).content.decode()
    box = re.search(r'<input type="checkbox" name="confidentiality_checked"[^>]*>', page).group(0)
    assert not re.search(r"\schecked", box)


def test_focus_areas_grouped_in_vocabulary_order(client, people):
    client.force_login(people.eco_editor)
    page = client.get(reverse("backoffice:catalog_item_new")).content.decode()
    legends = re.findall(r'<fieldset class="checkbox-group"><legend>([^<]+)</legend>', page)
    tops = list(FocusArea.objects.filter(parent=None, is_active=True).order_by("sort_order", "code"))
    assert legends == [t.name for t in tops] and len(tops) >= 5
    for top in tops:
        group = re.search(rf"<legend>{top.name}</legend>(.*?)</fieldset>", page, re.S).group(1)
        labels = re.findall(r">\s*([^<]+?)\s*</label>", group)
        children = [c.name for c in top.children.filter(is_active=True).order_by("sort_order", "code")]
        assert labels == [f"{top.name}（综合）", *children]
