import random

from gongkai.search import text
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


def test_the_fast_path_gives_exactly_the_table_mapping():
    # normalize/spaced skip str.translate for text that needs no change; the result must be the tables'.
    plain, spaced_table, _ = text._tables()
    bmp = [chr(cp) for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF]
    everything = "".join(bmp)
    assert normalize(everything) == everything.translate(plain)
    assert spaced(everything) == everything.translate(spaced_table)
    rng = random.Random(4)
    common = "政府信息公开条例第一条，。；：“”（）\n 环境保护ABCabc123１２３①環境"
    for _ in range(500):
        sample = "".join(rng.choice(bmp) if rng.random() < 0.2 else rng.choice(common) for _ in range(40))
        assert normalize(sample) == sample.translate(plain)
        assert spaced(sample) == sample.translate(spaced_table)
    # Astral characters and lone surrogates take the table path, as before.
    assert spaced("税𠀀🎉收") == "税 𠀀 收 "
    assert normalize("税\ud800收") == "税\ud800收".translate(plain)


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
