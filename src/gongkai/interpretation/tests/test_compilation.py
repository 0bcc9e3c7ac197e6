"""The compilation (政策解读汇编): a DOCX and a PDF of a region's year of interpretations, in publication order."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pytest
from django.urls import reverse

from gongkai.core import fonts
from gongkai.interpretation.compilation import compilation_docx, compilation_pdf
from gongkai.interpretation.tests.conftest import release
from gongkai.testing.factories import staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_of_interpretations(freeze, document, interpret):
    titles = []
    for day, name in [(date(2026, 3, 2), "甲"), (date(2026, 5, 6), "乙"), (date(2026, 9, 1), "丙")]:
        freeze(day)
        doc = document(title=f"关于{name}事项的规定", written_on=day)
        title = f"《关于{name}事项的规定》解读"
        interpretation = interpret([doc], title=title, written_on=day)
        release(doc)
        release(interpretation.item)
        titles.append(title)
    return titles


def _text(content: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_compilation_lists_the_year_in_order_with_contents(tree, year_of_interpretations):
    text = _text(compilation_docx(org=tree.city, year=2026))
    assert "甲市人民政府2026年政策解读汇编" in text and "目　录" in text
    contents, body = text.split("目　录", 1)[1], text
    positions = [contents.index(t) for t in year_of_interpretations]
    assert positions == sorted(positions)
    assert body.count("背景依据") == 3
    assert "关于甲事项" not in _text(compilation_docx(org=tree.county, year=2026))


def test_download_from_the_back_office(client, tree, year_of_interpretations):
    client.force_login(staff(tree.city, "office"))
    url = reverse("backoffice:interpretation_compilation")
    response = client.get(url, {"org": tree.city.credit_code, "year": "2026"})
    assert response.status_code == 200 and response["Content-Type"].endswith("wordprocessingml.document")
    assert client.get(url, {"org": tree.other_city.credit_code, "year": "2026"}).status_code == 404
    assert client.get(url, {"org": tree.city.credit_code, "year": "abc"}).status_code == 404
    assert client.get(url, {"org": tree.city.credit_code, "year": "²"}).status_code == 404  # isdigit, not int


@pytest.mark.skipif(
    not shutil.which("soffice") or not shutil.which("pdftotext"), reason="LibreOffice not installed"
)
def test_libreoffice_opens_the_compilation_in_order(tree, year_of_interpretations, tmp_path):
    source = tmp_path / "compilation.docx"
    source.write_bytes(compilation_docx(org=tree.city, year=2026))
    subprocess.run(  # noqa: S603 - fixed arguments, a file we wrote
        [shutil.which("soffice"), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = subprocess.run(  # noqa: S603
        [shutil.which("pdftotext"), str(tmp_path / "compilation.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    compact = "".join(text.split())
    assert "政策解读汇编" in compact
    titles = ["".join(t.split()) for t in year_of_interpretations]
    # In the contents, then in the body, the titles come in publication order.
    first = [compact.index(t) for t in titles]
    last = [compact.rindex(t) for t in titles]
    assert first == sorted(first) and last == sorted(last) and first[-1] < last[0]


@pytest.mark.skipif(
    not shutil.which("pdftotext") or not fonts.cjk_font_available(),
    reason="pdftotext (poppler-utils) or a Chinese font (fonts-noto-cjk) not installed",
)
def test_the_pdf_has_the_contents_with_pages_then_the_entries(client, tree, year_of_interpretations):
    pdf = compilation_pdf(org=tree.city, year=2026)
    assert pdf.startswith(b"%PDF")
    pages = (
        subprocess.run(  # noqa: S603
            [shutil.which("pdftotext") or "pdftotext", "-layout", "-", "-"],
            input=pdf,
            check=True,
            capture_output=True,
        )
        .stdout.decode()
        .split("\f")
    )
    contents = "".join(pages[0].split())
    assert "甲市人民政府2026年政策解读汇编" in contents and "目录" in contents
    # The contents list the DOCX's lines in its order, each with the page its entry starts on.
    docx_lines = _text(compilation_docx(org=tree.city, year=2026)).split("目　录", 1)[1].splitlines()[1:4]
    positions = [contents.index("".join(line.split())) for line in docx_lines]
    assert positions == sorted(positions)
    for n, title in enumerate(year_of_interpretations, start=1):
        line = "".join(docx_lines[n - 1].split())
        assert contents[contents.index(line) + len(line) :].lstrip(".").startswith(str(n + 1))
        assert "".join(pages[n].split()).startswith(f"{n}.{title}")
        assert "—1—" in contents and f"—{n + 1}—" in "".join(pages[n].split())
    client.force_login(staff(tree.city, "office"))
    url = reverse("backoffice:interpretation_compilation_pdf")
    response = client.get(url, {"org": tree.city.credit_code, "year": "2026"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "compilation-2026.pdf" in response["Content-Disposition"]
    assert client.get(url, {"org": tree.other_city.credit_code, "year": "2026"}).status_code == 404


def test_without_a_chinese_font_the_statistics_page_says_so(
    client, tree, year_of_interpretations, monkeypatch
):
    monkeypatch.setattr(fonts, "cjk_families", lambda lang="zh-cn": [])
    client.force_login(staff(tree.city, "office"))
    url = reverse("backoffice:interpretation_compilation_pdf")
    response = client.get(url, {"org": tree.city.credit_code, "year": "2026"}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("backoffice:interpretation_statistics"))
    assert response.status_code == 200 and "服务器未安装中文字体" in response.content.decode()
