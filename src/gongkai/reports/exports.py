"""Exports of a report dict: HTML, DOCX, XLSX, PDF and JSON. None of them computes a figure.

- HTML: the accessible page with the official merged-cell layout (templates/reports/document.html).
- DOCX (python-docx): the same layouts as Word tables with merged cells; opens in Word, WPS and LibreOffice.
- XLSX (openpyxl): one sheet per table, merged cells, numbers stored as numbers.
- PDF (WeasyPrint): the HTML export rendered with the system's CJK fonts. Needs the Debian/Ubuntu package
  `fonts-noto-cjk` (Noto Sans/Serif CJK SC); without a font for Chinese `to_pdf` refuses (`fonts.FontMissing`)
  rather than produce a PDF of empty boxes.
- JSON: the report dict itself (schema in docs/reports.md).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

from django.template.loader import render_to_string

from gongkai.core import fonts
from gongkai.reports import tables
from gongkai.reports.tables import Layout

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "json": "application/json; charset=utf-8",
}
FORMATS = list(CONTENT_TYPES)
NARRATIVE_PARTS = [
    ("overview", "一、总体情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other_matters", "六、其他需要报告的事项"),
]


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def document_context(report: dict) -> dict:
    narrative = report.get("narrative") or {}
    return {
        "report": report,
        "narrative": {key: paragraphs(narrative.get(key, "")) for key, _ in NARRATIVE_PARTS},
        "statutory": tables.statutory_tables(report),
    }


def to_html(report: dict) -> str:
    return render_to_string("reports/document.html", document_context(report))


def allow_own_styles(response, content: bytes) -> None:
    """The HTML export keeps its stylesheet inside the document (it is also saved and opened on its own). Served
    inline under the site's Content-Security-Policy, its <style> elements are allowed by their SHA-256 hashes:
    nothing else inline is (no 'unsafe-inline')."""
    import base64
    import hashlib
    import re

    text = content.decode("utf-8")
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(block.encode("utf-8")).digest()).decode() + "'"
        for block in re.findall(r"<style[^>]*>(.*?)</style>", text, flags=re.S)
    ]
    if hashes:
        response._csp_update = {"style-src": hashes}


def to_json(report: dict) -> bytes:
    return json.dumps(report, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8")


def to_pdf(report: dict) -> bytes:
    from weasyprint import HTML

    fonts.require_cjk_font()
    return HTML(string=to_html(report)).write_pdf()


# --- DOCX -----------------------------------------------------------------------------------------


def docx_font(run, *, east_asia: str, size: float | None = None, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = "Times New Roman"
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    if size:
        run.font.size = Pt(size)
    run.bold = bold


def _docx_table(doc, lay: Layout, *, font_size: float) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    caption = doc.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_font(caption.add_run(lay.caption), east_asia="黑体", size=10.5, bold=True)
    table = doc.add_table(rows=lay.nrows, cols=lay.ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total_width = 16.5
    widths = lay.widths or [1] * lay.ncols
    scale = total_width / sum(widths)
    # python-docx's table.cell() walks the whole table on each call: take every cell once, then merge.
    table.autofit = False
    for c, column in enumerate(table.columns):
        column.width = Cm(widths[c] * scale)
    cells = [list(row.cells) for row in table.rows]
    for row in cells:
        for c, docx_cell in enumerate(row):
            docx_cell.width = Cm(widths[c] * scale)
    n_head = len(lay.head)
    for r, c, cell in lay.grid():
        target = cells[r][c]
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(cells[r + cell.rowspan - 1][c + cell.colspan - 1])
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        para = target.paragraphs[0]
        if cell.is_number or cell.align == "center" or r < n_head:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        docx_font(para.add_run(cell.display), east_asia="宋体", size=font_size)
    # Repeat the heading rows on each page.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for r in range(n_head):
        trpr = table.rows[r]._tr.get_or_add_trPr()
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        trpr.append(el)


def to_docx(report: dict) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(12)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_font(title.add_run(report["title"]), east_asia="方正小标宋简体", size=18, bold=True)
    meta = doc.add_paragraph()
    meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_font(
        meta.add_run(
            f"统计范围：{report['subject']}（{report['scope_label']}）　统计期间：{report['period']['start']} 至 {report['period']['end']}"
        ),
        east_asia="仿宋",
        size=10.5,
    )
    narrative = report.get("narrative") or {}

    def heading(text: str) -> None:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(8)
        docx_font(p.add_run(text), east_asia="黑体", size=14)

    def body(key: str) -> None:
        paras = paragraphs(narrative.get(key, "")) or ["（未填写）"]
        for text in paras:
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(24)
            p.paragraph_format.line_spacing = 1.35
            docx_font(p.add_run(text), east_asia="仿宋", size=12)

    heading("一、总体情况")
    body("overview")
    for lay in tables.statutory_tables(report):
        heading(lay.title)
        _docx_table(doc, lay, font_size=7.5 if lay.ncols > 10 else 9)
    heading("五、存在的主要问题及改进情况")
    body("problems")
    heading("六、其他需要报告的事项")
    body("other_matters")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- XLSX -----------------------------------------------------------------------------------------


@dataclass
class _Sheet:
    name: str
    layouts: list[Layout]


def _xlsx_sheet(wb, sheet: _Sheet, title: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(sheet.name[:31])
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    row0 = 1
    ncols = max(lay.ncols for lay in sheet.layouts)
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    row0 = 3
    widths = [0.0] * ncols
    for lay in sheet.layouts:
        ws.cell(row=row0, column=1, value=lay.caption).font = Font(bold=True)
        row0 += 1
        for r, c, cell in lay.grid():
            xr, xc = row0 + r, 1 + c
            target = ws.cell(row=xr, column=xc, value=cell.value if cell.is_number else cell.text)
            if cell.decimals:
                target.number_format = "0." + "0" * cell.decimals
            target.alignment = Alignment(
                horizontal="center"
                if (cell.is_number or cell.align == "center" or r < len(lay.head))
                else "left",
                vertical="center",
                wrap_text=True,
            )
            if cell.header and r < len(lay.head):
                target.font = Font(bold=True)
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    ws.cell(row=xr + dr, column=xc + dc).border = border
            if cell.rowspan > 1 or cell.colspan > 1:
                ws.merge_cells(
                    start_row=xr,
                    start_column=xc,
                    end_row=xr + cell.rowspan - 1,
                    end_column=xc + cell.colspan - 1,
                )
        for i, w in enumerate(lay.widths or []):
            widths[i] = max(widths[i], w)
        row0 += lay.nrows + 2
    col_widths = [max(8, w * 6) for w in widths]
    for i, w in enumerate(col_widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = w
    # Spreadsheets do not grow rows for wrapped text by themselves: size them (a CJK character ~ 2 units).
    heights: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.coordinate not in ws.merged_cells:
                width = col_widths[cell.column - 1] if cell.column <= len(col_widths) else 8
                lines = -(-len(cell.value) * 2 // max(int(width) - 1, 1))
                heights[cell.row] = max(heights.get(cell.row, 1), lines)
    for rng in ws.merged_cells.ranges:
        top = ws.cell(row=rng.min_row, column=rng.min_col)
        if isinstance(top.value, str) and rng.min_row == rng.max_row and rng.min_row > 2:
            width = sum(
                col_widths[c - 1] for c in range(rng.min_col, rng.max_col + 1) if c <= len(col_widths)
            )
            lines = -(-len(top.value) * 2 // max(int(width) - 1, 1))
            heights[rng.min_row] = max(heights.get(rng.min_row, 1), lines)
    for r, lines in heights.items():
        if lines > 1:
            ws.row_dimensions[r].height = 15 * lines
    _fit_width(ws)


def _fit_width(ws) -> None:
    """Print each sheet one page wide (A4), as offices print these tables."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


#: Spreadsheet formats for moments and dates, in Chinese (Excel, WPS and LibreOffice all read these codes).
XLSX_DATETIME = 'yyyy"年"m"月"d"日" hh:mm'
XLSX_DATE = 'yyyy"年"m"月"d"日"'
# Rows of the information sheet: a line of CJK text in 11 pt takes about 18 pt with the fonts spreadsheets pick
# (Noto/Source Han, SimSun); Excel refuses rows over 409 pt, so a long narrative goes one paragraph per row.
_LINE_PT = 18
_MAX_ROW_PT = 400
_B_WIDTH = 90


def _moment(value):
    """An ISO date or datetime string as a value a spreadsheet shows as a date (local time, no zone)."""
    from datetime import date, datetime

    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value, None
        if len(value) == 10:
            return date.fromisoformat(value), XLSX_DATE
        return moment.replace(tzinfo=None), XLSX_DATETIME
    return value, None


def _lines(text: str, width: int) -> int:
    per_line = max(1, (width - 2) // 2)  # a CJK character is two width units
    return max(1, -(-len(text) // per_line))


def xlsx_from_sheets(title: str, info: list[tuple[str, object]], sheets: list[_Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "报告信息"
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    row = 3
    for label, value in info:
        head = ws.cell(row=row, column=1, value=label)
        head.font = Font(bold=True)
        head.alignment = Alignment(vertical="top", wrap_text=True)
        value, number_format = _moment(value)
        if number_format:
            cell = ws.cell(row=row, column=2, value=value)
            cell.number_format = number_format
            cell.alignment = Alignment(horizontal="left", vertical="top")
            row += 1
            continue
        paragraphs = [p for p in str(value or "").splitlines() if p.strip()] or [""]
        # One row per paragraph (so no row needs more than Excel's maximum height), label on the first.
        chunks: list[str] = []
        for para in paragraphs:
            if chunks and _lines("\n".join([chunks[-1], para]), _B_WIDTH) * _LINE_PT <= _MAX_ROW_PT // 2:
                chunks[-1] = chunks[-1] + "\n" + para
            else:
                chunks.append(para)
        for k, chunk in enumerate(chunks):
            cell = ws.cell(row=row, column=2, value=chunk)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            lines = sum(_lines(line, _B_WIDTH) for line in chunk.splitlines() or [""])
            label_lines = _lines(label, 30) if k == 0 else 1
            ws.row_dimensions[row].height = min(_MAX_ROW_PT, _LINE_PT * max(lines, label_lines) + 4)
            row += 1
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = _B_WIDTH
    _fit_width(ws)
    for sheet in sheets:
        _xlsx_sheet(wb, sheet, title)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def to_xlsx(report: dict) -> bytes:
    t2, t3, t4 = tables.statutory_tables(report)
    narrative = report.get("narrative") or {}
    info = [
        ("报告", report["title"]),
        ("统计范围", f"{report['subject']}（{report['scope_label']}）"),
        ("统计期间", f"{report['period']['start']} 至 {report['period']['end']}"),
        ("状态", "已发布" if report.get("status") == "published" else "草稿"),
        ("生成时间", report.get("generated_at", "")),
    ]
    if report.get("published_at"):
        info.append(("发布时间", report["published_at"]))
    info += [(label, narrative.get(key, "")) for key, label in NARRATIVE_PARTS]
    sheets = [
        _Sheet("表二 主动公开", [t2]),
        _Sheet("表三 依申请公开", [t3]),
        _Sheet("表四 复议诉讼", [t4]),
        _Sheet("主动公开统计", tables.proactive_tables(report)),
    ]
    return xlsx_from_sheets(report["title"], info, sheets)


def period_to_xlsx(report: dict) -> bytes:
    info = [
        ("报表", report["title"]),
        ("统计范围", f"{report['subject']}（{report['scope_label']}）"),
        ("生成时间", report.get("generated_at", "")),
    ]
    sheets = [_Sheet("汇总", [tables.period_summary(report)])]
    for p in report["periods"]:
        lay = tables.table3(p, period=True)
        lay.caption = f"{p['label']}（{p['start']} 至 {p['end']}）收到和处理政府信息公开申请情况"
        sheets.append(_Sheet(p["label"], [lay]))
    return xlsx_from_sheets(report["title"], info, sheets)


def render(report: dict, fmt: str) -> bytes:
    if fmt == "html":
        return to_html(report).encode("utf-8")
    if fmt == "json":
        return to_json(report)
    if fmt == "docx":
        return to_docx(report)
    if fmt == "xlsx":
        return to_xlsx(report)
    if fmt == "pdf":
        return to_pdf(report)
    raise ValueError(fmt)


def filename(report: dict, fmt: str) -> str:
    return f"{report['title']}.{fmt}"
