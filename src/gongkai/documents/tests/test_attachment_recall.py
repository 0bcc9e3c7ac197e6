"""Recall of search over attachment text against a substring oracle, on the database in use (SQLite FTS5
or PostgreSQL): generated text PDFs and DOCX must be found for every query (1.00), scanned pages rendered
from text for nearly every one; a scanned page is found by a two-character query from its text."""

from __future__ import annotations

import pytest

from gongkai.documents import extract, recall, samples
from gongkai.search.selectors import search

needs_scan = pytest.mark.skipif(
    samples.cjk_font() is None or not extract.tesseract_available(),
    reason="needs fonts-noto-cjk and tesseract-ocr-chi-sim",
)


@needs_scan
@pytest.mark.parametrize("source", ["shared", "builtin"])
def test_attachment_recall_against_substring_oracle(tree, source):
    if source == "shared" and not samples.SHARED_CORPUS.exists():
        pytest.skip("../shared/data/documents.jsonl.gz is absent: the built-in texts are used instead")
    corpus = recall.build_corpus(files=10, scanned=1, shared=source == "shared")
    texts = recall.read(corpus)
    recall.index_documents(corpus, texts, org=tree.eco)
    qs = recall.queries(corpus, per_file=4)
    measured = recall.measure(corpus, qs)
    assert measured.pairs_text >= 40 and measured.pairs_scanned >= 4
    assert measured.text == 1.0, measured.missed
    assert measured.scanned >= 0.75, measured.missed


@needs_scan
def test_scanned_page_found_by_two_characters(tree):
    text = "关于开展农村宅基地专项清理整治工作的通知"
    corpus = [recall.CorpusFile("扫描件.pdf", "pdf", True, text, samples.scanned_pdf([text]))]
    texts = recall.read(corpus)
    assert texts[0] and "宅基地" in texts[0]
    recall.index_documents(corpus, texts, org=tree.eco)
    result = search(q="清理")
    assert [i.attachment_name for i in result.items] == ["扫描件.pdf"]
    assert "<mark>清理</mark>" in result.items[0].snippet_html
    assert search(q="清洁").total == 0
