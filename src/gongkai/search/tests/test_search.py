"""The search call on the database in use (run on SQLite and on PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.search import selectors
from gongkai.search.backends import Filters, get_backend
from gongkai.search.tests.conftest import CORPUS

pytestmark = pytest.mark.django_db


def titles(result):
    return [i.title for i in result.items]


def expected(*terms):
    return {t for t, b, _d, _tp in CORPUS if all(x in t or x in b for x in terms)}


@pytest.mark.parametrize("q", ["税", "环境保护", "环境", "低保", "保", "公开", "改造", "补偿", "1", "ABC"])
def test_every_document_containing_the_term_is_found(index, q):
    result = selectors.search(q=q)
    assert expected(q) | ({"政府信息公开工作年度报告"} if q == "ABC" else set()) <= set(titles(result))
    assert result.total == len(result.items)


def test_spaces_and_punctuation_inside_a_term_are_ignored(index):
    # "1,234" in a body is found by 1234, as the index skips spaces and punctuation
    assert titles(selectors.search(q="1234")) == ["政府信息公开工作年度报告"]


def test_every_substring_of_every_title_and_body_finds_its_document(index):
    for title, body, _d, _t in CORPUS:
        for text in (title, body):
            for i in range(0, len(text), 3):
                for length in (1, 2, 5):
                    piece = text[i : i + length]
                    if not selectors.parse(piece).is_empty and '"' not in piece and " " not in piece:
                        found = selectors.search(q=piece, page_size=100)
                        assert title in titles(found), piece


def test_environment_protection_finds_environment_protection_department(index):
    assert "关于加强环境保护工作的通知" in titles(selectors.search(q="环境保护"))
    assert "关于加强环境保护工作的通知" in titles(selectors.search(q="環境保護部門"))


def test_every_term_must_match_and_minus_excludes(index):
    assert set(titles(selectors.search(q="环境 罚款"))) == {"生态环境局行政处罚决定书"}
    assert "生态环境局行政处罚决定书" not in titles(selectors.search(q="环境 -大气"))
    assert set(titles(selectors.search(q='"保护和改善"'))) == {"关于加强环境保护工作的通知"}


def test_title_hits_first_then_phrase_then_newest(index):
    result = selectors.search(q="环境保护")
    assert titles(result)[0] == "关于加强环境保护工作的通知"  # in the title
    by_date = selectors.search(q="环境", sort="date")
    days = [i.day for i in by_date.items]
    assert days == sorted(days, reverse=True)
    # "环境 保护": the item holding them together outranks the one holding them apart
    ranked = titles(selectors.search(q="环境 保护"))
    assert ranked.index("<script>alert(1)</script>测试标题") < ranked.index("关于印发营商环境优化方案的通知")


def test_filters(index, tree):
    everything = selectors.search(q="环境")
    city = selectors.search(q="环境", filters=Filters(org_path=tree.city.path))
    assert 0 < city.total <= everything.total
    assert all(i.org_code != tree.other_dept.credit_code for i in city.items)
    dated = selectors.search(
        q="环境", filters=Filters(date_from=date(2023, 1, 1), date_to=date(2023, 12, 31))
    )
    assert titles(dated) == ["生态环境局行政处罚决定书"]
    assert selectors.search(q="办法", filters=Filters(topic_code="02")).total == 1
    assert selectors.search(q="办法", filters=Filters(topic_code="10")).total == 0
    normative = selectors.search(q="环境", filters=Filters(normative_only=True))
    assert all(i.is_normative for i in normative.items)
    valid = selectors.search(q="公", filters=Filters(validity="repealed"))
    assert valid.total and all(i.validity == "repealed" for i in valid.items)
    assert selectors.search(q="环境", filters=Filters(statutory_class="a20_01")).total == 2


def test_snippets_are_escaped_and_highlighted(index):
    item = next(i for i in selectors.search(q="测试").items)
    assert "<script>" not in item.title_html and "&lt;script&gt;" in item.title_html
    assert "<mark>测试</mark>" in item.title_html
    body = next(i for i in selectors.search(q="标签").items)
    assert "<b>" not in body.snippet_html and "<mark>标签</mark>" in body.snippet_html


def test_facets_count_organisation_topic_and_year(index):
    result = selectors.search(q="环境")
    assert sum(v.count for v in result.facets["year"]) == result.total
    assert sum(v.count for v in result.facets["org"]) == result.total
    assert {v.value for v in result.facets["topic"]} <= {"1003", "0203"}


def test_pagination(index):
    first = selectors.search(q="的", page_size=2)
    second = selectors.search(q="的", page=2, page_size=2)
    assert first.total == second.total and first.num_pages >= 2
    assert not set(titles(first)) & set(titles(second))


def test_nothing_found_offers_help(index):
    result = selectors.search(q="营商环境棚户区")
    assert result.total == 0
    assert "营商环境 棚户区" in result.suggestions


def test_removed_document_leaves_the_results_at_once(index):
    assert selectors.search(q="车船税").total == 1
    assert get_backend().delete(4)
    assert selectors.search(q="车船税").total == 0
    assert not get_backend().delete(4)


def test_replacing_a_document_keeps_one_copy(index):
    doc = index[3]
    doc.title = "关于调整车船税征收标准的公告（修订）"
    get_backend().upsert(doc)
    assert titles(selectors.search(q="车船税")) == ["关于调整车船税征收标准的公告（修订）"]


def test_long_repetitive_query_never_suggests_a_long_or_repeated_split(index):
    from gongkai.search import selectors as search_selectors

    result = selectors.search(q="税" * 300)
    assert result.total == 0
    assert result.suggestions == []  # not "税税 税税 税税…"
    result = selectors.search(q="营商环境棚户区" * 40)
    assert all(len(s) <= search_selectors.SUGGESTION_MAX_CHARS for s in result.suggestions)
    assert all(len(set(s.split())) == len(s.split()) for s in result.suggestions)
