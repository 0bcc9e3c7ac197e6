"""Chinese labels of the interpretation app's audit codes (see gongkai.core.labels)."""

AUDIT_ACTIONS = {
    "interpretation.create": "起草政策解读",
    "interpretation.update": "修改政策解读",
    "interpretation.deadline": "政策解读超期标记",
    "conference.create": "登记新闻发布会",
    "conference.update": "修改新闻发布会",
    "conference.publish": "发布新闻发布会",
    "conference.media_add": "上传发布会图片或视频",
    "conference.media_remove": "删除发布会图片或视频",
    "response.record": "登记回应关切",
    "gazette.create": "新建政府公报期次",
    "gazette.contents": "编排公报目录",
    "gazette.publish": "发布政府公报",
    "media.account": "登记新媒体账号",
    "media.post": "登记新媒体发布",
    "media.import": "导入新媒体发布记录",
    "media.monthly": "登记月度发布数量",
}
