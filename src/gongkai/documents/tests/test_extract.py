"""Reading text from files: every format, the bounds, and a clear reason for what cannot be read."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from gongkai.documents import extract, runner, samples
from gongkai.documents.extract import Limits, Unreadable, extract_bytes

needs_font = pytest.mark.skipif(samples.cjk_font() is None, reason="fonts-noto-cjk is not installed")
needs_ocr = pytest.mark.skipif(not extract.tesseract_available(), reason="tesseract-ocr is not installed")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def test_pdf_text_layer_page_by_page():
    result = extract_bytes(samples.text_pdf(["第一页：政府信息公开指南", "第二页：依申请公开"]), "pdf")
    assert result.method == "pdf_text"
    assert [p.number for p in result.pages] == [1, 2]
    assert "政府信息公开指南" in result.pages[0].text and "依申请公开" in result.pages[1].text
    assert result.text.count("\f") == 1
    assert result.confidence == 1.0


def test_docx_paragraphs_and_tables_in_order():
    data = samples.docx(
        ["关于印发方案的通知", "正文第二段"], table=[["项目", "金额"], ["棚户区改造", "1200"]]
    )
    text = extract_bytes(data, "docx").text
    assert text.index("关于印发方案") < text.index("棚户区改造\t1200")


def test_xlsx_every_sheet():
    result = extract_bytes(samples.xlsx([["单位", "收入"], ["财政局", 3.5]], sheet="一般公共预算"), "xlsx")
    assert result.method == "xlsx"
    assert "一般公共预算" in result.text and "财政局\t3.5" in result.text


def test_odf_text():
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        "<text:h>标题：营商环境</text:h><text:p>第一段<text:span>放管服</text:span>改革</text:p>"
        "</office:text></office:body></office:document-content>"
    )
    result = extract_bytes(
        _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content}), "odt"
    )
    assert result.method == "odf"
    assert result.text == "标题：营商环境\n第一段放管服改革"


def test_ofd_pages():
    page = '<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer><ofd:TextObject><ofd:TextCode>{}</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>'
    data = _zip(
        {
            "OFD.xml": "<ofd:OFD/>",
            "Doc_0/Pages/Page_0/Content.xml": page.format("版式文件第一页"),
            "Doc_0/Pages/Page_1/Content.xml": page.format("第二页"),
        }
    )
    result = extract_bytes(data, "ofd")
    assert [p.text for p in result.pages] == ["版式文件第一页", "第二页"]


def test_html_without_scripts_with_its_charset():
    html = '<html><head><meta charset="gb2312"><script>var secret="x"</script><style>p{}</style></head><body><p>公开目录</p><p>第二段</p></body></html>'
    result = extract_bytes(html.encode("gb18030"), "html")
    assert result.text == "公开目录\n第二段"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_plain_text_encodings(encoding):
    assert extract_bytes("纯文本：政务公开".encode(encoding), "txt").text == "纯文本：政务公开"


@pytest.mark.parametrize(
    ("data", "kind", "reason"),
    [
        (b"%PDF-1.7 broken", "pdf", "PDF 文件已损坏"),
        (b"PK\x03\x04 not a zip", "docx", "Word 文件已损坏"),
        (b"not an image", "png", "图片文件已损坏"),
        (b"whatever", "exe", "不支持"),
    ],
)
def test_unreadable_files_say_why(data, kind, reason):
    with pytest.raises(Unreadable, match=reason):
        extract_bytes(data, kind)


def test_encrypted_pdf_says_so():
    import pymupdf

    doc = pymupdf.open(stream=samples.text_pdf(["机密"]), filetype="pdf")
    data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    with pytest.raises(Unreadable, match="已加密"):
        extract_bytes(data, "pdf")


def test_page_limit_is_said():
    result = extract_bytes(samples.text_pdf(["一", "二", "三"]), "pdf", limits=Limits(max_pages=2))
    assert len(result.pages) == 2
    assert result.pages_total == 3
    assert "只读取了前2页" in result.notes[0]


def test_text_limit_is_said():
    result = extract_bytes(("政务公开" * 100).encode(), "txt", limits=Limits(max_chars=10))
    assert len(result.text) == 10
    assert "只保留了前10个字符" in result.notes[0]


def test_worker_reports_timeout_and_memory(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(samples.text_pdf(["内容"] * 3))
    ok = runner.run(str(path), "pdf", limits=Limits(), timeout=60, memory_mb=1024)
    assert ok.ok and "内容" in ok.result["pages"][0]["text"]
    starved = runner.run(str(path), "pdf", limits=Limits(), timeout=60, memory_mb=30)
    assert not starved.ok and "内存上限" in starved.error
    missing = runner.run(str(tmp_path / "gone.pdf"), "pdf", limits=Limits(), timeout=60, memory_mb=1024)
    assert not missing.ok and missing.error


@needs_font
@needs_ocr
def test_scanned_page_is_read_by_ocr_with_confidence():
    data = samples.scanned_pdf(["抚顺市生态环境局关于印发大气污染防治实施方案的通知"])
    assert extract_bytes(data, "pdf", limits=Limits(ocr_max_pages=0)).pages[0].text == ""  # no text layer
    result = extract_bytes(data, "pdf")
    assert result.method == "ocr"
    assert "大气污染防治" in result.text.replace(" ", "")
    assert 0.5 < result.confidence <= 1.0


@needs_soffice
def test_wps_through_libreoffice(tmp_path):
    """A Kingsoft WPS file is an OLE2 Word document: LibreOffice converts it and the text is read."""
    import subprocess

    source = tmp_path / "a.docx"
    source.write_bytes(samples.docx(["金山文字处理文件：政府信息公开"]))
    subprocess.run(  # noqa: S603
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/p", "--headless", "--convert-to", "doc",  # noqa: S607
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    result = extract.extract(str(tmp_path / "a.doc"), "wps")
    assert result.method == "libreoffice+docx"
    assert "政府信息公开" in result.text


@needs_soffice
@pytest.mark.skipif(
    not Path("/usr/lib/libreoffice/program/libsclo.so").exists(), reason="LibreOffice Calc is not installed"
)
def test_et_through_libreoffice(tmp_path):
    """A Kingsoft ET sheet is an OLE2 Excel workbook: converted to XLSX by LibreOffice, every sheet read."""
    import subprocess

    source = tmp_path / "b.xlsx"
    source.write_bytes(samples.xlsx([["单位", "预算"], ["财政局", "1200"]], sheet="部门预算"))
    subprocess.run(  # noqa: S603
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/p", "--headless", "--convert-to", "xls",  # noqa: S607
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    result = extract.extract(str(tmp_path / "b.xls"), "et")
    assert result.method == "libreoffice+xlsx"
    assert "部门预算" in result.text and "财政局\t1200" in result.text
