"""The portal page and the API answer the same search."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_results_page_has_count_highlights_facets_and_pagination(
    index, client, django_assert_max_num_queries
):
    client.get("/search/")  # the site frame (organising government, footer) is read once, then cached
    with django_assert_max_num_queries(12):
        page = client.get("/search/", {"q": "環境保護"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "找到" in html and "<mark>" in html
    assert "发布机构" in html and "主题分类" in html and "年度" in html
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    assert 'href="/catalog/item-1/"' in html


def test_help_when_nothing_is_found_and_when_the_query_is_empty(index, client):
    html = client.get("/search/", {"q": "营商环境棚户区"}).content.decode()
    assert "没有找到结果" in html and "营商环境 棚户区" in html
    assert "如何检索" in client.get("/search/").content.decode()


def test_facet_links_filter(index, client, tree):
    html = client.get("/search/", {"q": "环境", "org": tree.eco.credit_code, "sub": "0"}).content.decode()
    assert "已选条件" in html
    assert "乙县教育局" not in html.split("search-results")[1]


def test_api_gives_the_same_data(index, client):
    data = client.get("/api/v1/search", {"q": "环境保护", "page_size": "1"}).json()
    assert data["count"] == 2 and len(data["items"]) == 1 and data["pages"] == 2
    first = data["items"][0]
    assert first["title"] == "关于加强环境保护工作的通知" and "<mark>环境保护</mark>" in first["title_html"]
    assert {"org", "topic", "year"} <= set(data["facets"])
    assert data["query"]["terms"] == [{"text": "环境保护", "normalized": "环境保护"}]
    by_date = client.get("/api/v1/search", {"q": "环境", "sort": "date"}).json()
    days = [i["published_on"] for i in by_date["items"]]
    assert days == sorted(days, reverse=True)
    assert client.get("/api/v1/search", {"q": "x", "page": "abc", "page_size": "-1"}).status_code == 200
