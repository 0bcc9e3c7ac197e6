"""The sourced defaults of the self-check thresholds and the column update classes (docs/supervision.md):
editable in the admin, each with its source (modules-research §4.3)."""

from django.db import migrations

S19 = "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》单项否决指标"
KAIPU = "开普云“政府网站云监管平台”预警设置（预警值低于否决值）"

UPDATE_RULES = [
    ("news", "动态要闻类（2周）", 0, 14, True,
     f"{S19}“栏目不更新”：动态、要闻类栏目2周未更新；开普云 ChannelType 工作动态14天。"),
    ("notice", "通知公告、政策文件类（6个月）", 6, 0, True,
     f"{S19}“栏目不更新”：通知公告、政策文件类栏目6个月未更新。"),
    ("institutional", "机构信息、规划计划等（1年）", 12, 0, False,
     "开普云 ChannelNotUpdateType：人事信息、规划计划、领导信息、机构信息、地区介绍、财政信息、重大项目、统计信息、"
     "信息公开目录1年未更新；玉环：其他栏目至少每半年更新，可按本地要求修改。"),
]  # fmt: skip

THRESHOLDS = [
    ("home_stale", 10, 15, f"{S19}“首页不更新”：首页（本机关信息）2周未更新即否决（第15日起）；{KAIPU}：10天预警。"),
    ("stale_columns", 6, 10, f"{S19}“栏目不更新”第2项：应更新未更新栏目达10个；{KAIPU}：6个预警。"),
    ("stale_key_columns", 3, 5,
     f"{S19}“栏目不更新”第1项：动态要闻2周、通知公告和政策文件6个月未更新栏目累计达5个；3个预警为本平台默认值。"),
    ("blank_columns", 2, 5, f"{S19}“栏目不更新”第3项：空白栏目达5个；{KAIPU}：2个预警。"),
    ("oldest_unanswered", 60, 91,
     f"{S19}“互动回应差”：政务咨询类栏目有效留言超过3个月未答复（按90日计，第91日起否决）；"
     "部委自查口径“留言答复2个月未更新扣分”，60日预警。"),
    ("incomplete_guides", 1, 1, f"{S19}“服务不实用”：办事指南要素缺失（事项名称、设定依据、申请条件、办理材料等）。"),
    ("uninterpreted", 1, None, "国办发〔2016〕80号政策解读“三同步”；金东2021考核：规范性文件与解读未同步公开每件扣4分。"),
    ("late_items", 1, None,
     "《政府信息公开条例》第二十六条：形成或变更之日起20个工作日内公开；鲤城2020政务公开指数：提前或超期公开每条扣5分。"),
    ("early_items", 1, None,
     "鲤城2020政务公开指数：提前公开每条扣5分；19号文单项否决“伪造发稿日期”（发布日期早于成文日期的须核查）。"),
    ("broken_links", 1, None, "19号文扣分指标“链接可用性”“附件下载”；TRS绩效指数：每个错误链接扣0.1%。"),
    ("report_late", 1, None, "《政府信息公开条例》第五十条：每年1月31日前公布上一年度报告（各地期限见年报设置）。"),
    ("report_copied", 80, None, "鲤城2020政务公开指数：年报抄袭往年或其他单位扣5分；相似度达80%预警为本平台默认值。"),
]  # fmt: skip


REPORTING = [
    ("month", 5, "省政府办公厅政务公开工作月报：次月初报送上月工作小结和数据；本平台默认次月5日前，按上级通知修改。"),
    ("quarter", 10, "依申请公开办理情况季报：季度结束后次月报送；本平台默认次月10日前，按上级通知修改。"),
]


def seed(apps, schema_editor):
    ReportingRule = apps.get_model("supervision", "ReportingRule")
    for kind, day, source in REPORTING:
        ReportingRule.objects.get_or_create(kind=kind, defaults={"due_day": day, "source": source})
    UpdateRule = apps.get_model("supervision", "UpdateRule")
    Threshold = apps.get_model("supervision", "Threshold")
    for code, name, months, days, is_key, source in UPDATE_RULES:
        UpdateRule.objects.get_or_create(
            code=code, defaults={"name": name, "months": months, "days": days, "is_key": is_key, "source": source}
        )
    for code, warning, veto, source in THRESHOLDS:
        Threshold.objects.get_or_create(
            code=code, defaults={"warning_at": warning, "veto_at": veto, "source": source}
        )


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
