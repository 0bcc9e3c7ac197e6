"""Redaction burns in: a planted identity number and name are gone from the output's text (pdftotext and
the project's extractor), from OCR of its page images and from its bytes, raw and decompressed; the
original is checked the same way first, so every check is shown able to find them."""

from __future__ import annotations

import shutil
import subprocess

import pymupdf
import pytest

from gongkai.documents import extract, redact, samples

SECRET_ID = "11010519491231002X"
SECRET_NAME = "欧阳明远"
PHONE = "13912345678"
needs_ocr = pytest.mark.skipif(
    not extract.tesseract_available() or samples.cjk_font() is None,
    reason="needs tesseract and fonts-noto-cjk",
)


def _ocr_of_pages(path) -> str:
    """What Tesseract reads on the pictures of the pages (the images themselves, not the text layer)."""
    doc = pymupdf.open(path)
    text = []
    with doc:
        for page in doc:
            png = path.parent / f"ocr{page.number}.png"
            page.get_pixmap(dpi=200, colorspace="gray").save(png)
            text.append(extract.ocr_image(png, limits=extract.Limits())[0])
    return "".join("".join(text).split())


def _planted(tmp_path):
    pdf = samples.text_pdf(
        [
            f"申请人{SECRET_NAME}，居民身份证号码{SECRET_ID}，电话{PHONE}。\n经审查，现将有关信息公开如下：本市2026年度预算执行情况良好。"
        ],
        fontsize=16,
        metadata={"author": SECRET_NAME, "subject": SECRET_ID, "title": "含个人信息的原件"},
    )
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    doc.embfile_add("原始名单.txt", f"{SECRET_NAME} {SECRET_ID}".encode())
    doc[0].add_text_annot((400, 400), f"批注：{SECRET_NAME}")
    doc.set_xml_metadata(f"<x:xmpmeta xmlns:x='adobe:ns:meta/'>{SECRET_NAME}</x:xmpmeta>")
    path = tmp_path / "original.pdf"
    doc.save(path)
    return path


@needs_ocr
def test_planted_secrets_are_unrecoverable_by_any_means(tmp_path):
    original = _planted(tmp_path)
    secrets = [SECRET_ID, SECRET_NAME]
    # Every means finds them in the original (so none of the checks below passes by being blind).
    found_before = {where for _s, where in redact.leaks(str(original), secrets)}
    assert {"extractor", "bytes"} <= found_before
    if shutil.which("pdftotext"):
        assert "pdftotext" in found_before
    assert SECRET_ID in _ocr_of_pages(original)

    hits = redact.find(str(original), terms=[SECRET_NAME], patterns=["id_number"])
    assert sorted(h.text for h in hits) == sorted(secrets)
    out = tmp_path / "redacted.pdf"
    report = redact.redact(str(original), [b for h in hits for b in h.boxes], str(out))
    assert report.pages == 1 and report.chars > 20

    assert redact.leaks(str(out), secrets) == []  # text (pdftotext, extractor) and bytes (raw, decompressed)
    ocr = _ocr_of_pages(out)
    assert SECRET_ID not in ocr and SECRET_NAME not in ocr and SECRET_ID[:8] not in ocr
    assert "预算执行情况良好" in ocr  # the rest is still there, legible
    texts = redact.texts_of(str(out))
    assert all("预算执行情况良好" in "".join(t.split()) for t in texts.values())  # text layer rebuilt
    assert PHONE in "".join(texts["extractor"].split())  # what was not marked stays
    # A new document: no metadata, XMP, embedded files or annotations of the original.
    doc = pymupdf.open(out)
    with doc:
        assert not any(doc.metadata.get(k) for k in ("author", "subject", "title", "keywords"))
        assert SECRET_NAME not in (doc.get_xml_metadata() or "")
        assert doc.embfile_count() == 0
        assert list(doc[0].annots()) == []
        assert len(doc[0].get_images()) == 1  # the page is one picture: burned in


def test_a_box_drawn_on_top_would_be_caught(tmp_path):
    """The check itself: an output that only covers the text (the known failure) is reported as leaking."""
    original = _planted(tmp_path)
    doc = pymupdf.open(original)
    for h in redact.find(str(original), terms=[SECRET_NAME], patterns=[]):
        for b in h.boxes:
            doc[0].draw_rect(b.rect(), color=(0, 0, 0), fill=(0, 0, 0))
    covered = tmp_path / "covered.pdf"
    doc.save(covered)
    assert {where for s, where in redact.leaks(str(covered), [SECRET_NAME])} >= {"extractor", "bytes"}


def test_regions_marked_by_hand_and_text_under_them(tmp_path):
    original = _planted(tmp_path)
    (hit,) = redact.find(str(original), terms=[], patterns=["mobile"])
    box = hit.boxes[0]
    assert redact.text_under(str(original), [box]) == [PHONE]
    out = tmp_path / "out.pdf"
    redact.redact(str(original), [box], str(out))
    assert redact.leaks(str(out), [PHONE]) == []
    assert SECRET_NAME in "".join(redact.texts_of(str(out))["extractor"].split())


@pytest.mark.parametrize(
    ("text", "pattern", "expected"),
    [
        ("身份证11010519491231002X号", "id_number", "11010519491231002X"),
        ("号码110105194912310021。", "id_number", "110105194912310021"),
        ("手机：139-1234-5678", "mobile", "139-1234-5678"),
        ("电话024-52345678", "landline", "024-52345678"),
        ("邮箱 zhang.san@example.gov.cn 联系", "email", "zhang.san@example.gov.cn"),
    ],
)
def test_patterns(tmp_path, text, pattern, expected):
    path = tmp_path / "p.pdf"
    path.write_bytes(samples.text_pdf([text]))
    assert [h.text for h in redact.find(str(path), terms=[], patterns=[pattern])] == [expected]


def test_not_a_pdf_is_refused(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(redact.RedactionFailed, match="已损坏"):
        redact.find(str(path), terms=["x"], patterns=[])


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils is not installed")
def test_output_renders_with_poppler(tmp_path):
    original = _planted(tmp_path)
    hits = redact.find(str(original), terms=[SECRET_NAME], patterns=["id_number"])
    out = tmp_path / "redacted.pdf"
    redact.redact(str(original), [b for h in hits for b in h.boxes], str(out))
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(out), str(tmp_path / "page")], check=True)  # noqa: S603, S607
    assert (tmp_path / "page-1.png").stat().st_size > 1000
