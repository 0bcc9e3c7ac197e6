"""Chinese labels of the service catalog's audit codes (see gongkai.core.labels)."""

AUDIT_ACTIONS = {
    "servicecatalog.basic_create": "新增基本目录事项",
    "servicecatalog.item_create": "认领政务服务事项",
    "servicecatalog.guide_update": "修改办事指南",
    "servicecatalog.material_add": "添加办理材料",
    "servicecatalog.flowchart_set": "上传办理流程图",
    "servicecatalog.material_remove": "删除办理材料",
    "servicecatalog.fee_add": "添加收费项目",
    "servicecatalog.question_add": "添加常见问题",
    "servicecatalog.procedure_add": "添加特别程序",
    "servicecatalog.guide_submit": "办事指南送审",
    "servicecatalog.guide_review": "审核办事指南",
    "servicecatalog.guide_new_version": "起草办事指南新版本",
    "servicecatalog.guide_cancel": "取消政务服务事项",
    "servicecatalog.import": "导入政务服务事项",
    "servicecatalog.standard_create": "新建基层政务公开标准目录",
    "servicecatalog.entry_create": "新增标准目录事项",
    "servicecatalog.entry_tag": "关联标准目录事项",
    "servicecatalog.entry_untag": "取消关联标准目录事项",
    "servicecatalog.standard_publish": "公开标准目录",
}
