"""The compilation (政策解读汇编): a DOCX of a year's published interpretations of a region, in the order they
were published, with a table of contents. Generated from the records (python-docx; fonts as the annual report's
export, `reports.exports.docx_font`)."""

from __future__ import annotations

import io

from django.utils import timezone

from gongkai.interpretation import selectors
from gongkai.interpretation.models import Interpretation
from gongkai.orgs.models import Organization
from gongkai.reports.exports import docx_font


def entries(*, org: Organization, year: int) -> list[Interpretation]:
    """The interpretations of `org` and its subtree published in `year`, oldest first."""
    return list(
        selectors.published()
        .filter(org__path__startswith=org.path, item__published_at__year=year)
        .prefetch_related("documents")
        .order_by("item__published_at", "id")
    )


def compilation_docx(*, org: Organization, year: int) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    found = entries(org=org, year=year)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.6)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_font(
        title.add_run(f"{org.name}{year}年政策解读汇编"), east_asia="方正小标宋简体", size=20, bold=True
    )
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_font(
        sub.add_run(f"共{len(found)}篇 · 编印日期 {timezone.localdate():%Y-%m-%d}"), east_asia="仿宋", size=11
    )
    contents = doc.add_paragraph()
    docx_font(contents.add_run("目　录"), east_asia="黑体", size=16)
    for n, interpretation in enumerate(found, start=1):
        line = doc.add_paragraph()
        docx_font(
            line.add_run(f"{n}. {interpretation.item.title}（{interpretation.item.published_at:%Y-%m-%d}）"),
            east_asia="仿宋",
            size=12,
        )
    if not found:
        docx_font(doc.add_paragraph().add_run("（本年度暂无已发布的政策解读）"), east_asia="仿宋", size=12)
    for n, interpretation in enumerate(found, start=1):
        doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        heading = doc.add_heading(level=1)
        docx_font(heading.add_run(f"{n}. {interpretation.item.title}"), east_asia="黑体", size=16)
        published = timezone.localtime(interpretation.item.published_at)
        meta = [
            f"解读机关：{interpretation.org.name}",
            f"解读形式：{interpretation.get_kind_display()}",
            f"发布日期：{published:%Y-%m-%d}",
        ]
        if interpretation.interpreter:
            meta.append(f"解读人：{interpretation.interpreter}")
        docs = "；".join(
            f"{d.title}{f'（{d.doc_no}）' if d.doc_no else ''}" for d in interpretation.documents.all()
        )
        meta.append(f"解读的文件：{docs or '—'}")
        for text in meta:
            docx_font(doc.add_paragraph().add_run(text), east_asia="仿宋", size=10.5)
        for heading_text, text in interpretation.sections():
            p = doc.add_paragraph()
            p.paragraph_format.space_before = Pt(6)
            docx_font(p.add_run(heading_text), east_asia="黑体", size=13)
            for para in (x.strip() for x in text.splitlines()):
                if para:
                    body = doc.add_paragraph()
                    body.paragraph_format.first_line_indent = Pt(24)
                    docx_font(body.add_run(para), east_asia="仿宋", size=12)
        for url in interpretation.link_list():
            docx_font(doc.add_paragraph().add_run(f"链接：{url}"), east_asia="仿宋", size=10.5)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
