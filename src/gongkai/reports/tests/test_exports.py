"""Every export is drawn from the one report dict: the same numbers in HTML, DOCX, XLSX, PDF and JSON."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from gongkai.reports import builder, exports, narrative
from gongkai.reports.models import Scope

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(tree, data2025):
    data = builder.build_annual(org=tree.city, year=2025, scope=Scope.REGION)
    data["narrative"] = narrative.drafts(data)
    data["title"] = builder.annual_title(tree.city, 2025, Scope.REGION)
    out = os.environ.get("REPORTS_EXPORT_DIR")  # to look at the files by hand
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        for fmt in exports.FORMATS:
            Path(out, f"report.{fmt}").write_bytes(exports.render(data, fmt))
    return data


def test_html_has_the_official_merged_layout(report):
    html = exports.to_html(report)
    assert "<caption>收到和处理政府信息公开申请情况</caption>" in html
    assert 'rowspan="22"' in html  # 三、本年度办理结果 spans its 22 rows
    assert 'colspan="7"' in html and 'scope="colgroup"' in html
    assert 'rowspan="8"' in html  # （三）不予公开 1-8
    assert html.count("<tr>") >= 3 + 25 + 14 + 4
    assert "第二十条第（一）项" in html and "本年收费金额（单位：万元）" in html


def test_docx_tables_merge_like_the_official_format(report):
    from docx import Document

    doc = Document(io.BytesIO(exports.to_docx(report)))
    _t2, t3, t4 = doc.tables
    assert len(t3.rows) == 3 + 25 and len(t3.columns) == 10
    assert len(t4.columns) == 15 and len(t4.rows) == 4
    # The 22 outcome rows share one merged first cell.
    assert t3.cell(5, 0)._tc is t3.cell(26, 0)._tc
    assert t3.cell(5, 0).text == "三、本年度办理结果"
    assert t3.cell(3, 9).text == str(report["table3"]["rows"]["received"]["total"])
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "一、总体情况" in text and "六、其他需要报告的事项" in text


def test_xlsx_one_sheet_per_table_numbers_as_numbers(report):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(exports.to_xlsx(report)))
    assert wb.sheetnames[:4] == ["报告信息", "表二 主动公开", "表三 依申请公开", "表四 复议诉讼"]
    ws = wb["表三 依申请公开"]
    values = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, int)]
    assert report["table3"]["rows"]["received"]["total"] in values
    assert any(str(r) == "A9:A30" for r in ws.merged_cells.ranges)  # 三、本年度办理结果
    fee = [c for row in wb["表二 主动公开"].iter_rows() for c in row if c.number_format == "0.0000"]
    assert fee and isinstance(fee[0].value, (int, float))


def test_xlsx_dates_are_dates_and_the_narrative_is_whole(report):
    from datetime import datetime

    from openpyxl import load_workbook

    report["narrative"]["problems"] = "\n".join(
        f"（{n}）存在的主要问题之{n}：部分信息公开不够及时，信息管理基础仍需加强，年末尚有申请结转下年度办理。"
        * 3
        for n in range(1, 9)
    )
    ws = load_workbook(io.BytesIO(exports.to_xlsx(report)))["报告信息"]
    rows = {
        ws.cell(row=r, column=1).value: r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value
    }
    generated = ws.cell(row=rows["生成时间"], column=2)
    assert isinstance(generated.value, datetime) and "年" in generated.number_format
    # 五: every paragraph is there, in rows tall enough for their text, none over Excel's 409 pt.
    start = rows["五、存在的主要问题及改进情况"]
    end = rows["六、其他需要报告的事项"]
    text = "\n".join(ws.cell(row=r, column=2).value or "" for r in range(start, end))
    assert text == report["narrative"]["problems"]
    for r in range(start, end):
        value = ws.cell(row=r, column=2).value
        lines = sum(-(-len(line) // 44) for line in value.splitlines())
        height = ws.row_dimensions[r].height
        assert 18 * lines <= height <= 409, (r, lines, height)
    assert ws.column_dimensions["A"].width >= 2 * len("五、存在的主要问题及改进情况")


def test_json_is_the_report_dict(report):
    data = json.loads(exports.to_json(report))
    assert data["schema"] == "gongkai.annual-report/1"
    assert (
        data["table3"]["rows"]["outcome_total"]["total"] == report["table3"]["rows"]["outcome_total"]["total"]
    )
    assert set(data) >= {
        "org",
        "year",
        "scope",
        "table2",
        "table3",
        "table4",
        "proactive",
        "checks",
        "narrative",
    }


def test_pdf_renders_chinese(report):
    pytest.importorskip("weasyprint")
    pdf = exports.to_pdf(report)
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdffonts"):
        path = Path(os.environ.get("TMPDIR", "/tmp")) / f"gk-report-{os.getpid()}.pdf"
        path.write_bytes(pdf)
        pdffonts = shutil.which("pdffonts")
        fonts = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True).stdout  # noqa: S603
        path.unlink()
        assert "CJK" in fonts, fonts  # fonts-noto-cjk embedded: no missing glyphs


def test_period_xlsx(tree, data2025):
    from openpyxl import load_workbook

    data = builder.build_periods(org=tree.city, year=2025, scope=Scope.REGION, kind="quarter")
    wb = load_workbook(io.BytesIO(exports.period_to_xlsx(data)))
    assert wb.sheetnames == ["报告信息", "汇总", "第一季度", "第二季度", "第三季度", "第四季度"]
