"""The demo city: 抚顺市, the city of the seed report, with its departments, districts and counties."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.core.actors import System
from gongkai.core.identifiers import make_credit_code
from gongkai.orgs import services as org_services
from gongkai.orgs.models import Kind, Level, Organization, Role

DEMO_PASSWORD = "Gongkai-demo-2026"  # noqa: S105 - documented demo password
DEMO = System("演示数据")  # the actor of everything the loader does without a demo login

CITY = ("抚顺市人民政府", "抚顺市", "210400")
CITY_DEPARTMENTS = [
    ("抚顺市人民政府办公室", "市政府办", True),
    ("抚顺市发展和改革委员会", "市发展改革委", False),
    ("抚顺市教育局", "市教育局", False),
    ("抚顺市科学技术局", "市科技局", False),
    ("抚顺市民政局", "市民政局", False),
    ("抚顺市财政局", "市财政局", False),
    ("抚顺市人力资源和社会保障局", "市人社局", False),
    ("抚顺市自然资源局", "市自然资源局", False),
    ("抚顺市生态环境局", "市生态环境局", False),
    ("抚顺市住房和城乡建设局", "市住建局", False),
    ("抚顺市卫生健康委员会", "市卫生健康委", False),
    ("抚顺市审计局", "市审计局", False),
    ("抚顺市市场监督管理局", "市市场监管局", False),
    ("抚顺市行政审批局", "市行政审批局", False),
    ("抚顺市应急管理局", "市应急局", False),
    ("抚顺市交通运输局", "市交通局", False),
]
COUNTIES = [
    ("新抚区人民政府", "新抚区", "210402", ["站前街道办事处", "东公园街道办事处"]),
    ("东洲区人民政府", "东洲区", "210403", ["搭连街道办事处", "章党镇人民政府"]),
    ("望花区人民政府", "望花区", "210404", ["建设街道办事处", "塔峪镇人民政府"]),
    ("顺城区人民政府", "顺城区", "210411", ["新华街道办事处", "前甸镇人民政府"]),
    ("抚顺县人民政府", "抚顺县", "210421", ["石文镇人民政府", "后安镇人民政府"]),
    ("新宾满族自治县人民政府", "新宾县", "210422", ["新宾镇人民政府", "永陵镇人民政府"]),
    ("清原满族自治县人民政府", "清原县", "210423", ["清原镇人民政府", "南口前镇人民政府"]),
]
COUNTY_DEPARTMENTS = [
    ("人民政府办公室", "政府办", True),
    ("财政局", "财政局", False),
    ("教育局", "教育局", False),
    ("生态环境分局", "生态环境分局", False),
]

# username, full name, organisation name, roles
DEMO_USERS: list[tuple[str, str, str, list[str]]] = [
    ("city_admin", "王管理", "抚顺市人民政府", [Role.ADMIN]),
    ("city_supervisor", "李督查", "抚顺市人民政府办公室", [Role.SUPERVISOR]),
    ("city_office", "赵公开", "抚顺市人民政府", [Role.OFFICE]),
    ("city_editor", "钱编辑", "抚顺市人民政府", [Role.EDITOR]),
    ("city_reviewer", "孙审核", "抚顺市人民政府", [Role.REVIEWER]),
    ("eco_editor", "周编辑", "抚顺市生态环境局", [Role.EDITOR]),
    ("eco_reviewer", "吴审核", "抚顺市生态环境局", [Role.REVIEWER]),
    ("eco_office", "郑公开", "抚顺市生态环境局", [Role.OFFICE]),
    ("finance_editor", "冯编辑", "抚顺市财政局", [Role.EDITOR]),
    ("finance_reviewer", "陈审核", "抚顺市财政局", [Role.REVIEWER]),
    ("finance_office", "褚公开", "抚顺市财政局", [Role.OFFICE]),
    ("xinfu_admin", "卫管理", "新抚区人民政府", [Role.ADMIN]),
    ("xinfu_supervisor", "蒋督查", "新抚区人民政府办公室", [Role.SUPERVISOR]),
    ("xinfu_office", "沈公开", "新抚区人民政府", [Role.OFFICE]),
    ("xinfu_editor", "韩编辑", "新抚区人民政府", [Role.EDITOR]),
    ("xinfu_reviewer", "杨审核", "新抚区人民政府", [Role.REVIEWER]),
    # Screens the mayor's mailbox and the disclosure opinion box (政民互动), in the city's general office.
    ("mailbox_office", "刘信箱", "抚顺市人民政府办公室", [Role.OFFICE]),
    # The heads of the working bodies (工作机构负责人): members of the office who approve extensions (Art. 33),
    # answers and annual reports.
    ("eco_head", "郑主任", "抚顺市生态环境局", [Role.OFFICE, Role.HEAD]),
    ("finance_head", "褚主任", "抚顺市财政局", [Role.OFFICE, Role.HEAD]),
    ("city_office_head", "赵主任", "抚顺市人民政府", [Role.OFFICE, Role.HEAD]),
    ("xinfu_head", "沈主任", "新抚区人民政府", [Role.OFFICE, Role.HEAD]),
    ("nr_head", "尤主任", "抚顺市自然资源局", [Role.OFFICE, Role.HEAD]),
    ("housing_head", "何主任", "抚顺市住房和城乡建设局", [Role.OFFICE, Role.HEAD]),
]


class _Codes:
    def __init__(self) -> None:
        self.serial: dict[str, int] = {}

    def next(self, division: str) -> str:
        self.serial[division] = self.serial.get(division, 0) + 1
        org8 = f"{division[2:]}{self.serial[division]:04d}"
        return make_credit_code(registrar="11", division=division, org_code8=org8)


def _guide_content(org: Organization, office_name: str) -> dict[str, str]:
    return {
        "classification": (
            f"{org.name}主动公开的政府信息按照机构职能、政策文件、规划计划、财政信息、行政执法、"
            "公共服务、人事信息、应急管理等类别编排；同一类别内按成文日期倒序排列。"
            "每条信息标注索引号、主题分类、体裁、发布机构、成文日期、文号和有效性。"
        ),
        "how_to_obtain": (
            "（一）主动公开：通过本平台政府信息公开目录、政府公报、新闻发布会、政务微博微信等渠道公开，"
            "可在线检索、阅读和下载。\n（二）依申请公开：公民、法人或者其他组织可通过本平台在线提交申请，"
            "或以信函、当面等方式提交书面申请。"
        ),
        "application_procedure": (
            "收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；"
            "需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过20个工作日。"
            "申请内容不明确的，在收到申请之日起7个工作日内一次性告知申请人补正。"
        ),
        "office_name": office_name,
        "address": "辽宁省抚顺市新抚区中央大街（演示地址）",
        "office_hours": "工作日 8:30-11:30，13:30-17:00（法定节假日除外）",
        "postcode": "113008",
        "phone": "024-5700000（演示）",
        "fax": "024-5700001（演示）",
        "email": "gongkai@example.gov.cn",
        "website": "",
        "remedies": (
            "公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关"
            "或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。"
        ),
    }


@transaction.atomic
def load_city() -> tuple[Organization, bool]:
    """Create the demo city once. Returns (city, created); a second call changes nothing."""
    existing = Organization.objects.filter(name=CITY[0]).first()
    if existing is not None:
        return existing, False
    codes = _Codes()

    def create(parent, name: str, short: str, division: str, level: str, kind: str, **extra) -> Organization:
        return org_services.organization_create(
            actor=DEMO, parent=parent, name=name, short_name=short, credit_code=codes.next(division), level=level,
            kind=kind, **extra,
        )  # fmt: skip

    city = create(None, CITY[0], CITY[1], CITY[2], Level.CITY, Kind.GOVERNMENT)
    orgs = [city]
    for index, (name, short, competent) in enumerate(CITY_DEPARTMENTS):
        orgs.append(create(city, name, short, CITY[2], Level.CITY, Kind.DEPARTMENT, is_competent_department=competent,
                           sort_order=index))  # fmt: skip
    for index, (name, short, division, townships) in enumerate(COUNTIES):
        county = create(city, name, short, division, Level.COUNTY, Kind.GOVERNMENT, sort_order=100 + index)
        orgs.append(county)
        prefix = name.removesuffix("人民政府")
        for dep_index, (dep_name, dep_short, competent) in enumerate(COUNTY_DEPARTMENTS):
            orgs.append(create(county, prefix + dep_name, short + dep_short, division, Level.COUNTY, Kind.DEPARTMENT,
                               is_competent_department=competent, sort_order=dep_index))  # fmt: skip
        for t_index, township in enumerate(townships):
            orgs.append(create(county, prefix + township, township.removesuffix("人民政府"), division, Level.TOWNSHIP,
                               Kind.GOVERNMENT, sort_order=50 + t_index))  # fmt: skip
    for org in orgs:
        office = "抚顺市人民政府办公室（政务公开办）" if org == city else f"{org.name}政务公开工作机构"
        org_services.guide_publish(actor=DEMO, org=org, **_guide_content(org, office))
    return city, True


@transaction.atomic
def load_users() -> list[tuple[str, str, str]]:
    """Create the demo accounts (idempotent). Returns (username, organisation, roles) for printing."""
    User = get_user_model()
    rows = []
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@example.gov.cn", DEMO_PASSWORD, first_name="平台管理员")
    rows.append(("admin", "（全平台）", "超级管理员"))
    for username, full_name, org_name, roles in DEMO_USERS:
        org = Organization.objects.get(name=org_name)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = org_services.user_create(
                actor=DEMO,
                username=username,
                password=DEMO_PASSWORD,
                full_name=full_name,
                email=f"{username}@example.gov.cn" if Role.HEAD in roles else "",
                org=org,
                roles=roles,
            )
        else:  # an older demo database: grant roles added since (idempotent)
            for role in roles:
                org_services.membership_grant(actor=DEMO, user=user, org=org, role=role)
        rows.append((username, org_name, "、".join(str(Role(r).label) for r in roles)))
    return rows
