"""Letters to applicants (告知书) as DOCX in the official document format (GB/T 9704-2012).

A4, margins 37/35/28/26 mm, title in 小标宋 二号 centred, body in 仿宋 三号 with a two-character first-line indent
and a fixed line height, the organisation's name and the date at the bottom right, page numbers "— 1 —".
Every answer letter names the article behind its outcome and carries the remedy clause: administrative
reconsideration within 60 days, or a lawsuit within 6 months (行政复议法 Art. 20, 行政诉讼法 Art. 46).

One template per outcome: `OUTCOME_TEMPLATES` holds the article and the standard wording of each code of
docs/legal.md, "Disclosure on application"; the handler's own text (facts and reasons) follows it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from gongkai.core.officialdoc import TITLE_FONT, TITLE_SIZE, cn_date
from gongkai.core.officialdoc import document as _document
from gongkai.core.officialdoc import keep_ending_together as _keep_ending_together
from gongkai.core.officialdoc import para as _para
from gongkai.foi import labels
from gongkai.foi.models import Application, Channel, LetterKind, Outcome
from gongkai.orgs.models import Kind, Organization

REGULATIONS = "《中华人民共和国政府信息公开条例》"


@dataclass(frozen=True)
class OutcomeTemplate:
    article: str  # as cited in the letter
    text: str  # the standard paragraph; {regs} is the regulations' title


OUTCOME_TEMPLATES: dict[str, OutcomeTemplate] = {
    Outcome.GRANTED: OutcomeTemplate(
        "第三十六条第（二）项",
        "经审查，你（单位）申请获取的政府信息属于公开范围。根据{regs}第三十六条第（二）项的规定，本机关予以公开，"
        "向你（单位）提供该政府信息。",
    ),
    Outcome.PARTIAL: OutcomeTemplate(
        "第三十七条",
        "经审查，你（单位）申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。根据{regs}"
        "第三十七条的规定，本机关向你（单位）提供可以公开的政府信息内容，并对不予公开的内容说明理由。",
    ),
    Outcome.REFUSED_STATE_SECRET: OutcomeTemplate(
        "第十四条、第三十六条第（三）项",
        "经审查，你（单位）申请获取的政府信息属于依法确定为国家秘密的政府信息。根据{regs}第十四条、第三十六条第（三）项"
        "的规定，本机关决定不予公开。",
    ),
    Outcome.REFUSED_LAW_FORBIDS: OutcomeTemplate(
        "第十四条、第三十六条第（三）项",
        "经审查，你（单位）申请获取的政府信息属于法律、行政法规禁止公开的政府信息。根据{regs}第十四条、"
        "第三十六条第（三）项的规定，本机关决定不予公开。",
    ),
    Outcome.REFUSED_SECURITY_STABILITY: OutcomeTemplate(
        "第十四条、第三十六条第（三）项",
        "经审查，你（单位）申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。根据{regs}第十四条、"
        "第三十六条第（三）项的规定，本机关决定不予公开。",
    ),
    Outcome.REFUSED_THIRD_PARTY: OutcomeTemplate(
        "第十五条、第三十二条",
        "经审查，你（单位）申请获取的政府信息涉及商业秘密、个人隐私等，公开后会对第三方合法权益造成损害，且不公开"
        "不会对公共利益造成重大影响。根据{regs}第十五条的规定，本机关决定不予公开。",
    ),
    Outcome.REFUSED_INTERNAL_AFFAIRS: OutcomeTemplate(
        "第十六条第一款",
        "经审查，你（单位）申请获取的政府信息属于行政机关的人事管理、后勤管理、内部工作流程等方面的内部事务信息。"
        "根据{regs}第十六条第一款的规定，本机关决定不予公开。",
    ),
    Outcome.REFUSED_PROCESS_INFO: OutcomeTemplate(
        "第十六条第二款",
        "经审查，你（单位）申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、"
        "请示报告等过程性信息。根据{regs}第十六条第二款的规定，本机关决定不予公开。",
    ),
    Outcome.REFUSED_ENFORCEMENT_FILE: OutcomeTemplate(
        "第十六条第二款",
        "经审查，你（单位）申请获取的政府信息属于行政执法案卷信息。根据{regs}第十六条第二款的规定，本机关决定不予公开。",
    ),
    Outcome.REFUSED_QUERY_MATTER: OutcomeTemplate(
        "第三十六条第（七）项",
        "经审查，你（单位）申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的行政查询"
        "事项。根据{regs}第三十六条第（七）项的规定，请你（单位）依照有关法律、行政法规的规定办理。",
    ),
    Outcome.UNAVAILABLE_NOT_HELD: OutcomeTemplate(
        "第三十六条第（四）项、第（五）项",
        "经检索查找，本机关未制作、获取你（单位）申请的政府信息，或者该政府信息不属于本机关负责公开。根据{regs}"
        "第三十六条第（四）项、第（五）项的规定，本机关无法提供。",
    ),
    Outcome.UNAVAILABLE_NEEDS_COMPILING: OutcomeTemplate(
        "第三十八条",
        "经审查，你（单位）申请获取的信息需要本机关对现有政府信息进行加工、分析后才能形成，本机关没有现成信息。"
        "根据{regs}第三十八条的规定，本机关可以不予提供。",
    ),
    Outcome.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION: OutcomeTemplate(
        "第三十条",
        "本机关依照{regs}第三十条的规定一次性告知你（单位）补正申请，你（单位）补正后申请内容仍不明确，本机关无法"
        "确定你（单位）所需的政府信息，无法提供。",
    ),
    Outcome.NOT_HANDLED_PETITION: OutcomeTemplate(
        "第三十九条第一款",
        "经审查，你（单位）以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{regs}第三十九条第一款的规定，"
        "本机关不作为政府信息公开申请处理，请你（单位）通过相应的渠道提出。",
    ),
    Outcome.NOT_HANDLED_REPEATED: OutcomeTemplate(
        "第三十六条第（六）项",
        "经查，本机关已就你（单位）提出的同一内容的政府信息公开申请作出答复，你（单位）重复申请。根据{regs}"
        "第三十六条第（六）项的规定，本机关不予重复处理。",
    ),
    Outcome.NOT_HANDLED_PUBLICATION: OutcomeTemplate(
        "第三十九条第二款",
        "经审查，你（单位）要求本机关提供政府公报、报刊、书籍等公开出版物。根据{regs}第三十九条第二款的规定，"
        "本机关告知获取的途径，不作为政府信息公开申请处理。",
    ),
    Outcome.NOT_HANDLED_EXCESSIVE: OutcomeTemplate(
        "第三十五条",
        "你（单位）申请公开政府信息的数量、频次明显超过合理范围，本机关要求你（单位）说明理由，你（单位）未能说明正当"
        "理由。根据{regs}第三十五条的规定，本机关不予处理。",
    ),
    Outcome.NOT_HANDLED_CONFIRMATION: OutcomeTemplate(
        "第二条",
        "经审查，你（单位）要求本机关对有关事项进行确认或者重新出具已经获取的信息，不属于{regs}第二条所称的获取"
        "行政机关在履行行政管理职能过程中制作或者获取的、以一定形式记录、保存的信息，本机关不作为政府信息公开申请处理。",
    ),
    Outcome.OTHER_NO_CORRECTION: OutcomeTemplate(
        "第三十条",
        "本机关依照{regs}第三十条的规定告知你（单位）补正申请，你（单位）无正当理由逾期未补正，视为放弃申请，本机关"
        "不再处理该政府信息公开申请。",
    ),
    Outcome.OTHER_NO_PAYMENT: OutcomeTemplate(
        "第四十二条",
        "本机关依照{regs}第四十二条和《政府信息公开信息处理费管理办法》向你（单位）发出收费通知，你（单位）逾期未缴纳"
        "信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    Outcome.OTHER_OTHER: OutcomeTemplate(
        "第三十三条",
        "根据{regs}第三十三条的规定，本机关对你（单位）的政府信息公开申请作出如下处理。",
    ),
}
ALREADY_DISCLOSED = OutcomeTemplate(
    "第三十六条第（一）项",
    "经查，你（单位）申请获取的政府信息本机关已经主动公开。根据{regs}第三十六条第（一）项的规定，现告知你（单位）"
    "获取该政府信息的方式和途径：",
)

_TITLES: dict[str, str] = {
    LetterKind.ANSWER: "政府信息公开申请答复告知书",
    LetterKind.CORRECTION: "政府信息公开申请补正告知书",
    LetterKind.EXTENSION: "政府信息公开申请延期答复告知书",
    LetterKind.LONGER_PERIOD: "政府信息公开申请答复期限告知书",
    LetterKind.FEE: "政府信息公开信息处理费收费通知书",
    LetterKind.CONSULTATION: "政府信息公开征求意见函",
    LetterKind.ACKNOWLEDGEMENT: "政府信息公开申请受理回执",
    LetterKind.THIRD_PARTY_NOTICE: "政府信息公开决定告知书（第三方）",
    LetterKind.REASONS: "政府信息公开申请说明理由通知书",
    LetterKind.RECORD_CORRECTION: "更正政府信息记录告知书",
}


def _lines(doc, text: str) -> None:
    """Each non-empty line of what staff wrote as a paragraph of its own."""
    for line in text.splitlines():
        if line.strip():
            _para(doc, line.strip())


def consultation_statement(consultation) -> str:
    """What the record shows about the consultation an outcome rests on: its date, and the party's answer as
    recorded (never more)."""
    from gongkai.foi.models import ConsultationKind, ConsultationOpinion

    who = "第三方" if consultation.kind == ConsultationKind.THIRD_PARTY else "有关机关"
    article = "第三十二条" if consultation.kind == ConsultationKind.THIRD_PARTY else "第三十四条"
    sent = (
        f"本机关于{cn_date(consultation.started_on)}依照{REGULATIONS}{article}的规定书面征求了{who}的意见，"
    )
    ended = cn_date(consultation.ended_on) if consultation.ended_on else ""
    said = {
        ConsultationOpinion.AGREE: f"{who}于{ended}答复同意公开。",
        ConsultationOpinion.DISAGREE: f"{who}于{ended}答复不同意公开。",
        ConsultationOpinion.NO_REPLY: f"{who}在规定期限内未提出意见。",
        ConsultationOpinion.DEEMED_AGREE: f"{who}在规定期限内未提出意见，视为同意公开。",
        ConsultationOpinion.OTHER: f"{who}于{ended}提出了意见。",
    }.get(consultation.opinion, "")
    return sent + said


def template_for(outcome: str, *, already_disclosed: bool = False) -> OutcomeTemplate:
    return (
        ALREADY_DISCLOSED if already_disclosed and outcome == Outcome.GRANTED else OUTCOME_TEMPLATES[outcome]
    )


def reconsideration_body(org: Organization) -> str:
    """Who hears a reconsideration (行政复议法 2023 Art. 24): for a department, its government; for a
    government, the government above it."""
    parent = Organization.objects.get_parent(org) if org.depth > 1 else None
    while parent is not None and parent.kind != Kind.GOVERNMENT:
        parent = Organization.objects.get_parent(parent) if parent.depth > 1 else None
    return parent.name if parent is not None else "上一级人民政府"


def remedy_clause(org: Organization) -> str:
    return (
        f"如对本答复不服，可以自收到本告知书之日起60日内向{reconsideration_body(org)}申请行政复议，"
        "也可以自收到本告知书之日起6个月内依法向人民法院提起行政诉讼。"
    )


# --- Content ----------------------------------------------------------------------------------------


def _facts(application: Application) -> list[str]:
    a = application
    channel = "本平台网上申请" if a.channel == Channel.ONLINE else Channel(a.channel).label
    wanted = f"“{a.info_title}”"
    if a.info_doc_no:
        wanted += f"（文号：{a.info_doc_no}）"
    received = cn_date(a.received_on) if a.received_on else "（尚未确认）"
    lines = [
        f"本机关于{received}收到你（单位）以{channel}方式提出的政府信息公开申请（申请编号：{a.tracking_no}），"
        f"申请获取{wanted}的政府信息。"
    ]
    if a.correction_requested_on and a.correction_received_on:
        lines.append(
            f"本机关于{cn_date(a.correction_requested_on)}告知你（单位）补正申请，于{cn_date(a.correction_received_on)}"
            "收到补正后的申请，答复期限自该日起重新计算。"
        )
    if a.consultations.exists():
        lines.append(
            f"本机关依照{REGULATIONS}第三十二条、第三十四条的规定征求了有关方面的意见，征求意见期间不计算在答复期限内。"
        )
    if a.extension_days:
        lines.append(
            f"经本机关政府信息公开工作机构负责人同意，答复期限延长{a.extension_days}个工作日，已告知你（单位）。"
        )
    return lines


def _signature(doc, org: Organization, on: date) -> None:
    # Space above the signature without an empty line that could fall alone on a page.
    _para(doc, org.name, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False).paragraph_format.space_before = Pt(14)
    _para(doc, cn_date(on), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)


def _contact(doc, org: Organization) -> None:
    from gongkai.orgs.selectors import current_guide

    guide = current_guide(org)
    if guide is not None and guide.phone:
        _para(
            doc, f"（联系电话：{guide.phone}）", indent=True, size=Pt(14)
        ).paragraph_format.space_before = Pt(14)


def _body(
    doc, application: Application, kind: str, on: date, answer=None, consultation=None, due_on=None, reason="",
    record_correction=None,
):  # fmt: skip
    a = application
    regs = REGULATIONS
    if kind == LetterKind.CONSULTATION:
        party = consultation.party if consultation else "有关单位"
        _para(doc, f"{party}：", indent=False)
        reply = (
            f"于{cn_date(consultation.reply_due_on)}前"
            if consultation and consultation.reply_due_on
            else "自收到本函之日起15个工作日内"
        )
        _para(
            doc,
            f"本机关收到一份政府信息公开申请（申请编号：{a.tracking_no}），申请获取“{a.info_title}”的政府信息。"
            f"该信息的公开可能涉及你方的合法权益（或需要与你方协商确定）。根据{regs}第三十二条、第三十四条的规定，"
            f"现书面征求你方意见，请{reply}以书面形式提出是否同意公开的意见及理由。逾期未提出意见的，"
            f"由本机关依照{regs}的规定决定是否公开。",
        )
        return
    if kind == LetterKind.THIRD_PARTY_NOTICE:
        _para(doc, f"{consultation.party}：", indent=False)
        _para(
            doc,
            f"本机关于{cn_date(consultation.started_on)}就政府信息公开申请（申请编号：{a.tracking_no}）申请获取的"
            f"“{a.info_title}”书面征求你方意见，你方于{cn_date(consultation.ended_on)}答复不同意公开。",
        )
        _para(
            doc,
            f"本机关认为不公开可能对公共利益造成重大影响，根据{regs}第十五条、第三十二条的规定，决定予以公开。"
            "决定公开的政府信息内容和理由如下：",
        )
        _lines(doc, consultation.disclosure_notice_text)
        _para(
            doc,
            f"你方如对本决定不服，可以自收到本告知书之日起60日内向{reconsideration_body(a.org)}申请行政复议，"
            "也可以自收到本告知书之日起6个月内依法向人民法院提起行政诉讼。",
        )
        return
    _para(doc, f"{a.applicant_name}：", indent=False)
    facts = _facts(a)
    if kind == LetterKind.CORRECTION:
        _para(doc, facts[0])
        _para(
            doc,
            f"经审查，你（单位）的申请内容不明确。根据{regs}第三十条的规定，请你（单位）"
            + (
                f"于{cn_date(a.correction_due_on)}前"
                if a.correction_due_on
                else f"自收到本告知书之日起{a.correction_due_workdays}个工作日内"
            )
            + "对下列事项作出补正：",
        )
        _lines(doc, a.correction_items)
        _para(
            doc,
            "答复期限自本机关收到补正后的申请之日起重新计算。你（单位）无正当理由逾期不补正的，视为放弃申请，"
            "本机关不再处理该政府信息公开申请。",
        )
        return
    if kind == LetterKind.EXTENSION:
        _para(doc, facts[0])
        due = cn_date(due_on) if due_on else "（工作日历尚未录入，期限另行告知）"
        _para(
            doc,
            f"因{a.extension_reason.rstrip('。')}，本机关不能在规定期限内作出答复。根据{regs}第三十三条第二款的规定，"
            f"经本机关政府信息公开工作机构负责人同意，答复期限延长{a.extension_days}个工作日，延长后的答复期限为{due}。",
        )
        return
    if kind == LetterKind.RECORD_CORRECTION:
        item = record_correction
        _para(
            doc,
            f"你（单位）于{cn_date(item.requested_on)}提供证据，认为本机关提供的与你（单位）自身相关的政府信息记录不准确，"
            f"要求更正。需要更正的记录：{item.record}",
        )
        if item.decision == "corrected":
            _para(
                doc, f"经审核，情况属实。根据{regs}第四十一条的规定，本机关已予以更正：{item.decision_note}"
            )
        elif item.decision == "referred":
            _para(
                doc,
                f"经审核，该政府信息记录的更正不属于本机关职能范围。根据{regs}第四十一条的规定，请你（单位）向"
                f"有权更正的{item.referred_org_name}提出。{item.decision_note}",
            )
        else:
            _para(
                doc,
                f"经审核，你（单位）提供的证据不能证明该记录不准确，本机关不予更正。理由：{item.decision_note}",
            )
        _para(doc, remedy_clause(a.org).replace("本答复", "本决定"))
        return
    if kind == LetterKind.REASONS:
        assert a.reasons_due_on is not None  # asked with the day the reasons are due
        _para(doc, facts[0])
        _para(
            doc,
            f"经审查，你（单位）申请公开政府信息的数量、频次明显超过合理范围。根据{regs}第三十五条的规定，请你（单位）"
            f"于{cn_date(a.reasons_due_on)}前向本机关说明理由：",
        )
        _lines(doc, a.reasons_asked)
        _para(
            doc,
            "本机关认为申请理由不合理的，将告知你（单位）不予处理；认为申请理由合理，但是无法在规定期限内答复的，"
            "将确定延迟答复的合理期限并告知你（单位）。",
        )
        return
    if kind == LetterKind.LONGER_PERIOD:
        _para(doc, facts[0])
        due = cn_date(due_on) if due_on else "（工作日历尚未录入，期限另行告知）"
        _para(
            doc,
            f"你（单位）申请公开政府信息的数量、频次明显超过合理范围，经说明理由，本机关认为理由合理，但无法在规定期限内"
            f"答复。根据{regs}第三十五条的规定，本机关确定答复期限为{a.longer_period_days}个工作日，即{due}前作出答复。"
            f"理由：{a.longer_period_reason}",
        )
        return
    if kind == LetterKind.FEE:
        from gongkai.foi import conf

        fee = a.fee
        pay_days = conf.fee_payment_workdays()
        _para(doc, facts[0])
        basis = (
            f"你（单位）本自然月内向本机关提出的第{fee.monthly_ordinal}件申请"
            if fee.monthly_ordinal
            else f"本次提供的政府信息共{fee.pages}页"
        )
        _para(
            doc,
            f"根据{regs}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，{basis}，"
            f"按{fee.get_method_display()}方式应缴纳信息处理费{fee.amount}元。"
            + (
                f"请于{cn_date(fee.pay_by)}前缴纳。"
                if fee.pay_by
                else f"请自收到本通知之日起{pay_days}个工作日内缴纳。"
            )
            + "自发出收费通知至缴费之日的期间不计算在答复期限内；逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息"
            "公开申请。",
        )
        return
    # The answer letter (and closures without an answer, which use the same letter).
    for line in facts:
        _para(doc, line)
    _para(doc, "现答复如下：")
    outcome = answer.outcome if answer else a.outcome
    template = template_for(outcome, already_disclosed=bool(answer and answer.already_disclosed))
    consulted = answer.consultation if answer is not None else None
    if consulted is not None:
        _para(doc, consultation_statement(consulted))
        if outcome in (Outcome.GRANTED, Outcome.PARTIAL) and consulted.opinion == "disagree":
            assert consulted.disclosure_notice_on is not None  # the third party is told before the answer
            _para(
                doc,
                f"本机关认为不公开可能对公共利益造成重大影响，根据{regs}第十五条、第三十二条的规定决定予以公开，"
                f"并已于{cn_date(consulted.disclosure_notice_on)}将决定公开的政府信息内容和理由书面告知第三方。",
            )
    _para(doc, template.text.format(regs=regs))
    if answer is not None:
        if answer.already_disclosed or answer.catalog_refs:
            _lines(doc, answer.catalog_refs)
        if answer.referred_org_name:
            _para(doc, f"该政府信息由{answer.referred_org_name}负责公开，请你（单位）向该机关提出申请。")
        _lines(doc, answer.facts)
        delivered = list(a.files.filter(kind="delivered"))
        if outcome == "partial":
            delivered = [f for f in delivered if f.redacted_from_id]
            _partial_paragraphs(doc, a, answer, delivered)
        else:
            delivered = [f for f in delivered if not f.redacted_copies.exists()]
        if delivered:
            _para(doc, f"提供的政府信息可凭申请编号和查询码在本平台“{labels.TRACK_PAGE_PATH}”页面下载：")
            for index, item in enumerate(delivered, start=1):
                _para(doc, f"{index}. {item.name}")
    elif reason:
        _lines(doc, reason)
    _para(doc, remedy_clause(a.org))


def _partial_paragraphs(doc, application: Application, answer, redacted: list) -> None:
    """Partial disclosure (Art. 37): what was withheld from which file, and on which ground."""
    from gongkai.foi.models import Redaction, RedactionStatus

    done = {
        r.output_id: r
        for r in Redaction.objects.filter(
            application=application, status=RedactionStatus.DONE
        ).prefetch_related("marks")
    }
    if redacted:
        _para(
            doc,
            "根据《中华人民共和国政府信息公开条例》第三十七条，对申请公开的信息中不应当公开的内容作了区分处理，遮盖的内容及理由如下：",
        )
        for index, item in enumerate(redacted, start=1):
            redaction = done.get(item.pk)
            reasons = "；".join(
                f"{label}（第{'、'.join(str(p) for p in pages)}页）"
                for label, pages in (redaction.reasons() if redaction else [])
            )
            _para(doc, f"{index}. {item.name}：{reasons or '已作遮盖处理'}。")
    if answer.partial_reason:
        _lines(doc, answer.partial_reason)


def render(
    application: Application,
    kind: str,
    *,
    on: date,
    letter_no: str = "",
    answer=None,
    consultation=None,
    reason: str = "",
    record_correction=None,
) -> ContentFile:
    """The letter as DOCX bytes, ready to store."""
    doc = _document()
    # "你" to a person, "你单位" to an organisation (the templates say 你（单位）).
    doc.gongkai_you = "你单位" if application.is_legal_person else "你"
    _para(
        doc,
        application.org.name,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        font=TITLE_FONT,
        size=TITLE_SIZE,
    )
    _para(doc, _TITLES[kind], align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, font=TITLE_FONT, size=TITLE_SIZE)
    if letter_no:
        _para(doc, letter_no, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _para(doc, "", indent=False)
    _body(
        doc,
        application,
        kind,
        on,
        answer=answer,
        consultation=consultation,
        due_on=application.due_on,
        reason=reason,
        record_correction=record_correction,
    )
    _signature(doc, application.org, on)
    if kind not in (LetterKind.CONSULTATION, LetterKind.THIRD_PARTY_NOTICE):
        _contact(doc, application.org)
    _keep_ending_together(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return ContentFile(buffer.getvalue())


def text_of(content: bytes) -> str:
    """The plain text of a generated letter (tests and previews)."""
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
