"""Chinese labels of the reports' audit codes (see gongkai.core.labels)."""

AUDIT_ACTIONS = {
    "report.return": "退回年度报告",
    "report.submit": "提交年度报告审批",
    "report.create": "新建年度报告",
    "report.update": "修改年度报告",
    "report.publish": "发布年度报告",
    "report.redraft": "重新起草年度报告",
    "report.office_figures": "填报工作机构数据",
    "report.remind": "发送年度报告提醒",
}
AUDIT_FIELDS = {"catalog_index_no": "目录索引号"}
