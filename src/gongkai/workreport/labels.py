"""Chinese labels of the work report's audit codes (see gongkai.core.labels)."""

AUDIT_ACTIONS = {
    "workreport.create": "新建政务公开工作总结",
    "workreport.update": "修改政务公开工作总结",
    "workreport.redraft": "重新起草政务公开工作总结",
    "workreport.publish": "发布政务公开工作总结",
}
AUDIT_FIELDS: dict[str, str] = {}
