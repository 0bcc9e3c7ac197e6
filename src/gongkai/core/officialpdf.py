"""Official documents (公文) as PDF: the uneditable rendition of a letter made by `core.officialdoc`, drawn from the
DOCX itself paragraph by paragraph (title lines, number, body, signature, the lines after it), so both always say
the same. A4 with the margins of GB/T 9704-2012 and page numbers "— 1 —" (`PAGE_CSS`, also for other documents
rendered from HTML). Rendered by WeasyPrint with the system's Chinese fonts (fonts-noto-cjk); without one,
`core.fonts.FontMissing` is raised rather than a PDF of empty boxes.
"""

from __future__ import annotations

import io

from django.utils.html import escape

from gongkai.core import fonts
from gongkai.core.officialdoc import TITLE_FONT

SERIF = '"Noto Serif CJK SC", "Source Han Serif SC", serif'
BODY_FAMILY = f'"仿宋_GB2312", "FangSong", {SERIF}'
TITLE_FAMILY = f'"方正小标宋简体", {SERIF}'
HEADING_FAMILY = '"黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'

PAGE_CSS = f"""
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center {{ content: "— " counter(page) " —"; font-family: {SERIF}; font-size: 14pt; }} }}
body {{ font-family: {BODY_FAMILY}; font-size: 16pt; line-height: 28pt; color: #000; margin: 0; }}
h1 {{ font-family: {TITLE_FAMILY}; font-weight: bold; font-size: 22pt; line-height: 1.4; text-align: center;
  margin: 0; }}
p {{ margin: 0; text-align: justify; }}
p.indent {{ text-indent: 2em; }}
p.center {{ text-align: center; }}
"""
LETTER_CSS = """
h1 + p.center { margin-top: 4mm; }
.body { margin-top: 10mm; }
.signature { position: relative; margin-top: 8mm; text-align: right; padding-right: 4mm; page-break-inside: avoid; }
.signature p { text-align: right; }
.seal { position: absolute; right: 6mm; top: -14mm; width: 40mm; height: 40mm; }
.seal-place { position: absolute; right: 8mm; top: -12mm; width: 36mm; height: 36mm; border: 1px dashed #999;
  border-radius: 50%; color: #999; font-size: 10.5pt; line-height: 36mm; text-align: center; }
.contact { margin-top: 6mm; font-size: 14pt; }
.contact + .contact { margin-top: 0; }
"""


def _font_of(paragraph) -> str:
    from docx.oxml.ns import qn

    for run in paragraph.runs:
        rpr = run._element.rPr
        rfonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if rfonts is not None and rfonts.get(qn("w:eastAsia")):
            return str(rfonts.get(qn("w:eastAsia")))
        if run.font.name:
            return str(run.font.name)
    return ""


def html_page(*, title: str, body: str, css: str = "") -> str:
    """A complete HTML page for WeasyPrint: the page setup of `PAGE_CSS`, then `css`."""
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{PAGE_CSS}{css}</style></head><body>{body}</body></html>"
    )


def letter_html(docx: bytes, *, title: str, seal: str = "") -> str:
    """The HTML of a letter from its DOCX's paragraphs: the centred lines before the body (those in the title
    font as headings), the body, the right-aligned signature (with `seal`, an HTML fragment placed over it), and
    the lines after the signature (contact, copy, signer) in a smaller size."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    head: list[str] = []
    body: list[str] = []
    signature: list[str] = []
    tail: list[str] = []
    for paragraph in Document(io.BytesIO(docx)).paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        html = escape(text)
        indented = bool(paragraph.paragraph_format.first_line_indent)
        if paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER and not body:
            head.append(
                f"<h1>{html}</h1>" if _font_of(paragraph) == TITLE_FONT else f'<p class="center">{html}</p>'
            )
        elif paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT:
            signature.append(f"<p>{html}</p>")
        elif signature:  # after the signature: the contact line, the copy line, the signer
            tail.append(f'<p class="{"indent " if indented else ""}contact">{html}</p>')
        else:
            body.append(f'<p class="indent">{html}</p>' if indented else f"<p>{html}</p>")
    content = (
        f'{"".join(head)}<div class="body">{"".join(body)}</div>'
        f'<div class="signature">{seal}{"".join(signature)}</div>{"".join(tail)}'
    )
    return html_page(title=title, body=content, css=LETTER_CSS)


def to_pdf(html: str) -> bytes:
    """The PDF of an HTML page; `FontMissing` without a Chinese font."""
    from weasyprint import HTML

    fonts.require_cjk_font()
    return bytes(HTML(string=html).write_pdf())


def letter_pdf(docx: bytes, *, title: str, seal: str = "") -> bytes:
    return to_pdf(letter_html(docx, title=title, seal=seal))
