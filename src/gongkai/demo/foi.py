"""Demo information applications in 抚顺市: every status and every outcome, across the 2026 Spring Festival and
National Day holidays, with corrections, consultations, extensions, fees, remedies and answer letters.

Everything goes through the foi services, back-dated with `recording_as_of`. Open cases are placed relative to
the day the demo is loaded, so the queues show cases due soon and overdue. One transaction: all or nothing;
a second run changes nothing.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.catalog.models import Item
from gongkai.core.identifiers import make_credit_code
from gongkai.demo.catalog import Clock
from gongkai.demo.city import DEMO, DEMO_PASSWORD
from gongkai.foi import notifications, services, workflow
from gongkai.foi.identity import resident_id_check_char
from gongkai.foi.models import Application
from gongkai.orgs import services as org_services
from gongkai.orgs.models import Organization, Role
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

#: The day the plan of closed cases is written for; `Ctx.d` moves it to the day the demo is loaded.
ANCHOR = date(2026, 11, 27)
NAMESPACE = uuid.UUID("6a0b7c52-1f4e-4b8e-9a43-5f0d2c7e9b11")
MARKER = uuid.uuid5(NAMESPACE, "marker")

# Office heads approve answers and extensions (two-person rule); clerks come from the demo city.
HEADS = [
    ("eco_head", "郑主任", "抚顺市生态环境局"),
    ("finance_head", "褚主任", "抚顺市财政局"),
    ("city_office_head", "赵主任", "抚顺市人民政府"),
    ("xinfu_head", "沈主任", "新抚区人民政府"),
]
EXTRA_CLERKS = [
    ("nr_office", "秦公开", "抚顺市自然资源局"),
    ("nr_head", "尤主任", "抚顺市自然资源局"),
    ("housing_office", "许公开", "抚顺市住房和城乡建设局"),
    ("housing_head", "何主任", "抚顺市住房和城乡建设局"),
]
CLERKS = {
    "抚顺市生态环境局": "eco_office",
    "抚顺市财政局": "finance_office",
    "抚顺市人民政府": "city_office",
    "新抚区人民政府": "xinfu_office",
    "抚顺市自然资源局": "nr_office",
    "抚顺市住房和城乡建设局": "housing_office",
}
HEAD_OF = {
    "抚顺市生态环境局": "eco_head",
    "抚顺市财政局": "finance_head",
    "抚顺市人民政府": "city_office_head",
    "新抚区人民政府": "xinfu_head",
    "抚顺市自然资源局": "nr_head",
    "抚顺市住房和城乡建设局": "housing_head",
}


def _resident_id(division: str, born: str, seq: str) -> str:
    first17 = f"{division}{born}{seq}"
    return first17 + resident_id_check_char(first17)


NATURAL = [
    ("张伟", "210402", "19780312", "113"),
    ("王芳", "210403", "19850621", "224"),
    ("李娜", "210404", "19900105", "362"),
    ("刘洋", "210411", "19670918", "415"),
    ("陈静", "210421", "19921127", "528"),
    ("杨帆", "210402", "19811009", "631"),
    ("赵敏", "210403", "19750214", "742"),
    ("黄磊", "210404", "19880730", "853"),
]
LEGAL = [
    ("commercial", "抚顺市清源环保科技有限公司", "91", "赵清源", "钱经理"),
    ("research", "抚顺市城市规划研究院", "12", "孙院长", "李研究员"),
    ("social_welfare", "抚顺市绿色家园环境保护协会", "51", "周会长", "吴秘书"),
    ("legal_services", "辽宁明正律师事务所", "31", "郑律师", "王助理"),
    ("other", "抚顺市新抚区东公园社区居民委员会", "55", "冯主任", "陈干事"),
]


def _applicants() -> list[dict]:
    people = []
    for index, (name, division, born, seq) in enumerate(NATURAL):
        people.append(
            {
                "applicant_type": "natural", "applicant_name": name, "id_type": "resident_id",
                "id_number": _resident_id(division, born, seq), "phone": f"1390413{index:04d}",
                "email": f"applicant{index}@example.com", "address": f"辽宁省抚顺市新抚区演示路{index + 1}号",
                "postcode": "113008",
            }
        )  # fmt: skip
    for index, (kind, name, registrar, rep, contact) in enumerate(LEGAL):
        people.append(
            {
                "applicant_type": kind, "applicant_name": name,
                "credit_code": make_credit_code(registrar=registrar, division="210400", org_code8=f"7{index:07d}"),
                "legal_representative": rep, "contact_person": contact, "phone": f"024-5760{index:04d}",
                "email": f"org{index}@example.com", "address": f"辽宁省抚顺市顺城区示范街{index + 10}号",
                "postcode": "113006",
            }
        )  # fmt: skip
    return people


@dataclass
class Ctx(Clock):
    """The demo's working days (`Clock`) with the city, the applicants and the anchor of the plan."""

    city: Organization
    applicants: list[dict]
    anchor: date  # the working day that stands for ANCHOR: today, or the last working day before it
    serial: int = 0
    year_shift: int = 0  # years added to the years named in the planned titles

    def title(self, text: str) -> str:
        return re.sub(r"(20\d\d)年", lambda m: f"{int(m[1]) + self.year_shift}年", text)

    def org(self, name: str) -> Organization:
        return Organization.objects.get(name=name)

    def user(self, username: str):
        return get_user_model().objects.get(username=username)

    def received_for_due(self, due: date) -> date:
        return self.back(self.calendar.next_workday(due), 20)

    def d(self, year: int, month: int, day: int) -> date:
        """A day of the plan, written as it falls when the demo is loaded on ANCHOR (2026-11-27), moved to keep
        its distance in working days from the day the demo is loaded: every period the law counts in working
        days (answer, correction, fee, extension) stays exactly as planned, whatever day the demo is loaded."""
        planned = date(year, month, day)
        return self.back(self.anchor, self.calendar.workdays_between(planned, ANCHOR))


def _users(city: Organization) -> None:
    User = get_user_model()
    for username, full_name, org_name in HEADS + EXTRA_CLERKS:
        if User.objects.filter(username=username).exists():
            continue
        org_services.user_create(
            actor=DEMO, username=username, password=DEMO_PASSWORD, full_name=full_name,
            email=f"{username}@example.gov.cn", org=Organization.objects.get(name=org_name), roles=[Role.OFFICE],
        )  # fmt: skip
    for username in CLERKS.values():  # reminders need an address
        User.objects.filter(username=username, email="").update(email=f"{username}@example.gov.cn")


def _new(
    ctx: Ctx, org_name: str, received: date, title: str, who: int, *, online: bool = True, **data
) -> Application:
    """An application received on `received`: online (submitted and confirmed) or registered by the office."""
    ctx.serial += 1
    title = ctx.title(title)
    org = ctx.org(org_name)
    clerk = ctx.user(CLERKS[org_name])
    fields = {
        "id_type": "", "id_number": "", "credit_code": "", "legal_representative": "", "contact_person": "",
        "info_title": title, "info_doc_no": "", "info_description": "", "purpose": "",
        "delivery_form": "electronic", "delivery_method": "online", **ctx.applicants[who], **data,
    }  # fmt: skip
    token = MARKER if ctx.serial == 1 else uuid.uuid5(NAMESPACE, f"case-{ctx.serial}")
    with services.recording_as_of(received):
        if online:
            application = services.application_submit(
                org=org, data=fields, submission_token=token
            ).application
            services.application_confirm_receipt(actor=clerk, application=application, received_on=received)
        else:
            application = services.application_register(
                actor=clerk, org=org, channel="in_person" if ctx.serial % 2 else "registered_mail",
                received_on=received, data=fields,
                evidence_ref="" if ctx.serial % 2 else f"1151{ctx.serial:09d}",
            ).application  # fmt: skip
        services.application_assign(actor=clerk, application=application, handler=clerk)
    return application


def _answer(
    ctx: Ctx, application: Application, on: date, outcome: str, facts: str, *, table_rows: int = 0, **extra
) -> None:
    """Draft, submit and approve the answer on `on`. What is granted (in whole or in part) and not already
    public is attached first as the delivered file the letter lists."""
    org_name = application.org.name
    with services.recording_as_of(on):
        if outcome in ("granted", "partial") and not extra.get("already_disclosed"):
            services.application_add_file(
                actor=ctx.user(CLERKS[org_name]), application=application,
                upload=delivered_file(application, partial=outcome == "partial", table_rows=table_rows),
            )  # fmt: skip
        services.application_answer_save_draft(
            actor=ctx.user(CLERKS[org_name]), application=application, outcome=outcome, facts=facts, **extra
        )
        services.application_answer_submit(actor=ctx.user(CLERKS[org_name]), application=application)
        services.application_answer(
            actor=ctx.user(HEAD_OF[org_name]), application=application, answered_on=on
        )


def delivered_file(application: Application, *, partial: bool = False, table_rows: int = 0):
    """The information an answer provides: a DOCX of the document, or an XLSX for a ledger of `table_rows`
    rows; partial disclosure delivers the redacted version."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile

    title = application.info_title
    received = Application.objects.values_list("received_on", flat=True).get(pk=application.pk)
    suffix = "（已作区分处理）" if partial else ""
    out = BytesIO()
    if table_rows:
        from openpyxl import Workbook

        assert received is not None  # a case answered is a case received

        book = Workbook()
        sheet = book.active
        sheet.title = "台账"
        sheet.append([title + suffix])
        sheet.append(["序号", "项目名称", "所在区县", "面积（平方米）", "金额（万元）", "日期"])
        districts = ["新抚区", "东洲区", "望花区", "顺城区", "抚顺县", "新宾县", "清原县"]
        for n in range(1, table_rows + 1):
            sheet.append([n, f"项目{n:04d}", districts[n % 7], 800 + n * 37 % 5000, round(50 + n * 7.3 % 900, 2),
                          f"{received.year - 1}-{n % 12 + 1:02d}-{n % 27 + 1:02d}"])  # fmt: skip
        book.save(out)
        name = f"{title}{suffix}.xlsx"
    else:
        from docx import Document

        doc = Document()
        doc.add_heading(title + suffix, level=1)
        doc.add_paragraph(f"制作机关：{application.org.name}")
        doc.add_paragraph(
            f"本文件为{application.org.name}制作或保存的“{title}”，依申请提供给申请人。"
            + ("涉及个人身份信息和联系方式的内容已作遮盖处理。" if partial else "")
        )
        for n in range(1, 6):
            doc.add_paragraph(f"{n}. 【{title}】第{n}部分内容（演示数据）。")
        doc.save(out)
        name = f"{title}{suffix}.docx"
    return SimpleUploadedFile(name, out.getvalue())


def _extend(ctx: Ctx, application: Application, on: date, reason: str, days: int = 20) -> None:
    org_name = application.org.name
    with services.recording_as_of(on):
        services.application_extension_request(
            actor=ctx.user(CLERKS[org_name]), application=application, days=days, reason=reason
        )
        services.application_extend(
            actor=ctx.user(HEAD_OF[org_name]), application=application, approved_on=on
        )


def _clerk(ctx: Ctx, application: Application):
    return ctx.user(CLERKS[application.org.name])


def _by_clerk(ctx: Ctx, application: Application, day: date, service, **kwargs):
    """`service` on the case by its organisation's clerk, recorded as done on `day`."""
    with services.recording_as_of(day):
        return service(actor=_clerk(ctx, application), application=application, **kwargs)


FACTS = {
    "granted": "现将该信息电子版通过本平台提供给你，请凭申请编号和查询码下载。",
    "partial": "该信息中涉及个人身份信息和联系方式的内容不予公开，其余部分予以公开。",
    "refused.state_secret": "经保密审查，该文件已依法定密，密级为秘密。",
    "refused.law_forbids": "该信息属于《中华人民共和国统计法》规定不得公开的单个统计调查对象资料。",
    "refused.security_stability": "该信息涉及城市供水设施布防，公开后可能危及公共安全。",
    "refused.third_party": "该信息涉及企业商业秘密，第三方明确不同意公开。",
    "refused.internal_affairs": "你申请的信息为本机关内部考勤管理办法。",
    "refused.process_info": "你申请的信息为会议讨论记录，尚未形成正式决定。",
    "refused.enforcement_file": "你申请的信息为行政处罚案卷中的调查询问笔录。",
    "refused.query_matter": "不动产登记资料请向不动产登记机构申请查询。",
    "unavailable.not_held": "经检索，本机关未制作或获取该信息。",
    "unavailable.needs_compiling": "你要求的分区县、分年度汇总数据需要对现有信息进行加工、分析。",
    "unavailable.unclear_after_correction": "补正后的申请仍未能指明所需信息的名称、文号或其他特征。",
    "not_handled.petition": "你反映的问题属于信访投诉事项，请通过12345热线或信访渠道反映。",
    "not_handled.repeated": "本机关已于此前对你提出的同一内容申请作出答复。",
    "not_handled.publication": "该内容已刊登于《抚顺市人民政府公报》{year}年第3期，可在各公共图书馆查阅。",
    "not_handled.excessive": "你在一个月内提出内容相近的申请四十余件，经要求说明理由未能说明正当理由。",
    "not_handled.confirmation": "你要求本机关确认相关文件的真实性，不属于政府信息公开申请。",
    "other.other": "申请人于答复前书面撤回申请。",
}


def _closed_cases(ctx: Ctx) -> None:
    eco, fin, city, xinfu, nr, housing = (
        "抚顺市生态环境局", "抚顺市财政局", "抚顺市人民政府", "新抚区人民政府", "抚顺市自然资源局",
        "抚顺市住房和城乡建设局",
    )  # fmt: skip
    # The Spring Festival 2026 (02-15..02-23, Sat 02-14 and 02-28 worked): received 2026-02-10, due 03-16.
    a = _new(ctx, eco, ctx.d(2026, 2, 10), "2025年度抚顺市空气质量监测月报", 0)
    _answer(ctx, a, ctx.d(2026, 3, 12), "granted", FACTS["granted"])
    # The worked example 2026-01-30: extended to 2026-04-02, partial disclosure.
    a = _new(ctx, fin, ctx.d(2026, 1, 30), "2025年市级财政专项资金分配明细", 9)
    _extend(ctx, a, ctx.d(2026, 3, 2), "涉及多个预算单位，需要逐项核对")
    _answer(
        ctx, a, ctx.d(2026, 3, 31), "partial", FACTS["partial"],
        partial_reason="名单中的居民身份证号码和联系电话属于个人隐私（条例第十五条），已删除后以纸质件提供。",
    )  # fmt: skip
    # Across New Year: received 2025-12-25, due 2026-01-23; the information is already public: the letter
    # names the catalog item (the catalog step runs before this one).
    received = ctx.d(2025, 12, 25)
    report = (
        Item.objects.published()
        .filter(org__name="抚顺市人民政府", title=f"{received.year}年抚顺市人民政府工作报告")
        .first()
    )
    a = _new(ctx, city, received, f"抚顺市{received.year}年政府工作报告", 1, online=False)
    if report is not None:
        day = timezone.localdate(report.published_at)
        _answer(
            ctx, a, ctx.add(received, 9), "granted",
            f"该信息已于{day.year}年{day.month}月{day.day}日主动公开。", already_disclosed=True,
            catalog_refs=f"《{report.title}》，索引号{report.index_no}，"
            "见抚顺市人民政府门户网站“政府信息公开—政府工作报告”栏目。",
        )  # fmt: skip
    else:
        _answer(ctx, a, ctx.add(received, 9), "granted", FACTS["granted"])
    # National Day 2026: received 09-18, extended to 11-19 (the worked example), answered 11-18.
    a = _new(ctx, housing, ctx.d(2026, 9, 18), "2026年老旧小区改造项目清单及资金安排", 2)
    _extend(ctx, a, ctx.d(2026, 10, 20), "项目清单涉及多个区县，需要汇总核实")
    _answer(ctx, a, ctx.d(2026, 11, 18), "granted", FACTS["granted"])
    # Mid-autumn and National Day with a third-party consultation: received 09-24, consulted 09-29..10-16.
    a = _new(ctx, eco, ctx.d(2026, 9, 24), "抚顺市某化工企业2026年排污许可执行报告", 5)
    c = _by_clerk(
        ctx, a, ctx.d(2026, 9, 29), services.application_consult_start, kind="third_party",
        party="抚顺市某化工有限公司", started_on=ctx.d(2026, 9, 29),
    )  # fmt: skip
    with services.recording_as_of(ctx.d(2026, 10, 16)):
        services.application_consult_end(
            actor=_clerk(ctx, a), consultation=c, ended_on=ctx.d(2026, 10, 16), opinion="disagree"
        )
    _answer(ctx, a, ctx.d(2026, 11, 5), "refused.third_party", FACTS["refused.third_party"])
    # Every other outcome once, over 2025 and 2026.
    plan = [
        (city, ctx.d(2025, 3, 10), "refused.state_secret", "某重点工程选址论证材料", 3, None),
        (fin, ctx.d(2025, 4, 8), "refused.law_forbids", "某企业统计调查原始资料", 9, None),
        (city, ctx.d(2025, 5, 19), "refused.security_stability", "城市供水管网布局图", 4, None),
        (eco, ctx.d(2025, 6, 16), "refused.internal_affairs", "市生态环境局机关考勤制度", 6, None),
        (housing, ctx.d(2025, 7, 8), "refused.process_info", "住房保障工作专题会议记录", 7, None),
        (eco, ctx.d(2025, 8, 11), "refused.enforcement_file", "某企业环境行政处罚案卷", 8, None),
        (nr, ctx.d(2025, 9, 8), "refused.query_matter", "某宗地不动产登记簿", 0, None),
        (
            fin,
            ctx.d(2025, 10, 13),
            "unavailable.not_held",
            "某区2024年体育彩票公益金使用情况",
            1,
            "新抚区财政局",
        ),
        (eco, ctx.d(2025, 11, 10), "unavailable.needs_compiling", "近十年分区县污染源统计汇总表", 10, None),
        (city, ctx.d(2026, 3, 9), "not_handled.petition", "关于小区物业问题的投诉", 2, None),
        (
            fin,
            ctx.d(2026, 4, 13),
            "not_handled.repeated",
            "2025年市级财政专项资金分配明细（再次申请）",
            9,
            None,
        ),
        (
            city,
            ctx.d(2026, 5, 11),
            "not_handled.publication",
            f"抚顺市人民政府公报{ctx.d(2026, 5, 11).year}年第3期",
            3,
            None,
        ),
        (nr, ctx.d(2026, 6, 8), "not_handled.excessive", "全市所有地块出让合同（第四十二件）", 4, None),
        (xinfu, ctx.d(2026, 7, 6), "not_handled.confirmation", "确认某拆迁补偿协议真实性", 5, None),
        (xinfu, ctx.d(2026, 8, 3), "other.other", "东公园街道2026年惠民项目清单", 12, None),
    ]
    for org_name, received, outcome, title, who, referred in plan:
        a = _new(ctx, org_name, received, title, who, online=received.month % 2 == 0)
        if outcome == "other.other":  # withdrawn: closed without an answer
            _by_clerk(
                ctx, a, ctx.add(received, 5), services.application_close, outcome=outcome,
                closed_on=ctx.add(received, 5), reason=FACTS[outcome],
            )  # fmt: skip
            continue
        if outcome == "not_handled.excessive":  # Art. 35: the reasons asked for first, none given in time
            _by_clerk(
                ctx, a, ctx.add(received, 2), services.application_reasons_request,
                requested_on=ctx.add(received, 2),
                asked="你在一个月内提出内容相近的申请四十余件，请说明申请的用途和理由。",
                due_on=ctx.add(received, 2) + timedelta(days=7),
            )  # fmt: skip
        extra: dict[str, Any] = {"referred_org_name": referred} if referred else {}
        _answer(ctx, a, ctx.add(received, 12), outcome, FACTS[outcome].format(year=received.year), **extra)
    # Unclear after correction (Art. 30), and no correction in time.
    a = _new(ctx, housing, ctx.d(2026, 5, 18), "有关部门的那个文件", 6)
    _by_clerk(
        ctx, a, ctx.d(2026, 5, 20), services.application_request_correction, requested_on=ctx.d(2026, 5, 20),
        items="请写明所需文件的名称、文号或制作机关",
    )  # fmt: skip
    _by_clerk(
        ctx, a, ctx.d(2026, 5, 27), services.application_receive_correction, received_on=ctx.d(2026, 5, 27),
        text="就是去年的文件",
    )  # fmt: skip
    _answer(
        ctx,
        a,
        ctx.d(2026, 6, 10),
        "unavailable.unclear_after_correction",
        FACTS["unavailable.unclear_after_correction"],
    )
    a = _new(ctx, eco, ctx.d(2026, 6, 15), "关于环境问题的材料", 7)
    _by_clerk(
        ctx, a, ctx.d(2026, 6, 17), services.application_request_correction, requested_on=ctx.d(2026, 6, 17),
        items="请写明所需信息的具体名称和时间范围",
    )  # fmt: skip
    due = Application.objects.get(pk=a.pk).correction_due_on
    assert due is not None  # a correction was requested
    with services.recording_as_of(due + timedelta(days=1)):
        services.applications_close_lapsed(today=due + timedelta(days=1))
    # Fees: 150 pages unpaid (closed other.no_payment), 120 pages paid, one waived.
    a = _new(ctx, nr, ctx.d(2026, 7, 13), "2025年全市建设用地供应台账（全部）", 11)
    fee = _by_clerk(
        ctx, a, ctx.d(2026, 7, 15), services.application_fee_notice, method="per_page", pages=150,
        notice_on=ctx.d(2026, 7, 15),
    )  # fmt: skip
    assert fee.pay_by is not None  # a fee notice sets the date to pay by
    with services.recording_as_of(fee.pay_by + timedelta(days=1)):
        services.applications_close_lapsed(today=fee.pay_by + timedelta(days=1))
    a = _new(ctx, nr, ctx.d(2026, 8, 10), "2025年国有建设用地使用权出让结果汇总", 11)
    _by_clerk(
        ctx, a, ctx.d(2026, 8, 12), services.application_fee_notice, method="per_page", pages=120,
        notice_on=ctx.d(2026, 8, 12),
    )  # fmt: skip
    _by_clerk(
        ctx, a, ctx.d(2026, 8, 19), services.application_fee_paid, paid_on=ctx.d(2026, 8, 19),
        receipt_no="21010126-0000384516",
    )  # fmt: skip
    _answer(ctx, a, ctx.d(2026, 9, 10), "granted", FACTS["granted"], table_rows=120 * 20)
    a = _new(ctx, eco, ctx.d(2026, 8, 17), "2025年全市环境统计年报全文", 10)
    _by_clerk(
        ctx, a, ctx.d(2026, 8, 18), services.application_fee_notice, method="per_page", pages=64,
        notice_on=ctx.d(2026, 8, 18),
    )  # fmt: skip
    _by_clerk(
        ctx, a, ctx.d(2026, 8, 20), services.application_fee_waive, waived_on=ctx.d(2026, 8, 20),
        reason="申请人为公益组织，用于环境教育",
    )  # fmt: skip
    _answer(ctx, a, ctx.d(2026, 9, 9), "granted", FACTS["granted"], table_rows=64 * 20)


def _remedies(ctx: Ctx) -> None:
    """Reconsideration and litigation on some closed cases (annual-report table 4)."""
    closed = {a.outcome: a for a in Application.objects.filter(status="closed").select_related("org")}
    government, court = "抚顺市人民政府", "抚顺市望花区人民法院"
    plan = [  # the case's outcome, remedy, filed, result, decided (as planned), authority
        ("refused.third_party", "reconsideration", (2026, 11, 10), "pending", None, government),
        ("refused.process_info", "reconsideration", (2025, 9, 1), "upheld", (2025, 10, 30), government),
        ("unavailable.not_held", "reconsideration", (2025, 12, 1), "corrected", (2026, 1, 28), government),
        ("refused.enforcement_file", "litigation_direct", (2025, 10, 20), "other", (2026, 3, 18), court),
        ("not_handled.excessive", "litigation_direct", (2026, 8, 20), "pending", None, court),
    ]
    for outcome, kind, filed_on, result, decided_on, authority in plan:
        filed, decided = ctx.d(*filed_on), ctx.d(*decided_on) if decided_on else None
        application = closed[outcome]
        remedy = _by_clerk(
            ctx, application, filed, services.remedy_record, kind=kind, filed_on=filed, authority=authority,
            case_no=f"（{filed.year}）辽04行{'复' if kind == 'reconsideration' else '初'}{ctx.serial + filed.month}号",
        )  # fmt: skip
        if decided:
            with services.recording_as_of(decided):
                services.remedy_update(
                    actor=_clerk(ctx, application), remedy=remedy, result=result, decided_on=decided
                )
    # Litigation after the upheld reconsideration.
    application = closed["refused.process_info"]
    _by_clerk(
        ctx, application, ctx.d(2025, 11, 20), services.remedy_record,
        kind="litigation_after_reconsideration", filed_on=ctx.d(2025, 11, 20), authority="抚顺市中级人民法院",
    )  # fmt: skip


#: Ratings the demo's applicants gave (满意度评价): the statistics page shows them per organisation.
DEMO_RATINGS = [
    ("satisfied", "答复及时，信息完整。"), ("basically_satisfied", ""), ("satisfied", ""),
    ("unsatisfied", "希望提供电子版。"), ("basically_satisfied", "答复清楚。"),
]  # fmt: skip


def _evaluations(ctx: Ctx) -> None:
    answered = Application.objects.filter(
        org__path__startswith=ctx.city.path, status="closed", answer__state="approved"
    ).order_by("closed_on", "id")[: len(DEMO_RATINGS)]
    for application, (rating, comment) in zip(answered, DEMO_RATINGS, strict=False):
        assert application.closed_on is not None  # filtered on status closed
        on = min(application.closed_on + timedelta(days=3), ctx.today)
        with services.recording_as_of(on):
            services.application_evaluate(
                actor=workflow.Applicant(application.pk),
                application=application,
                rating=rating,
                comment=comment,
            )


def _open_cases(ctx: Ctx) -> None:
    """Open cases placed relative to today, so every queue has something in it."""
    t = ctx.today
    eco, fin, city, housing, nr = (
        "抚顺市生态环境局", "抚顺市财政局", "抚顺市人民政府", "抚顺市住房和城乡建设局", "抚顺市自然资源局",
    )  # fmt: skip
    # Submitted online, waiting for confirmation of receipt.
    with services.recording_as_of(t):
        services.application_submit(
            org=ctx.org(eco), data={**ctx.applicants[1], "info_title": ctx.title("浑河抚顺段水质监测数据"), "delivery_form": "electronic",
                                    "delivery_method": "online"},
            submission_token=uuid.uuid5(NAMESPACE, "open-submitted-1"),
        )  # fmt: skip
    with services.recording_as_of(ctx.back(t, 1)):
        services.application_submit(
            org=ctx.org(city), data={**ctx.applicants[10], "info_title": ctx.title("2026年市政府重点工作任务分解"), "delivery_form": "paper",
                                     "delivery_method": "post"},
            submission_token=uuid.uuid5(NAMESPACE, "open-submitted-2"),
        )  # fmt: skip
    # Received, not yet assigned.
    with services.recording_as_of(ctx.back(t, 1)):
        services.application_register(
            actor=ctx.user("finance_office"), org=ctx.org(fin), channel="email", received_on=ctx.back(t, 1),
            evidence_received_at=timezone.make_aware(datetime.combine(ctx.back(t, 1), time(8, 47))),
            data={**ctx.applicants[11], "info_title": ctx.title("2026年政府采购意向公开情况"), "delivery_form": "electronic",
                  "delivery_method": "email"},
        )  # fmt: skip
    # In progress, due in two working days; and overdue by three.
    _new(ctx, eco, ctx.received_for_due(ctx.add(t, 2)), "抚顺市2026年第三季度环境质量状况", 2)
    _new(ctx, housing, ctx.received_for_due(ctx.back(t, 3)), "2026年保障性租赁住房筹集计划", 3)
    # Waiting for the applicant's correction.
    a = _new(ctx, fin, ctx.back(t, 3), "关于补贴的文件", 4)
    _by_clerk(
        ctx, a, ctx.back(t, 1), services.application_request_correction, requested_on=ctx.back(t, 1),
        items="请写明补贴的种类、年度和发文机关",
    )  # fmt: skip
    # Consulting another organ (open).
    a = _new(ctx, city, ctx.back(t, 10), "抚顺市2026年重大行政决策事项目录编制说明", 5)
    _by_clerk(
        ctx, a, ctx.back(t, 4), services.application_consult_start, kind="inter_agency", party="抚顺市司法局",
        started_on=ctx.back(t, 4),
    )  # fmt: skip
    # Waiting for payment.
    a = _new(ctx, nr, ctx.back(t, 8), "2026年全市土地征收成片开发方案全部附件", 8)
    _by_clerk(
        ctx, a, ctx.back(t, 2), services.application_fee_notice, method="per_page", pages=260,
        notice_on=ctx.back(t, 2),
    )  # fmt: skip
    # Answer drafted and waiting for the office head.
    a = _new(ctx, eco, ctx.back(t, 12), "2026年中央生态环境保护督察反馈问题整改方案", 6)
    with services.recording_as_of(ctx.back(t, 1)):
        services.application_add_file(actor=_clerk(ctx, a), application=a, upload=delivered_file(a))
        services.application_answer_save_draft(
            actor=_clerk(ctx, a), application=a, outcome="granted", facts=FACTS["granted"]
        )
        services.application_answer_submit(actor=_clerk(ctx, a), application=a)
    # Extension requested, waiting for approval.
    a = _new(ctx, fin, ctx.back(t, 17), "2026年市本级一般公共预算调整方案说明", 7)
    _by_clerk(
        ctx, a, ctx.back(t, 1), services.application_extension_request, days=15,
        reason="需要征询预算单位意见",
    )  # fmt: skip
    # Art. 35: a longer period that reaches into a year whose calendar is not entered yet (if it isn't).
    a = _new(ctx, nr, ctx.back(t, 5), "2010年以来全部国有土地出让档案（分批提供）", 11)
    _by_clerk(
        ctx, a, ctx.back(t, 4), services.application_reasons_request, requested_on=ctx.back(t, 4),
        asked="你本月已提出土地出让档案类申请十余件，请说明申请的用途和理由。",
        due_on=ctx.back(t, 4) + timedelta(days=7),
    )  # fmt: skip
    _by_clerk(
        ctx, a, ctx.back(t, 3), services.application_reasons_receive, received_on=ctx.back(t, 3),
        text="为编写土地利用变迁研究报告，需要系统查阅历年出让档案。",
    )  # fmt: skip
    _by_clerk(
        ctx, a, ctx.back(t, 2), services.application_set_longer_period, days=60,
        reason="申请数量大，需分批检索档案", notified_on=ctx.back(t, 2),
    )  # fmt: skip


def _anchor(calendar: WorkCalendar, today: date) -> date:
    """The working day the plan is laid back from: today if it is one, else the last one before it (the last
    day of the calendar entered, when today's year has none)."""
    day = today
    for _ in range(400):
        try:
            if calendar.is_workday(day):
                return day
        except CalendarMissing:
            day = date(day.year - 1, 12, 31)
            continue
        day -= timedelta(days=1)
    raise CalendarMissing(today.year)


def example() -> tuple[str, str] | None:
    """The demo case to follow on the portal: (tracking number, query code), once the demo is loaded."""
    application = Application.objects.filter(submission_token=MARKER).first()
    if application is None:
        return None
    return application.tracking_no, services.query_code_for(MARKER)


def load(city: Organization) -> str:
    with notifications.suppressed():  # the demo's applicants are invented: nobody is told anything
        return _load(city)


@transaction.atomic
def _load(city: Organization) -> str:
    if Application.objects.filter(submission_token=MARKER).exists():
        return "已存在，未改动"
    today = timezone.localdate()
    calendar = WorkCalendar()
    anchor = _anchor(calendar, today)
    ctx = Ctx(city=city, calendar=calendar, today=today, applicants=_applicants(), anchor=anchor)
    ctx.year_shift = round((anchor - ANCHOR).days / 365.25)
    _users(city)
    _closed_cases(ctx)
    _remedies(ctx)
    _evaluations(ctx)
    ctx.year_shift = today.year - ANCHOR.year
    try:
        _open_cases(ctx)
    except CalendarMissing as exc:  # loaded in a year whose calendar is not entered yet
        note = f"（{exc.year}年日历未录入，未生成进行中的申请）"
    else:
        note = ""
    total = Application.objects.filter(org__path__startswith=city.path).count()
    open_count = Application.objects.filter(org__path__startswith=city.path).exclude(status="closed").count()
    return f"{total}件申请（办理中{open_count}件）{note}；负责人账号 {'、'.join(u for u, _n, _o in HEADS)}"
