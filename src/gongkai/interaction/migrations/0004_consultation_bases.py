"""The minimum consultation periods by legal basis (editable in the admin), with their sources."""

from django.db import migrations

BASES = [
    ("rule", "规章草案", 30, "days", "《规章制定程序条例》（2017）第十五条：向社会公布征求意见，期限一般不少于30日"),
    ("major", "重大行政决策", 30, "days", "《重大行政决策程序暂行条例》（国务院令第713号）第十五条：征求意见期限一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明"),
    ("enterprise", "与市场主体生产经营活动密切相关的规章、规范性文件", 30, "days", "《优化营商环境条例》（2019）第六十二条：一般不少于30日"),
    ("normative", "行政规范性文件", 7, "wd", "法治政府建设示范指标体系第24项：涉及群众切身利益的行政规范性文件公开征求意见一般不少于7个工作日"),
    ("other", "其他征集", 1, "days", "无法定最短期限"),
]


def seed(apps, schema_editor):
    basis = apps.get_model("interaction", "ConsultationBasis")
    for code, name, amount, unit, text in BASES:
        basis.objects.get_or_create(code=code, defaults={"name": name, "min_amount": amount, "unit": unit, "source_text": text})


def unseed(apps, schema_editor):
    apps.get_model("interaction", "ConsultationBasis").objects.filter(code__in=[b[0] for b in BASES]).delete()


class Migration(migrations.Migration):
    dependencies = [("interaction", "0003_consultations")]
    operations = [migrations.RunPython(seed, unseed)]
