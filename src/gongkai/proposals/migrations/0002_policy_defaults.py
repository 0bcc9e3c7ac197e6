"""The sourced defaults of the policy table (docs/proposals.md): one row per body, editable in the admin."""

from django.db import migrations

NPC_SOURCE = (
    "答复期限：《全国人民代表大会和地方各级人民代表大会代表法》（2025年修正）第五十一条，自交办之日起三个月内答复，"
    "涉及面广、处理难度大的六个月内答复。退回期限：各地代表建议办理规定5至10日（山东、青岛5个工作日，重庆、河南10个工作日），"
    "默认5个工作日。会办意见：一个月至两个月（重庆30个工作日），默认30个工作日。公开：国办发〔2014〕46号，答复后20个工作日内公开。"
    "不满意重新办理：北京、重庆两个月，山东、上海、浙江一个月，默认两个月。答复分类：A已解决或基本解决/B正在解决或列入计划/"
    "C因条件限制留作参考/D留作参考（各地不一，可改为甲乙丙）。"
)
CPPCC_SOURCE = (
    "《政协全国委员会提案工作条例》（2018年修订）：承办单位书面答复。办理期限各地一般为交办之日起三个月，"
    "部分城市规定统一的答复日期（如6月30日前答复完毕），可在“统一答复截止日期”中设置。其余期限同人大代表建议的默认值。"
)


def seed(apps, schema_editor):
    Policy = apps.get_model("proposals", "Policy")
    Policy.objects.get_or_create(body="npc", defaults={"source": NPC_SOURCE})
    Policy.objects.get_or_create(body="cppcc", defaults={"source": CPPCC_SOURCE})


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
