"""The public pages' shared cache (gongkai.portal.pagecache): anonymous pages come from the cache, every change
a page shows invalidates it at once, personal pages are never shared, conditional GET answers 304."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.catalog import services
from gongkai.core.actors import System
from gongkai.orgs import services as org_services

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"
GUIDE = {
    "classification": "按主题分类",
    "how_to_obtain": "在线查阅",
    "office_name": "公开办",
    "address": "中央大街1号",
    "office_hours": "工作日",
    "phone": "024-1",
}


def _item_url(item) -> str:
    return reverse("portal:catalog_item", args=[item.slug])


def test_second_anonymous_read_comes_from_the_cache_without_queries(
    client, tree, publish, django_assert_max_num_queries
):
    item = publish(tree.eco, title="缓存测试通知")
    first = client.get(_item_url(item))
    assert first["X-Page-Cache"] == "miss" and "public" in first["Cache-Control"]
    with django_assert_max_num_queries(0):
        second = client.get(_item_url(item))
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert second["ETag"] == first["ETag"] and "Cookie" in second["Vary"]


@pytest.mark.parametrize("url_name", ["portal:catalog", "portal:catalog_feed", "portal:search"])
def test_publishing_shows_at_once_on_cached_lists_feeds_and_search(client, tree, publish, url_name):
    publish(tree.eco, title="第一份通知")
    url = reverse(url_name) + ("?q=通知" if url_name == "portal:search" else "")
    assert "第二份公告" not in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    publish(tree.finance, title="第二份公告通知")
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "第二份公告" in response.content.decode()


def test_correction_and_withdrawal_show_at_once_on_the_item_page(client, tree, people, publish):
    item = publish(tree.eco, title="原标题的通知")
    assert "原标题的通知" in client.get(_item_url(item)).content.decode()
    item = services.item_correct(
        actor=System("测试"), item=item, reason="标题有误，予以更正", title="更正后的通知"
    )
    page = client.get(_item_url(item))
    assert "更正后的通知" in page.content.decode() and page["X-Page-Cache"] == "miss"
    services.item_withdraw(actor=System("测试"), item=item, reason="该通知内容有误，已重新发布")
    gone = client.get(_item_url(item))
    assert gone.status_code == 410 and "已重新发布" in gone.content.decode()


def test_a_new_guide_version_shows_at_once(client, tree, people):
    url = reverse("portal:guide", args=[tree.eco.credit_code])
    org_services.guide_publish(actor=people.eco_office, org=tree.eco, **GUIDE)
    assert "024-1" in client.get(url).content.decode()
    org_services.guide_publish(actor=people.eco_office, org=tree.eco, **{**GUIDE, "phone": "024-7654321"})
    assert "024-7654321" in client.get(url).content.decode()


def test_changes_elsewhere_keep_other_scopes_cached(client, tree, people, publish):
    org_services.guide_publish(actor=people.eco_office, org=tree.eco, **GUIDE)
    url = reverse("portal:guide", args=[tree.eco.credit_code])
    client.get(url)
    publish(tree.eco, title="与指南无关的通知")
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_staff_never_see_nor_feed_the_shared_page(client, tree, people, publish):
    item = publish(tree.eco, title="员工与公众")
    anonymous = client.get(_item_url(item))
    assert anonymous["X-Page-Cache"] == "miss"
    staff = Client()
    staff.force_login(people.eco_reviewer)
    own = staff.get(_item_url(item))
    assert own.status_code == 200 and not own.has_header("X-Page-Cache")
    assert "private" in own["Cache-Control"] and "Cookie" in own["Vary"]
    # The staff member's page (with whatever it shows them) is built for them and never stored for others.
    staff.get(reverse("portal:catalog"))
    assert client.get(reverse("portal:catalog"))["X-Page-Cache"] == "miss"


def test_applicant_pages_and_pages_with_a_session_are_never_cached(client, tree, publish):
    item = publish(tree.eco, title="有会话的读者")
    client.cookies["sessionid"] = "whatever"
    for _ in range(2):
        response = client.get(_item_url(item))
        assert not response.has_header("X-Page-Cache") and "private" in response["Cache-Control"]
    fresh = Client()
    for _ in range(2):
        assert not fresh.get(reverse("portal:foi_track")).has_header("X-Page-Cache")


@pytest.mark.parametrize("url_name", ["portal:catalog_item", "portal:catalog_feed"])
def test_matching_if_none_match_gets_304(client, tree, publish, url_name):
    item = publish(tree.eco, title="条件请求")
    url = _item_url(item) if url_name == "portal:catalog_item" else reverse(url_name)
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-none-match": '"other"'}).status_code == 200
    services.item_correct(
        actor=System("测试"), item=item, reason="标题有误，予以更正", title="条件请求（更正）"
    )
    assert client.get(url, headers={"if-none-match": etag}).status_code == 200


def test_attachment_answers_304_and_does_not_count_it(client, tree, people, make_item, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = make_item(tree.eco, actor=people.eco_editor)
    attachment = services.attachment_add(
        actor=people.eco_editor, item=item, upload=SimpleUploadedFile("方案.pdf", PDF)
    )
    services.item_submit(actor=people.eco_editor, item=item)
    item = services.item_review(actor=people.eco_reviewer, item=item, conclusion="approve", basis="同意")
    url = reverse("portal:catalog_attachment", args=[item.slug, attachment.pk])
    first = client.get(url)
    assert first.status_code == 200 and b"".join(first.streaming_content) == PDF
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert client.get(url, headers={"if-modified-since": first["Last-Modified"]}).status_code == 304
    attachment.refresh_from_db()
    assert attachment.download_count == 1


def test_an_uncached_item_page_runs_in_few_queries(
    client, tree, people, publish, django_assert_max_num_queries
):
    item = publish(tree.eco, title="查询数")
    item = services.item_correct(
        actor=System("测试"), item=item, reason="数据有误，予以更正", title="查询数（更正）"
    )
    client.get(
        reverse("portal:contact")
    )  # the frame's site identity is built once, then cached (portal.site)
    # 7: the page also asks for the public consultation on its draft (portal.related, interaction)
    with django_assert_max_num_queries(7):
        assert client.get(_item_url(item)).status_code == 200


def test_back_office_pages_are_never_stored(client, people):
    client.force_login(people.eco_editor)
    response = client.get(reverse("backoffice:dashboard"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
