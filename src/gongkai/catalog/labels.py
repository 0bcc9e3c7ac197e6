"""Chinese labels of the catalog's audit codes (see gongkai.core.labels)."""

from gongkai.catalog.models import ReviewConclusion

AUDIT_ACTIONS = {
    "item.attachment_extract": "重新读取附件文字",
    "item.recompute_due": "重新计算公开期限",
    "item.create": "起草信息",
    "item.update": "修改草稿",
    "item.discard": "删除草稿",
    "item.submit": "提交审核",
    "item.review": "审核",
    "item.schedule": "设置定时发布",
    "item.unschedule": "取消定时发布",
    "item.publish": "发布信息",
    "item.import": "批量导入",
    "item.withdraw": "撤回信息",
    "item.correct": "更正信息",
    "item.set_validity": "变更有效性",
    "item.attachment_add": "上传附件",
    "item.attachment_remove": "删除附件",
    "item.rendition": "重新生成附件",
    "publication.record": "登记发布渠道",
}
AUDIT_FIELDS = {
    "conclusion": "审核结论",
    "escalated_to": "提请",
    "scheduled_at": "定时发布时间",
    "name": "文件名",
    "kind": "类型",
    "size": "大小（字节）",
    "sha256": "SHA-256",
    "reason": "原因",
    "count": "数量",
}
AUDIT_VALUES = {"conclusion": ReviewConclusion}
