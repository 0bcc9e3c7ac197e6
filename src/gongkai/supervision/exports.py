"""The region's compiled periodic report as XLSX (a table per unit and the total) and as DOCX (公文 format,
`core.officialdoc`)."""

from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import Workbook

from gongkai.core import officialdoc as od
from gongkai.orgs.models import Organization
from gongkai.supervision.models import PeriodKind
from gongkai.supervision.selectors import FIGURES, Compiled


def _period(c: Compiled) -> str:
    return f"{c.year}年{c.period}月" if c.kind == PeriodKind.MONTH else f"{c.year}年第{c.period}季度"


def _keys(c: Compiled) -> list[str]:
    return [k for k in FIGURES if k in c.totals] or [
        k for k in FIGURES if any(k in r.figures for r in c.accepted)
    ]


def to_xlsx(scope: Organization, c: Compiled) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "汇总"
    keys = _keys(c)
    ws.append([f"{scope.name}政务公开{_period(c)}报送汇总"])
    ws.append(["单位", *[FIGURES[k] for k in keys], "工作小结"])
    for r in c.accepted:
        ws.append([r.org.name, *[int(r.figures.get(k, 0)) for k in keys], r.summary])
    ws.append(["合计", *[c.totals.get(k, 0) for k in keys], ""])
    if c.missing:
        ws.append([])
        ws.append(["未接收：" + "、".join(o.name for o in c.missing)])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def to_docx(scope: Organization, c: Compiled) -> bytes:
    doc = od.document()
    od.para(doc, f"{scope.name}政务公开工作{_period(c)}报告", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False,
            font=od.TITLE_FONT, size=od.TITLE_SIZE)  # fmt: skip
    od.para(doc, f"本期共{len(c.accepted)}个单位报送并经审核接收。主要数据如下：")
    for k in _keys(c):
        od.para(doc, f"{FIGURES[k]}：{c.totals.get(k, 0)}。")
    od.para(doc, "各单位工作情况：")
    for r in c.accepted:
        od.para(doc, f"{r.org.name}：{r.summary.strip() or '（无）'}")
    if c.missing:
        od.para(doc, f"尚未报送或未通过审核的单位：{'、'.join(o.name for o in c.missing)}。")
    od.para(doc, scope.name, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
