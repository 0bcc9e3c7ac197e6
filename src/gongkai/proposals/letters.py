"""The reply letter (答复函) as DOCX in 公文 format (GB/T 9704, `core.officialdoc`): the unit's name and the title,
the letter number, the addressee (the lead proposer, or the delegation, sector, party or organisation), the
point-by-point text, the unit and the date, the unit's contact person, and a copy line naming the co-signers
(each proposer gets the answer). No proposer's contacts appear in it. `render_pdf` gives the same letter as an
uneditable PDF, drawn from the DOCX (`core.officialpdf`; no seal: the letter is sealed once signed off)."""

from __future__ import annotations

import io
from datetime import date

from docx.enum.text import WD_ALIGN_PARAGRAPH

from gongkai.core import officialdoc as od
from gongkai.core import officialpdf
from gongkai.proposals.models import Body, ProposerRole, Reply


def title_of(reply: Reply) -> str:
    proposal = reply.assignment.proposal
    what = "建议" if proposal.body == Body.NPC else "提案"
    return f"对{proposal.session.name}第{proposal.number}号{what}的答复"


def _addressee(reply: Reply) -> str:
    proposal = reply.assignment.proposal
    first = proposal.proposers.exclude(role=ProposerRole.COSIGNER).first() or proposal.proposers.first()
    if first is None:
        return ""
    if first.role == ProposerRole.GROUP:
        return f"{first.name}："
    title = "代表" if proposal.body == Body.NPC else "委员"
    return f"{first.name}{'' if first.name.endswith(title) else title}："


def render(reply: Reply, *, on: date | None = None) -> bytes:
    proposal = reply.assignment.proposal
    doc = od.document()
    for line in (reply.assignment.org.name, title_of(reply)):
        od.para(
            doc, line, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, font=od.TITLE_FONT, size=od.TITLE_SIZE
        )
    od.para(doc, reply.letter_no, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    od.para(doc, _addressee(reply), indent=False)
    od.para(doc, f"您提出的《{proposal.title}》收悉，现答复如下：")
    for paragraph in reply.text.splitlines():
        if paragraph.strip():
            od.para(doc, paragraph.strip())
    od.para(doc, "感谢您对我们工作的关心和支持。")
    signed_on = on or reply.sent_on
    od.para(doc, reply.assignment.org.name, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    od.para(
        doc,
        od.cn_date(signed_on) if signed_on else "（审签后填写日期）",
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        indent=False,
    )
    od.para(doc, f"（联系人：{reply.contact_person}，联系电话：{reply.contact_phone}）")
    cosigners = [p.name for p in proposal.proposers.filter(role=ProposerRole.COSIGNER)]
    if cosigners:
        od.para(doc, f"抄送：{'、'.join(cosigners)}（附议）", indent=False)
    od.para(doc, f"签发人：{reply.signer}", indent=False)
    od.keep_ending_together(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def render_pdf(reply: Reply) -> bytes:
    """The PDF of the letter; `core.fonts.FontMissing` without a Chinese font."""
    return officialpdf.letter_pdf(render(reply), title=title_of(reply))
