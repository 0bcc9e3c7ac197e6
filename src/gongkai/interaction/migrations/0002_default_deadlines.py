"""The default answer deadlines (editable in the admin), with their sources (docs/interaction.md)."""

from django.db import migrations

JINAN = "济南市12345市民服务热线条例（2018）第二十四条：5个工作日内答复；潍坊市12345政务服务便民热线条例（2021）第二十一条"
SHENYANG = "沈阳市长信箱办理规则：咨询5个工作日（含第5个工作日），投诉、求助、建议10个工作日（含第10个工作日），可延期1至2次、每次不超过5个工作日"
ANHUI = "皖政办〔2015〕12号：复杂事项15个工作日；乐清网络问效：跨单位事项15个工作日"
LIAONING = "辽宁省政府网站管理规定：网民“我为政府网站找错”留言3个工作日内答复"

#: (source, kind, complex, amount, max extensions, source text)
DEFAULTS = [
    ("", "", False, 10, 2, SHENYANG),
    ("", "consult", False, 5, 2, JINAN + "；" + SHENYANG),
    ("", "complaint", False, 10, 2, SHENYANG),
    ("", "suggestion", False, 10, 2, SHENYANG),
    ("", "help", False, 10, 2, SHENYANG),
    ("", "report", False, 10, 2, SHENYANG),
    ("", "", True, 15, 2, ANHUI),
    ("12345", "", False, 5, 1, JINAN),
    ("zhaocuo", "", False, 3, 0, LIAONING),
]


def seed(apps, schema_editor):
    policy = apps.get_model("interaction", "DeadlinePolicy")
    for source, kind, complex_, amount, extensions, text in DEFAULTS:
        policy.objects.get_or_create(
            channel=None,
            source=source,
            kind=kind,
            complex=complex_,
            defaults={
                "amount": amount,
                "unit": "wd",
                "next_day": True,
                "include_last": True,
                "max_extensions": extensions,
                "extension_amount": 5,
                "return_window_hours": 24,
                "source_text": text,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("interaction", "DeadlinePolicy").objects.filter(channel=None).delete()


class Migration(migrations.Migration):
    dependencies = [("interaction", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
