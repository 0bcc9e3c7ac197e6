"""Labels of the applications: the audit codes for staff (see gongkai.core.labels), and the words citizens
read for statuses and outcomes."""

import re

from gongkai.foi.models import OUTCOME_GROUPS, Outcome, Status

AUDIT_ACTIONS = {
    "application.archive": "导出案卷归档包",
    "application.reasons_receive": "收到申请人说明的理由",
    "application.reasons_request": "要求申请人说明理由（第三十五条）",
    "application.record_correction_decide": "处理更正政府信息记录的要求",
    "application.record_correction_request": "登记更正政府信息记录的要求（第四十一条）",
    "application.redaction_failed": "区分处理（遮盖）未通过检查",
    "application.redaction_produce": "生成遮盖处理后的文件",
    "application.redaction_start": "开始区分处理（遮盖）",
    "application.redaction_unmark": "撤销遮盖标记",
    "application.redaction_mark": "添加遮盖标记",
    "application.third_party_notice": "书面告知第三方决定公开（第三十二条）",
    "application.transfer_in": "接收转送的申请",
    "application.submit": "网上提交申请",
    "application.register": "登记申请",
    "application.confirm_receipt": "确认收到申请",
    "application.assign": "分办",
    "application.transfer": "转送其他机关",
    "application.note": "内部备注",
    "application.request_correction": "告知补正",
    "application.receive_correction": "收到补正",
    "application.consult_start": "征求意见",
    "application.consult_end": "征求意见结束",
    "application.extension_request": "提请延期答复",
    "application.extension_refuse": "延期未获批准",
    "application.extend": "延期答复",
    "application.longer_period": "合理延长答复期限",
    "application.fee_notice": "收费通知",
    "application.fee_paid": "缴费",
    "application.fee_waive": "减免费用",
    "application.answer_draft": "保存答复草稿",
    "application.answer_submit": "答复提交审批",
    "application.answer_return": "审批退回答复",
    "application.answer": "答复申请人",
    "application.close": "办结",
    "application.add_file": "上传提供的信息",
    "application.recompute_due": "重新计算答复期限",
    "application.evaluate": "申请人评价答复",
    "application.notification_sent": "通知申请人办理进度",
    "application.notification_failed": "通知申请人办理进度（发送失败）",
    "remedy.record": "登记行政复议/诉讼",
    "remedy.update": "更新行政复议/诉讼结果",
}
AUDIT_VALUES = {"outcome": Outcome}
AUDIT_NOTES = {"application.answer_draft": Outcome, "application.answer": Outcome}


# --- What citizens read (portal, the citizen's API, letters) ----------------------------------------
# Staff work with the statutory names (待分办, （一）予以公开…); an applicant reads where the request stands and
# what was decided, in plain words. The codes stay the same everywhere.

#: The name of the page where applicants follow their request, as the letters cite it and the page shows it.
TRACK_PAGE = "查询办理进度"
TRACK_PAGE_PATH = "依申请公开—查询办理进度"

PUBLIC_STATUS: dict[str, str] = {
    Status.SUBMITTED: "已提交，等待受理机关确认收到",
    Status.RECEIVED: "受理机关已收到，正在办理",
    Status.IN_PROGRESS: "正在办理",
    Status.AWAITING_CORRECTION: "请您补正申请",
    Status.CONSULTING: "正在征求有关方面意见",
    Status.AWAITING_PAYMENT: "请您缴纳信息处理费",
    Status.PENDING_APPROVAL: "正在办理",
    Status.CLOSED: "已答复",
}

PUBLIC_OUTCOME_GROUPS = {
    "granted": "予以公开",
    "partial": "部分公开",
    "refused": "不予公开",
    "unavailable": "无法提供",
    "not_handled": "不予处理",
    "other": "其他处理",
}
assert set(PUBLIC_OUTCOME_GROUPS) == set(OUTCOME_GROUPS)

_NUMBERING = re.compile(r"^（[一二三四五六]）(?:\d+\.)?")


def public_status(status: str) -> str:
    return PUBLIC_STATUS.get(status, str(Status(status).label) if status in Status.values else status)


def public_outcome(code: str) -> str:
    """“予以公开”, “不予公开（属于国家秘密）”: the group in plain words and, for a reason, the reason without
    the table's numbering."""
    if not code:
        return ""
    group = PUBLIC_OUTCOME_GROUPS.get(code.split(".", 1)[0], "")
    if "." not in code or code not in Outcome.values:
        return group or code
    reason = _NUMBERING.sub("", str(Outcome(code).label))
    return f"{group}（{reason}）"


def public_text(text: str) -> str:
    """A recorded summary with the statutory outcome labels (“（一）予以公开”) put in the citizen's words."""
    for code, label in _OUTCOME_LABELS_LONGEST_FIRST:
        if label in text:
            text = text.replace(label, public_outcome(code))
    return text


_OUTCOME_LABELS_LONGEST_FIRST = sorted(
    ((c, str(lbl)) for c, lbl in Outcome.choices), key=lambda cl: -len(cl[1])
)
