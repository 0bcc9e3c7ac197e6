"""Issue 11, defect 9: `aria-describedby` (and every other id reference) points at an element of the page, in
forms shown fresh and sent back with their errors; the header's and the page's search forms are landmarks with
distinct names. The browser crawl checks the pages it opens; these are the states it does not reach."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.catalog import services
from gongkai.testing.html import assert_no_reference_problems, landmarks, reference_problems

pytestmark = pytest.mark.django_db


def test_the_checker_finds_dangling_references_and_unnamed_landmarks():
    page = (
        '<form role="search"><label for="q">q</label><input id="q" aria-describedby="q_helptext q_error"></form>'
        '<form role="search" aria-label="筛选"></form><nav aria-label="菜单"></nav><nav aria-label="菜单"></nav>'
        '<p id="q_helptext"></p><p id="q_helptext"></p>'
    )
    assert reference_problems(page) == [
        'aria-describedby="q_error" on <input> points at no element',
        'id="q_helptext" is used twice',
        "2 search landmarks without distinct names (—, 筛选)",
        "2 navigation landmarks without distinct names (菜单, 菜单)",
    ]


def test_portal_pages_name_their_search_landmarks(client, tree, publish):
    published = publish(tree.eco, title="关于开展大气污染防治检查的通知")
    results = client.get("/search/", {"q": "通知"}).content.decode()
    assert landmarks(results, "search") == ["全站搜索", "检索条件"]  # the header's and the page's
    assert landmarks(client.get("/catalog/").content.decode(), "search") == ["全站搜索", "筛选"]
    assert_no_reference_problems({
        "home": client.get("/"),
        "search": client.get("/search/", {"q": "通知"}),
        "search-long": client.get("/search/", {"q": "税" * 300}),
        "catalog": client.get("/catalog/"),
        "catalog-org": client.get("/catalog/", {"org": tree.eco.credit_code}),
        "normative": client.get(reverse("portal:catalog_normative")),
        "reports": client.get(reverse("portal:report_list")),
        "statistics": client.get(reverse("portal:report_statistics")),
        "item": client.get(reverse("portal:catalog_item", args=[published.slug])),
    })  # fmt: skip


def test_catalog_forms_fresh_and_with_errors(client, tree, people, make_item, publish):
    draft = make_item(tree.eco, actor=people.eco_editor)
    submitted = make_item(tree.eco, actor=people.eco_editor, title="待审核的通知")
    services.item_submit(actor=people.eco_editor, item=submitted)
    published = publish(tree.eco, title="已发布的通知")
    pages = {}
    client.force_login(people.eco_editor)
    new = reverse("backoffice:catalog_item_new")
    pages["new"] = client.get(new)
    pages["new-errors"] = client.post(
        new, {"title": "", "written_on": "2026-02-30", "org": tree.eco.credit_code}
    )
    pages["edit"] = client.get(reverse("backoffice:catalog_item_edit", args=[draft.pk]))
    pages["edit-errors"] = client.post(
        reverse("backoffice:catalog_item_edit", args=[draft.pk]), {"title": ""}
    )
    pages["list"] = client.get(reverse("backoffice:catalog_items"))
    client.force_login(people.eco_reviewer)
    pages["review"] = client.get(reverse("backoffice:catalog_item", args=[submitted.pk]))
    pages["review-errors"] = client.post(reverse("backoffice:catalog_item_review", args=[submitted.pk]), {})
    pages["published"] = client.get(reverse("backoffice:catalog_item", args=[published.pk]))
    pages["correct"] = client.get(reverse("backoffice:catalog_item_correct", args=[published.pk]))
    pages["correct-errors"] = client.post(reverse("backoffice:catalog_item_correct", args=[published.pk]), {})
    pages["withdraw-errors"] = client.post(
        reverse("backoffice:catalog_item_withdraw", args=[published.pk]), {}
    )
    assert_no_reference_problems(pages)


def test_administration_and_report_forms_fresh_and_with_errors(client, tree, people):
    client.force_login(people.city_admin)
    code = tree.eco.credit_code
    assert_no_reference_problems({
        "user-new": client.get(reverse("backoffice:user_create")),
        "user-new-errors": client.post(reverse("backoffice:user_create"), {}),
        "org": client.get(reverse("backoffice:org_edit", args=[code])),
        "org-errors": client.post(reverse("backoffice:org_edit", args=[code]), {}),
        "guide-errors": client.post(reverse("backoffice:guide_edit", args=[code]), {}),
        "audit": client.get(reverse("backoffice:audit_log")),
        "reports": client.get(reverse("backoffice:report_list")),
        "periods": client.get(reverse("backoffice:report_periods")),
        "statistics": client.get(reverse("backoffice:report_statistics")),
    })  # fmt: skip
    client.force_login(people.eco_office)
    assert_no_reference_problems({
        "figures": client.get(reverse("backoffice:report_figures")),
        "figures-errors": client.post(reverse("backoffice:report_figures"), {"licensing_decisions": "abc"}),
    })  # fmt: skip
