"""Demo policy interpretation and release for 抚顺市: interpretations of the city's normative documents and
recent policy documents (programmes, opinions, notices) by their drafting organs (most within 3 working days, a few late, the newest not yet drafted), a dozen press
conferences of the city government (one announced, not yet held), responses to public concern, the monthly
issues of the city's gazette with the items they printed, and new-media accounts with their posts (a township's
bulletin board kept as monthly counts). Runs after the catalog step; dates follow the working-day calendar and
nothing lies after today. Idempotent."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import Item, ReviewConclusion
from gongkai.core.actors import System
from gongkai.interpretation import services
from gongkai.interpretation.models import Interpretation, Kind, PressConference
from gongkai.orgs.models import Level, Organization
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

JOB = System("演示数据")
#: How many working days after its document each interpretation comes out: mostly within the 3 days, one in
#: six late (4 to 6 days).
DELAYS = [0, 1, 1, 2, 3, 0, 2, 1, 3, 4, 1, 0, 2, 6, 1, 3, 2, 5]
KINDS = [
    Kind.TEXT,
    Kind.TEXT,
    Kind.GRAPHIC,
    Kind.TEXT,
    Kind.LEADER,
    Kind.EXPERT,
    Kind.AUDIOVISUAL,
    Kind.MEDIA,
]
SPEAKERS = [
    "市政府副秘书长",
    "市发展改革委主任",
    "市财政局局长",
    "市人社局副局长",
    "市生态环境局局长",
    "市住建局副局长",
]
CONCERNS = [
    ("clarification", "网传“抚顺市暂停发放某项补贴”不实", "new_media"),
    ("concern", "关于供暖季开始时间的回应", "website"),
    ("concern", "关于中小学学位分配政策的解答", "press_conference"),
    ("clarification", "网传浑河某河段水质异常的澄清", "new_media"),
    ("concern", "关于老旧小区改造进度的回应", "interview"),
    ("concern", "关于医保异地就医备案的答问", "news_media"),
    ("clarification", "网传“公积金提取政策收紧”不实", "website"),
    ("concern", "关于冬季道路除雪安排的回应", "new_media"),
]


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 30)))


def _publish(item: Item, day: date, hour: int) -> None:
    item = catalog_services.item_submit(actor=JOB, item=item)
    catalog_services.item_review(
        actor=JOB,
        item=item,
        conclusion=ReviewConclusion.APPROVE,
        basis="同意公开",
        published_at=_at(day, hour),
    )


def _sections(doc: Item) -> dict[str, str]:
    name = doc.title.strip("《》")
    return {
        "background": f"为贯彻落实上级有关部署，结合我市实际，{doc.org.name}起草了《{name}》。",
        "objectives": "进一步规范相关工作，提高办事效率，切实维护群众和企业的合法权益。",
        "main_content": f"《{name}》共分总则、具体措施、保障措施和附则等部分，明确了适用范围、办理程序和责任分工。",
        "scope": "适用于本市行政区域内的相关单位和个人。",
        "implementation": "自印发之日起施行，执行中遇到的问题由起草单位负责解释。",
        "benefits": "简化办理材料，压缩办理时限，相关事项实现“一网通办”。",
    }


def _interpretations(city: Organization, calendar: WorkCalendar, today: date) -> tuple[int, int]:
    mine = Item.objects.published().filter(org__path__startswith=city.path).select_related("org", "topic")
    recent_policies = (
        mine.filter(
            genre__code__in=["programme", "opinion", "notice"],
            published_at__date__gte=date(today.year - 1, 1, 1),
        )
        .exclude(is_normative=True)
        .exclude(org__level=Level.TOWNSHIP)
    )
    docs = sorted(
        [*mine.normative(), *recent_policies.order_by("-published_at")[:30]], key=lambda d: d.published_at
    )
    made = late = 0
    for n, doc in enumerate(docs):
        doc_day = timezone.localdate(doc.published_at)
        if doc.interpretations.exists():  # drafted with the document (三同步) by the catalog's step
            continue
        delay = DELAYS[n % len(DELAYS)]
        try:
            day = calendar.add_workdays(doc_day, delay) if delay else doc_day
        except CalendarMissing:
            continue
        interpretation = services.interpretation_create(
            actor=JOB,
            documents=[doc],
            title=f"《{doc.title.strip('《》')}》政策解读",
            kind=KINDS[n % len(KINDS)],
            interpreter=f"{doc.org.short_name or doc.org.name}有关负责同志",
            written_on=max(doc.written_on, min(day, today)),
            sections=_sections(doc),
            links="https://www.fushun.gov.cn/zcjd/tujie.html"
            if KINDS[n % len(KINDS)] == Kind.GRAPHIC
            else "",
            calendar=calendar,
        )
        made += 1
        if day <= today and n < len(docs) - 2:  # the two newest are still drafts
            _publish(interpretation.item, day, 16)
            late += delay > 3
    return made, late


def _conferences(city: Organization, calendar: WorkCalendar, today: date) -> int:
    interpreted = list(
        Interpretation.objects.filter(org__path__startswith=city.path)
        .values_list("documents", flat=True)
        .order_by("id")
    )
    documents = {d.pk: d for d in Item.objects.filter(pk__in=interpreted)}
    rng = random.Random("gongkai-demo-conferences")
    made = 0
    for n in range(12):
        held = calendar.next_workday(today - timedelta(days=25 * (12 - n)))
        doc_ids = interpreted[n * 2 : n * 2 + 2]
        docs = [documents[i] for i in doc_ids if i in documents and documents[i].published_at is not None]
        docs = [d for d in docs if timezone.localdate(d.published_at) <= held]
        title = f"抚顺市人民政府新闻发布会（{held.year}年{held.month}月{held.day}日）"
        speakers = rng.sample(SPEAKERS, 2)
        conference = services.conference_create(
            actor=JOB,
            org=city,
            documents=docs,
            title=title,
            held_on=held,
            venue="抚顺市人民政府新闻发布厅",
            speakers="\n".join(speakers),
            policies="" if docs else "我市稳经济促发展若干措施",
            transcript=(
                "主持人：各位记者朋友，大家上午好！欢迎参加今天的新闻发布会。\n"
                f"{speakers[0]}：下面，我就有关政策的出台背景、主要内容和惠民举措作简要介绍……\n"
                "记者：请问这项政策什么时候开始执行？\n"
                f"{speakers[1]}：政策自印发之日起施行，相关办理指南已在市政府网站公布。"
            ),
            video_url="https://www.fushun.gov.cn/xwfbh/video.html",
        )
        services.conference_publish(actor=JOB, conference=conference)
        made += 1
    try:
        upcoming = calendar.add_workdays(today, 3)
    except CalendarMissing:
        upcoming = None
    if upcoming is not None:
        conference = services.conference_create(
            actor=JOB, org=city, title="抚顺市冬季供暖保障工作新闻发布会", held_on=upcoming,
            venue="抚顺市人民政府新闻发布厅", speakers="市住建局局长\n市供暖办主任",
        )  # fmt: skip
        services.conference_publish(actor=JOB, conference=conference, notice=True)
        made += 1
    return made


def _responses(city: Organization, calendar: WorkCalendar, today: date) -> int:
    orgs = {o.name: o for o in city.get_descendants()}
    owners = ["抚顺市民政局", "抚顺市住房和城乡建设局", "抚顺市教育局", "抚顺市生态环境局", "抚顺市住房和城乡建设局",
              "抚顺市卫生健康委员会", "抚顺市财政局", "抚顺市交通运输局"]  # fmt: skip
    for n, (kind, topic, channel) in enumerate(CONCERNS):
        day = calendar.next_workday(today - timedelta(days=40 * (len(CONCERNS) - n)))
        services.response_record(
            actor=JOB, org=orgs.get(owners[n], city), responded_on=min(day, today), topic=topic, channel=channel,
            kind=kind, url="https://www.fushun.gov.cn/hygq/", summary="有关部门第一时间核实情况并公开回应。",
        )  # fmt: skip
    return len(CONCERNS)


def _gazette(city: Organization, calendar: WorkCalendar, today: date) -> tuple[int, int]:
    issues = entries = 0
    for month in range(1, today.month + (today.day > 20)):
        published_on = calendar.next_workday(
            date(today.year, month, 25) if month < 12 else date(today.year, 12, 21)
        )
        if published_on > today:
            break
        items = list(
            Item.objects.published()
            .filter(
                org__path__startswith=city.path,
                org__depth__lte=2,
                published_at__year=today.year,
                published_at__month=month,
            )
            .exclude(genre__code__in=["annual-report", "statistics", "policy-interpretation"])
            .order_by("published_at")[:12]
        )
        if not items:
            continue
        issue = services.issue_create(
            actor=JOB, org=city, year=today.year, number=month, published_on=published_on
        )
        services.issue_set_contents(
            actor=JOB,
            issue=issue,
            entries=[(i, "市政府文件" if i.org_id == city.pk else "部门文件") for i in items],
        )
        services.issue_publish(actor=JOB, issue=issue)
        issues += 1
        entries += len(items)
    return issues, entries


def _media(city: Organization, calendar: WorkCalendar, today: date) -> int:
    orgs = {o.name: o for o in city.get_descendants()}
    eco = orgs.get("抚顺市生态环境局", city)
    accounts = [
        services.account_create(actor=JOB, org=city, platform="weibo", name="抚顺发布", url="https://weibo.com/fushunfabu"),
        services.account_create(actor=JOB, org=city, platform="wechat", name="抚顺市人民政府"),
        services.account_create(actor=JOB, org=eco, platform="weibo", name="抚顺生态环境"),
    ]  # fmt: skip
    posts = 0
    rng = random.Random("gongkai-demo-media")
    for account in accounts:
        lines = ["日期,标题,链接,编号"]
        day = today - timedelta(days=60)
        serial = 0
        while day <= today:
            if calendar.is_workday(day):
                for _ in range(rng.randint(1, 3)):
                    serial += 1
                    lines.append(
                        f"{day:%Y-%m-%d},{account.name}：今日要闻第{serial}期,,{account.pk}-{serial}"
                    )
            day += timedelta(days=1)
        imported, _ = services.posts_import(actor=JOB, account=account, text="\n".join(lines) + "\n")
        posts += imported
    board_org = next((o for o in city.get_descendants() if o.name.endswith("石文镇人民政府")), None)
    if board_org is not None:
        board = services.account_create(
            actor=JOB, org=board_org, platform="bulletin_board", name="石文镇政务公开栏"
        )
        for month in range(1, today.month):
            services.monthly_count_record(
                actor=JOB, account=board, year=today.year, month=month, count=8 + month % 5
            )
    return posts


def load(city: Organization) -> str:
    # The catalog's step drafts one interpretation (三同步); this step's own records start with the conferences.
    if PressConference.objects.filter(org__path__startswith=city.path).exists():
        return f"已存在（{Interpretation.objects.filter(org__path__startswith=city.path).count()} 篇解读），未改动"
    calendar = WorkCalendar()
    today = timezone.localdate()
    made, late = _interpretations(city, calendar, today)
    conferences = _conferences(city, calendar, today)
    responses = _responses(city, calendar, today)
    issues, entries = _gazette(city, calendar, today)
    posts = _media(city, calendar, today)
    return (
        f"政策解读 {made} 篇（超期 {late} 篇），新闻发布会 {conferences} 场，回应关切 {responses} 条，"
        f"政府公报 {issues} 期 {entries} 条，新媒体发布 {posts} 条"
    )
