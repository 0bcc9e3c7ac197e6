"""Seed the topic tree (State Council 主题分类), the genres (公文种类 + website additions) and the focus areas.

Data only; administrators edit the rows afterwards in the Django admin. Reversing removes the seeded codes
that no item uses.
"""

from django.db import migrations

TOPICS = [
    ("01", "国务院组织机构", []),
    ("02", "综合政务", ["应急管理", "电子政务", "政务公开", "政务督查", "文秘工作", "信访", "其他"]),
    ("03", "国民经济管理、国有资产监管", ["宏观经济", "经济体制改革", "国民经济发展规划、计划", "物价", "国有资产监管", "统计", "其他"]),
    ("04", "财政、金融、审计", ["财政", "税务", "银行", "保险", "证券", "审计", "外汇", "其他"]),
    ("05", "国土资源、能源", ["土地", "矿产", "海洋", "测绘", "电力", "煤炭", "石油与天然气", "核能", "节能与资源综合利用", "其他"]),
    ("06", "农业、林业、水利", ["农业、畜牧业、渔业", "林业", "水利", "扶贫", "其他"]),
    ("07", "工业、交通", ["工业", "交通运输", "信息产业（含电信）", "邮政", "其他"]),
    ("08", "商贸、海关、旅游", ["国内贸易（含供销）", "对外经贸合作", "海关", "旅游", "服务业", "其他"]),
    ("09", "市场监管、安全生产监管", ["工商", "质量监督", "食品药品监管", "安全生产监管", "其他"]),
    ("10", "城乡建设、环境保护", ["城乡建设（含住房）", "城市规划", "环境监测、保护与治理", "气象、水文、地震", "其他"]),
    ("11", "科技、教育", ["科技", "教育", "知识产权", "其他"]),
    ("12", "文化、广电、新闻出版", ["文化", "广播、电视、电影", "新闻出版", "文物", "其他"]),
    ("13", "卫生、体育", ["卫生", "医药管理", "体育", "其他"]),
    ("14", "人口与计划生育、妇女儿童工作", ["人口与计划生育", "妇女儿童", "其他"]),
    ("15", "劳动、人事、监察", ["劳动就业", "人事工作", "社会保障", "监察", "机构编制", "其他"]),
    ("16", "公安、安全、司法", ["公安", "安全", "司法", "其他"]),
    ("17", "民政、扶贫、救灾", ["社会福利", "减灾救灾", "行政区划与地名", "社团管理", "优抚安置", "其他"]),
    ("18", "民族、宗教", ["民族事务", "宗教事务", "其他"]),
    ("19", "对外事务", ["外事", "其他"]),
    ("20", "港澳台侨工作", ["港澳", "台湾", "侨务", "其他"]),
    ("21", "国防", ["国防动员", "其他"]),
    ("22", "其他", []),
]

GENRES = [
    ("resolution", "决议"), ("decision", "决定"), ("order", "命令（令）"), ("communique", "公报"),
    ("announcement", "公告"), ("public-notice", "通告"), ("opinion", "意见"), ("notice", "通知"),
    ("circular", "通报"), ("report", "报告"), ("request", "请示"), ("reply", "批复"), ("motion", "议案"),
    ("letter", "函"), ("minutes", "纪要"),
    ("rule", "规章"), ("normative", "规范性文件"), ("plan", "规划"), ("programme", "计划"),
    ("summary", "总结"), ("statistics", "统计数据"), ("publicity", "公示公告"), ("service-guide", "办事指南"),
    ("picture", "图片"), ("video", "音视频"), ("regulation", "法规"), ("work-report", "工作报告"),
    ("other", "其他"),
]

FOCUS = [
    ("growth", "稳增长", [("growth-investment", "扩大有效投资"), ("growth-consumption", "促进消费"),
                          ("growth-projects", "重大项目建设"), ("growth-employment", "稳定和扩大就业")]),
    ("reform", "促改革", [("reform-streamline", "放管服改革"), ("reform-approval", "行政审批制度改革"),
                          ("reform-soe", "国资国企改革"), ("reform-fiscal", "财税金融体制改革"),
                          ("reform-business", "优化营商环境")]),
    ("structure", "调结构", [("structure-industry", "产业结构调整"), ("structure-innovation", "创新驱动发展"),
                             ("structure-capacity", "化解过剩产能"), ("structure-green", "节能减排与绿色发展")]),
    ("livelihood", "惠民生", [("livelihood-poverty", "脱贫攻坚与乡村振兴"), ("livelihood-assistance", "社会救助"),
                              ("livelihood-education", "教育"), ("livelihood-health", "医疗卫生"),
                              ("livelihood-housing", "保障性住房"), ("livelihood-environment", "环境保护"),
                              ("livelihood-food", "食品药品安全"), ("livelihood-safety", "安全生产")]),
    ("risk", "防风险", [("risk-debt", "政府债务"), ("risk-finance", "金融风险防范"),
                        ("risk-emergency", "突发事件应对"), ("risk-pollution", "污染防治")]),
]  # fmt: skip


def seed(apps, schema_editor):
    Topic = apps.get_model("catalog", "Topic")
    Genre = apps.get_model("catalog", "Genre")
    FocusArea = apps.get_model("catalog", "FocusArea")
    for i, (code, name, children) in enumerate(TOPICS, start=1):
        parent, _ = Topic.objects.get_or_create(code=code, defaults={"name": name, "sort_order": i})
        for j, child in enumerate(children, start=1):
            Topic.objects.get_or_create(
                code=f"{code}{j:02d}", defaults={"name": child, "parent": parent, "sort_order": j}
            )
    for i, (code, name) in enumerate(GENRES, start=1):
        Genre.objects.get_or_create(code=code, defaults={"name": name, "sort_order": i})
    for i, (code, name, children) in enumerate(FOCUS, start=1):
        parent, _ = FocusArea.objects.get_or_create(code=code, defaults={"name": name, "sort_order": i})
        for j, (child_code, child_name) in enumerate(children, start=1):
            FocusArea.objects.get_or_create(
                code=child_code, defaults={"name": child_name, "parent": parent, "sort_order": j}
            )


def unseed(apps, schema_editor):
    """Remove what `seed` added and nothing else: taxonomy rows an administrator added stay, and so does any
    row an item uses."""
    Topic = apps.get_model("catalog", "Topic")
    Genre = apps.get_model("catalog", "Genre")
    FocusArea = apps.get_model("catalog", "FocusArea")
    topic_codes = {code for code, _n, _c in TOPICS} | {
        f"{code}{j:02d}" for code, _n, children in TOPICS for j in range(1, len(children) + 1)
    }
    focus_codes = {code for code, _n, _c in FOCUS} | {c for _p, _n, children in FOCUS for c, _cn in children}
    topics = Topic.objects.filter(code__in=topic_codes, items__isnull=True)
    topics.filter(parent__isnull=False).delete()
    topics.filter(children__isnull=True).delete()
    Genre.objects.filter(code__in=[code for code, _n in GENRES], items__isnull=True).delete()
    areas = FocusArea.objects.filter(code__in=focus_codes, items__isnull=True)
    areas.filter(parent__isnull=False).delete()
    areas.filter(children__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
