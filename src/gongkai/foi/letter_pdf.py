"""The PDF rendition of a letter, as the applicant downloads it (the DOCX stays with the office).

The PDF is drawn from the stored DOCX itself, paragraph by paragraph (title lines, number, body, signature,
contact line), so both always say the same. The signature carries the organ's electronic seal where one is
uploaded (`OrganizationSeal`), otherwise a marked place for the seal. A4 with the margins of GB/T 9704-2012 and
page numbers "— 1 —". Rendered by WeasyPrint with the system's Chinese fonts (fonts-noto-cjk); without one,
`core.fonts.FontMissing` is raised rather than a PDF of empty boxes.
"""

from __future__ import annotations

import base64
import io

from django.core.cache import cache
from django.utils.html import escape
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from gongkai.foi import letters
from gongkai.foi.models import Letter, OrganizationSeal

_CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center { content: "— " counter(page) " —"; font-family: "Noto Serif CJK SC", serif; font-size: 14pt; } }
body { font-family: "仿宋_GB2312", "FangSong", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 16pt;
  line-height: 28pt; color: #000; margin: 0; }
h1 { font-family: "方正小标宋简体", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-weight: bold;
  font-size: 22pt; line-height: 1.4; text-align: center; margin: 0; }
p { margin: 0; text-align: justify; }
p.indent { text-indent: 2em; }
p.center { text-align: center; }
h1 + p.center { margin-top: 4mm; }
.body { margin-top: 10mm; }
.signature { position: relative; margin-top: 8mm; text-align: right; padding-right: 4mm; page-break-inside: avoid; }
.signature p { text-align: right; }
.seal { position: absolute; right: 6mm; top: -14mm; width: 40mm; height: 40mm; }
.seal-place { position: absolute; right: 8mm; top: -12mm; width: 36mm; height: 36mm; border: 1px dashed #999;
  border-radius: 50%; color: #999; font-size: 10.5pt; line-height: 36mm; text-align: center; }
.contact { margin-top: 6mm; font-size: 14pt; }
"""


def _font_of(paragraph) -> str:
    for run in paragraph.runs:
        rpr = run._element.rPr
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
        if run.font.name:
            return run.font.name
    return ""


def _seal_tag(seal: OrganizationSeal | None) -> str:
    if seal is None:
        return '<div class="seal-place">（印章）</div>'
    with seal.image.open("rb") as handle:
        data = base64.b64encode(handle.read()).decode()
    return f'<img class="seal" alt="印章" src="data:{seal.content_type};base64,{data}">'


def to_html(docx: bytes, *, title: str, seal: OrganizationSeal | None) -> str:
    """The letter's HTML for WeasyPrint, from the DOCX's paragraphs."""
    body: list[str] = []
    head, signature, tail = [], [], []
    for paragraph in Document(io.BytesIO(docx)).paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        html = escape(text)
        if paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER and not body:
            if _font_of(paragraph) == letters.TITLE_FONT:
                head.append(f"<h1>{html}</h1>")
            else:
                head.append(f'<p class="center">{html}</p>')
        elif paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT:
            signature.append(f"<p>{html}</p>")
        elif signature:  # after the signature: the contact line
            tail.append(f'<p class="indent contact">{html}</p>')
        else:
            indent = paragraph.paragraph_format.first_line_indent
            body.append(f'<p class="indent">{html}</p>' if indent else f"<p>{html}</p>")
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<style>{_CSS}</style></head><body>{"".join(head)}<div class="body">{"".join(body)}</div>'
        f'<div class="signature">{_seal_tag(seal)}{"".join(signature)}</div>{"".join(tail)}</body></html>'
    )


def render(letter: Letter) -> bytes:
    """The PDF of one letter (cached: a letter never changes; a new seal gives a new rendition)."""
    from weasyprint import HTML

    from gongkai.core import fonts

    seal = OrganizationSeal.objects.filter(org_id=letter.application.org_id).first()
    key = f"gongkai:letter-pdf:v1:{letter.pk}:{seal.sha256 if seal else '-'}"
    content = cache.get(key)
    if content is None:
        fonts.require_cjk_font()
        with letter.file.open("rb") as handle:
            docx = handle.read()
        title = f"{letter.get_kind_display()} {letter.letter_no}".strip()
        content = HTML(string=to_html(docx, title=title, seal=seal)).write_pdf()
        cache.set(key, content, 24 * 3600)
    return content
