"""The code lists of GB/T 39046-2020 附录A, the channel checklist and the 26 pilot domains of the standard catalogs,
and the key elements of a complete guide, each with its source (docs/servicecatalog.md). Editable in the admin."""

from django.db import migrations

GBT = "GB/T 39046-2020《政务服务平台基础数据规范》附录A"
CODES = {
    "item_type": (f"{GBT} 表A.1 事项类型代码（11起、21起为可扩展代码）", [
        ("00", "行政权力事项"), ("01", "行政许可"), ("02", "行政处罚"), ("03", "行政强制"), ("04", "行政征收"),
        ("05", "行政给付"), ("06", "行政检查"), ("07", "行政确认"), ("08", "行政奖励"), ("09", "行政裁决"),
        ("10", "其他类别事项"), ("20", "公共服务事项"),
    ]),
    "level": (f"{GBT} 表A.2 行使层级代码", [
        ("1", "国家级"), ("2", "省级"), ("3", "市级"), ("4", "县级"), ("5", "镇（乡、街道）级"),
        ("6", "村（社区）级"), ("7", "分级管理"),
    ]),
    "subject_nature": (f"{GBT} 表A.3 实施主体性质代码", [
        ("1", "法定机关"), ("2", "授权组织"), ("3", "受委托组织"), ("9", "其他"),
    ]),
    "service_object": (f"{GBT} 表A.4 服务对象代码", [
        ("1", "自然人"), ("2", "企业法人"), ("3", "事业法人"), ("4", "社会组织法人"), ("5", "行政机关"),
        ("6", "其他组织"),
    ]),
    "handling_form": (f"{GBT} 表A.5 办理形式代码", [
        ("1", "窗口办理"), ("2", "电脑端网上办理"), ("3", "移动端网上申请"), ("4", "快递申请"), ("9", "其他"),
    ]),
    "handling_type": (f"{GBT} 表A.6 办件类型代码", [("1", "即办件"), ("2", "承诺件"), ("9", "其他")]),
    "special_procedure": (f"{GBT} 表A.7 特别程序种类代码", [("1", "延长审批"), ("2", "除延长审批之外的情况")]),
    "channel": (
        "基层政务公开标准目录“公开渠道和载体”栏的勾选项（国办发〔2019〕54号；德安、赛罕、锡林浩特、石城等县区目录页面）",
        [
            ("01", "政府网站"), ("02", "政府公报"), ("03", "两微一端"), ("04", "发布会/听证会"), ("05", "广播电视"),
            ("06", "纸质媒体"), ("07", "公开查阅点"), ("08", "政务服务中心"), ("09", "便民服务站"),
            ("10", "入户/现场"), ("11", "社区/企事业单位/村公示栏（电子屏）"), ("12", "精准推送"),
            ("13", "12345政务服务热线"), ("99", "其他"),
        ],
    ),
}  # fmt: skip

VETO = (
    "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》单项否决“服务不实用”：办事指南重点要素类别（包括事项名称、"
    "设定依据、申请条件、办理材料、……）缺失；列举之外的要素（办理地点、办理机构、收费标准、办理时间、联系电话、办理流程）"
    "按常见检查口径补足，各地可在此调整。"
)
ELEMENTS = [
    ("name", "事项名称"), ("basis", "设定依据"), ("conditions", "申请条件"), ("materials", "办理材料"),
    ("place", "办理地点"), ("agency", "办理机构"), ("fees", "收费标准"), ("hours", "办理时间"),
    ("phone", "联系电话"), ("process", "办理流程"),
]  # fmt: skip

DOMAIN_SOURCE = (
    "国办发〔2019〕54号《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》：对照国务院部门制定的26个试点领域"
    "基层政务公开标准指引编制目录。领域名称据各地目录整理，已更名者（扶贫→乡村振兴等）可在此修改。"
)
DOMAINS = [
    "重大建设项目", "公共资源交易", "财政预决算", "安全生产", "税收管理", "征地补偿", "国有土地上房屋征收与补偿",
    "农村危房改造", "保障性住房", "城乡规划", "环境保护", "食品药品监管", "公共文化服务", "公共法律服务", "救灾",
    "就业", "社会保险", "社会救助", "养老服务", "户籍管理", "涉农补贴", "义务教育", "卫生健康", "城市综合执法",
    "扶贫", "市政服务",
]


def seed(apps, schema_editor):
    Code = apps.get_model("servicecatalog", "Code")
    Element = apps.get_model("servicecatalog", "CompletenessElement")
    Domain = apps.get_model("servicecatalog", "Domain")
    for name, (source, values) in CODES.items():
        for sort, (code, label) in enumerate(values, start=1):
            Code.objects.get_or_create(list=name, code=code, defaults={"name": label, "sort": sort, "source": source})
    for sort, (key, label) in enumerate(ELEMENTS, start=1):
        Element.objects.get_or_create(key=key, defaults={"name": label, "sort": sort, "source": VETO})
    for sort, name in enumerate(DOMAINS, start=1):
        Domain.objects.get_or_create(name=name, defaults={"sort": sort, "pilot": True, "source": DOMAIN_SOURCE})


def unseed(apps, schema_editor):
    for model in ("Code", "CompletenessElement", "Domain"):
        apps.get_model("servicecatalog", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("servicecatalog", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
