"""The public catalog through the client: list, facets, item page, withdrawal notice, feeds, sitemap,
attachment downloads, bounded queries."""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalog import services
from gongkai.catalog.models import Attachment, NormativeKind, Validity
from gongkai.core.actors import System


def test_published_item_is_listed_and_shown_with_its_metadata(client, tree, publish):
    item = publish(tree.eco, doc_no="抚环发[2026]7号", title="关于开展大气污染防治检查的通知")
    response = client.get("/catalog/")
    assert response.status_code == 200
    assert item.title in response.content.decode()
    page = client.get(reverse("portal:catalog_item", args=[item.slug])).content.decode()
    for label in ("索引号", "主题分类", "发布机构", "成文日期", "文号", "发布日期", "有效性"):
        assert label in page
    assert item.index_no in page and "综合政务\\政务公开" in page
    assert '<meta name="ArticleTitle" content="关于开展大气污染防治检查的通知">' in page
    assert '<meta name="ContentSource" content="甲市生态环境局">' in page
    assert '<meta name="PubDate"' in page


def test_drafts_are_not_public(client, tree, make_item):
    item = make_item(tree.eco)
    assert item.title not in client.get("/catalog/").content.decode()


def test_withdrawn_item_leaves_the_lists_and_its_url_explains(client, tree, publish):
    item = publish(tree.eco, title="需要撤回的通知")
    services.item_withdraw(actor=System("测试"), item=item, reason="该通知内容有误，已重新发布")
    assert "需要撤回的通知" not in client.get("/catalog/").content.decode()
    assert "需要撤回的通知" not in client.get(reverse("portal:catalog_feed")).content.decode()
    response = client.get(reverse("portal:catalog_item", args=[item.slug]))
    assert response.status_code == 410
    page = response.content.decode()
    assert "该信息已撤回" in page and "该通知内容有误，已重新发布" in page
    assert '<meta name="robots" content="noindex">' in page


def test_unknown_item_is_404(client, db):
    assert client.get("/catalog/000000000-2026-00001/").status_code == 404


def test_facets_filter_and_bad_values_are_ignored_with_a_notice(client, tree, publish, taxonomy):
    publish(tree.eco, title="生态环境信息", topic=taxonomy.other_topic)
    publish(tree.finance, title="财政预算信息", statutory_class="a20_07")
    page = client.get("/catalog/", {"org": tree.eco.credit_code}).content.decode()
    assert "生态环境信息" in page and "财政预算信息" not in page
    page = client.get("/catalog/", {"org": tree.city.credit_code, "sub": "1"}).content.decode()
    assert "生态环境信息" in page and "财政预算信息" in page
    page = client.get(
        "/catalog/", {"topic": "10"}
    ).content.decode()  # a top-level topic includes its children
    assert "生态环境信息" in page and "财政预算信息" not in page
    page = client.get("/catalog/", {"cls": "a20_07"}).content.decode()
    assert "财政预算信息" in page and "生态环境信息" not in page
    response = client.get("/catalog/", {"year": "abc", "after": "%%%"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "筛选条件无效" in page and "分页参数无效" in page


def test_unknown_organisation_is_said_not_everything_shown(client, tree, publish):
    publish(tree.eco, title="生态环境信息")
    response = client.get("/catalog/", {"org": "XYZ"})
    page = response.content.decode()
    assert response.status_code == 404 and "XYZ" in page and "没有找到" in page
    assert "生态环境信息" not in page
    assert client.get("/catalog/", {"org": tree.eco.credit_code}).status_code == 200


def test_catalog_has_numbered_accessible_pages(client, tree, publish):
    titles = [publish(tree.eco, title=f"页码测试{n:02d}").title for n in range(65)]
    first = client.get("/catalog/").content.decode()
    nav = re.search(r'<nav class="pagination" aria-label="分页">(.*?)</nav>', first, re.S).group(1)
    assert re.findall(r">(\d+)</a>", nav) == ["1", "2", "3", "4"]
    assert 'aria-current="page" aria-label="第1页，当前页"' in nav and "第 1 页，共 4 页" in nav
    third = client.get("/catalog/", {"page": 3}).content.decode()
    assert 'aria-current="page" aria-label="第3页，当前页"' in third and 'rel="prev" href="?page=2"' in third
    seen = set()
    for n in (1, 2, 3, 4):
        body = client.get("/catalog/", {"page": n}).content.decode()
        seen |= {t for t in titles if f">{t}<" in body}
    assert seen == set(titles)
    for bad in ("0", "abc", "999"):
        response = client.get("/catalog/", {"page": bad})
        assert response.status_code == 200 and "页" in response.context["notice"]


def test_document_number_in_any_bracket_form_finds_the_item(client, tree, publish):
    publish(tree.eco, title="文号测试通知", doc_no="抚环发〔2026〕8号")
    for query in ("抚环发[2026]8号", "抚环发【2026】8号", "抚环发（2026）8号", "〔2026〕8号"):
        assert "文号测试通知" in client.get("/catalog/", {"q": query}).content.decode(), query


def test_keyset_pagination_walks_the_whole_catalog(client, tree, publish):
    titles = {publish(tree.eco, title=f"分页测试{n:02d}").title for n in range(45)}
    seen: list[str] = []
    url = "/catalog/"
    for _ in range(5):
        response = client.get(url)
        seen += [t for t in titles if f">{t}<" in response.content.decode()]
        nxt = response.context["page"].next_cursor
        if not nxt:
            break
        url = f"/catalog/?after={nxt}"
    assert sorted(seen) == sorted(titles)
    prev = response.context["page"].prev_cursor
    back = client.get(f"/catalog/?before={prev}")
    assert len(back.context["page"].items) == 20


def test_list_page_runs_in_a_bounded_number_of_queries(client, tree, publish, django_assert_max_num_queries):
    for n in range(30):
        publish(tree.eco if n % 2 else tree.finance, title=f"查询数测试{n}")
    with django_assert_max_num_queries(10):
        response = client.get("/catalog/", {"org": tree.city.credit_code, "sub": "1"})
    assert len(response.context["page"].items) == 20
    with django_assert_max_num_queries(10):
        client.get(f"/catalog/?after={response.context['page'].next_cursor}")


def test_normative_library_shows_in_force_or_all(client, tree, publish, taxonomy):
    normative = {"is_normative": True, "normative_kind": NormativeKind.NORMATIVE, "genre": taxonomy.normative,
                 "statutory_class": "a20_01"}  # fmt: skip
    current = publish(tree.eco, title="现行办法", doc_no="抚环发〔2026〕1号", **normative)
    old = publish(tree.eco, title="旧办法", doc_no="抚环发〔2026〕2号", **normative)
    services.item_set_validity(
        actor=System("测试"),
        item=old,
        validity=Validity.REPEALED,
        changed_on=date(2026, 3, 3),
        replaced_by=current,
    )
    in_force = client.get("/catalog/normative/").content.decode()
    assert "现行办法" in in_force and "旧办法" not in in_force
    everything = client.get("/catalog/normative/?validity=all").content.decode()
    assert "现行办法" in everything and "旧办法" in everything and "已废止" in everything
    page = client.get(reverse("portal:catalog_item", args=[old.slug])).content.decode()
    assert "已废止" in page and reverse("portal:catalog_item", args=[current.slug]) in page


def test_atom_feeds_per_organisation_and_topic(client, tree, publish, taxonomy):
    item = publish(tree.eco, title="订阅测试通知", topic=taxonomy.other_topic)
    publish(tree.finance, title="财政局的通知")
    org_feed = client.get(reverse("portal:catalog_feed_org", args=[tree.eco.credit_code]))
    assert org_feed["Content-Type"].startswith("application/atom+xml")
    body = org_feed.content.decode()
    assert "订阅测试通知" in body and "财政局的通知" not in body and item.slug in body
    topic_feed = client.get(reverse("portal:catalog_feed_topic", args=["1003"])).content.decode()
    assert "订阅测试通知" in topic_feed and "财政局的通知" not in topic_feed
    assert client.get(reverse("portal:catalog_feed_topic", args=["9999"])).status_code == 404
    assert client.get(reverse("portal:catalog_feed_org", args=["NOPE"])).status_code == 404


def test_sitemap_lists_published_items_only(client, tree, publish, make_item):
    item = publish(tree.eco)
    draft = make_item(tree.eco)
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and "sitemap-catalog.xml" in index.content.decode()
    body = client.get("/sitemap-catalog.xml").content.decode()
    assert f"/catalog/{item.slug}/" in body and body.count("<url>") == 1
    assert draft.status == "draft"


PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"


def test_attachment_download_keeps_the_chinese_name_and_counts(
    client, tree, people, make_item, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    item = make_item(tree.eco, actor=people.eco_editor)
    attachment = services.attachment_add(
        actor=people.eco_editor, item=item, upload=SimpleUploadedFile("实施方案（2026年）.pdf", PDF)
    )
    url = reverse("portal:catalog_attachment", args=["x", attachment.pk])
    assert client.get(url).status_code == 404
    services.item_submit(actor=people.eco_editor, item=item)
    item = services.item_review(actor=people.eco_reviewer, item=item, conclusion="approve", basis="同意")
    response = client.get(reverse("portal:catalog_attachment", args=[item.slug, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=utf-8''" in disposition
    assert "%E5%AE%9E%E6%96%BD" in disposition  # 实施, percent-encoded
    assert b"".join(response.streaming_content) == PDF
    assert Attachment.objects.get(pk=attachment.pk).download_count == 1
    services.item_withdraw(actor=System("测试"), item=item, reason="撤回测试原因")
    assert (
        client.get(reverse("portal:catalog_attachment", args=[item.slug, attachment.pk])).status_code == 404
    )


@pytest.mark.parametrize(
    "path",
    ["/catalog/?year=99999999", "/catalog/?topic=%00", "/catalog/?before=YWJj", "/catalog/?q=" + "长" * 500],
)
def test_odd_query_strings_never_fail(client, db, path):
    assert client.get(path).status_code == 200
