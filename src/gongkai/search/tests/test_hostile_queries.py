"""Whatever a person types, the search answers normally: no server error, no syntax error shown."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.search import selectors

pytestmark = pytest.mark.django_db

NASTY = [
    "", " ", '"', '""', "'", "(", ")", "((环境", '"unbalanced', "a AND", "OR", "NOT 税", "NEAR(a b)", "环境*",
    "^税", "title:税", "col : x", "{a b}:c", "-", "--", "- -", "-税", "税 -税", "a & b | !c", "a <-> b",
    "'; DROP TABLE search_document; --", "1' OR '1'='1", "%", "_", "\\", "\x00", "\x1b[31m", "🎉🎉", "税🎉",
    "\u202e反转", "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"), "税" * 10_000,
    "环境 " * 3000, "\n\t\r", "＂全角引号＂", "“中文引号", "「直角」", "NULL", "<script>alert(1)</script>",
]  # fmt: skip


@pytest.mark.parametrize("q", NASTY)
def test_known_nasty_inputs(index, client, q):
    result = selectors.search(q=q)
    assert result.total >= 0
    page = client.get("/search/", {"q": q})
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.content.decode()
    api = client.get("/api/v1/search", {"q": q})
    assert api.status_code == 200, api.content
    assert api.json()["count"] >= 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_any_text(index, q):
    result = selectors.search(q=q)
    assert result.total >= 0


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    q=st.lists(
        st.sampled_from(['"', "(", ")", "-", "*", ":", "^", "&", "|", "!", "<->", "AND", "OR", "NOT", "NEAR",
                         "税", "环境", "保护", " ", "'", "\\", "%", "_", "{", "}", "ＡＢＣ", "環境"]),
        max_size=25,
    ).map("".join),
    sort=st.sampled_from(["relevance", "date", "x"]),
    page=st.integers(min_value=-5, max_value=10_000),
)  # fmt: skip
def test_syntax_characters_of_both_engines(index, q, sort, page):
    result = selectors.search(q=q, sort=sort, page=page)
    assert result.total >= 0 and result.page >= 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(
    st.sampled_from(["q", "sort", "page", "org", "sub", "topic", "class", "genre", "from", "to", "year",
                     "validity", "normative", "page_size"]),
    st.text(max_size=30),
))  # fmt: skip
def test_any_parameters_on_the_page_and_the_api(index, client, params):
    params = {k: v.replace("\x00", "") for k, v in params.items()}
    assert client.get("/search/", params).status_code == 200
    assert client.get("/api/v1/search", params).status_code == 200
