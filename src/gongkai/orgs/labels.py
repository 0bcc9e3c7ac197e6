"""Chinese labels of the organisations' and accounts' audit codes (see gongkai.core.labels)."""

from gongkai.orgs.models import Role

AUDIT_ACTIONS = {
    "org.approval_policy": "设置审批授权",
    "org.seal_remove": "删除电子印章",
    "org.seal_set": "设置电子印章",
    "org.create": "新建机构",
    "org.update": "修改机构信息",
    "user.create": "新建账号",
    "user.activate": "启用账号",
    "user.deactivate": "停用账号",
    "membership.grant": "授予岗位",
    "membership.revoke": "撤销岗位",
    "guide.publish": "发布公开指南",
}
AUDIT_FIELDS = {
    "username": "用户名",
    "full_name": "姓名",
    "user": "用户",
    "role": "岗位",
    "is_active": "启用",
}
AUDIT_VALUES = {"role": Role}
