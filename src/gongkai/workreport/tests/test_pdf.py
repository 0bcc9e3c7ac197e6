"""The work report as PDF: the same title, parts and figures as the DOCX; a Chinese message, not a 500, when the
server has no Chinese font."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from gongkai.core import fonts
from gongkai.core.fonts import FontMissing
from gongkai.workreport import exports, services

needs_pdf = pytest.mark.skipif(
    not shutil.which("pdftotext") or not fonts.cjk_font_available(),
    reason="pdftotext (poppler-utils) or a Chinese font (fonts-noto-cjk) not installed",
)


def _text(pdf: bytes) -> str:
    out = subprocess.run(  # noqa: S603 (the system pdftotext)
        [shutil.which("pdftotext") or "pdftotext", "-layout", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return "".join(out.stdout.decode().split())


@needs_pdf
def test_the_pdf_says_what_the_report_says(tree, people, year, freeze):
    freeze(date(2026, 3, 2))
    report = services.work_report_create(actor=people.city_supervisor, org=tree.city, year=2025)
    pdf = exports.pdf(services.report_data(report))
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert "甲市人民政府2025年政务公开工作总结" in text
    assert "二、主动公开政府信息情况" in text and "主动公开政府信息7条" in text
    assert (
        text.index("一、总体情况")
        < text.index("二、主动公开")
        < text.index("三、重点领域")
        < text.index("四、推进")
    )
    assert (
        text.index("四、推进")
        < text.index("五、建议提案")
        < text.index("六、开展政策解读")
        < text.index("七、政务舆情")
    )


def test_without_a_chinese_font_the_page_says_so(client, tree, people, year, freeze, monkeypatch):
    freeze(date(2026, 3, 2))
    report = services.work_report_create(actor=people.city_supervisor, org=tree.city, year=2025)

    def missing():
        raise FontMissing()

    monkeypatch.setattr(fonts, "require_cjk_font", missing)
    client.force_login(people.city_supervisor)
    response = client.get(f"/manage/work-reports/{report.pk}/export.pdf", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain and response.redirect_chain[-1][0].endswith(
        f"/manage/work-reports/{report.pk}/"
    )
