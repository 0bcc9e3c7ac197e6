"""Demo public interaction in 抚顺市: the mayor's mailbox, a bureau's mailbox, the disclosure opinion box, tickets
forwarded from 12345 and 民心网, and the site's 找错 channel, with a couple of hundred letters across every state.

Most letters are written in bulk in their final state (deadlines from the policy table and the calendar,
their history as events), so the step stays fast; a few go through the services end to end (with the audit log):
one all the way from the form to publication and evaluation (with a photo attached; the river letter carries a
photo and a statement, generated here), a 12345 import, a return, an extension and a
message moved into the information-application intake with its received date. One transaction; a second run
changes nothing.
"""

from __future__ import annotations

import random
import struct
import zlib
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.core.actors import System
from gongkai.foi.identity import resident_id_check_char
from gongkai.interaction import consultations, deadlines, interviews, services, surveys
from gongkai.interaction.models import (
    Assignment,
    Channel,
    ChannelKind,
    ConsultationBasis,
    DeadlinePolicy,
    Evaluation,
    Event,
    Level,
    Message,
    Publication,
    PublicState,
    RefusalReason,
    Source,
    Status,
)
from gongkai.interaction.redaction import redact
from gongkai.orgs import services as org_services
from gongkai.orgs.models import Organization, Role
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

ACTOR = System("演示数据")
ALL = ["consult", "complaint", "suggestion", "help", "report", "praise", "other"]
OFFICE = "抚顺市人民政府办公室"
#: (code, name, kind, source, owner, publication, public form, reply to the writer, count)
CHANNELS = [
    ("mayor", "市长信箱", ChannelKind.LEADER, Source.PORTAL, OFFICE, Publication.SELECTED, True, True, 75),
    ("eco", "市生态环境局局长信箱", ChannelKind.DEPARTMENT, Source.PORTAL, "抚顺市生态环境局", Publication.ALL, True, True, 30),
    ("yijianxiang", "政务公开意见箱", ChannelKind.OPINION, Source.PORTAL, OFFICE, Publication.SELECTED, True, True, 15),
    ("12345", "12345热线转办", ChannelKind.FORWARDED, Source.HOTLINE, OFFICE, Publication.NONE, False, True, 45),
    ("minxin", "民心网转办", ChannelKind.FORWARDED, Source.MINXIN, OFFICE, Publication.NONE, False, True, 25),
    ("zhaocuo", "我为政府网站找错", ChannelKind.FORWARDED, Source.ZHAOCUO, OFFICE, Publication.NONE, True, True, 10),
]  # fmt: skip
#: (kind, unit, title, body, reply)
SUBJECTS = [
    ("consult", "抚顺市教育局", "小学划片范围何时公布", "孩子明年上小学，请问今年的学区划片范围什么时候公布？在哪里可以查到？",
     "您好！2027年义务教育阶段学校招生划片范围将于5月中旬在市教育局网站“招生入学”栏目公布，届时请留意。"),
    ("complaint", "抚顺市住房和城乡建设局", "小区供暖温度不达标", "本小区入冬以来室内温度只有14度左右，多次向供热公司反映无果，请督促解决。",
     "经核查，该小区二次管网存在堵塞，供热公司已于本周完成清洗，室温已恢复至18度以上。"),
    ("suggestion", "抚顺市交通运输局", "建议增开早高峰公交班次", "每天早上7点到8点之间，18路公交车非常拥挤，建议在早高峰增开班次。",
     "感谢您的建议。市公交集团已自下月起在早高峰时段为18路加开6个班次。"),
    ("help", "抚顺市民政局", "老人申请低保需要哪些材料", "家中老人独居，收入很低，想申请最低生活保障，请问需要准备哪些材料？",
     "您好！申请低保需携带户口簿、身份证及家庭收入情况说明，到户籍所在地街道办事处提出申请，街道将入户核查。"),
    ("complaint", "抚顺市生态环境局", "夜间工地噪声扰民", "附近工地每天晚上11点以后还在施工，噪声很大，严重影响休息。",
     "经现场检查，该工地未办理夜间施工许可，已责令其停止夜间施工并立案处理。"),
    ("consult", "抚顺市人力资源和社会保障局", "灵活就业人员社保缴费咨询", "我是灵活就业人员，请问养老保险可以在网上缴费吗？缴费基数怎么选？",
     "您好！灵活就业人员可通过“辽事通”办理养老保险缴费，缴费基数可在全省上年度平均工资的60%至300%之间自愿选择。"),
    ("suggestion", "抚顺市自然资源局", "建议公园增加健身器材", "劳动公园健身区器材较少且老化，建议更新和增加一些适合老年人的器材。",
     "感谢您的建议，已列入明年公园设施更新计划，预计春季完成。"),
    ("complaint", "抚顺市市场监督管理局", "超市销售过期食品", "在某超市购买的酸奶已经过期三天，与超市交涉未果。",
     "经执法人员现场核查，情况属实，已依法对该超市立案查处，并督促其退还货款。"),
    ("consult", "抚顺市卫生健康委员会", "新生儿疫苗接种地点咨询", "请问新生儿在哪里接种疫苗？需要提前预约吗？",
     "您好！新生儿可在户籍或居住地所属社区卫生服务中心接种，可通过“预防接种服务”小程序预约。"),
    ("help", "新抚区人民政府", "楼道照明损坏无人维修", "我们单元楼道灯坏了两个月，物业说没有维修资金，老人上下楼很不方便。",
     "经街道协调，社区已于本周为该单元更换了楼道照明设施。"),
    ("praise", "抚顺市行政审批局", "表扬政务服务中心窗口", "在政务服务中心办理营业执照，窗口工作人员耐心细致，一次办结，特此表扬。",
     "感谢您的肯定，我们将继续提升服务质量。"),
    ("report", "抚顺市市场监督管理局", "举报无证经营餐馆", "某路一家餐馆无营业执照和食品经营许可，卫生条件很差。",
     "经核查，该餐馆确属无证经营，已依法责令停业整改。"),
    ("complaint", "抚顺市交通运输局", "出租车拒载", "晚上在火车站打车，多辆出租车拒载短途乘客。",
     "已对相关车辆进行调查处理，并在火车站加强夜间现场管理。"),
    ("consult", "抚顺市财政局", "惠民补贴发放时间", "请问今年的耕地地力保护补贴什么时候发放到卡？",
     "您好！今年耕地地力保护补贴已于10月底前通过“一卡通”发放，请到银行查询。"),
]  # fmt: skip
OPINION = [
    ("suggestion", "建议公开目录增加按主题检索", "政府信息公开目录只能按机构查找，建议增加按主题分类检索。",
     "感谢您的建议，平台已增加按主题和体裁筛选的功能。"),
    ("complaint", "依申请公开答复不够具体", "我申请的信息答复只说“信息不存在”，没有说明检索情况。",
     "已要求相关部门在答复中说明检索范围和过程，今后严格执行。"),
]  # fmt: skip
ZHAOCUO = [("other", "政策解读栏目链接无法打开", "政策解读栏目第三页的链接无法打开，提示404。",
            "经核查，该链接因栏目调整失效，已于当日修复。")]  # fmt: skip
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "桂兰",
    "建华",
]
REFUSALS = [
    (RefusalReason.PETITION, "抚顺市信访局（网上信访）"),
    (RefusalReason.OTHER_PROCEDURE, "人民法院（诉讼）或行政复议机关"),
    (RefusalReason.DISCIPLINE, "抚顺市纪委监委（12388举报平台）"),
    (RefusalReason.ADVERT, ""),
    (RefusalReason.DUPLICATE, ""),
]


def _users() -> dict[str, Any]:
    """The mailbox office of 市政府办 (a demo account: screens; also registers the city government's applications,
    so it holds the office role of the city government too)."""
    User = get_user_model()
    user = User.objects.get(username="mailbox_office")
    city = Organization.objects.get(name="抚顺市人民政府")
    org_services.membership_grant(actor=ACTOR, user=user, org=city, role=Role.OFFICE)
    names = ["eco_office", "eco_head", "city_supervisor"]
    found = {u.username: u for u in User.objects.filter(username__in=names)}
    return {"screener": user, **found}


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def person(self) -> dict[str, str]:
        rng = self.rng
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        return {
            "writer_name": name,
            "phone": f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}",
            "address": f"抚顺市{rng.choice(['新抚区', '望花区', '东洲区', '顺城区'])}{rng.randint(1, 99)}号",
        }


def load(city: Organization) -> str:
    if Channel.objects.filter(code="mayor").exists():
        return "已存在，未改动"
    with transaction.atomic():
        users = _users()
        channels: dict[str, Channel] = {}
        for code, name, kind, source, owner, publication, form, reply, _n in CHANNELS:
            channels[code] = Channel.objects.create(
                code=code, name=name, kind=kind, source=source, owner=Organization.objects.get(name=owner),
                kinds=["other"] if code == "zhaocuo" else ALL, publication=publication, public_form=form,
                reply_to_writer=reply, order=len(channels), leader_title="市长" if code == "mayor" else "",
                title_max=25 if code == "mayor" else 50, body_max=600 if code == "mayor" else 2000,
                description="来信标题10至25字、正文不超过600字（参照沈阳市长信箱规则）。" if code == "mayor" else "",
            )  # fmt: skip
        today = timezone.localdate()
        count = _bulk(channels, users, today)
        count += _through_services(channels, users)
        _consultation(users, today)
        _interview(users, today)
        _survey(users, today)
    return f"{len(channels)}个渠道，{count}件留言，1项已反馈的意见征集，1场在线访谈，1项调查"


def _bulk(channels: dict[str, Channel], users: dict[str, Any], today: date) -> int:
    rng = random.Random(17)
    writer = Writer(rng)
    calendar = WorkCalendar()
    orgs = {o.name: o for o in Organization.objects.all()}
    policies: dict[tuple[int, str], DeadlinePolicy | None] = {}
    start = date(today.year, 1, 5)
    span = max((today - start).days, 30)
    plans: list[
        tuple[Message, list[tuple[str, datetime, str, bool]], Assignment | None, list[Evaluation]]
    ] = []
    serial = 0
    for code, _name, _kind, _source, _owner, _pub, _form, _reply, n in CHANNELS:
        channel = channels[code]
        pool = OPINION if code == "yijianxiang" else ZHAOCUO if code == "zhaocuo" else SUBJECTS
        for i in range(n):
            serial += 1
            kind, unit, title, body, reply = rng.choice(pool) if len(pool[0]) == 5 else ("", "", "", "", "")
            if len(pool[0]) == 4:
                kind, title, body, reply = rng.choice(pool)
                unit = OFFICE
            if code == "eco":
                kind, unit, title, body, reply = SUBJECTS[4]
            age = 0 if i == 0 else 1 if i == 1 else rng.randint(2, span)
            if i in (2, 3):
                age = rng.randint(3, 9)  # open, in hand
            if code == "mayor" and i == 4:
                age = 72  # the oldest unanswered: a warning well before three months
            received = today - timedelta(days=age)
            person = writer.person()
            consent = rng.random() < 0.7 and kind != "report"
            m = Message(
                number=f"HD{received:%Y%m%d}{serial:04d}", channel=channel, kind=kind, title=title,
                body=f"{body}（{person['writer_name']}，电话{person['phone']}）", **person,
                consent_publish=consent, consent_personal=consent and rng.random() < 0.2,
                submitted_at=_at(received, rng.randint(8, 21), rng.randint(0, 59)), received_on=received,
            )  # fmt: skip
            events: list[tuple[str, datetime, str, bool]] = [
                ("submit", m.submitted_at, "提交留言，待审查", True)
            ]
            if channel.forwarded and code != "zhaocuo":
                m.external_no = f"{'12345' if code == '12345' else 'MXW'}-{received:%Y%m%d}-{serial:04d}"
                m.upstream_received_at = m.submitted_at - timedelta(hours=rng.randint(1, 20))
                up_days = 3 if code == "12345" else 5
                try:
                    m.upstream_due_at = _at(calendar.add_workdays(received, up_days), 17)
                except CalendarMissing:
                    m.upstream_due_at = None
                events[0] = ("import", m.submitted_at, f"{channel.name}转来工单{m.external_no}", False)
            plans.append((m, events, None, []))
            if age <= 1:
                if i == 1:
                    m.suspect = "提交过快"
                continue
            if rng.random() < 0.07 and i > 4:
                reason, proper = rng.choice(REFUSALS)
                m.status, m.refusal_reason, m.proper_channel = Status.REFUSED, reason, proper
                events.append(
                    (
                        "refuse",
                        m.submitted_at + timedelta(hours=20),
                        f"不予受理：{RefusalReason(reason).label}",
                        True,
                    )
                )
                continue
            accepted = _at(
                calendar.next_workday(received + timedelta(days=1))
                if m.submitted_at.hour >= 17
                else received,
                10,
            )
            m.accepted_at = accepted
            key = (channel.pk, kind)
            if key not in policies:
                policies[key] = deadlines.policy_for(channel, kind)
            due = deadlines.compute(accepted, policies[key], calendar)
            m.due_at, m.due_explained = due.at, due.explained[:200]
            events.append(("accept", accepted, f"受理，答复时限：{m.due_explained}", True))
            lead = orgs[unit]
            assigned = accepted + timedelta(hours=2)
            assignment = Assignment(
                org=lead, lead=True, assigned_at=assigned, signed_at=assigned + timedelta(hours=3)
            )
            events.append(("assign", assigned, f"转办至{lead.name}", True))
            events.append(("sign", assigned + timedelta(hours=3), f"{lead.name}签收", True))
            plans[-1] = (m, events, assignment, [])
            open_ = age <= 10 or i in (2, 3) or (i == 4 and code == "mayor")
            if open_:
                m.status = rng.choice(
                    [Status.HANDLING, Status.HANDLING, Status.UNIT_REVIEW, Status.PLATFORM_REVIEW]
                )
                if i == 4 or age > 10:
                    m.status = Status.HANDLING
                if i == 2:
                    m.status = [Status.UNIT_REVIEW, Status.PLATFORM_REVIEW, Status.HANDLING][len(plans) % 3]
                if i == 3:
                    m.status, assignment.signed_at = Status.ASSIGNED, None
                    events.pop()
                continue
            policy = policies[key]
            amount = policy.amount if policy is not None else 10
            took = rng.choice([1, 2, 3, amount - 1, amount, amount + 2]) if amount > 1 else 1
            try:
                replied_day = calendar.add_workdays(timezone.localdate(accepted), max(took, 1))
            except CalendarMissing:
                replied_day = received + timedelta(days=took)
            if replied_day >= today:
                replied_day = today - timedelta(days=1)
            replied = _at(replied_day, 15)
            m.reply, m.reply_org, m.replied_at = reply, lead, replied
            due_at = deadlines.effective_due(m)
            m.replied_on_time = due_at is None or replied <= due_at
            events.append(("reply_draft", replied - timedelta(hours=5), "起草答复，送单位审核", False))
            events.append(
                ("reply_approve", replied - timedelta(hours=3), "单位审核通过，报送平台审核", False)
            )
            events.append(("reply_review", replied, "答复审核通过，已答复留言人", True))
            if channel.publication != Publication.NONE:
                if consent:
                    m.public_state, m.published_at = PublicState.PUBLISHED, replied + timedelta(hours=20)
                    m.public_title = m.title
                    if m.consent_personal:
                        m.public_body, m.public_reply = m.body, m.reply
                    else:
                        m.public_body, log = redact(m, m.body)
                        m.public_reply, log2 = redact(m, m.reply)
                        m.redaction_log = [
                            {"at": m.published_at.isoformat(), "by": str(ACTOR), "log": log + log2}
                        ]
                    events.append(("publish", m.published_at, "公开审核：公开", False))
                else:
                    m.public_state = PublicState.WITHHELD
                    events.append(("publish", replied + timedelta(hours=20), "公开审核：不公开", False))
            evaluations: list[Evaluation] = []
            r = rng.random()
            if r < 0.65:
                level = Level.SATISFIED if r < 0.48 else Level.BASIC if r < 0.58 else Level.UNSATISFIED
                at = replied + timedelta(days=1)
                evaluations.append(Evaluation(level=level, at=at, comment=""))
                events.append(("evaluate", at, f"评价：{Level(level).label}", True))
                if level == Level.UNSATISFIED and rng.random() < 0.6:
                    m.rehandled = 1
                    events.append(("evaluate", at, "不满意，退回重办", True))
                    second = at + timedelta(days=5)
                    redo = deadlines.compute(at, policies[key], calendar)
                    m.due_at, m.due_explained = redo.at, redo.explained[:200]
                    if second.date() < today:
                        m.replied_at = second
                        due_now = deadlines.effective_due(m)
                        m.replied_on_time = due_now is None or second <= due_now
                        events.append(("reply_review", second, "重办答复审核通过，已答复留言人", True))
                        evaluations.append(
                            Evaluation(
                                level=Level.BASIC, at=second + timedelta(days=1), comment="重办后基本满意"
                            )
                        )
                    else:
                        m.status, m.replied_at, m.replied_on_time = Status.HANDLING, None, None
                        plans[-1] = (m, events, assignment, evaluations)
                        continue
            m.status = Status.REPLIED
            if age > 30:
                m.status = Status.CLOSED if age < 200 else Status.ARCHIVED
                m.closed_at = m.replied_at + timedelta(days=7)
                events.append(("close", m.closed_at, "办结", True))
            plans[-1] = (m, events, assignment, evaluations)
    Message.objects.bulk_create([p[0] for p in plans], batch_size=200)
    saved = {m.number: m.pk for m in Message.objects.filter(number__in=[p[0].number for p in plans])}
    event_rows, assignment_rows, evaluation_rows = [], [], []
    for m, events, planned, evaluations in plans:
        pk = saved[m.number]
        owner = m.channel.owner
        for action, at, summary, public in events:
            event_rows.append(
                Event(
                    message_id=pk,
                    at=at,
                    action=action,
                    actor_label=str(ACTOR),
                    org=owner,
                    summary=summary,
                    public=public,
                )
            )
        if planned is not None:
            planned.message_id = pk
            assignment_rows.append(planned)
        for e in evaluations:
            e.message_id = pk
            evaluation_rows.append(e)
    Event.objects.bulk_create(event_rows, batch_size=500)
    Assignment.objects.bulk_create(assignment_rows, batch_size=500)
    Evaluation.objects.bulk_create(evaluation_rows, batch_size=500)
    return len(plans)


def _tiny_png() -> bytes:
    """A 1×1 grey PNG: a credible photo attachment without a binary in the repository."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def _tiny_pdf(title: str) -> bytes:
    """A one-page empty PDF (recognised by its bytes like any upload)."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
        + f"%{title}\n".encode()
        + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def _through_services(channels: dict[str, Channel], users: dict[str, Any]) -> int:
    """A few letters handled step by step through the services (the audit log shows them)."""
    screener, eco, head = users["screener"], users.get("eco_office"), users.get("eco_head")
    orgs = {o.name: o for o in Organization.objects.filter(name__in=["抚顺市生态环境局", "抚顺市人民政府"])}
    data = {
        "kind": "complaint", "title": "化工厂夜间排放异味", "writer_name": "孙建华", "phone": "13941300001",
        "body": "望花区某化工厂夜间排放刺鼻气味，附近居民无法开窗，请相关部门调查。", "consent_publish": True,
    }  # fmt: skip
    photo = ContentFile(_tiny_png(), name="夜间现场照片.png")
    m = services.message_submit(channel=channels["mayor"], data=data, attachments=[photo]).message
    m = services.message_accept(actor=screener, message=m)
    m = services.message_instruct(
        actor=screener, message=m, text="请市生态环境局抓紧核查，依法处理并答复群众。"
    )
    m = services.message_assign(actor=screener, message=m, lead=orgs["抚顺市生态环境局"])
    count = 1
    if eco is not None and head is not None:
        m = services.message_sign(actor=eco, message=m)
        m = services.message_note(
            actor=eco, message=m, note="已电话联系留言人，约定夜间现场检测。", contacted=True
        )
        m = services.message_reply_draft(
            actor=eco,
            message=m,
            text="经夜间现场检测，该厂废气处理设施运行不正常，已责令停产整改并立案处罚。",
        )
        m = services.message_reply_approve(actor=head, message=m, approve=True)
        m = services.message_reply_review(actor=screener, message=m, approve=True)
        m = services.message_publish(actor=screener, message=m, publish=True)
        services.message_evaluate(actor=screener, message=m, level=Level.SATISFIED, comment="处理及时")
        # an extension asked and granted, and a return asked of another ticket
        ext = services.message_submit(channel=channels["mayor"], data={**data, "title": "河道垃圾长期无人清理", "phone": "13941300002",
                                      "body": "浑河某段河道垃圾堆积，气味难闻。", "kind": "complaint"},
                                      attachments=[ContentFile(_tiny_png(), name="河道垃圾.png"),
                                                   ContentFile(_tiny_pdf("river"), name="情况说明.pdf")]).message  # fmt: skip
        ext = services.message_accept(actor=screener, message=ext, complex_=True)
        ext = services.message_assign(actor=screener, message=ext, lead=orgs["抚顺市生态环境局"])
        ext = services.message_sign(actor=eco, message=ext)
        services.message_extension_request(
            actor=eco, message=ext, amount=5, reason="涉及水务、城管多个部门，需联合现场勘查。"
        )
        services.message_extension_decide(actor=screener, message=ext, grant=True)
        back = services.message_submit(channel=channels["mayor"], data={**data, "title": "咨询公租房申请条件", "phone": "13941300003",
                                       "body": "请问公租房申请需要满足哪些条件？", "kind": "consult"}).message  # fmt: skip
        back = services.message_accept(actor=screener, message=back)
        back = services.message_assign(actor=screener, message=back, lead=orgs["抚顺市生态环境局"])
        services.message_return_request(
            actor=eco, message=back, reason="公租房属住房和城乡建设局职责，请改派。"
        )
        services.message_return_decide(
            actor=screener, message=back, grant=True, note="同意退回，改派市住建局。"
        )
        count += 2
    # a message that is really an information application, moved into the intake with its received date
    foi = services.message_submit(
        channel=channels["mayor"],
        data={
            **data,
            "kind": "consult",
            "title": "申请公开老旧小区改造资金",
            "phone": "13941300004",
            "body": "请提供2026年我市老旧小区改造资金分配明细。",
        },
        now=_workday_before(timezone.localdate() - timedelta(days=3)),
    ).message
    services.message_move_to_foi(
        actor=screener, message=foi, org=orgs["抚顺市人民政府"],
        data={"id_type": "resident_id", "id_number": "21040219800101002" + resident_id_check_char("21040219800101002"), "delivery_form": "electronic",
              "delivery_method": "online"},
    )  # fmt: skip
    # a 12345 ticket by import, due upstream sooner than ours
    now = timezone.now()
    services.message_import(
        actor=ACTOR, channel=channels["12345"], external_no=f"12345-{now:%Y%m%d}-9001",
        data={"kind": "help", "title": "小区停水未提前通知", "body": "今天上午小区突然停水，没有任何通知。"},
        upstream_received_at=now - timedelta(hours=3), upstream_due_at=now + timedelta(days=1),
    )  # fmt: skip
    return count + 2


def _consultation(users: dict[str, Any], today: date) -> None:
    """A closed consultation of 市生态环境局 on a normative document, its comments and the published feedback."""
    eco = users.get("eco_office")
    if eco is None:
        return
    opens = today - timedelta(days=60)
    item = consultations.consultation_open(
        actor=eco, org=Organization.objects.get(name="抚顺市生态环境局"),
        basis=ConsultationBasis.objects.get(code="normative"), title="抚顺市建筑工地扬尘污染防治管理办法（征求意见稿）",
        draft="第一条 为了加强建筑工地扬尘污染防治，改善大气环境质量，制定本办法。\n第二条 本市行政区域内建筑工地扬尘污染防治适用本办法。\n第三条 施工单位应当设置不低于2.5米的硬质围挡……",
        explanation="一、起草背景：近年来建筑工地扬尘是我市PM10的主要来源之一。\n二、主要内容：围挡、苫盖、冲洗、监测和罚则。\n三、征求意见方式：网站留言或电子邮件。",
        opens_on=opens, closes_on=opens + timedelta(days=29),
    )  # fmt: skip
    texts = [
        ("建议明确围挡高度在主干道两侧不低于2.5米，其他路段不低于1.8米。", "adopted", "", "围挡"),
        (
            "建议要求工地出入口安装车辆冲洗设施并联网监控。",
            "partly",
            "冲洗设施已作要求，联网监控视财力分步推进。",
            "冲洗",
        ),
        (
            "建议将罚款上限提高到50万元。",
            "not_adopted",
            "罚款幅度由《大气污染防治法》规定，规范性文件不得增设。",
            "罚则",
        ),
        ("小区门口的路灯坏了。", "out_of_scope", "不属于本办法征求范围，已转12345热线办理。", "其他"),
    ]
    for i, (text, disposition, reason, topic) in enumerate(texts):
        comment = consultations.comment_submit(
            consultation=item,
            data={"text": text, "consent_publish": i != 1},
            now=_at(opens + timedelta(days=3 + i * 5), 10),
        )
        consultations.comment_moderate(actor=eco, comment=comment, approve=True)
        consultations.comment_dispose(
            actor=eco, comment=comment, disposition=disposition, reason=reason, topic=topic
        )
    consultations.consultation_feedback(
        actor=eco, consultation=item,
        text="征求意见期间共收到意见4条，采纳1条，部分采纳1条，未采纳1条，1条不属于征求范围。未采纳的主要意见：提高罚款上限"
        "（罚款幅度由《大气污染防治法》规定，规范性文件不得增设）。",
    )  # fmt: skip


def _interview(users: dict[str, Any], today: date) -> None:
    """An interview of 市生态环境局 three weeks ago: questions answered live and after, the transcript published."""
    eco = users.get("eco_office")
    if eco is None:
        return
    day = WorkCalendar().next_workday(today - timedelta(days=21))
    start, end = _at(day, 9, 30), _at(day, 10, 30)
    item = interviews.interview_announce(
        actor=eco, org=Organization.objects.get(name="抚顺市生态环境局"), title="聚焦蓝天保卫战：秋冬季大气污染防治",
        guests="抚顺市生态环境局局长", summary="介绍我市秋冬季大气污染防治措施，回答网友关心的问题。",
        starts_at=start, ends_at=end, now=start - timedelta(days=5),
    )  # fmt: skip
    asked = [
        (
            "今年我市PM2.5的目标是多少？",
            "望花网友",
            "今年目标是年均浓度控制在38微克/立方米以下，目前进展符合预期。",
            True,
        ),
        ("供暖季如何减少散煤燃烧？", "", "今年将完成1.2万户清洁取暖改造，并加强散煤销售点检查。", False),
        ("工地扬尘投诉打什么电话？", "东洲居民", "可拨打12345热线或通过市长信箱反映，我局24小时受理。", True),
    ]
    for i, (text, asker, answer, live) in enumerate(asked):
        question = interviews.question_submit(
            interview=item, data={"text": text, "asker": asker}, now=start - timedelta(hours=20 - i)
        )
        interviews.question_moderate(actor=eco, question=question, approve=True)
        when = start + timedelta(minutes=10 + 15 * i) if live else end + timedelta(days=2)
        interviews.question_answer(actor=eco, question=question, answer=answer, now=when)
    interviews.transcript_publish(
        actor=eco, interview=item,
        transcript="主持人：各位网友，大家好！欢迎参加今天的在线访谈。\n局长：大家好！今年以来，我市持续推进蓝天保卫战……",
    )  # fmt: skip


def _survey(users: dict[str, Any], today: date) -> None:
    """A finished questionnaire of 市生态环境局 with a few dozen answers."""
    eco = users.get("eco_office")
    if eco is None:
        return
    opens = today - timedelta(days=40)
    item = surveys.survey_create(
        actor=eco, org=Organization.objects.get(name="抚顺市生态环境局"), title="城市空气质量公众满意度调查",
        intro="请您对我市空气质量和大气污染治理工作进行评价。",
        questions="单选：您对今年我市空气质量是否满意|满意|基本满意|不满意\n多选：您认为主要污染来源是|燃煤|机动车|工地扬尘|工业排放\n填空：您的意见和建议",
        opens_on=opens, closes_on=opens + timedelta(days=20),
    )  # fmt: skip
    rng = random.Random(29)
    for i in range(36):
        surveys.response_submit(
            survey=item,
            answers={"q0": rng.choice(["满意", "满意", "基本满意", "不满意"]),
                     "q1": rng.sample(["燃煤", "机动车", "工地扬尘", "工业排放"], rng.randint(1, 3)),
                     "q2": rng.choice(["加强工地扬尘管理", "推广新能源公交", "冬季减少燃煤"])},
            phone_key=services.phone_key(f"1390000{i:04d}"), now=_at(opens + timedelta(days=i % 20), 12),
        )  # fmt: skip


def _workday_before(day: date) -> datetime:
    """10:00 on `day`, or on the working day before it: the demo's applications arrive on working days."""
    calendar = WorkCalendar()
    while not calendar.is_workday(day):
        day -= timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(10)))
