"""The demo's own documents: what each organ of 抚顺市 writes and publishes itself, in its own remit.

Each family is a function of (organisation, year, random) that yields (month, day, Draft): the day the document
is formed (moved to a working day by the caller) and its content. Bodies are written for the organ that
publishes them (its name, its region, its own 文号 series); nothing here is taken from another region.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from gongkai.catalog.models import StatutoryClass as C
from gongkai.orgs.models import Organization


@dataclass
class Draft:
    title: str
    genre: str  # Genre.code
    topic: str  # Topic.code
    klass: str  # StatutoryClass
    paragraphs: list[str]
    stage: str = ""
    doc_no: bool = True  # numbered in the organ's own 文号 series
    normative: bool = False
    focus: list[str] = field(default_factory=list)
    summary: str = ""
    series: str = ""  # a normative document's subject: later versions replace earlier ones


PLACES = [
    "新华大街",
    "中央大街",
    "浑河南路",
    "将军桥",
    "东一路",
    "雷锋路",
    "临江路",
    "裕民路",
    "新城路",
    "抚顺城路",
]
STREETS = ["永安社区", "东公园社区", "雷锋社区", "新华社区", "光明社区", "和平社区"]
VILLAGES = ["大堡村", "前甸村", "下章党村", "后安村", "南杂木村", "高家村"]
COMPANIES = [
    "抚顺某石化设备制造有限公司", "抚顺某新型建材有限公司", "抚顺某热电有限公司", "抚顺某精细化工有限公司",
    "抚顺某食品有限公司", "抚顺某汽车维修服务有限公司", "抚顺某物流有限公司", "抚顺某矿业有限公司",
]  # fmt: skip
QUARTERS = ["一", "二", "三", "四"]


def region_of(org) -> str:
    """The region an organ speaks for: 抚顺市, or its county/district."""
    name = org.name
    for suffix in ("人民政府办公室", "人民政府"):
        if name.endswith(suffix) and name.startswith("抚顺市"):
            return "抚顺市"
    if name.startswith("抚顺市"):
        return "抚顺市"
    parent = Organization.objects.get_parent(org)
    while parent is not None and parent.get_depth() > 2:
        parent = Organization.objects.get_parent(parent)
    base = parent if parent is not None and parent.get_depth() == 2 else org
    return base.name.removesuffix("人民政府")


def _signature(org, paragraphs: list[str]) -> list[str]:
    return [*paragraphs, org.name]


# --- Families ------------------------------------------------------------------------------------


def city_work_report(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    growth = rnd.choice(["5.0%", "5.2%", "5.5%", "5.8%", "6%"])
    yield 1, 16, Draft(
        f"{year}年抚顺市人民政府工作报告", "work-report", "0303", C.A20_03,
        [
            f"——{year}年1月在抚顺市人民代表大会会议上",
            "各位代表：现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。",
            f"一、{year - 1}年工作回顾",
            "过去一年，在市委的坚强领导下，全市上下坚持稳中求进工作总基调，全力以赴稳增长、调结构、促改革、"
            "防风险、保民生，经济社会发展保持稳定向好态势。石化、冶金、装备制造等传统产业加快转型升级，"
            "营商环境持续优化，“放管服”改革不断深化，一网通办事项比例进一步提高。",
            "生态环境质量持续改善，浑河抚顺段水质稳定达到国家考核要求，城市空气质量优良天数比例提高。"
            "城镇老旧小区改造、城市供热管网改造等民生工程按期完成，城乡居民收入稳步增长。",
            f"二、{year}年工作安排",
            f"{year}年经济社会发展的主要预期目标是：地区生产总值增长{growth}左右，一般公共预算收入稳定增长，"
            "城镇新增就业保持稳定，居民消费价格涨幅控制在3%左右，完成省下达的节能减排目标任务。",
            "重点做好以下工作：（一）坚定不移推进产业振兴，做强做优石化产业基地；（二）持续优化营商环境，"
            "深化政务公开和“一网通办”；（三）扎实推进生态文明建设，巩固大气、水、土壤污染防治成效；"
            "（四）着力保障和改善民生，办好十件民生实事；（五）加强政府自身建设，坚持依法行政。",
            "各位代表，让我们在市委的坚强领导下，凝心聚力、实干担当，为全面振兴新突破贡献抚顺力量！",
        ],
        stage="decision", doc_no=False, focus=["growth"],
        summary=f"抚顺市人民政府向抚顺市人民代表大会所作的{year}年政府工作报告。",
    )  # fmt: skip


def office_open_government_plan(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    yield 4, 10, Draft(
        f"抚顺市人民政府办公室关于印发{year}年抚顺市政务公开工作要点的通知", "notice", "0203", C.A20_15,
        [
            "各县、区人民政府，市政府各部门，各有关单位：",
            f"《{year}年抚顺市政务公开工作要点》已经市政府同意，现印发给你们，请结合实际认真贯彻落实。",
            f"{year}年抚顺市政务公开工作要点",
            "一、围绕稳住经济大盘加强政策发布解读。及时公开稳经济、促发展的政策措施，做好政策解读和回应关切，"
            "重要政策文件与解读材料同步组织、同步审签、同步部署。",
            "二、围绕保障和改善民生加强信息公开。重点做好就业、教育、医疗、社会保障、住房保障等领域信息公开，"
            "推进基层政务公开标准化规范化建设。",
            "三、加强政府信息管理。严格落实公开前审查，按照《中华人民共和国政府信息公开条例》规定的时限及时公开"
            "主动公开的政府信息，依法规范办理政府信息公开申请。",
            "四、加强政务公开平台建设。持续优化政府网站政府信息公开专栏，按时发布政府信息公开工作年度报告。",
            "五、强化监督保障。将政务公开工作纳入绩效考核，市政府办公室定期对各地区、各部门工作情况进行检查。",
        ],
        stage="execution", summary=f"部署{year}年全市政务公开重点工作。",
    )  # fmt: skip


def office_holiday_notice(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    yield 12, 18, Draft(
        f"抚顺市人民政府办公室关于做好{year + 1}年元旦春节期间有关工作的通知", "notice", "0205", C.A20_15,
        [
            "各县、区人民政府，市政府各部门：",
            f"{year + 1}年元旦、春节即将到来。为确保全市人民度过欢乐祥和的节日，现就有关工作通知如下：",
            "一、切实做好节日期间市场供应和价格监管，保障粮油肉蛋菜等生活必需品供应充足、价格基本稳定。",
            "二、全面开展安全生产大检查，重点做好燃气、供热、消防、道路交通和人员密集场所的安全管理。",
            "三、做好困难群众走访慰问和临时救助工作，确保农民工工资按时足额支付。",
            "四、严格落实节日期间领导带班和值班制度，遇有重大突发事件，按规定及时报告、妥善处置。",
        ],
        stage="execution",
    )  # fmt: skip


def office_emergency_plan(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    if year % 3 != 0:
        return
    subject = {0: "防汛抗旱", 1: "突发地质灾害", 2: "冬季供热突发事件"}[(year // 3) % 3]
    yield 6, 2, Draft(
        f"抚顺市人民政府办公室关于印发抚顺市{subject}应急预案的通知", "notice", "0201", C.A20_12,
        [
            "各县、区人民政府，市政府各部门，各有关单位：",
            f"经市政府同意，现将修订后的《抚顺市{subject}应急预案》印发给你们，请认真组织实施。",
            "一、总则。为建立健全统一指挥、分级负责、反应迅速的应急处置机制，最大程度减少突发事件造成的损失，"
            "依据《中华人民共和国突发事件应对法》等法律法规，制定本预案。",
            "二、组织指挥体系。市政府设立应急指挥部，由分管副市长任总指挥，成员单位按职责分工负责。",
            "三、预警与响应。按照突发事件可能造成的危害程度，预警级别分为四级，分别用红色、橙色、黄色和蓝色标示，"
            "响应级别相应分为Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级。",
            "四、保障措施。各地区、各部门应当加强应急队伍、物资、通信和资金保障，定期组织演练。",
            "五、附则。本预案由市应急管理局负责解释，自印发之日起施行。",
        ],
        stage="decision", focus=["risk-emergency"],
    )  # fmt: skip


def city_normative(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    """Normative documents of the city government: a few subjects, each re-issued every few years."""
    subjects = [
        ("城市道路挖掘管理办法", "1001", C.A20_01, "城市道路挖掘", "市住房和城乡建设局"),
        ("政府投资项目管理办法", "0303", C.A20_01, "政府投资项目", "市发展和改革委员会"),
        ("重大行政决策程序规定", "0207", C.A20_01, "重大行政决策", "市司法局"),
        ("城乡居民最低生活保障办法", "1701", C.A20_01, "城乡居民最低生活保障", "市民政局"),
        ("扬尘污染防治管理办法", "1003", C.A20_01, "扬尘污染防治", "市生态环境局"),
    ]
    if year == 2019:  # made once, for five years: it has expired since
        yield 7, 8, Draft(
            "抚顺市人民政府关于印发抚顺市促进民营经济发展若干政策措施的通知", "normative", "0301", C.A20_01,
            [
                "各县、区人民政府，市政府各部门：",
                "现将《抚顺市促进民营经济发展若干政策措施》印发给你们，请认真贯彻落实。",
                "一、降低企业经营成本。落实国家和省减税降费政策，规范涉企收费。",
                "二、缓解融资难融资贵。设立应急转贷资金，扩大政府性融资担保覆盖面。",
                "三、优化营商环境。推行企业开办“一网通办”，压缩工程建设项目审批时间。",
                "四、本政策措施自印发之日起施行，有效期五年。",
            ],
            stage="decision", normative=True, series="促进民营经济发展若干政策措施",
        )  # fmt: skip
    for index, (name, topic, klass, subject, lead) in enumerate(subjects):
        if (year - 2017 - index) % 4 != 0:
            continue
        yield 3 + index * 2, 12, Draft(
            f"抚顺市人民政府关于印发抚顺市{name}的通知", "normative", topic, klass,
            [
                "各县、区人民政府，市政府各部门，各有关单位：",
                f"现将《抚顺市{name}》印发给你们，请认真贯彻执行。",
                f"抚顺市{name}",
                f"第一条 为了规范{subject}工作，维护公共利益和当事人合法权益，根据有关法律、法规和规章，"
                "结合本市实际，制定本办法。",
                f"第二条 本市行政区域内的{subject}及其监督管理活动，适用本办法。",
                f"第三条 {lead}负责本办法的组织实施，其他有关部门按照各自职责做好相关工作。县、区人民政府负责本辖区内的"
                f"{subject}工作。",
                "第四条 有关部门应当依法公开办理依据、条件、程序、期限和结果，接受社会监督。",
                "第五条 违反本办法规定的，由有关部门依照法律、法规和规章的规定处理。",
                f"第六条 本办法自印发之日起施行，有效期五年。{'原办法同时废止。' if year > 2020 else ''}",
            ],
            stage="decision", normative=True, series=name,
        )  # fmt: skip


def finance_budget(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    total = rnd.randrange(180, 260)
    yield 2, 9, Draft(
        f"抚顺市{year}年市本级预算公开", "statistics", "0401", C.A20_07,
        [
            f"根据《中华人民共和国预算法》及其实施条例，经抚顺市第十七届人民代表大会审查批准，现将抚顺市{year}年"
            "市本级预算公开如下：",
            f"一、一般公共预算。{year}年市本级一般公共预算收入安排{total}.{rnd.randrange(10, 99)}亿元，"
            f"支出安排{total + rnd.randrange(20, 60)}.{rnd.randrange(10, 99)}亿元，收支平衡。",
            "二、政府性基金预算。政府性基金预算按照以收定支、专款专用的原则编制。",
            "三、国有资本经营预算和社会保险基金预算。分别按照有关规定编制，具体见附表。",
            "四、“三公”经费。市本级“三公”经费预算继续压减，坚持政府过紧日子。",
            "五、政府债务。严格控制政府债务规模，依法依规做好地方政府债务限额管理和还本付息。",
        ],
        stage="decision", doc_no=False, focus=["reform-fiscal"],
    )  # fmt: skip
    yield 8, 20, Draft(
        f"抚顺市{year - 1}年市本级决算公开", "statistics", "0401", C.A20_07,
        [
            f"经抚顺市人民代表大会常务委员会审查批准，现将抚顺市{year - 1}年市本级决算公开如下：",
            f"一、一般公共预算收支决算。{year - 1}年市本级一般公共预算收入完成预算的"
            f"{rnd.randrange(98, 104)}.{rnd.randrange(0, 9)}%，支出完成调整预算的{rnd.randrange(92, 99)}.{rnd.randrange(0, 9)}%。",
            "二、重点支出。教育、社会保障和就业、卫生健康、节能环保等民生支出得到有效保障。",
            "三、结转结余。年终结转结余资金按规定统筹使用。",
        ],
        stage="result", doc_no=False, focus=["reform-fiscal"],
    )  # fmt: skip


def finance_procurement(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    yield 12, 22, Draft(
        f"抚顺市财政局关于印发抚顺市{year + 1}年政府集中采购目录及采购限额标准的通知", "notice", "0401", C.A20_09,
        [
            "市直各预算单位，各县、区财政局：",
            f"根据《中华人民共和国政府采购法》及其实施条例和省财政厅有关规定，现将抚顺市{year + 1}年政府集中采购"
            "目录及采购限额标准印发给你们，自{0}年1月1日起执行。".format(year + 1),
            "一、集中采购机构采购项目。纳入集中采购目录的项目，应当委托集中采购机构代理采购。",
            "二、分散采购限额标准。货物、服务类项目单项或批量金额达到100万元以上、工程类项目达到120万元以上的，"
            "实行分散采购。",
            "三、公开招标数额标准。政府采购货物或服务项目单项采购金额达到400万元以上的，应当采用公开招标方式。",
            "四、各预算单位应当严格执行本目录和标准，不得化整为零规避政府采购。",
        ],
        stage="execution",
    )  # fmt: skip


def dept_budget(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    """Every city department publishes its own budget and final accounts (部门预算、决算)."""
    if year < 2023:
        return
    amount = rnd.randrange(800, 9000)
    yield 2, 20, Draft(
        f"{org.name}{year}年部门预算", "statistics", "0401", C.A20_07,
        [
            f"一、部门职责及机构设置情况。{org.name}是市政府工作部门，内设机构和所属单位按照“三定”规定设置。",
            f"二、收支预算总体情况。{year}年部门收入预算{amount / 100:.2f}百万元，支出预算{amount / 100:.2f}百万元，"
            "均为一般公共预算财政拨款。",
            "三、“三公”经费预算情况。因公出国（境）费、公务用车购置及运行费、公务接待费预算均较上年有所压减。",
            "四、政府采购预算和国有资产占用情况。详见附表。",
            "五、名词解释。财政拨款收入指市级财政当年拨付的资金。",
        ],
        stage="decision", doc_no=False,
    )  # fmt: skip
    if year - 1 >= 2022:
        yield 8, 25, Draft(
            f"{org.name}{year - 1}年部门决算", "statistics", "0401", C.A20_07,
            [
                f"一、部门基本情况。{org.name}{year - 1}年度决算包括本部门机关及所属单位。",
                f"二、收入支出决算总体情况。{year - 1}年度收入、支出决算均为{amount * 0.97 / 100:.2f}百万元。",
                "三、“三公”经费财政拨款支出决算情况。支出均控制在预算以内。",
                "四、预算绩效情况。本部门对项目支出开展了绩效自评，自评结果良好。",
            ],
            stage="result", doc_no=False,
        )  # fmt: skip


def eco_air_quality(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    for q in range(4):
        days = rnd.randrange(72, 86)
        if q == 3:
            continue  # the fourth quarter is reported in January of the next year
        yield (
            (q * 3 + 4) % 12 or 12,
            8,
            Draft(
                f"抚顺市{year}年第{QUARTERS[q]}季度环境空气质量状况",
                "statistics",
                "1003",
                C.A20_13,
                [
                    f"{year}年第{QUARTERS[q]}季度，抚顺市城市环境空气质量优良天数比例为{days}.{rnd.randrange(0, 9)}%，"
                    f"细颗粒物（PM2.5）平均浓度为{rnd.randrange(24, 48)}微克/立方米。",
                    "各县区中，新宾满族自治县、清原满族自治县空气质量相对较好，望花区、东洲区受工业源和燃煤影响较大。",
                    "主要污染物为细颗粒物和臭氧。市生态环境局将继续加强工业企业大气污染治理、扬尘管控和机动车排气监管。",
                    "监测数据来源：抚顺市国家环境空气质量监测站点。",
                ],
                stage="result",
                doc_no=False,
                focus=["livelihood-environment"],
            ),
        )
    if year > 2017:
        yield 1, 10, Draft(
            f"抚顺市{year - 1}年第四季度环境空气质量状况", "statistics", "1003", C.A20_13,
            [
                f"{year - 1}年第四季度，抚顺市城市环境空气质量优良天数比例为{rnd.randrange(70, 84)}.{rnd.randrange(0, 9)}%，"
                "采暖季燃煤排放对空气质量影响较大。",
                "市生态环境局督促供热企业稳定达标排放，加强重污染天气应对。",
                "监测数据来源：抚顺市国家环境空气质量监测站点。",
            ],
            stage="result", doc_no=False, focus=["livelihood-environment"],
        )  # fmt: skip


def eco_penalty(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    for n in range(1, 4):
        company = rnd.choice(COMPANIES)
        fine = rnd.choice([5, 8, 10, 12, 20, 35])
        act = rnd.choice(
            [
                ("未按照规定设置大气污染物排放口", "《中华人民共和国大气污染防治法》第一百条"),
                ("超过水污染物排放标准排放水污染物", "《中华人民共和国水污染防治法》第八十三条"),
                ("未按照排污许可证规定开展自行监测", "《排污许可管理条例》第三十六条"),
                ("危险废物贮存场所未设置识别标志", "《中华人民共和国固体废物污染环境防治法》第一百一十二条"),
            ]
        )
        yield 3 + n * 3, 14, Draft(
            f"抚顺市生态环境局行政处罚决定书（抚环罚〔{year}〕{n * 7 + rnd.randrange(0, 6)}号）", "publicity", "1003",
            C.A20_06,
            [
                f"当事人：{company}",
                f"经查，当事人存在{act[0]}的环境违法行为。以上事实有现场检查笔录、调查询问笔录、监测报告等证据为证。",
                f"依据{act[1]}的规定，本机关决定对当事人作出如下行政处罚：罚款人民币{fine}万元。",
                "当事人应当自收到本决定书之日起十五日内缴纳罚款。如不服本决定，可以在收到本决定书之日起六十日内"
                "向抚顺市人民政府申请行政复议，也可以在六个月内向人民法院提起行政诉讼。",
            ],
            stage="result", doc_no=False, focus=["risk-pollution"],
        )  # fmt: skip


def eco_eia(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    for month in (5, 10):
        company = rnd.choice(COMPANIES)
        yield month, 16, Draft(
            f"抚顺市生态环境局关于{year}年第{1 if month == 5 else 2}批建设项目环境影响评价文件审批决定的公告",
            "announcement", "1003", C.A20_05,
            [
                "根据《中华人民共和国环境影响评价法》和《建设项目环境保护管理条例》，本局对下列建设项目环境影响评价"
                "文件作出审批决定，现予公告：",
                f"1. {company}技术改造项目环境影响报告书，批复文号：抚环审〔{year}〕{rnd.randrange(3, 40)}号，审批意见：同意。",
                f"2. {rnd.choice(COMPANIES)}扩建项目环境影响报告表，批复文号：抚环审〔{year}〕{rnd.randrange(41, 80)}号，"
                "审批意见：同意。",
                "建设单位应当严格落实环境影响评价文件及批复提出的各项生态环境保护措施。",
            ],
            stage="result", doc_no=False,
        )  # fmt: skip


def eco_bulletin(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    yield 6, 2, Draft(
        f"{year - 1}年抚顺市生态环境状况公报", "communique", "1003", C.A20_13,
        [
            f"{year - 1}年，全市生态环境质量总体保持稳定并持续改善。",
            "一、环境空气。城市环境空气质量优良天数比例同比提高，细颗粒物年均浓度下降。",
            "二、地表水。浑河、社河等主要河流国控、省控断面水质达到考核目标，大伙房水库饮用水水源地水质达标率100%。",
            "三、声环境。城市区域声环境质量总体较好。",
            "四、生态状况。全市森林覆盖率保持在较高水平，生态环境状况等级为优。",
        ],
        stage="result", doc_no=False, focus=["livelihood-environment"],
    )  # fmt: skip


def hrss_recruitment(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    posts = rnd.randrange(90, 240)
    yield 3, 6, Draft(
        f"抚顺市{year}年度考试录用公务员公告", "announcement", "1502", C.A20_14,
        [
            f"根据公务员法和公务员录用有关规定，经辽宁省公务员主管部门批准，抚顺市{year}年度考试录用公务员{posts}名。"
            "现将有关事项公告如下：",
            "一、报考条件。具有中华人民共和国国籍，年龄一般为18周岁以上、35周岁以下，具有大学专科以上文化程度等。",
            "二、报考程序。报名采取网上报名方式，报考人员只能选择一个职位报考。",
            "三、考试。笔试科目为行政职业能力测验和申论，面试采取结构化面试方式。",
            "四、体检、考察和公示。拟录用人员名单将在抚顺市人民政府门户网站公示，公示期为5个工作日。",
        ],
        stage="execution", focus=["growth-employment"],
    )  # fmt: skip
    yield 7, 22, Draft(
        f"抚顺市{year}年度考试录用公务员拟录用人员公示", "publicity", "1502", C.A20_14,
        [
            f"根据抚顺市{year}年度考试录用公务员工作安排，经笔试、面试、体检和考察，确定{posts - rnd.randrange(1, 9)}名"
            "拟录用人员，现予公示。",
            "公示期为5个工作日。公示期间如有问题，可向抚顺市公务员主管部门反映。反映问题要实事求是，并提供必要的"
            "调查核实线索。",
        ],
        stage="result",
    )  # fmt: skip


def edu_enrolment(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    yield 5, 12, Draft(
        f"抚顺市教育局关于做好{year}年义务教育学校招生入学工作的通知", "notice", "1102", C.A20_11,
        [
            "各县、区教育局，市直各学校：",
            f"为做好{year}年全市义务教育学校招生入学工作，现就有关事项通知如下：",
            "一、坚持免试就近入学。公办学校实行划片招生，严禁以各类考试、竞赛成绩作为招生依据。",
            "二、保障特殊群体平等接受义务教育。随迁子女、残疾儿童少年等入学按照有关规定执行。",
            "三、严格规范民办学校招生。民办义务教育学校招生纳入审批地统一管理，与公办学校同步招生。",
            "四、加强信息公开。各地要及时向社会公布学区划分、招生计划和入学办法。",
        ],
        stage="execution", focus=["livelihood-education"],
    )  # fmt: skip


def civil_affairs_assistance(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    for q in range(3):
        yield q * 3 + 4, 15, Draft(
            f"抚顺市{year}年第{QUARTERS[q]}季度城乡最低生活保障情况", "statistics", "1701", C.A21_SOCIAL_ASSISTANCE,
            [
                f"{year}年第{QUARTERS[q]}季度，全市城市最低生活保障对象{rnd.randrange(21000, 26000)}人，"
                f"农村最低生活保障对象{rnd.randrange(30000, 36000)}人，按时足额发放低保金。",
                "特困人员救助供养、临时救助政策同步落实，困难群众基本生活得到有效保障。",
                "低保对象名单在所在村（社区）公示，接受群众监督。",
            ],
            stage="result", doc_no=False, focus=["livelihood-assistance"],
        )  # fmt: skip


def housing_renovation(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    if year < 2019:
        return
    n = rnd.randrange(40, 120)
    yield 4, 8, Draft(
        f"抚顺市{year}年城镇老旧小区改造计划", "programme", "1001", C.A21_URBAN_CONSTRUCTION,
        [
            f"根据国家和省关于推进城镇老旧小区改造工作的部署，{year}年全市计划改造城镇老旧小区{n}个，涉及居民"
            f"{n * rnd.randrange(180, 320)}户。",
            "改造内容包括供水、排水、供热、燃气等基础类设施改造，加装电梯、增设停车位等完善类改造。",
            "各县区要按照“一小区一方案”的要求，充分征求居民意见，确保改造项目按期开工、按期完工。",
            f"附件：抚顺市{year}年城镇老旧小区改造项目清单",
        ],
        stage="execution", focus=["livelihood-housing"],
    )  # fmt: skip


def market_food_checks(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    for n, month in enumerate((5, 9, 11), start=1):
        batches = rnd.randrange(150, 320)
        yield month, 20, Draft(
            f"抚顺市市场监督管理局食品安全监督抽检信息公告（{year}年第{n}期）", "announcement", "0903", C.A20_13,
            [
                f"近期，抚顺市市场监督管理局组织抽检粮食加工品、食用油、肉制品、乳制品、蔬菜等食品{batches}批次，"
                f"其中合格{batches - rnd.randrange(0, 4)}批次。",
                "对抽检发现的不合格食品，已责成相关县区市场监管部门依法处置，查清产品流向，采取下架召回等措施，"
                "并依法立案查处。",
                "消费者如发现不合格食品，可拨打12315投诉举报电话。",
            ],
            stage="result", doc_no=False, focus=["livelihood-food"],
        )  # fmt: skip


def approval_licences(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    for n, month in enumerate((3, 6, 9, 12), start=1):
        yield month, 10, Draft(
            f"抚顺市行政审批局行政许可决定公告（{year}年第{n}期）", "announcement", "0207", C.A20_05,
            [
                f"根据《中华人民共和国行政许可法》，现将本局{year}年第{n}期作出的行政许可决定公告如下：",
                f"1. 建设工程规划许可{rnd.randrange(8, 30)}件；2. 食品经营许可{rnd.randrange(60, 180)}件；"
                f"3. 道路运输经营许可{rnd.randrange(5, 25)}件；4. 取水许可{rnd.randrange(1, 6)}件。",
                "具体许可事项、被许可人和许可内容见附件。许可决定全文可在抚顺市政务服务网查询。",
            ],
            stage="result", doc_no=False, focus=["reform-approval"],
        )  # fmt: skip


def emergency_inspection_plan(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    yield 2, 24, Draft(
        f"抚顺市应急管理局{year}年度安全生产监督检查计划", "programme", "0904", C.A20_13,
        [
            f"根据《中华人民共和国安全生产法》和应急管理部关于年度监督检查计划编制的要求，制定本局{year}年度"
            "安全生产监督检查计划。",
            f"一、检查对象。全年计划检查危险化学品、冶金、非煤矿山等重点企业{rnd.randrange(120, 220)}家次。",
            "二、检查方式。采取“双随机、一公开”方式，随机抽取检查对象、随机选派执法检查人员，检查结果及时公开。",
            "三、检查重点。重大危险源管控、特殊作业管理、安全生产责任制落实情况。",
        ],
        stage="execution", focus=["livelihood-safety"],
    )  # fmt: skip


def transport_notice(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    place = rnd.choice(PLACES)
    yield 5, 6, Draft(
        f"抚顺市交通运输局关于{place}道路改造施工期间公交线路临时调整的通告", "public-notice", "0702",
        C.A21_PUBLIC_SERVICE,
        [
            f"因{place}道路改造施工，自{year}年5月中旬起，途经该路段的部分公交线路临时绕行。",
            "一、调整线路。具体调整线路和临时站点在各公交站牌公示。",
            "二、调整时间。施工结束后恢复原线路运行。",
            "由此给市民出行带来的不便，敬请谅解。咨询电话：12328。",
        ],
        stage="service",
    )  # fmt: skip


def health_bulletin(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    yield 6, 20, Draft(
        f"{year - 1}年抚顺市卫生健康事业发展统计公报", "communique", "1301", C.A20_04,
        [
            f"{year - 1}年，全市卫生健康事业稳步发展，医疗服务能力不断提升。",
            f"一、卫生资源。年末全市共有医疗卫生机构{rnd.randrange(1500, 1800)}个，卫生技术人员"
            f"{rnd.randrange(12000, 15000)}人。",
            f"二、医疗服务。全年全市医疗卫生机构总诊疗人次{rnd.randrange(700, 900)}万人次。",
            "三、疾病预防控制。法定传染病报告发病率保持较低水平，免疫规划疫苗接种率保持在90%以上。",
        ],
        stage="result", doc_no=False, focus=["livelihood-health"],
    )  # fmt: skip


def audit_report(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    yield 9, 2, Draft(
        f"关于抚顺市{year - 1}年度市级预算执行和其他财政收支的审计工作报告", "report", "0406", C.A20_07,
        [
            f"根据审计法及相关法律法规，市审计局对{year - 1}年度市级预算执行和其他财政收支情况进行了审计。",
            "一、市级预算执行审计情况。市级预算执行情况总体较好，财政收支基本平衡。",
            "二、部门预算执行审计情况。发现部分单位存在预算编制不够细化、结转资金未及时统筹等问题。",
            "三、审计建议。进一步深化预算管理改革，加强绩效管理，严肃财经纪律。",
            "对审计发现的问题，有关部门和单位正在整改，整改情况将按规定向社会公告。",
        ],
        stage="result", focus=["reform-fiscal"],
    )  # fmt: skip


def ndrc_projects(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    yield 3, 16, Draft(
        f"抚顺市发展和改革委员会关于下达{year}年市重点建设项目计划的通知", "notice", "0303", C.A20_10,
        [
            "各县、区人民政府，市直有关部门：",
            f"经市政府同意，现将{year}年市重点建设项目计划下达给你们。{year}年共安排市重点建设项目"
            f"{rnd.randrange(120, 200)}个，年度计划投资{rnd.randrange(180, 320)}亿元。",
            "各项目单位要加快前期工作，确保项目按期开工建设；各有关部门要强化要素保障，优化审批服务。",
            "项目建设进展情况按月报送市发展和改革委员会。",
        ],
        stage="execution", focus=["growth-projects"],
    )  # fmt: skip


def county_report(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    region = region_of(org)
    yield 1, 20, Draft(
        f"{year}年{region}人民政府工作报告", "work-report", "0303", C.A20_03,
        [
            f"——{year}年1月在{region}人民代表大会上",
            "各位代表：现在，我代表区（县）人民政府，向大会报告工作，请予审议。",
            f"一、{year - 1}年工作回顾。过去一年，全{region[-1]}上下认真落实市委、市政府决策部署，经济运行总体平稳，"
            "民生保障持续加强，城乡面貌不断改善。",
            f"二、{year}年工作安排。坚持稳中求进，抓项目、优环境、惠民生、保安全，推动高质量发展。",
        ],
        stage="decision", doc_no=False,
    )  # fmt: skip


def county_office_plan(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    region = region_of(org)
    yield 4, 22, Draft(
        f"{region}人民政府办公室关于印发{year}年{region}政务公开工作要点的通知", "notice", "0203", C.A20_15,
        [
            f"各乡镇人民政府、街道办事处，{region}政府各部门：",
            f"根据《{year}年抚顺市政务公开工作要点》，结合本{region[-1]}实际，制定{year}年政务公开工作要点，现印发给你们，"
            "请认真贯彻落实。",
            "一、深化重点领域信息公开；二、推进基层政务公开标准化规范化；三、规范依申请公开办理；"
            "四、按时发布政府信息公开工作年度报告。",
        ],
        stage="execution",
    )  # fmt: skip


def county_finance(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    region = region_of(org)
    yield 2, 26, Draft(
        f"{region}{year}年预算公开", "statistics", "0401", C.A20_07,
        [
            f"经{region}人民代表大会审查批准，现将{region}{year}年一般公共预算、政府性基金预算、国有资本经营预算和"
            "社会保险基金预算公开如下。",
            f"{year}年一般公共预算收入安排{rnd.randrange(4, 18)}.{rnd.randrange(10, 99)}亿元，支出安排与收入和上级补助相衔接。",
            "“三公”经费预算、政府债务限额及余额情况详见附表。",
        ],
        stage="decision", doc_no=False, focus=["reform-fiscal"],
    )  # fmt: skip


def county_education(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    region = region_of(org)
    yield 6, 5, Draft(
        f"{region}{year}年义务教育学校招生入学工作方案", "programme", "1102", C.A20_11,
        [
            f"根据抚顺市教育局关于做好{year}年义务教育学校招生入学工作的通知，结合{region}实际，制定本方案。",
            "一、小学招生。年满6周岁的适龄儿童，按照学区划分就近入学。",
            "二、初中招生。小学毕业生按照对口学校免试就近入学。",
            "三、招生时间安排及咨询电话见附件。",
        ],
        stage="service", focus=["livelihood-education"],
    )  # fmt: skip


def county_eco(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    region = region_of(org)
    yield 7, 10, Draft(
        f"{org.name}{year}年“双随机、一公开”生态环境执法检查结果公示", "publicity", "1003", C.A20_13,
        [
            f"根据年度执法检查计划，{org.name}对辖区内{rnd.randrange(20, 60)}家排污单位开展了随机抽查。",
            f"检查发现{rnd.randrange(1, 5)}家单位存在环境管理台账不规范等问题，已责令限期整改；其余单位未发现违法行为。",
            f"检查结果已录入{region}“双随机、一公开”监管平台。",
        ],
        stage="result", doc_no=False, focus=["livelihood-environment"],
    )  # fmt: skip


def street_notice(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    community = rnd.choice(STREETS)
    yield 11, 12, Draft(
        f"{org.name}关于做好{year}—{year + 1}年度冬季清雪工作的通知", "notice", "1001", C.A21_PUBLIC_SERVICE,
        [
            "辖区各社区、各驻街单位：",
            "为保障冬季道路通行安全，现就清雪工作通知如下：",
            "一、实行门前雪“三包”责任制，驻街单位和沿街商户负责责任区内积雪清扫。",
            "二、降雪停止后，各社区组织网格员和志愿者及时清扫主要通道和背街小巷。",
            f"三、{community}等老旧小区由社区协调物业服务企业做好清雪除冰。",
        ],
        stage="service",
    )  # fmt: skip
    yield 6, 18, Draft(
        f"{org.name}{year}年社区惠民项目公示", "publicity", "1001", C.A21_PUBLIC_WELFARE,
        [
            f"经社区居民议事会讨论，{year}年辖区实施惠民项目{rnd.randrange(3, 8)}个，包括{community}路面修补、"
            "楼道照明维修、健身器材更新等。",
            "项目资金来源为财政专项资金，项目实施情况接受居民监督。公示期5个工作日。",
        ],
        stage="result",
    )  # fmt: skip


def town_notice(org, year, rnd) -> Iterator[tuple[int, int, Draft]]:
    village = rnd.choice(VILLAGES)
    yield 4, 20, Draft(
        f"{org.name}关于{year}年度{village}村级公益事业一事一议筹资筹劳方案的公示", "publicity", "0601",
        C.A21_FUNDING_LABOUR,
        [
            f"经{village}村民代表会议讨论通过，{year}年度拟实施村内道路硬化项目，按照一事一议筹资筹劳有关规定，"
            f"每人筹资不超过{rnd.choice([15, 20, 25])}元，困难户减免。",
            "公示期为7天。如有异议，请向镇农业农村综合服务中心反映。",
        ],
        stage="decision",
    )  # fmt: skip
    yield 9, 15, Draft(
        f"{org.name}{year}年农村宅基地审批结果公示", "publicity", "0601", C.A21_HOMESTEAD,
        [
            f"根据《中华人民共和国土地管理法》和辽宁省农村宅基地管理有关规定，{year}年{org.name}批准农村村民"
            f"宅基地申请{rnd.randrange(2, 9)}宗，均符合“一户一宅”和规划要求。",
            "审批结果在村务公开栏同步公示，接受群众监督。",
        ],
        stage="result",
    )  # fmt: skip


#: Who publishes which families. Keys: an organisation's exact name, or a kind of unit.
FAMILIES: dict[str, list[Callable]] = {
    "抚顺市人民政府": [city_work_report, city_normative],
    "抚顺市人民政府办公室": [office_open_government_plan, office_holiday_notice, office_emergency_plan],
    "抚顺市发展和改革委员会": [ndrc_projects],
    "抚顺市教育局": [edu_enrolment],
    "抚顺市民政局": [civil_affairs_assistance],
    "抚顺市财政局": [finance_budget, finance_procurement],
    "抚顺市人力资源和社会保障局": [hrss_recruitment],
    "抚顺市生态环境局": [eco_air_quality, eco_penalty, eco_eia, eco_bulletin],
    "抚顺市住房和城乡建设局": [housing_renovation],
    "抚顺市卫生健康委员会": [health_bulletin],
    "抚顺市审计局": [audit_report],
    "抚顺市市场监督管理局": [market_food_checks],
    "抚顺市行政审批局": [approval_licences],
    "抚顺市应急管理局": [emergency_inspection_plan],
    "抚顺市交通运输局": [transport_notice],
    "city-department": [dept_budget],
    "county": [county_report],
    "county-office": [county_office_plan],
    "county-finance": [county_finance],
    "county-education": [county_education],
    "county-eco": [county_eco],
    "street": [street_notice],
    "town": [town_notice],
}


def families_for(org) -> list[Callable]:
    from gongkai.orgs.models import Kind, Level

    found = list(FAMILIES.get(org.name, []))
    if org.level == Level.CITY and org.kind == Kind.DEPARTMENT:
        found += FAMILIES["city-department"]
    elif org.level == Level.COUNTY and org.kind == Kind.GOVERNMENT:
        found += FAMILIES["county"]
    elif org.level == Level.COUNTY:
        for suffix, key in (
            ("人民政府办公室", "county-office"),
            ("财政局", "county-finance"),
            ("教育局", "county-education"),
            ("生态环境分局", "county-eco"),
        ):
            if org.name.endswith(suffix):
                found += FAMILIES[key]
    elif org.level == Level.TOWNSHIP:
        found += FAMILIES["street" if org.name.endswith("街道办事处") else "town"]
    return found


def drafts_for(org, year: int, rnd: random.Random) -> Iterator[tuple[int, int, Draft]]:
    for family in families_for(org):
        yield from family(org, year, rnd)
