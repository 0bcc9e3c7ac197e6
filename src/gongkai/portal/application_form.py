"""The printable application form (政府信息公开申请表) for letters and walk-ins, as DOCX and PDF.

Both are built from one list of rows, `paper_rows()`, which is read from the online form itself
(`foi.forms.PortalApplicationForm`): its data fields in order, with their labels and choices, then the identity
proofs and the applicant's declaration. A field added to the online form appears on the paper form.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.orgs.models import Guide, Organization

#: Rows that group the online form's fields on paper: (section title, first field of the section).
SECTIONS = [("申请人信息", "applicant_type"), ("所需政府信息", "info_title"), ("获取方式", "delivery_form")]


@dataclass(frozen=True)
class PaperRow:
    name: str  # the online form's field name
    label: str
    choices: tuple[str, ...] = ()  # printed as tick boxes
    required: bool = False
    help: str = ""
    tall: bool = False  # several lines to write on
    section: str = ""  # starts a section


def paper_rows() -> list[PaperRow]:
    from django import forms

    from gongkai.foi.forms import PortalApplicationForm

    form = PortalApplicationForm()
    starts = {first: title for title, first in SECTIONS}
    rows = []
    for name in PortalApplicationForm.DATA_FIELDS:
        field = form.fields[name]
        choices: tuple[str, ...] = ()
        if isinstance(field, forms.ChoiceField):
            # the getter gives the normalised (value, label) list; the stubs type it as the setter's input
            choices = tuple(str(label) for value, label in field.choices if value)  # type: ignore[misc,union-attr]
        rows.append(
            PaperRow(
                name=name,
                label=str(field.label),
                choices=choices,
                required=field.required,
                help=str(field.help_text or ""),
                tall=isinstance(field.widget, forms.Textarea),
                section=starts.get(name, ""),
            )
        )
    attachments = form.fields["attachments"]
    rows.append(
        PaperRow(
            name="attachments",
            label=str(attachments.label),
            help="请附身份证件或统一社会信用代码证书复印件",
            section="附件",
        )
    )
    return rows


def declaration() -> str:
    from gongkai.foi.forms import PortalApplicationForm

    return str(PortalApplicationForm.base_fields["confirm"].label)


def context(org: Organization, guide: Guide | None) -> dict:
    return {
        "org": org,
        "guide": guide,
        "rows": paper_rows(),
        "declaration": declaration(),
        "generated": timezone.localdate(),
        "title": "政府信息公开申请表",
    }


def to_pdf(org: Organization, guide: Guide | None) -> bytes:
    from weasyprint import HTML

    from gongkai.core import fonts

    fonts.require_cjk_font()
    html = render_to_string("portal/application_form_print.html", context(org, guide))
    return HTML(string=html).write_pdf()


def _font(run, *, size: float | None = None, bold: bool = False, east_asia: str = "宋体") -> None:
    from gongkai.reports.exports import (
        docx_font,  # the reports' Word runs: Times New Roman with an East Asian face
    )

    docx_font(run, east_asia=east_asia, size=size, bold=bold)


def to_docx(org: Organization, guide: Guide | None) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    ctx = context(org, guide)
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(ctx["title"]), size=18, bold=True, east_asia="黑体")
    receiver = doc.add_paragraph()
    _font(receiver.add_run(f"受理机关：{org.name}"), size=11)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for row in ctx["rows"]:
        if row.section:
            cells = table.add_row().cells
            merged = cells[0].merge(cells[1])
            _font(merged.paragraphs[0].add_run(row.section), size=11, bold=True, east_asia="黑体")
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(5.5), Cm(11.5)
        _font(cells[0].paragraphs[0].add_run(row.label + ("*" if row.required else "")), size=10.5)
        value = cells[1].paragraphs[0]
        if row.choices:
            _font(value.add_run("　".join(f"□{choice}" for choice in row.choices)), size=10.5)
        elif row.tall:
            _font(value.add_run("\n\n\n"), size=10.5)
        if row.help:
            note = cells[1].add_paragraph()
            _font(note.add_run(row.help), size=9)
    cells = table.add_row().cells
    merged = cells[0].merge(cells[1])
    _font(merged.paragraphs[0].add_run(ctx["declaration"]), size=10.5)
    signature = merged.add_paragraph()
    _font(
        signature.add_run("申请人签名（盖章）：　　　　　　　　　　　申请日期：　　　年　　月　　日"),
        size=10.5,
    )
    notes = doc.add_paragraph()
    _font(notes.add_run("填表说明：带*号的为必填项。"), size=9)
    if guide is not None:
        address = f"{guide.address}（邮编 {guide.postcode}）" if guide.postcode else guide.address
        lines = [
            f"信函申请请寄：{address}，{guide.office_name}收，并在信封左下角注明“政府信息公开申请”字样。",
            f"当面申请：{guide.office_hours}到上述地址提交。联系电话：{guide.phone}。",
        ]
        if guide.fax:
            lines.append(f"传真：{guide.fax}。")
        for line in lines:
            _font(doc.add_paragraph().add_run(line), size=9)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
