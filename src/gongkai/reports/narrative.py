"""Draft texts of the narrative parts (一、五、六), written from the figures in the seed report's manner.

The office edits them; a draft is only a starting point and is never regenerated over edited text unless the
office asks (`annual_report_redraft`).
"""

from __future__ import annotations

from gongkai.reports.selectors import outcome_codes


def _n(value) -> str:
    """Numbers as the official reports write them: 66366, not 66,366."""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def overview(report: dict) -> str:
    year = report["year"]
    who = report["subject"]
    p = report["proactive"]
    t3 = report["table3"]["rows"]
    t4 = report["table4"]
    paragraphs = []
    first = (
        f"{year}年，{who}深入贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
        f"推进决策、执行、管理、服务、结果公开，依法做好主动公开和依申请公开工作。"
    )
    paragraphs.append(first)
    text = f"（一）主动公开。{year}年，{who}主动公开政府信息{_n(p['total'])}条，其中：规范性文件{_n(p['normative'])}件，其他信息{_n(p['other'])}条。"
    for seg in p["segments"]:
        if len(p["segments"]) > 1 and not seg["is_lower"]:
            text += f"{seg['label']}主动公开政府信息{_n(seg['total'])}条，其中：规范性文件{_n(seg['normative'])}件，其他信息{_n(seg['other'])}条。"
    if p.get("lower"):
        lw = p["lower"]
        text += f"{lw['label']}主动公开政府信息{_n(lw['total'])}条，其中：规范性文件{_n(lw['normative'])}件，其他信息{_n(lw['other'])}条。"
    if p["by_channel"]:
        channels = "，".join(f"{c['label']}{_n(c['count'])}条" for c in p["by_channel"])
        # Counted per publication: one piece of information may go out on several channels, and a channel may
        # carry information of earlier years, so the channels need not add up to the total above.
        text += f"按发布渠道统计（同一信息在多个渠道发布的分别计数）：{channels}。"
    if p["late"]:
        text += f"未在规定期限内公开的信息{_n(p['late'])}条。"
    paragraphs.append(text)
    closed = t3["outcome_total"]["total"]
    granted = t3["granted"]["total"]
    partial = t3["partial"]["total"]
    text = (
        f"（二）依申请公开。{year}年，{who}新收政府信息公开申请{_n(t3['received']['total'])}件，"
        f"上年结转{_n(t3['carried_in']['total'])}件；办结{_n(closed)}件，其中予以公开{_n(granted)}件、部分公开{_n(partial)}件"
    )
    others = closed - granted - partial
    if others:
        text += f"、其他办理结果{_n(others)}件"
    text += f"；结转下年度继续办理{_n(t3['carried_out']['total'])}件。"
    paragraphs.append(text)
    recon = t4["reconsideration"]["total"]
    lit = t4["litigation_direct"]["total"] + t4["litigation_after_reconsideration"]["total"]
    if recon or lit:
        corrected = (
            t4["reconsideration"]["corrected"]
            + t4["litigation_direct"]["corrected"]
            + t4["litigation_after_reconsideration"]["corrected"]
        )
        text = f"（三）因政府信息公开工作被申请行政复议{_n(recon)}件、提起行政诉讼{_n(lit)}件，其中结果被纠正{_n(corrected)}件。"
        text += remedies_explained(report)
        paragraphs.append(text)
    else:
        paragraphs.append("（三）全年未发生因政府信息公开工作引起的行政复议、行政诉讼。")
    paragraphs.append(
        "（四）政府信息管理与平台建设。【请工作机构补充：政府信息管理、公开平台建设、监督保障（考核、社会评议和责任追究）等情况。】"
    )
    return "\n".join(paragraphs)


def remedies_explained(report: dict) -> str:
    """How table 4 counts: in the year filed, with the result as at 31 December (a case decided later stays
    尚未审结 in this year's table); cases recorded after the filing year's report was published count here."""
    notes = report.get("table4_notes") or {}
    text = "表四按申请行政复议、提起行政诉讼的年度统计，结果为截至本年末的状态"
    if notes.get("pending"):
        text += f"；年末尚未审结{_n(notes['pending'])}件，以后年度审结的，结果不再调整本年度数据"
    text += "。"
    if notes.get("filed_earlier"):
        text += (
            f"另有{_n(notes['filed_earlier'])}件于以前年度申请或起诉、在该年度报告发布后方登记，计入本年度。"
        )
    return text


def problems(report: dict) -> str:
    p = report["proactive"]
    t3 = report["table3"]["rows"]
    lines = []
    issues = []
    if p["late"]:
        issues.append(f"部分信息公开不够及时，全年有{_n(p['late'])}条信息超过规定期限公开")
    unavailable = sum(t3[c]["total"] for c in outcome_codes() if c.startswith("unavailable."))
    if unavailable:
        issues.append(f"“无法提供”类答复{_n(unavailable)}件，信息管理基础仍需加强")
    if t3["carried_out"]["total"]:
        issues.append(f"年末尚有{_n(t3['carried_out']['total'])}件申请结转下年度办理")
    if issues:
        lines.append("（一）存在的主要问题：" + "；".join(issues) + "。")
    else:
        lines.append("（一）存在的主要问题：【请工作机构补充。】")
    lines.append(
        "（二）改进措施：加强政策文件的解读和及时公开，完善政府信息公开审查和依申请公开办理机制，"
        "加强业务培训和监督考核。【请工作机构结合实际修改。】"
    )
    return "\n".join(lines)


def other_matters(report: dict) -> str:
    fees = report["fees_collected"]
    if fees["count"]:
        amount = fees["amount_yuan"]
        text = f"依据《政府信息公开信息处理费管理办法》，本年度收取信息处理费{fees['count']}笔，共计{amount:.2f}元。"
    else:
        text = "本年度未收取信息处理费。"
    return (
        text
        + "\n【请工作机构补充其他需要报告的事项，如人大代表建议和政协提案办理结果公开情况、年度工作要点落实情况等。】"
    )


def drafts(report: dict) -> dict[str, str]:
    return {
        "overview": overview(report),
        "problems": problems(report),
        "other_matters": other_matters(report),
    }
