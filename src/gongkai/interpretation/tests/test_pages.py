"""The back office drafts interpretations; the portal links a document and its interpretations both ways and
lists them in the 政策解读 column."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.catalog.models import Status
from gongkai.interpretation.models import Interpretation, SyncRule
from gongkai.interpretation.tests.conftest import release
from gongkai.testing.factories import staff

pytestmark = pytest.mark.django_db


def test_document_and_interpretation_pages_link_to_each_other(client, freeze, published_document):
    freeze(date(2026, 3, 2))
    doc, interpretation = published_document()
    release(interpretation.item)
    interpretation.item.refresh_from_db()
    doc_page = client.get(reverse("portal:catalog_item", args=[doc.slug])).content.decode()
    interp_url = reverse("portal:catalog_item", args=[interpretation.item.slug])
    assert ">政策解读</h2>" in doc_page and interp_url in doc_page
    interp_page = client.get(interp_url).content.decode()
    assert "解读的文件" in interp_page and reverse("portal:catalog_item", args=[doc.slug]) in interp_page
    assert "背景依据" in interp_page  # the sections are the item's body
    column = client.get(reverse("portal:interpretations")).content.decode()
    assert interp_url in column and doc.title in column
    assert client.get(reverse("portal:interpretations"), {"kind": "nonsense"}).status_code == 200
    assert client.get(reverse("portal:interpretations"), {"org": "NOPE"}).status_code == 404


def test_unpublished_interpretation_is_not_linked(client, freeze, published_document):
    freeze(date(2026, 3, 2))
    doc, _draft = published_document()
    page = client.get(reverse("portal:catalog_item", args=[doc.slug])).content.decode()
    assert ">政策解读</h2>" not in page


def test_editor_drafts_an_interpretation_in_the_back_office(client, tree, document):
    editor = staff(tree.finance, "editor")
    doc = document()
    client.force_login(editor)
    assert client.get(reverse("backoffice:interpretation_new"), {"document": doc.pk}).status_code == 200
    data = {
        "documents": [doc.pk],
        "title": "政策解读：规范财政资金管理",
        "kind": "graphic",
        "background": "背景说明。",
        "links": "https://example.org/tujie.png",
    }
    response = client.post(reverse("backoffice:interpretation_new"), data)
    found = Interpretation.objects.get()
    assert response.status_code == 302 and found.org == tree.finance and found.item.status == Status.DRAFT
    assert client.get(reverse("backoffice:interpretation_detail", args=[found.pk])).status_code == 200
    assert client.get(reverse("backoffice:interpretation_list")).status_code == 200
    edit = reverse("backoffice:interpretation_edit", args=[found.pk])
    assert client.post(edit, {**data, "kind": "expert", "cautions": "注意。"}).status_code == 302
    found.refresh_from_db()
    assert found.kind == "expert" and "注意事项" in found.item.body


def test_bad_input_gives_chinese_errors_and_saves_nothing(client, tree, document):
    client.force_login(staff(tree.finance, "editor"))
    doc = document()
    response = client.post(
        reverse("backoffice:interpretation_new"),
        {"documents": [doc.pk], "title": "解读", "kind": "text", "links": "javascript:alert(1)"},
    )
    assert response.status_code == 200 and "链接须以" in response.content.decode()
    response = client.post(reverse("backoffice:interpretation_new"), {"documents": [doc.pk], "title": "解读"})
    assert response.status_code == 200
    assert not Interpretation.objects.exists()


def test_other_organs_cannot_see_or_draft(client, tree, document):
    doc = document()
    client.force_login(staff(tree.other_dept, "editor"))
    response = client.post(
        reverse("backoffice:interpretation_new"), {"documents": [doc.pk], "title": "解读", "kind": "text"}
    )
    assert response.status_code == 200 and not Interpretation.objects.exists()  # the document is not a choice
    client.force_login(staff(tree.finance, "reviewer"))
    assert client.get(reverse("backoffice:interpretation_new")).status_code == 403


def test_refusal_shows_on_the_item_page(client, tree, document):
    SyncRule.objects.filter(statutory_class="a20_01").update(requires_interpretation=True)
    editor = staff(tree.finance, "editor")
    client.force_login(editor)
    doc = document()
    response = client.post(reverse("backoffice:catalog_item_submit", args=[doc.pk]), follow=True)
    assert "三同步" in response.content.decode()
    doc.refresh_from_db()
    assert doc.status == Status.DRAFT
