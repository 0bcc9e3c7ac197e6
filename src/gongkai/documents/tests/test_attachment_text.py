"""Attachments of the catalog: their text is read in the background after upload, stored with how it was
read, shown in the back office (with the reason when it cannot be read), and searched with the item."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalog import services as catalog
from gongkai.core.actors import System
from gongkai.documents import extract, samples
from gongkai.documents.models import Extraction, ExtractionStatus
from gongkai.search import selectors as search

needs_scan = pytest.mark.skipif(
    samples.cjk_font() is None or not extract.tesseract_available(),
    reason="needs fonts-noto-cjk and tesseract",
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _attach(item, user, name: str, data: bytes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return catalog.attachment_add(actor=user, item=item, upload=SimpleUploadedFile(name, data))


def _published(publish_item, item):
    item = catalog.item_submit(actor=System("测试"), item=item)
    from gongkai.catalog.models import ReviewConclusion

    return catalog.item_review(
        actor=System("测试"), item=item, conclusion=ReviewConclusion.APPROVE, basis="同意"
    )


def test_upload_reads_text_in_background_with_method_and_progress(
    tree, people, make_item, media, django_capture_on_commit_callbacks
):
    item = make_item(tree.eco, actor=people.eco_editor)
    pdf = samples.text_pdf(["附件第一页：环境空气质量监测点位", "第二页：臭氧浓度"])
    attachment = _attach(item, people.eco_editor, "监测方案.pdf", pdf, django_capture_on_commit_callbacks)
    extraction = Extraction.objects.get(source_type="catalog.attachment", source_id=attachment.pk)
    assert extraction.status == ExtractionStatus.DONE
    assert extraction.method == "pdf_text"
    assert extraction.confidence == 1.0
    assert (extraction.pages_done, extraction.pages_total) == (2, 2)
    assert extraction.pages()[1] == "第二页：臭氧浓度"
    assert extraction.seconds is not None and extraction.attempts == 1


def test_same_bytes_are_not_read_twice(tree, people, make_item, media, django_capture_on_commit_callbacks):
    data = samples.docx(["同一份文件"])
    first = _attach(
        make_item(tree.eco, actor=people.eco_editor),
        people.eco_editor,
        "a.docx",
        data,
        django_capture_on_commit_callbacks,
    )
    second = _attach(
        make_item(tree.eco, actor=people.eco_editor),
        people.eco_editor,
        "b.docx",
        data,
        django_capture_on_commit_callbacks,
    )
    a = Extraction.objects.get(source_id=first.pk)
    b = Extraction.objects.get(source_id=second.pk)
    assert a.text == b.text == "同一份文件"
    assert b.attempts == 0  # copied, not read


def test_unreadable_attachment_says_why_and_publication_goes_on(
    tree, people, make_item, publish, media, client, django_capture_on_commit_callbacks
):
    item = make_item(tree.eco, actor=people.eco_editor)
    broken = b"%PDF-1.4\n" + b"\x00garbage" * 50
    attachment = _attach(item, people.eco_editor, "扫描件.pdf", broken, django_capture_on_commit_callbacks)
    extraction = Extraction.objects.get(source_id=attachment.pk)
    assert extraction.status == ExtractionStatus.FAILED
    assert "PDF 文件已损坏" in extraction.error
    item = _published(publish, item)
    assert item.status == "published"
    client.force_login(people.eco_editor)
    page = client.get(reverse("backoffice:catalog_item", args=[item.pk])).content.decode()
    assert "无法读取" in page and "PDF 文件已损坏" in page
    status = client.get(reverse("backoffice:documents_extractions") + "?status=failed").content.decode()
    assert "扫描件.pdf" in status and "PDF 文件已损坏" in status


def test_extraction_list_is_limited_to_reach(
    tree, people, make_item, media, client, django_capture_on_commit_callbacks
):
    item = make_item(tree.eco, actor=people.eco_editor)
    _attach(item, people.eco_editor, "生态.docx", samples.docx(["生态"]), django_capture_on_commit_callbacks)
    client.force_login(people.finance_editor)
    assert "生态.docx" not in client.get(reverse("backoffice:documents_extractions")).content.decode()
    client.force_login(people.eco_editor)
    assert "生态.docx" in client.get(reverse("backoffice:documents_extractions")).content.decode()


def test_read_again_needs_an_editor(
    tree, people, make_item, media, client, django_capture_on_commit_callbacks
):
    item = make_item(tree.eco, actor=people.eco_editor)
    attachment = _attach(
        item, people.eco_editor, "a.pdf", b"%PDF-1.4 broken", django_capture_on_commit_callbacks
    )
    url = reverse("backoffice:catalog_attachment_extract", args=[item.pk, attachment.pk])
    client.force_login(people.finance_editor)
    assert client.post(url).status_code == 404
    client.force_login(people.eco_editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert Extraction.objects.get(source_id=attachment.pk).attempts == 2


def test_attachment_text_is_searchable_and_results_name_the_file(
    tree, people, make_item, publish, media, django_capture_on_commit_callbacks
):
    item = make_item(tree.eco, actor=people.eco_editor, title="关于公布监测结果的通知")
    _attach(
        item,
        people.eco_editor,
        "监测结果表.docx",
        samples.docx(["二氧化硫年均浓度达到二级标准"]),
        django_capture_on_commit_callbacks,
    )
    _published(publish, item)
    result = search.search(q="二氧化硫")
    assert result.total == 1
    hit = result.items[0]
    assert hit.attachment_name == "监测结果表.docx"
    assert hit.attachment_url.endswith(f"/attachments/{item.attachments.get().pk}/")
    assert "<mark>二氧化硫</mark>" in hit.snippet_html
    # A match in the item's own text is not attributed to the attachment.
    own = search.search(q="监测结果")
    assert own.items[0].attachment_name == ""


def test_text_read_after_publication_joins_the_index(
    tree, people, make_item, publish, media, django_capture_on_commit_callbacks
):
    item = make_item(tree.eco, actor=people.eco_editor)
    catalog.attachment_add(
        actor=people.eco_editor,
        item=item,
        upload=SimpleUploadedFile("a.docx", samples.docx(["迟到的附件文字"])),
    )  # the background task has not run yet
    item = _published(publish, item)
    assert search.search(q="迟到的附件").total == 0
    extraction = Extraction.objects.get(source_type="catalog.attachment")
    from gongkai.documents.services import extraction_run

    with django_capture_on_commit_callbacks(execute=True):
        extraction_run(extraction_id=extraction.pk)
    assert search.search(q="迟到的附件").total == 1


def test_portal_result_says_the_match_is_in_an_attachment(
    tree, people, make_item, publish, media, client, django_capture_on_commit_callbacks
):
    item = make_item(tree.eco, actor=people.eco_editor, title="通知")
    _attach(
        item,
        people.eco_editor,
        "名单.docx",
        samples.docx(["获奖单位名单：抚顺石化"]),
        django_capture_on_commit_callbacks,
    )
    _published(publish, item)
    page = client.get("/search/?q=抚顺石化").content.decode()
    assert "匹配内容在附件中" in page and "名单.docx" in page
    api = client.get("/api/v1/search?q=抚顺石化").json()
    assert api["items"][0]["attachment"] == "名单.docx"


@needs_scan
def test_scanned_attachment_found_by_two_characters(
    tree, people, make_item, publish, media, django_capture_on_commit_callbacks
):
    item = make_item(tree.eco, actor=people.eco_editor, title="扫描件")
    scan = samples.scanned_pdf(["抚顺市人民政府关于煤矿安全生产检查的通报"])
    _attach(item, people.eco_editor, "通报扫描件.pdf", scan, django_capture_on_commit_callbacks)
    extraction = Extraction.objects.get(source_type="catalog.attachment")
    assert extraction.method == "ocr" and extraction.ocr_pages == 1 and extraction.confidence > 0.5
    _published(publish, item)
    result = search.search(q="煤矿")
    assert result.total == 1 and result.items[0].attachment_name == "通报扫描件.pdf"


def test_reindex_keeps_attachment_text_and_withdrawal_removes_it(
    tree, people, make_item, publish, media, django_capture_on_commit_callbacks
):
    from gongkai.search import services as search_services

    item = make_item(tree.eco, actor=people.eco_editor, title="通知")
    _attach(
        item,
        people.eco_editor,
        "a.docx",
        samples.docx(["冷湖天文观测基地"]),
        django_capture_on_commit_callbacks,
    )
    item = _published(publish, item)
    assert search_services.reindex() == 1
    assert search.search(q="冷湖天文").items[0].attachment_name == "a.docx"
    catalog.item_withdraw(actor=System("测试"), item=item, reason="已被新文件取代")
    assert search.search(q="冷湖天文").total == 0
