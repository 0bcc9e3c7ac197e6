"""Demo suggestions and proposals of 抚顺市's 2025 sessions (市十七届人大五次会议, 市政协十五届四次会议): assigned at the
交办会 of 2025-03-10, handled by the bureaus, answered, published, evaluated; with late answers, a late
publication, a 不满意 reopened, a return refused and one granted, a merged item, a confidential item, open
commitments, items still in review or handling (overdue) and recess items not yet assigned.

Everything goes through the proposals services as the system (System("演示数据")), back-dated with
`clock.recording_as_of`. One transaction; a second run changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from gongkai.core.actors import System
from gongkai.demo.catalog import doc_prefix
from gongkai.demo.proposal_texts import TEXTS
from gongkai.orgs.models import Organization
from gongkai.proposals import clock, services
from gongkai.proposals.models import AssignmentRole, Body, ProposerData, Session
from gongkai.workdays.calendar import WorkCalendar

ACTOR = System("演示数据")
OFFICE = "抚顺市人民政府办公室"
ASSIGNED = date(2025, 3, 10)


def _workday(day: date) -> date:
    """The demo's letters are signed and published on working days (the statutory calendar)."""
    return WorkCalendar().next_workday(day)


#: (kind, title, lead unit, co units, plan, delegation or sector)
NPC = [
    (
        "npc_suggestion",
        "关于加快浑河城区段截污管网建设的建议",
        "生态环境局",
        ["住房和城乡建设局"],
        "closed",
        "新抚区代表团",
    ),
    ("npc_suggestion", "关于增设城区公交微循环线路的建议", "交通运输局", [], "closed", "顺城区代表团"),
    (
        "npc_suggestion",
        "关于推进老旧小区加装电梯的建议",
        "住房和城乡建设局",
        ["财政局"],
        "closed",
        "望花区代表团",
    ),
    (
        "npc_suggestion",
        "关于加强中小学校园周边交通安全的建议",
        "教育局",
        ["交通运输局"],
        "closed",
        "东洲区代表团",
    ),
    (
        "npc_suggestion",
        "关于扩大社区养老服务供给的建议",
        "民政局",
        ["卫生健康委员会"],
        "closed_late",
        "新抚区代表团",
    ),
    (
        "npc_suggestion",
        "关于支持采煤沉陷区综合治理的建议",
        "自然资源局",
        ["财政局", "应急管理局"],
        "closed",
        "望花区代表团",
    ),
    ("npc_suggestion", "关于提升农村饮水安全保障水平的建议", "生态环境局", [], "reopened", "抚顺县代表团"),
    (
        "npc_suggestion",
        "关于优化营商环境压缩审批时限的建议",
        "行政审批局",
        ["市场监督管理局"],
        "answered",
        "顺城区代表团",
    ),
    (
        "npc_suggestion",
        "关于加强基层医疗卫生人才队伍建设的建议",
        "卫生健康委员会",
        ["人力资源和社会保障局"],
        "answered",
        "清原县代表团",
    ),
    (
        "npc_suggestion",
        "关于完善高校毕业生就业扶持政策的建议",
        "人力资源和社会保障局",
        ["教育局"],
        "closed",
        "新宾县代表团",
    ),
    (
        "npc_suggestion",
        "关于治理城区餐饮油烟扰民的建议",
        "生态环境局",
        ["市场监督管理局"],
        "published_late",
        "东洲区代表团",
    ),
    (
        "npc_suggestion",
        "关于规范城区停车收费管理的建议",
        "交通运输局",
        ["市场监督管理局"],
        "review",
        "新抚区代表团",
    ),
    (
        "npc_suggestion",
        "关于加快城市燃气管道更新改造的建议",
        "住房和城乡建设局",
        ["应急管理局"],
        "overdue",
        "望花区代表团",
    ),
    ("npc_suggestion", "关于城区河道清淤的建议", "生态环境局", [], "merged", "新抚区代表团"),
    ("npc_suggestion", "关于设立社区儿童托育点的建议", "卫生健康委员会", [], "returned", "顺城区代表团"),
    (
        "npc_suggestion",
        "关于加大科技型中小企业扶持力度的建议",
        "科学技术局",
        ["财政局"],
        "refused_return",
        "东洲区代表团",
    ),
    ("npc_suggestion", "关于加强矿山安全生产监管的建议", "应急管理局", [], "confidential", "抚顺县代表团"),
    ("npc_criticism", "关于政务服务大厅窗口办事效率的意见", "行政审批局", [], "closed", "望花区代表团"),
    ("npc_suggestion", "关于冬季供暖质量保障的建议", "住房和城乡建设局", [], "recess", "新抚区代表团"),
    (
        "npc_suggestion",
        "关于推进垃圾分类进社区的建议",
        "住房和城乡建设局",
        ["生态环境局"],
        "handling",
        "顺城区代表团",
    ),
]
CPPCC = [
    ("cppcc_member", "关于打造雷锋文化城市品牌的提案", "教育局", [], "closed", "教育界"),
    (
        "cppcc_member",
        "关于发展抚顺满族文化旅游的提案",
        "发展和改革委员会",
        ["交通运输局"],
        "closed",
        "文化艺术界",
    ),
    (
        "cppcc_party",
        "关于推动资源型城市转型发展的提案",
        "发展和改革委员会",
        ["科学技术局", "财政局"],
        "closed",
        "民革抚顺市委会",
    ),
    (
        "cppcc_party",
        "关于优化民营企业融资环境的提案",
        "财政局",
        ["发展和改革委员会"],
        "summary",
        "民建抚顺市委会",
    ),
    (
        "cppcc_organisation",
        "关于保障新就业形态劳动者权益的提案",
        "人力资源和社会保障局",
        [],
        "closed",
        "市总工会",
    ),
    (
        "cppcc_sector",
        "关于加强农村学校师资配备的提案",
        "教育局",
        ["人力资源和社会保障局"],
        "closed_late",
        "教育界",
    ),
    ("cppcc_member", "关于推进智慧医疗建设的提案", "卫生健康委员会", [], "answered", "医药卫生界"),
    (
        "cppcc_member",
        "关于加强历史文化街区保护的提案",
        "自然资源局",
        ["住房和城乡建设局"],
        "closed",
        "文化艺术界",
    ),
    (
        "cppcc_committee",
        "关于完善城市应急物资储备体系的提案",
        "应急管理局",
        ["发展和改革委员会"],
        "closed",
        "提案委员会",
    ),
    ("cppcc_member", "关于建设城市绿道慢行系统的提案", "自然资源局", ["交通运输局"], "review", "经济界"),
    ("cppcc_member", "关于促进夜间经济发展的提案", "市场监督管理局", [], "overdue", "经济界"),
    (
        "cppcc_member",
        "关于提升社区心理健康服务的提案",
        "卫生健康委员会",
        ["民政局"],
        "handling",
        "医药卫生界",
    ),
    ("cppcc_member", "关于加强农产品质量安全追溯的提案", "市场监督管理局", [], "closed", "农业界"),
    ("cppcc_member", "关于推进中小学课后服务提质的提案", "教育局", [], "recess", "教育界"),
    (
        "cppcc_organisation",
        "关于完善残疾人就业帮扶的提案",
        "民政局",
        ["人力资源和社会保障局"],
        "closed",
        "市残联",
    ),
    ("cppcc_member", "关于加快工业遗址保护利用的提案", "自然资源局", [], "closed", "科技界"),
]
PEOPLE = ["王建国", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周涛", "吴霞", "徐明", "孙丽"]
GROUPS = {"cppcc_party", "cppcc_organisation", "cppcc_sector", "cppcc_committee"}


@dataclass
class Ctx:
    units: dict[str, Organization]
    n: int = 0


def _unit(ctx: Ctx, short: str) -> Organization:
    return ctx.units[f"抚顺市{short}"]


def _item(ctx: Ctx, session: Session, row: tuple[str, str, str, list[str], str, str]) -> str:
    kind, title, lead, co, plan, group = row
    ctx.n += 1
    name = PEOPLE[ctx.n % len(PEOPLE)]
    people = [ProposerData(group, "group")] if kind in GROUPS else [
        ProposerData(name, "lead", group, f"139{(ctx.n * 7919 + 41304) % 10**8:08d}"), ProposerData(PEOPLE[(ctx.n + 5) % len(PEOPLE)], "cosigner")
    ]  # fmt: skip
    number = f"{ctx.n:03d}"
    registered_on = session.opens_on + timedelta(days=5)
    if plan == "recess":
        registered_on = date(2025, 9, 15)
    with clock.recording_as_of(registered_on):
        p = services.proposal_register(
            actor=ACTOR, session=session, kind=kind, number=number, title=title, proposers=people,
            reasons=TEXTS[title][0], suggestions=TEXTS[title][1],
            key_supervision=ctx.n % 9 == 1, supervising_leader="分管副市长" if ctx.n % 9 == 1 else "",
            confidential=plan == "confidential",
        )  # fmt: skip
    if plan == "recess":
        return plan
    if plan == "merged":
        first = session.proposals.filter(title__contains="截污管网").first()
        with clock.recording_as_of(registered_on):
            services.proposal_merge(actor=ACTOR, proposal=p, into=first or p)
        return plan
    with clock.recording_as_of(ASSIGNED):
        p = services.proposal_assign(
            actor=ACTOR, proposal=p, lead=_unit(ctx, lead), co=[_unit(ctx, c) for c in co]
        )
    lead_part = p.assignments.get(role=AssignmentRole.LEAD)
    if plan in ("returned", "refused_return"):
        with clock.recording_as_of(ASSIGNED + timedelta(days=3)):
            request = services.return_request(
                actor=ACTOR, assignment=lead_part, reasons="该事项主要属区县政府职责。"
            )
            services.return_decide(actor=ACTOR, request=request, grant=plan == "returned",
                                   note="" if plan == "returned" else "涉及全市政策，由你单位主办。")  # fmt: skip
        if plan == "returned":
            with clock.recording_as_of(ASSIGNED + timedelta(days=7)):
                p = services.proposal_assign(
                    actor=ACTOR, proposal=p, lead=_unit(ctx, "民政局"), co=[_unit(ctx, lead)]
                )
            lead_part = p.assignments.get(role=AssignmentRole.LEAD, active=True)
            co = [lead]
    for part in p.assignments.filter(role=AssignmentRole.CO, active=True):
        with clock.recording_as_of(ASSIGNED + timedelta(days=30 if ctx.n % 4 else 60)):
            services.opinion_send(
                actor=ACTOR, assignment=part, text="我单位同意主办单位意见，将在职责范围内配合落实相关工作。"
            )
    if plan in ("handling", "overdue"):
        if plan == "handling":
            with clock.recording_as_of(ASSIGNED + timedelta(days=20)):
                services.contact_record(actor=ACTOR, assignment=lead_part, stage="before", method="phone",
                                        happened_on=ASSIGNED + timedelta(days=20), delegates=people[0].name)  # fmt: skip
        return plan
    method = ["visit", "meeting", "phone", "visit", "meeting"][ctx.n % 5]
    with clock.recording_as_of(ASSIGNED + timedelta(days=25)):
        services.contact_record(actor=ACTOR, assignment=lead_part, stage="before", method=method,
                                happened_on=ASSIGNED + timedelta(days=25), delegates=people[0].name,
                                note="听取代表委员对办理工作的意见。", signed=method != "phone")  # fmt: skip
    drafted = _workday(ASSIGNED + timedelta(days=60))
    late = plan in ("closed_late",)
    with clock.recording_as_of(drafted):
        reply = services.reply_draft(
            actor=ACTOR, assignment=lead_part, letter_no=f"{doc_prefix(lead_part.org).removesuffix('发')}函〔2025〕{ctx.n}号", signer="局长",
            text="一、关于统筹规划。我单位已将相关工作纳入2025年工作计划。\n二、关于资金投入。已争取专项资金予以保障。\n"
            "三、关于责任分工。已明确牵头科室和完成时限，将按期落实。",
            contact_person="办公室", contact_phone="024-5750" + f"{ctx.n:04d}",
            result_class="ABBCD"[ctx.n % 5],
            disclosure="none" if plan == "confidential" else ("summary" if plan == "summary" else "full"),
            disclosure_reason="涉及安全生产监管具体措施，不宜公开。" if plan == "confidential" else "",
            summary="市财政局答复：将设立民营企业应急转贷资金，扩大政府性融资担保规模。" if plan == "summary" else "",
        )  # fmt: skip
        for part in p.assignments.filter(role=AssignmentRole.CO, active=True):
            services.reply_cosign(actor=ACTOR, reply=reply, assignment=part)
        services.reply_submit(actor=ACTOR, reply=reply)
    if plan == "review":
        return plan
    due = p.due_on or drafted
    sent = _workday((due + timedelta(days=12)) if late else (drafted + timedelta(days=7)))
    with clock.recording_as_of(sent):
        reply = services.reply_review(actor=ACTOR, reply=reply, approve=True)
    if plan != "confidential":
        publish_on = _workday(sent + timedelta(days=45 if plan == "published_late" else 10))
        with clock.recording_as_of(publish_on):
            services.reply_publish(actor=ACTOR, reply=reply)
    if plan == "answered":
        return plan
    p.refresh_from_db()
    evaluated = sent + timedelta(days=14)
    for proposer in p.proposers.all():
        result = "unsatisfied" if plan == "reopened" else ("basically" if ctx.n % 3 == 0 else "satisfied")
        with clock.recording_as_of(evaluated):
            services.feedback_enter(
                actor=ACTOR, proposer=proposer, attitude="satisfied", result=result, on=evaluated
            )
        if plan == "reopened":
            break
    if ctx.n % 5 == 0 and plan != "reopened":
        with clock.recording_as_of(evaluated):
            c = services.commitment_add(actor=ACTOR, assignment=lead_part, text="2026年底前完成相关工程建设",
                                        due_on=date(2026, 12, 31))  # fmt: skip
        if ctx.n % 10 == 0:
            with clock.recording_as_of(date(2026, 10, 20)):
                services.commitment_settle(
                    actor=ACTOR, commitment=c, fulfilled=True, note="工程已完工并通过验收。"
                )
    return plan


@transaction.atomic
def load(city: Organization) -> str:
    office = Organization.objects.get(name=OFFICE)
    if Session.objects.filter(org=office, year=2025).exists():
        return "已存在，未改动"
    units = {o.name: o for o in Organization.objects.filter(name__startswith="抚顺市")}
    ctx = Ctx(units)
    sessions = [
        (
            Body.NPC,
            "抚顺市第十七届人民代表大会第五次会议",
            17,
            5,
            date(2025, 1, 8),
            date(2025, 1, 11),
            NPC,
            "抚顺市第十七届人民代表大会第五次会议闭会期间",
        ),
        (
            Body.CPPCC,
            "政协抚顺市第十五届委员会第四次会议",
            15,
            4,
            date(2025, 1, 7),
            date(2025, 1, 10),
            CPPCC,
            "政协抚顺市第十五届委员会第四次会议闭会期间",
        ),
    ]
    counts = []
    for body, name, term, meeting, opens, closes, rows, recess_name in sessions:
        with clock.recording_as_of(opens):
            session = services.session_create(actor=ACTOR, org=office, body=body, name=name, term=term,
                                              meeting=meeting, year=2025, opens_on=opens, closes_on=closes)  # fmt: skip
            recess = services.session_create(
                actor=ACTOR, org=office, body=body, name=recess_name,
                term=term, meeting=None, year=2025, opens_on=closes + timedelta(days=1),
            )  # fmt: skip
        ctx.n = 0
        for row in rows:
            _item(ctx, recess if row[4] == "recess" else session, row)
        counts.append(f"{name}{session.proposals.count()}件")
        counts.append(f"{recess.name}{recess.proposals.count()}件")
    return "，".join(counts)
