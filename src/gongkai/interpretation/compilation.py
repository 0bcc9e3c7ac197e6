"""The compilation (政策解读汇编): a DOCX or a PDF of a year's published interpretations of a region, in the order
they were published, with a table of contents. Generated from the records: the DOCX with python-docx (fonts as the
annual report's export, `reports.exports.docx_font`), the PDF from HTML with WeasyPrint (`core.officialpdf`: A4,
page numbers "— 1 —", `FontMissing` without a Chinese font), its contents giving each entry's page. Both take
their lines from the same helpers, so they list the same entries in the same order."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.html import escape

from gongkai.core import officialpdf
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


def title_of(*, org: Organization, year: int) -> str:
    return f"{org.name}{year}年政策解读汇编"


def _subtitle(found: list[Interpretation]) -> str:
    return f"共{len(found)}篇 · 编印日期 {timezone.localdate():%Y-%m-%d}"


def _contents_line(n: int, interpretation: Interpretation) -> str:
    return f"{n}. {interpretation.item.title}（{interpretation.item.published_at:%Y-%m-%d}）"


def _meta(interpretation: Interpretation) -> list[str]:
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
    return meta


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


CONTENTS = "目　录"
NONE = "（本年度暂无已发布的政策解读）"


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
    docx_font(title.add_run(title_of(org=org, year=year)), east_asia="方正小标宋简体", size=20, bold=True)
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_font(sub.add_run(_subtitle(found)), east_asia="仿宋", size=11)
    docx_font(doc.add_paragraph().add_run(CONTENTS), east_asia="黑体", size=16)
    for n, interpretation in enumerate(found, start=1):
        docx_font(doc.add_paragraph().add_run(_contents_line(n, interpretation)), east_asia="仿宋", size=12)
    if not found:
        docx_font(doc.add_paragraph().add_run(NONE), east_asia="仿宋", size=12)
    for n, interpretation in enumerate(found, start=1):
        doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        heading = doc.add_heading(level=1)
        docx_font(heading.add_run(f"{n}. {interpretation.item.title}"), east_asia="黑体", size=16)
        for text in _meta(interpretation):
            docx_font(doc.add_paragraph().add_run(text), east_asia="仿宋", size=10.5)
        for heading_text, text in interpretation.sections():
            p = doc.add_paragraph()
            p.paragraph_format.space_before = Pt(6)
            docx_font(p.add_run(heading_text), east_asia="黑体", size=13)
            for para in _paragraphs(text):
                body = doc.add_paragraph()
                body.paragraph_format.first_line_indent = Pt(24)
                docx_font(body.add_run(para), east_asia="仿宋", size=12)
        for url in interpretation.link_list():
            docx_font(doc.add_paragraph().add_run(f"链接：{url}"), east_asia="仿宋", size=10.5)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


_CSS = f"""
body {{ font-size: 12pt; line-height: 1.8; }}
h1 {{ font-size: 20pt; }}
h2, h3 {{ font-family: {officialpdf.HEADING_FAMILY}; font-weight: normal; margin: 0; }}
h2 {{ font-size: 16pt; margin-bottom: 4mm; }}
h3 {{ font-size: 13pt; margin-top: 3mm; }}
p.sub {{ font-size: 11pt; margin: 2mm 0 8mm; }}
p.meta {{ font-size: 10.5pt; line-height: 1.6; }}
ol.contents {{ list-style: none; padding: 0; margin: 0; }}
ol.contents a {{ color: #000; text-decoration: none; }}
ol.contents a::after {{ content: leader(".") target-counter(attr(href), page); }}
section.entry {{ break-before: page; }}
"""


def compilation_html(*, org: Organization, year: int) -> str:
    """The compilation as an HTML page for WeasyPrint: the contents link to the entries and give their pages."""
    found = entries(org=org, year=year)
    title = title_of(org=org, year=year)
    parts = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="center sub">{escape(_subtitle(found))}</p>',
        f"<h2>{CONTENTS}</h2>",
    ]
    lines = [
        f'<li><a href="#entry-{n}">{escape(_contents_line(n, i))}</a></li>'
        for n, i in enumerate(found, start=1)
    ]
    parts.append(f'<ol class="contents">{"".join(lines)}</ol>' if found else f"<p>{NONE}</p>")
    for n, interpretation in enumerate(found, start=1):
        parts.append(
            f'<section class="entry" id="entry-{n}"><h2>{n}. {escape(interpretation.item.title)}</h2>'
        )
        parts += [f'<p class="meta">{escape(text)}</p>' for text in _meta(interpretation)]
        for heading_text, text in interpretation.sections():
            parts.append(f"<h3>{escape(heading_text)}</h3>")
            parts += [f'<p class="indent">{escape(para)}</p>' for para in _paragraphs(text)]
        parts += [f'<p class="meta">链接：{escape(url)}</p>' for url in interpretation.link_list()]
        parts.append("</section>")
    return officialpdf.html_page(title=title, body="".join(parts), css=_CSS)


def compilation_pdf(*, org: Organization, year: int) -> bytes:
    """The compilation as PDF; `core.fonts.FontMissing` without a Chinese font."""
    return officialpdf.to_pdf(compilation_html(org=org, year=year))
