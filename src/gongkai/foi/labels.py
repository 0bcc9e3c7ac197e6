"""Chinese labels of the applications' audit codes (see gongkai.core.labels)."""

from gongkai.foi.models import Outcome

AUDIT_ACTIONS = {
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
    "remedy.record": "登记行政复议/诉讼",
    "remedy.update": "更新行政复议/诉讼结果",
}
AUDIT_VALUES = {"outcome": Outcome}
AUDIT_NOTES = {"application.answer_draft": Outcome, "application.answer": Outcome}
