"""Official documents (公文) as DOCX, GB/T 9704-2012: A4, margins 37/35/28/26 mm, title in 小标宋 二号 centred, body
in 仿宋 三号 with a two-character first-line indent and a fixed line height, page numbers "— 1 —". The python-docx
plumbing every letter of the platform shares (foi's 告知书, the replies to suggestions and proposals).
"""

from __future__ import annotations

from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"  # headings of the first level
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
LINE = Pt(28)


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --- python-docx plumbing ---------------------------------------------------------------------------


def set_font(run, name: str, size) -> None:
    run.font.name = name
    run.font.size = size
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def para(doc, text: str = "", *, align=None, indent: bool = True, font=BODY_FONT, size=BODY_SIZE, bold=False):
    you = getattr(doc, "gongkai_you", None)
    if you:
        text = text.replace("你（单位）", you)
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size.pt * 2)
    if align is not None:
        paragraph.alignment = align
    if text:
        run = paragraph.add_run(text)
        set_font(run, font, size)
        run.bold = bold
    return paragraph


def page_number_footer(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(paragraph.add_run("— "), "宋体", Pt(14))
    run = paragraph.add_run()
    set_font(run, "宋体", Pt(14))
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)
    set_font(paragraph.add_run(" —"), "宋体", Pt(14))


def document():
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr()
    page_number_footer(section)
    return doc


def keep_ending_together(doc) -> None:
    """The last body paragraph, the signature and the contact line stay on one page, and the last paragraph is
    not split: when the text runs long (or a reader's fonts are wider, as with LibreOffice's substitutions for
    仿宋_GB2312), they move to the next page together, never leaving a page with only the contact line or the
    date on it (GB/T 9704: no page with the signature alone)."""
    paragraphs = doc.paragraphs
    ending = [i for i, p in enumerate(paragraphs) if p.text.strip()]
    if len(ending) < 2:
        return
    # From the last paragraph of the body (the one before the signature) to the end.
    start = ending[-4] if len(ending) >= 4 else ending[0]
    for p in paragraphs[start:]:
        p.paragraph_format.keep_together = True
        if p is not paragraphs[-1]:
            p.paragraph_format.keep_with_next = True
