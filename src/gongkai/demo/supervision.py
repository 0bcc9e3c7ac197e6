"""Demo supervision for 抚顺市: the city's work points of this year broken into tasks for its departments and
districts (most reported done on time, one done late, one still open past its date, the rest 持续推进), last
year's points with their 回头看, a coordination meeting and a training, two inspections (one on site with the
city People's Congress) with findings, a circular for last month drafted from the records and sent internally,
the supervised columns of three sites and today's self-checks, an assessment scheme with its scores, and last
month's reports of three units (accepted, returned, submitted). Runs last (it reads every other step's
records); dates are working days, none after today. Idempotent."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from gongkai.catalog.models import Genre, Item, Topic
from gongkai.core.actors import System
from gongkai.orgs.models import Organization
from gongkai.supervision import services
from gongkai.supervision.models import (
    IndicatorKind,
    IndicatorMethod,
    Metric,
    ReviewResult,
    Scheme,
    UpdateRule,
    WorkPlan,
)
from gongkai.supervision.services import IndicatorSpec
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

JOB = System("演示数据")
OFFICE = "抚顺市人民政府办公室"

#: (number, task, requirement, lead unit, co-units, due (month, day) or None for 持续推进, evidence, outcome)
#: outcome: "done" on time, "late" done after its date, "open" still open.
TASKS = [
    ("1", "围绕优化营商环境公开涉企政策", "集中公开现行有效涉企政策文件，标注有效性，做好政策解读。",
     "抚顺市发展和改革委员会", ["抚顺市行政审批局"], (3, 31), "公开专栏网址、政策清单", "done"),
    ("2", "深化预决算信息公开", "市本级和各部门预决算在批复后20日内公开，细化到功能分类项级科目。",
     "抚顺市财政局", [], (4, 30), "预决算公开信息", "done"),
    ("3", "推进生态环境信息公开", "按月公开空气质量和重点流域水质状况，及时发布环境执法信息。",
     "抚顺市生态环境局", [], (6, 30), "环境质量信息", "late"),
    ("4", "做好城市更新和老旧小区改造信息公开", "公开年度改造计划、项目清单和实施进度。",
     "抚顺市住房和城乡建设局", ["新抚区人民政府"], (9, 30), "改造计划和进度信息", "open"),
    ("5", "规范国土空间规划信息公开", "国土空间总体规划和详细规划批准后及时公开，征地信息按规定公开。",
     "抚顺市自然资源局", [], (10, 30), "规划公开信息", "done"),
    ("6", "加强政府信息公开平台建设", "规范政府信息公开专栏，清理空白栏目，确保动态类栏目每两周更新。",
     "新抚区人民政府", ["抚顺市人民政府办公室"], None, "栏目检查记录", "open"),
    ("7", "提升依申请公开办理质量", "严格按法定期限答复，规范答复文书，降低被纠错率。",
     "抚顺市人力资源和社会保障局", [], None, "答复文书抽查记录", "open"),
]  # fmt: skip

LAST_YEAR = [
    ("1", "推进基层政务公开标准化规范化", "抚顺县人民政府", (11, 28), ReviewResult.DONE, "事项目录已全部公开。"),
    ("2", "做好重大行政决策预公开", "抚顺市发展和改革委员会", (9, 30), ReviewResult.MOSTLY,
     "决策事项目录已公开，2件决策草案征求意见时间不足30日，今年继续督促。"),
    ("3", "规范政务新媒体管理", "抚顺市教育局", (10, 31), ReviewResult.NOT_DONE,
     "2个“僵尸”账号未关停，列入今年督查。"),
]  # fmt: skip


def _on_or_before(calendar: WorkCalendar, day: date) -> date:
    while not calendar.is_workday(day):
        day -= timedelta(days=1)
    return day


def _orgs(names: list[str]) -> dict[str, Organization]:
    return {o.name: o for o in Organization.objects.filter(name__in=names)}


def _evidence(org: Organization, before: date) -> list[Item]:
    item = (
        Item.objects.published()
        .filter(org=org, published_at__date__lte=before)
        .order_by("-published_at")
        .first()
    )
    return [item] if item is not None else []


def _plans(city: Organization, office: Organization, calendar: WorkCalendar, today: date) -> tuple[int, int]:
    year = today.year
    names = {n for t in TASKS for n in (t[3], *t[4])} | {t[2] for t in LAST_YEAR}
    orgs = _orgs(sorted(names))
    late = 0
    previous = services.plan_create(
        actor=JOB, org=office, year=year - 1, title=f"抚顺市{year - 1}年政务公开工作要点"
    )
    for number, text, lead, (m, d), result, note in LAST_YEAR:
        task = services.task_add(actor=JOB, plan=previous, number=number, text_=text, lead_org=orgs[lead],
                                 due_on=_on_or_before(calendar, date(year - 1, m, d)))  # fmt: skip
        if result != ReviewResult.NOT_DONE:
            services.task_report(actor=JOB, task=task, org=orgs[lead], progress=note, completed=True,
                                 on=calendar.add_workdays(task.due_on or date(year - 1, m, 1), 0))  # fmt: skip
        services.task_review(actor=JOB, task=task, result=result, note=note,
                             on=calendar.next_workday(date(year, 2, 20)))  # fmt: skip
    source = (
        Item.objects.published().filter(title__contains="政务公开工作要点").order_by("-published_at").first()
    )
    plan = services.plan_create(
        actor=JOB, org=office, year=year, title=f"抚顺市{year}年政务公开工作要点", source_item=source
    )
    for number, text, requirement, lead, co, due, evidence, outcome in TASKS:
        due_on = _on_or_before(calendar, date(year, *due)) if due else None
        task = services.task_add(
            actor=JOB, plan=plan, number=number, text_=text, requirement=requirement, lead_org=orgs[lead],
            co_orgs=[orgs[n] for n in co], due_on=due_on, ongoing=due is None, evidence_required=evidence,
        )  # fmt: skip
        if due_on is None or due_on >= today:
            if due_on is None:
                on = _on_or_before(calendar, min(today, date(year, 6, 30)))
                services.task_report(actor=JOB, task=task, org=orgs[lead], on=on,
                                     progress="上半年已完成专项自查，正在按季度推进。")  # fmt: skip
            continue
        if outcome == "open":
            late += 1
            services.task_report(actor=JOB, task=task, org=orgs[lead], on=_on_or_before(calendar, due_on - timedelta(days=14)),
                                 progress="已完成项目清单梳理，实施进度信息正在汇总，尚未公开。")  # fmt: skip
            continue
        done_on = (
            calendar.add_workdays(due_on, 8)
            if outcome == "late"
            else _on_or_before(calendar, due_on - timedelta(days=5))
        )
        if done_on > today:
            continue
        late += outcome == "late"
        services.task_report(
            actor=JOB, task=task, org=orgs[lead], on=done_on, completed=True, items=_evidence(orgs[lead], done_on),
            progress="已按要求完成并在政府信息公开专栏公开。" if outcome == "done" else "因数据核对延误，已于期限后完成公开。",
            links="" if _evidence(orgs[lead], done_on) else "https://www.fushun.gov.cn/",
        )  # fmt: skip
    return len(TASKS) + len(LAST_YEAR), late


def _meetings_and_inspections(office: Organization, calendar: WorkCalendar, today: date) -> int:
    year = today.year
    services.meeting_record(
        actor=JOB, org=office, kind="meeting", held_on=calendar.next_workday(date(year, 3, 12)),
        title=f"{year}年全市政务公开工作推进会", participants="市政府各部门、各县区政府分管负责同志和政务公开工作机构负责人",
        topics="部署年度工作要点任务分解；通报上年度考核结果；布置网站栏目清理。",
        minutes="会议要求各单位3月底前报送任务分解表，6月底前完成空白栏目清理。",
    )  # fmt: skip
    services.meeting_record(
        actor=JOB, org=office, kind="training", held_on=calendar.next_workday(date(year, 5, 20)),
        title="政府信息公开申请办理业务培训", participants="各单位依申请公开承办人员",
        topics="答复期限计算、答复文书规范、行政复议和诉讼典型案例。",
    )  # fmt: skip
    orgs = _orgs(
        ["抚顺市生态环境局", "抚顺市住房和城乡建设局", "抚顺市财政局", "抚顺市自然资源局", "新抚区人民政府"]
    )
    held = calendar.next_workday(date(year, 6, 16))
    first = services.inspection_create(
        actor=JOB, org=office, title=f"{year}年上半年政务公开实地督查", mode="on_site", held_on=held,
        units=[orgs["抚顺市生态环境局"], orgs["抚顺市住房和城乡建设局"]], joint_with="市人大常委会办公室",
    )  # fmt: skip
    f1 = services.finding_add(
        actor=JOB, inspection=first, org=orgs["抚顺市生态环境局"], indicator="栏目更新",
        description="“环境质量”栏目4月、5月空气质量月报未发布。", severity="major",
        evidence="政府信息公开专栏“环境质量”栏目截图", rectify_by=calendar.add_workdays(held, 10),
    )  # fmt: skip
    services.finding_respond(actor=JOB, finding=f1, response="已补充发布4月、5月空气质量月报，并明确专人每月5日前发布。",
                             on=calendar.add_workdays(held, 7))  # fmt: skip
    services.finding_verify(actor=JOB, finding=f1, accepted=True, on=calendar.add_workdays(held, 9))
    services.finding_add(
        actor=JOB, inspection=first, org=orgs["抚顺市住房和城乡建设局"], indicator="重点领域信息公开",
        description="老旧小区改造项目清单未公开实施进度。", severity="minor", rectify_by=calendar.add_workdays(held, 20),
    )  # fmt: skip
    checked = calendar.next_workday(date(year, 9, 15))
    if checked <= today:
        second = services.inspection_create(
            actor=JOB, org=office, title=f"{year}年第三季度政府网站和政务新媒体检查", mode="planned",
            held_on=checked, units=[orgs["抚顺市财政局"], orgs["抚顺市自然资源局"], orgs["新抚区人民政府"]],
        )  # fmt: skip
        f3 = services.finding_add(
            actor=JOB, inspection=second, org=orgs["新抚区人民政府"], indicator="空白栏目",
            description="政府信息公开专栏“规划计划”“重大项目”栏目空白。", severity="major",
            rectify_by=calendar.add_workdays(checked, 10),
        )  # fmt: skip
        services.finding_respond(actor=JOB, finding=f3, response="已发布区“十五五”规划纲要和重大项目清单。",
                                 on=calendar.add_workdays(checked, 8))  # fmt: skip
        services.finding_add(
            actor=JOB, inspection=second, org=orgs["抚顺市自然资源局"], indicator="附件下载",
            description="2个征地公告附件无法下载。", severity="minor", rectify_by=calendar.add_workdays(checked, 5),
        )  # fmt: skip
    return 2


COLUMNS = [
    ("抚顺市人民政府", "政策文件", "notice", {"genre": "regulation"}),
    ("抚顺市人民政府", "政府工作报告", "institutional", {"genre": "work-report"}),
    ("抚顺市生态环境局", "通知公告", "notice", {"genre": "notice"}),
    ("抚顺市生态环境局", "环境监测与治理", "news", {"topic": "1003"}),
    ("抚顺市财政局", "财政信息", "institutional", {"topic": "0401"}),
    ("抚顺市财政局", "通知公告", "notice", {"genre": "notice"}),
]


def _columns() -> None:
    orgs = _orgs(sorted({c[0] for c in COLUMNS}))
    for org_name, name, rule, where in COLUMNS:
        genre = Genre.objects.filter(code=where.get("genre", "")).first()
        topic = Topic.objects.filter(code=where.get("topic", "")).first()
        if genre is None and topic is None:
            continue
        services.column_save(actor=JOB, org=orgs[org_name], name=name, rule=UpdateRule.objects.get(code=rule),
                             genre=genre, topic=topic)  # fmt: skip


def _scheme(office: Organization, city: Organization, today: date) -> Scheme:
    units = list(_orgs([t[3] for t in TASKS if t[3].startswith("抚顺市")]).values())
    scheme = services.scheme_create(
        actor=JOB, org=office, year=today.year, name=f"抚顺市{today.year}年度政务公开工作考核（部门）",
        source="参照泉州鲤城2020年政务公开指数（提前或超期公开每条扣5分，依申请超期每件扣6分）、金东2021年考核细则"
        "（未完成要点任务每项扣5分，规范性文件与解读未同步公开每件扣4分）和国办秘函〔2019〕19号单项否决。",
        units=units, bonus_above=Decimal(80),
        indicators=[
            IndicatorSpec("1", "主动公开", "40"),
            IndicatorSpec("1.1", "按时公开", "20", IndicatorMethod.COMPUTED, metric=Metric.LATE_ITEMS, per_record="5",
                          parent="1", rule="超期公开每条扣5分，扣完为止"),
            IndicatorSpec("1.2", "政策解读", "10", IndicatorMethod.COMPUTED, metric=Metric.LATE_INTERPRETATIONS,
                          per_record="4", parent="1", rule="解读超期每篇扣4分"),
            IndicatorSpec("1.3", "栏目建设", "10", parent="1", rule="空白栏目、栏目未按期更新每个扣2分（检查记录）"),
            IndicatorSpec("2", "依申请公开", "20", IndicatorMethod.COMPUTED, metric=Metric.OVERDUE_APPLICATIONS,
                          per_record="6", rule="超期答复每件扣6分"),
            IndicatorSpec("3", "政民互动", "15", IndicatorMethod.COMPUTED, metric=Metric.LATE_MESSAGES,
                          per_record="2", rule="留言超期答复每件扣2分"),
            IndicatorSpec("4", "工作要点落实", "25", IndicatorMethod.COMPUTED, metric=Metric.TASKS_NOT_DONE,
                          per_record="5", rule="要点任务未按期完成每项扣5分"),
            IndicatorSpec("5", "创新做法", "5", kind=IndicatorKind.BONUS, rule="经验做法被省级以上推广加5分"),
            IndicatorSpec("6", "泄密、弄虚作假等严重问题", "0", kind=IndicatorKind.VETO, rule="发生即为不合格"),
        ],
    )  # fmt: skip
    services.assessment_compute(actor=JOB, scheme=scheme, as_at=today)
    columns = scheme.indicators.get(code="1.3")
    for org in units:
        points, note = (Decimal(10), "抽查未发现空白栏目和未按期更新栏目。")
        if org.name == "抚顺市生态环境局":
            points, note = Decimal(8), "上半年实地督查：“环境质量”栏目2个月未更新，扣2分。"
        services.score_enter(actor=JOB, indicator=columns, org=org, points=points, note=note)
    return scheme


def _circular(office: Organization, city: Organization, calendar: WorkCalendar, today: date) -> int:
    first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    last = today.replace(day=1) - timedelta(days=1)
    circular = services.circular_draft(
        actor=JOB, org=office, scope=city, period_start=first, period_end=last,
        rectify_by=calendar.add_workdays(today, 10), as_at=today,
    )  # fmt: skip
    services.circular_edit(
        actor=JOB, circular=circular, title=circular.title, rectify_by=circular.rectify_by,
        doc_no=f"抚政办函〔{today.year}〕{20 + first.month}号", body=circular.body + "\n\n特此通报。",
    )  # fmt: skip
    services.circular_approve(actor=JOB, circular=circular)
    services.circular_issue(actor=JOB, circular=circular, public=False, on=_on_or_before(calendar, today))
    return circular.problems.count()


def _reports(calendar: WorkCalendar, today: date) -> int:
    last = today.replace(day=1) - timedelta(days=1)
    orgs = _orgs(["抚顺市生态环境局", "抚顺市财政局", "抚顺市自然资源局"])
    n = 0
    for name, outcome in (
        ("抚顺市生态环境局", "accepted"),
        ("抚顺市财政局", "returned"),
        ("抚顺市自然资源局", "submitted"),
    ):
        report = services.report_prepare(
            actor=JOB, org=orgs[name], kind="month", year=last.year, period=last.month
        )
        services.report_submit(
            actor=JOB, report=report,
            summary=f"{last.month}月，我单位主动公开政府信息{report.figures.get('items_published', 0)}条，"
            f"受理政府信息公开申请{report.figures.get('applications_received', 0)}件，各项工作按要点推进。",
        )  # fmt: skip
        if outcome == "accepted":
            services.report_accept(actor=JOB, report=report)
        elif outcome == "returned":
            services.report_return(
                actor=JOB, report=report, comment="请补充预决算公开和政策解读情况后重新报送。"
            )
        n += 1
    return n


def load(city: Organization) -> str:
    today = timezone.localdate()
    office = Organization.objects.get(name=OFFICE)
    if WorkPlan.objects.filter(org=office, year=today.year).exists():
        return "已存在，未改动"
    calendar = WorkCalendar()
    try:
        tasks, late = _plans(city, office, calendar, today)
        inspections = _meetings_and_inspections(office, calendar, today)
    except CalendarMissing as exc:
        return f"缺少{exc.year}年工作日历，未载入"
    _columns()
    orgs = list(Organization.objects.filter(path__startswith=city.path, is_active=True).order_by("path"))
    services.self_checks_run(actor=JOB, day=today, orgs=orgs)
    problems = _circular(office, city, calendar, today)
    scheme = _scheme(office, city, today)
    reports = _reports(calendar, today)
    return (
        f"工作要点任务 {tasks} 项（逾期 {late} 项），检查 {inspections} 次，通报问题 {problems} 个，"
        f"考核对象 {scheme.units.count()} 个，月报 {reports} 份，自查 {len(orgs)} 个机构"
    )
