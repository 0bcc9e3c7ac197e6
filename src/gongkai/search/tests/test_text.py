from gongkai.search.query import parse
from gongkai.search.text import normalize, segment, spaced


def test_traditional_and_full_width_forms_are_normalised():
    assert normalize("環境保護") == "环境保护"
    assert normalize("ＡＢＣ１２３") == "abc123"
    assert normalize("《政府信息公开条例》，第①条！🎉\x00") == "政府信息公开条例第1条"


def test_a_substring_stays_a_substring_after_normalisation():
    text = "乾隆年間的環境保護部門"
    for i in range(len(text)):
        for j in range(i + 1, len(text) + 1):
            assert normalize(text[i:j]) in normalize(text)


def test_one_index_token_per_character():
    assert spaced("环境ＡＢ") == "环 境 a b "


def test_project_dictionary_keeps_government_terms_whole():
    words = segment("关于推进放管服改革优化营商环境和棚户区改造及最低生活保障的政府信息公开")
    for term in ("放管服", "营商环境", "棚户区改造", "最低生活保障", "政府信息公开"):
        assert any(term in w for w in words), (term, words)


def test_query_parsing():
    q = parse('"环境 保护" -大气 税 環境')
    assert [t.norm for t in q.terms] == ["环境保护", "税"]
    assert [t.norm for t in q.excluded] == ["大气"]
    assert parse("").is_empty and parse("()\"'-*:^").is_empty
    assert parse("税" * 10_000).truncated
