"""Demo content of the catalog: what 抚顺市 and its units published since 2017, as a well-run city does.

Two kinds of item, each published by the organ whose remit it is:

- **Republished (转载)** real texts from demo/data/catalog_documents.jsonl.gz (built by `demo.build_data` from
  the shared corpus): State Council regulations and 辽宁省/清原 local regulations made or amended since 2017,
  republished by the city department (or county office) in charge of the subject, and the State Council's work
  reports, republished by the city government office. They keep their real issuer in 信息来源 and their real
  文号 where the corpus gives it (国务院令第N号), never a 抚顺 文号.
- **Own documents** (demo/texts.py): each organ's notices, plans, budgets, statistics, licence and penalty
  notices, written for that organ and numbered in its own 文号 series.

Dates follow the statutory calendar (`WorkCalendar`): formed on a working day, published on a later working
day within 20 working days, except a few late ones. Everything goes through catalog.services (a batch import
of the published record, then validity changes, a withdrawal and a correction, channel records, and the work
in progress of the demo staff). Idempotent: a second run changes nothing.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import random
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from gongkai.catalog import services
from gongkai.catalog.models import (
    Channel,
    EscalationTarget,
    FocusArea,
    Genre,
    Item,
    NormativeKind,
    ReviewConclusion,
    Status,
    StatutoryClass,
    Topic,
    Validity,
)
from gongkai.catalog.richtext import text_to_html
from gongkai.catalog.services import ImportRow, statutory_classes_for
from gongkai.demo import texts
from gongkai.demo.city import DEMO
from gongkai.orgs.models import Kind, Level, Organization
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

DATA = Path(__file__).resolve().parent / "data" / "catalog_documents.jsonl.gz"
SENTINEL = "demo-catalog-v2"
FIRST_YEAR = 2017
#: One published item in this many is published after its 20-working-day deadline.
LATE_ONE_IN = 90

#: Title words → (topic code, the city organ that republishes it). First match wins; no match: not republished.
REMIT = [
    (("环境", "污染", "生态", "排污", "大气", "湿地", "噪声", "固体废物", "放射"), "1003", "抚顺市生态环境局"),
    (("审计",), "0406", "抚顺市审计局"),
    (("预算", "财政", "会计", "政府采购", "国有资产", "税"), "0401", "抚顺市财政局"),
    (("教育", "学校", "学位", "教师", "办学"), "1102", "抚顺市教育局"),
    (("科技", "科学技术", "技术", "专利", "知识产权"), "1101", "抚顺市科学技术局"),
    (("道路", "公路", "运输", "交通", "港口", "航道", "船舶"), "0702", "抚顺市交通运输局"),
    (("卫生", "医疗", "医院", "中医", "药", "疾病", "传染病", "护士", "血"), "1301", "抚顺市卫生健康委员会"),
    (("食品", "市场", "产品质量", "消费者", "计量", "标准化", "特种设备", "广告", "商标", "认证", "价格"), "0903",
     "抚顺市市场监督管理局"),
    (("安全生产", "消防", "危险化学品", "烟花爆竹", "矿山", "地震", "应急", "突发"), "0904", "抚顺市应急管理局"),
    (("土地", "矿产", "不动产", "测绘", "地质", "森林", "自然资源"), "0501", "抚顺市自然资源局"),
    (("城市", "城乡", "规划", "建筑", "建设工程", "物业", "住房", "房屋", "市容", "绿化", "燃气", "供热"), "1001",
     "抚顺市住房和城乡建设局"),
    (("救助", "养老", "慈善", "殡葬", "地名", "社会组织", "社会团体", "志愿", "婚姻", "残疾", "优抚"), "1701",
     "抚顺市民政局"),
    (("就业", "劳动", "工资", "社会保险", "人才", "职业", "公务员", "退休"), "1501", "抚顺市人力资源和社会保障局"),
    (("投资", "能源", "节约", "电力", "粮食", "物价", "信用"), "0303", "抚顺市发展和改革委员会"),
    (("行政许可", "政务服务", "营商环境", "优化"), "0207", "抚顺市行政审批局"),
]  # fmt: skip
TOPIC_CLASS = {
    "1003": StatutoryClass.A20_13, "0903": StatutoryClass.A20_13, "0904": StatutoryClass.A20_13,
    "1102": StatutoryClass.A20_11, "1301": StatutoryClass.A20_11, "1701": StatutoryClass.A20_11,
    "1501": StatutoryClass.A20_11, "0401": StatutoryClass.A20_07,
}  # fmt: skip
TOPIC_FOCUS = {
    "1003": "livelihood-environment", "1102": "livelihood-education", "1301": "livelihood-health",
    "0903": "livelihood-food", "0904": "livelihood-safety", "1701": "livelihood-assistance",
    "1501": "growth-employment", "0401": "reform-fiscal", "1101": "structure-innovation",
}  # fmt: skip
#: Each organ's own 文号 series.
DOC_PREFIX = {
    "抚顺市人民政府": "抚政发", "抚顺市人民政府办公室": "抚政办发", "抚顺市发展和改革委员会": "抚发改发",
    "抚顺市教育局": "抚教发", "抚顺市科学技术局": "抚科发", "抚顺市民政局": "抚民发", "抚顺市财政局": "抚财发",
    "抚顺市人力资源和社会保障局": "抚人社发", "抚顺市自然资源局": "抚自然资发", "抚顺市生态环境局": "抚环发",
    "抚顺市住房和城乡建设局": "抚住建发", "抚顺市卫生健康委员会": "抚卫健发", "抚顺市审计局": "抚审发",
    "抚顺市市场监督管理局": "抚市监发", "抚顺市行政审批局": "抚审批发", "抚顺市应急管理局": "抚应急发",
    "抚顺市交通运输局": "抚交发",
}  # fmt: skip
COUNTY_PREFIX = {"新抚区": "新", "东洲区": "东", "望花区": "望", "顺城区": "顺", "抚顺县": "抚县", "新宾县": "新宾",
                 "清原县": "清"}  # fmt: skip
#: Who issues a republished text, as 信息来源 names it.
SOURCES = {
    "行政法规": "中华人民共和国国务院",
    "政府工作报告": "中华人民共和国国务院",
    "辽宁省": "辽宁省人民代表大会常务委员会",
    "抚顺市": "抚顺市人民代表大会常务委员会",
    "清原满族自治县": "清原满族自治县人民代表大会",
    "新宾满族自治县": "新宾满族自治县人民代表大会",
}
DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
DECREE_RE = re.compile(r"国务院令第\s*(\d+)\s*号")


def doc_prefix(org: Organization) -> str:
    """The organ's own 文号 series, e.g. 抚环发, 新政办发, 东洲区财发."""
    if org.name in DOC_PREFIX:
        return DOC_PREFIX[org.name]
    county = org if org.level == Level.COUNTY and org.kind == Kind.GOVERNMENT else None
    if county is None:
        parent = Organization.objects.get_parent(org)
        county = parent if parent is not None and parent.level == Level.COUNTY else None
    head = COUNTY_PREFIX.get(county.short_name, county.short_name[:1]) if county else ""
    if org.level == Level.TOWNSHIP:
        return f"{org.short_name.removesuffix('街道办事处').removesuffix('镇')[:2]}{'街' if '街道' in org.name else '镇'}发"
    if org.kind == Kind.GOVERNMENT:
        return f"{head}政发"
    if org.name.endswith("人民政府办公室"):
        return f"{head}政办发"
    return f"{head}{org.short_name.removeprefix(county.short_name if county else '')[:2]}发"


def _documents() -> list[dict]:
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def formed_on(doc: dict) -> date | None:
    """The day a republished text took its current form: its latest adoption, amendment or approval (a work
    report: the day it was delivered). Lines that only say when it takes effect do not count."""
    if doc["kind"] == "政府工作报告":
        return date.fromisoformat(doc["written_on"]) if doc.get("written_on") else None
    found = []
    for line in doc.get("history") or []:
        for y, m, d in DATE_RE.findall(line):
            tail = line.split(f"{y}年{m}月{d}日", 1)[1][:40]
            if tail.strip().startswith("施行") or tail.strip().startswith("起施行"):
                continue
            try:
                found.append(date(int(y), int(m), int(d)))
            except ValueError:
                continue
    return max(found) if found else None


def real_doc_no(doc: dict, formed: date) -> str:
    """The 文号 of the text's latest version where the corpus gives it (国务院令第N号), else none."""
    if doc["kind"] != "行政法规":
        return ""
    stamp = f"{formed.year}年{formed.month}月{formed.day}日"
    for line in doc.get("history") or []:
        if stamp in line:
            match = DECREE_RE.search(line.split(stamp, 1)[1][:60])
            if match:
                return f"国务院令第{match[1]}号"
    return ""


def remit(title: str) -> tuple[str, str] | None:
    for words, code, org_name in REMIT:
        if any(w in title for w in words):
            return code, org_name
    return None


def _at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@dataclass
class Clock:
    """Working days of the demo: the calendar, today, and the last day that may hold a publication."""

    calendar: WorkCalendar
    today: date

    def workday(self, day: date) -> date:
        return self.calendar.next_workday(day)

    def add(self, day: date, n: int) -> date:
        return self.calendar.add_workdays(day, n)

    def back(self, day: date, n: int) -> date:
        while n:
            day -= timedelta(days=1)
            if self.calendar.is_workday(day):
                n -= 1
        return day


MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def load(city: Organization) -> str:
    key = hashlib.sha256(SENTINEL.encode()).hexdigest()
    if Item.objects.filter(import_key=key).exists():
        return f"已存在（{Item.objects.filter(org__path__startswith=city.path).count()} 条），未改动"
    if not DATA.exists():
        return "缺少演示数据文件 demo/data/catalog_documents.jsonl.gz，已跳过"
    with transaction.atomic():
        # The demo city's 政府信息公开制度 are its notices under 综合政务\\政务公开 (an administrator's choice in
        # the admin: the topic is ticked by migration catalog 0008, the genre here).
        Genre.objects.filter(code="notice").update(lists_disclosure_rules=True)
        summary = _load(city, key)
    return summary


@dataclass
class Planned:
    org: Organization
    values: dict
    formed: date
    published: date
    focus: list[str]
    series: str = ""


def _plan_reprints(city, clock: Clock, rnd: random.Random, orgs: dict[str, Organization]) -> list[Planned]:
    out = []
    county_office = {
        o.name: o for o in orgs.values() if o.name.endswith("人民政府办公室") and o.level == Level.COUNTY
    }
    for doc in _documents():
        formed = formed_on(doc)
        if formed is None or formed.year < FIRST_YEAR:
            continue
        issuer = doc.get("issuer") or ""
        if doc["kind"] == "政府工作报告":
            org, code, genre = orgs["抚顺市人民政府办公室"], "0303", "work-report"
        elif doc["kind"] == "地方性法规" and issuer in ("清原满族自治县", "新宾满族自治县"):
            office = county_office.get(f"{issuer}人民政府办公室")
            if office is None:
                continue
            org, code, genre = office, (remit(doc["title"]) or ("0207", ""))[0], "regulation"
        else:
            found = remit(doc["title"])
            if found is None or found[1] not in orgs:
                continue
            code, name = found
            org, genre = orgs[name], "regulation"
        source = SOURCES["行政法规"] if doc["kind"] in ("行政法规", "政府工作报告") else SOURCES.get(issuer)
        if not source:
            continue
        formed_day = formed if clock.calendar.is_workday(formed) else clock.workday(formed)
        published = clock.add(formed_day, rnd.randint(2, 12))
        history = "；".join(doc.get("history") or [])
        out.append(
            Planned(
                org=org,
                values={
                    "title": doc["title"],
                    "written_on": formed,
                    "topic": code,
                    "genre": genre,
                    "summary": f"转载{source}发布的{doc['title']}。{history}"[:500],
                    "doc_no": real_doc_no(doc, formed),
                    "statutory_class": TOPIC_CLASS.get(code, StatutoryClass.A20_15)
                    if doc["kind"] != "政府工作报告"
                    else StatutoryClass.A20_15,
                    "stage": "",
                    "body_plain": doc["body"],
                    "source_name": source,
                },
                formed=formed,
                published=published,
                focus=[TOPIC_FOCUS[code]] if code in TOPIC_FOCUS else [],
            )
        )
    return out


def _plan_own(clock: Clock, rnd: random.Random, orgs: list[Organization], years: list[int]) -> list[Planned]:
    out: list[Planned] = []
    for org in orgs:
        prefix = doc_prefix(org)
        serial: dict[int, int] = {}
        for year in years:
            for month, day, draft in texts.drafts_for(org, year, rnd):
                try:
                    formed = clock.workday(date(year, month, day) + timedelta(days=rnd.randrange(0, 6)))
                except CalendarMissing:
                    continue
                if formed.year != year:
                    continue
                doc_no = ""
                if draft.doc_no:
                    serial[year] = serial.get(year, 0) + rnd.randint(1, 6)
                    doc_no = f"{prefix}〔{year}〕{serial[year]}号"
                body = texts._signature(org, draft.paragraphs)
                out.append(
                    Planned(
                        org=org,
                        values={
                            "title": draft.title,
                            "written_on": formed,
                            "topic": draft.topic,
                            "genre": draft.genre,
                            "summary": draft.summary,
                            "doc_no": doc_no,
                            "statutory_class": draft.klass,
                            "stage": draft.stage,
                            "body_plain": "\n\n".join(
                                [*body, f"{formed.year}年{formed.month}月{formed.day}日"]
                            ),
                            "is_normative": draft.normative,
                            "normative_kind": NormativeKind.NORMATIVE if draft.normative else "",
                            "registration_no": f"FSFG-{year}-{len(out) % 1000:03d}"
                            if draft.normative
                            else "",
                            "source_name": "",
                        },
                        formed=formed,
                        published=formed,  # set below
                        focus=draft.focus,
                        series=draft.series,
                    )
                )
    return out


def _load(city: Organization, sentinel_key: str) -> str:
    rnd = random.Random(2026)
    clock = Clock(WorkCalendar(), timezone.localdate())
    topics = {t.code: t for t in Topic.objects.select_related("parent")}
    genres = {g.code: g for g in Genre.objects.all()}
    focus = {f.code: f for f in FocusArea.objects.all()}
    tree = list(city.subtree().filter(is_active=True).order_by("path"))
    by_name = {o.name: o for o in tree}
    last_year = max(y for y in range(FIRST_YEAR, clock.today.year + 1) if _has_calendar(clock, y))
    years = list(range(FIRST_YEAR, last_year + 1))
    plans = _plan_reprints(city, clock, rnd, by_name) + _plan_own(clock, rnd, tree, years)
    # Publication: a few working days after formation, within the 20; one in LATE_ONE_IN later.
    for n, plan in enumerate(plans):
        if not plan.values["source_name"]:
            late = n % LATE_ONE_IN == LATE_ONE_IN // 2
            try:
                plan.published = clock.add(plan.formed, rnd.randint(23, 32) if late else rnd.randint(1, 9))
            except CalendarMissing:
                plan.published = clock.today
    yesterday = clock.back(clock.today, 1)
    # This year's one late item: a notice of the 住建局 published a week after its deadline.
    this_year = [p for p in plans if p.formed.year == clock.today.year and not p.values["source_name"]]
    candidates = [p for p in this_year if p.org.name == "抚顺市住房和城乡建设局"] or this_year
    if candidates and not any(clock.calendar.workdays_between(p.formed, p.published) > 20 for p in this_year):
        late_one = candidates[0]
        if clock.add(late_one.formed, 25) <= yesterday:
            late_one.published = clock.add(late_one.formed, 25)
    plans = [p for p in plans if p.published <= yesterday]
    rows: list[ImportRow] = []
    for n, plan in enumerate(plans):
        values = dict(plan.values)
        values["topic"] = topics[values["topic"]]
        values["genre"] = genres[values["genre"]]
        allowed = dict(statutory_classes_for(plan.org))
        if values["statutory_class"] not in allowed:
            values["statutory_class"] = StatutoryClass.A20_15
        values["keywords"] = [w for w in (values["topic"].name, values["genre"].name) if w != "其他"]
        rows.append(
            ImportRow(
                lineno=n + 1,
                org=plan.org,
                values=values,
                import_key=hashlib.sha256(
                    f"{SENTINEL}|{plan.org.pk}|{values['title']}|{plan.formed}".encode()
                ).hexdigest(),
                published_at=_at(plan.published, 9 + n % 7, (n * 13) % 60),
                focus_areas=[focus[f] for f in plan.focus if f in focus],
            )
        )
    # The sentinel row: the first one published (its key says the step ran).
    order = sorted(range(len(rows)), key=lambda i: rows[i].published_at)
    rows[order[0]].import_key = sentinel_key
    items, errors = services.items_import(rows=[rows[i] for i in order], calendar=clock.calendar)
    if errors:
        raise RuntimeError(f"演示数据导入失败：{errors[:3]}")
    by_key = {item.import_key: item for item in items}
    published = [by_key[row.import_key] for row in rows]
    series: dict[str, list[Item]] = {}
    for item, plan in zip(published, plans, strict=True):
        if plan.series:
            series.setdefault(plan.series, []).append(item)
    changed = _validity(series, clock)

    # One item taken off and one corrected, as a careful office would.
    recent = [
        i for i in published if not i.is_normative and not i.source_name and i.org.name == "抚顺市交通运输局"
    ]
    withdrawn = 0
    if recent:
        services.item_withdraw(
            actor=DEMO, item=recent[-1], reason="施工计划调整，原通告所列绕行方案已不再执行，以新通告为准。"
        )
        withdrawn = 1
    corrected = 0
    for item in [i for i in published if i.org.name == "抚顺市市场监督管理局"][-1:]:
        services.item_correct(
            actor=DEMO,
            item=Item.objects.get(pk=item.pk),
            reason="更正内容概述中的抽检批次表述",
            summary="食品安全监督抽检结果（合格与不合格批次见正文）。",
        )
        corrected += 1

    gazette = _channels(city, published, clock, rnd, years)
    work = _work_in_progress(city, topics, genres, clock)
    late_count = Item.objects.filter(pk__in=[p.pk for p in published], is_late=True).count()
    reprints = sum(1 for p in plans if p.values["source_name"])
    return (
        f"已发布 {len(published)} 条（转载 {reprints} 条，超期发布 {late_count} 条），规范性文件 "
        f"{sum(1 for p in plans if p.series)} 条（已修改 {changed[Validity.AMENDED]}、已失效 {changed[Validity.EXPIRED]}、"
        f"已废止 {changed[Validity.REPEALED]}），撤回 {withdrawn} 条，更正 {corrected} 条，公报登记 {gazette} 条；在办 {work} 条"
    )


def _has_calendar(clock: Clock, year: int) -> bool:
    try:
        clock.calendar.is_workday(date(year, 6, 1))
    except CalendarMissing:
        return False
    return True


def _validity(series: dict[str, list[Item]], clock: Clock) -> dict[str, int]:
    """Each normative series: a new version repeals (or amends) the one before; a five-year document with no
    successor expires five years after it was made."""
    changed: dict[str, int] = {Validity.AMENDED: 0, Validity.EXPIRED: 0, Validity.REPEALED: 0}
    for n, (_name, versions) in enumerate(sorted(series.items())):
        versions.sort(key=lambda i: i.written_on)
        for old, new in itertools.pairwise(versions):
            validity = Validity.AMENDED if n % 3 == 1 else Validity.REPEALED
            services.item_set_validity(
                actor=DEMO, item=old, validity=validity, changed_on=new.written_on, replaced_by=new,
                note=f"由{new.doc_no or new.title}{'修改' if validity == Validity.AMENDED else '废止'}",
            )  # fmt: skip
            changed[validity] += 1
        last = versions[-1]
        expiry = date(last.written_on.year + 5, last.written_on.month, min(last.written_on.day, 28))
        if expiry <= clock.today:
            services.item_set_validity(
                actor=DEMO,
                item=last,
                validity=Validity.EXPIRED,
                changed_on=expiry,
                note="有效期五年，期满失效",
            )
            changed[Validity.EXPIRED] += 1
    return changed


def _channels(city, published, clock: Clock, rnd, years) -> int:
    """The gazette for the city government's documents; monthly weibo/wechat/press figures."""
    gazette = 0
    for item in published:
        if item.org == city and item.status == Status.PUBLISHED and not item.source_name:
            day = clock.add(timezone.localdate(item.published_at), 8)
            if day < clock.today:
                services.publication_record(
                    actor=DEMO, org=item.org, channel=Channel.GAZETTE, published_on=day, item=item,
                    note=f"抚顺市人民政府公报{day.year}年第{(day.month + 1) // 2}期",
                )  # fmt: skip
                gazette += 1
    for year in years:
        for month in range(1, 13):
            try:
                day = clock.back(date(year, month, 28), 1)
            except CalendarMissing:
                break
            if day >= clock.today:
                break
            for channel, base in ((Channel.WEIBO, 40), (Channel.WECHAT, 25), (Channel.PRESS_CONFERENCE, 1)):
                services.publication_record(
                    actor=DEMO, org=city, channel=channel, published_on=day, count=base + rnd.randint(0, base),
                    note=f"{year}年{month}月",
                )  # fmt: skip
    return gazette


WIP = [
    # (key, org, editor, title, genre, topic, class, working days ago formed)
    ("draft-attached", "抚顺市生态环境局", "eco_editor", "抚顺市生态环境局关于开展{y}年冬季燃煤锅炉专项执法检查的通知",
     "notice", "1003", StatutoryClass.A20_13, 3),
    ("draft-near", "抚顺市生态环境局", "eco_editor", "抚顺市生态环境局关于{y}年重点排污单位名录的公告", "announcement",
     "1003", StatutoryClass.A20_13, 17),
    ("review-fresh", "抚顺市生态环境局", "eco_editor", "抚顺市生态环境局关于公布{y}年度土壤污染重点监管单位名录的通知",
     "notice", "1003", StatutoryClass.A20_13, 2),
    ("review-risk", "抚顺市生态环境局", "eco_editor", "抚顺市生态环境局关于{y}年第3批建设项目环境影响评价文件审批决定的公告",
     "announcement", "1003", StatutoryClass.A20_05, 18),
    ("returned", "抚顺市生态环境局", "eco_editor", "抚顺市生态环境局行政处罚决定书（抚环罚〔{y}〕41号）", "publicity",
     "1003", StatutoryClass.A20_06, 6),
    ("escalated", "抚顺市生态环境局", "eco_editor", "抚顺市{y}年重点流域水污染物排放监测数据", "statistics", "1003",
     StatutoryClass.A20_13, 8),
    ("scheduled", "抚顺市生态环境局", "eco_editor", "抚顺市生态环境局关于做好重污染天气应急减排工作的通知", "notice",
     "1003", StatutoryClass.A20_12, 4),
    ("approved", "抚顺市财政局", "finance_editor", "抚顺市财政局关于{y}年市本级预算调整方案的说明", "report", "0401",
     StatutoryClass.A20_07, 5),
    ("published", "抚顺市人民政府", "city_editor", "抚顺市人民政府关于印发抚顺市城市供热管理办法的通知", "normative",
     "1001", StatutoryClass.A20_01, 2),
]  # fmt: skip
WIP_BODY = {
    "draft-attached": "各县、区生态环境分局：\n\n为保障采暖期空气质量，决定开展燃煤锅炉专项执法检查。一、检查范围："
    "辖区内在用燃煤锅炉。二、检查内容：污染防治设施运行、在线监测数据、排污许可执行情况。三、工作要求：检查结果"
    "按周报送。\n\n附件：检查计划表",
    "published": "各县、区人民政府，市政府各部门：\n\n《抚顺市城市供热管理办法》已经市政府常务会议审议通过，现印发给你们，"
    "请认真贯彻执行。\n\n抚顺市城市供热管理办法\n\n第一条 为了加强城市供热管理，维护供热单位和热用户的合法权益，"
    "保障城市供热安全稳定运行，根据《辽宁省城市供热条例》等法律法规，结合本市实际，制定本办法。\n\n"
    "第二条 本市城市规划区内城市供热的规划、建设、经营、使用及其监督管理活动，适用本办法。\n\n"
    "第三条 市城市供热主管部门负责全市城市供热的监督管理工作；县、区城市供热主管部门按照职责分工负责本辖区城市供热"
    "的监督管理工作。\n\n第四条 本市采暖期为每年11月1日至次年3月31日。遇有极端天气，市人民政府可以决定提前或者延长"
    "供热时间，并向社会公告。\n\n第五条 采暖期内，供热单位应当保证热用户卧室、起居室（厅）的室内温度不低于18℃。"
    "室内温度达不到标准的，热用户可以向供热单位或者城市供热主管部门投诉，供热单位应当在24小时内予以处理。\n\n"
    "第六条 供热单位应当向社会公开服务标准、收费标准、办事程序和投诉电话，接受社会监督。\n\n"
    "第七条 本办法自印发之日起施行。",
    "scheduled": "各县、区生态环境分局，各有关企业：\n\n进入采暖期，我市重污染天气发生概率增加。为做好重污染天气应急"
    "减排工作，现就有关事项通知如下：\n\n一、各重点排污单位应当按照重污染天气应急减排清单，制定“一厂一策”操作方案，"
    "落实到具体生产线和工序。\n\n二、接到预警信息后，各单位应当在规定时间内启动相应级别的减排措施，并如实记录。\n\n"
    "三、各县、区生态环境分局应当加强对减排措施落实情况的检查，检查情况于每日17时前报市生态环境局。\n\n"
    "联系电话：024-57201234（市生态环境局大气环境处）",
    "returned": "当事人：抚顺某精细化工有限公司\n\n经查，当事人存在未按照排污许可证规定开展自行监测的环境违法行为。"
    "依据《排污许可管理条例》第三十六条，本机关决定罚款人民币五万元。",
}


def _draft_interpretation(editor, document: Item, clock: Clock) -> None:
    """The interpretation the 三同步 rule asks for before a normative document is submitted, drafted by the
    document's editor; it is published after the document (3 working days at most)."""
    from gongkai.interpretation import services as interpretation_services
    from gongkai.interpretation.models import Kind as InterpretationKind

    interpretation_services.interpretation_create(
        actor=editor, documents=[document], title="《抚顺市城市供热管理办法》政策解读",
        kind=InterpretationKind.TEXT, interpreter="市住房和城乡建设局有关负责同志", written_on=document.written_on,
        sections={
            "background": "为规范城市供热经营和使用行为，保障热用户合法权益，依据《辽宁省城市供热条例》，结合我市"
            "供热管理实际，市政府制定了《抚顺市城市供热管理办法》。",
            "main_content": "《办法》共七条，明确了供热主管部门的职责分工、采暖期起止时间及调整程序、室内温度标准"
            "和投诉处理时限，并要求供热单位公开服务标准、收费标准、办事程序和投诉电话。",
            "benefits": "采暖期内卧室、起居室（厅）室内温度不低于18℃；热用户投诉后，供热单位须在24小时内处理。",
        },
        calendar=clock.calendar,
    )  # fmt: skip


def _work_in_progress(city, topics, genres, clock: Clock) -> int:
    """Items in every workflow state for the demo staff of 抚顺市生态环境局, the 财政局 and the city government:
    recent drafts, one waiting for review near its deadline, one returned, one escalated, one scheduled."""
    User = get_user_model()
    names = {
        "eco_editor",
        "eco_reviewer",
        "city_editor",
        "city_reviewer",
        "finance_editor",
        "finance_reviewer",
    }
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    if len(users) < len(names):
        return 0
    y = clock.today.year
    made: dict[str, Item] = {}
    for key, org_name, editor, title, genre, topic, klass, ago in WIP:
        org = Organization.objects.get(name=org_name)
        written = clock.back(clock.today, ago) if ago else clock.today
        body = WIP_BODY.get(key) or (
            f"{title.format(y=y)}（送审稿）\n\n{org.name}根据有关规定拟发布本信息，现报审核。正文详见附件。"
        )
        made[key] = services.item_create(
            actor=users[editor], org=org, title=title.format(y=y), written_on=written, topic=topics[topic],
            genre=genres[genre], body=text_to_html(body), statutory_class=klass,
            doc_no=f"{doc_prefix(org)}〔{written.year}〕{90 + len(made)}号" if genre in ("notice", "normative") else "",
            is_normative=genre == "normative", normative_kind=NormativeKind.NORMATIVE if genre == "normative" else "",
        )  # fmt: skip
    eco_editor, eco_reviewer = users["eco_editor"], users["eco_reviewer"]
    services.attachment_add(
        actor=eco_editor,
        item=made["draft-attached"],
        upload=SimpleUploadedFile("附件：检查计划表.pdf", MINIMAL_PDF),
    )
    for key in ("review-fresh", "review-risk", "returned", "escalated", "scheduled"):
        services.item_submit(actor=eco_editor, item=made[key])
    services.item_review(
        actor=eco_reviewer, item=made["returned"], conclusion=ReviewConclusion.RETURN,
        basis="正文涉及企业负责人姓名及联系方式，请按条例第十五条作区分处理后重新提交。",
    )  # fmt: skip
    services.item_review(
        actor=eco_reviewer, item=made["escalated"], conclusion=ReviewConclusion.ESCALATE,
        basis="涉及跨部门执法监测数据，本机关无法确定能否公开，报请市政府办公室审查。",
        escalated_to=EscalationTarget.COMPETENT_DEPARTMENT,
    )  # fmt: skip
    services.item_review(
        actor=eco_reviewer, item=made["scheduled"], conclusion=ReviewConclusion.APPROVE, basis="经保密审查，同意公开。",
        publish_at=_at(clock.add(clock.today, 1), 9),
    )  # fmt: skip
    services.item_submit(actor=users["finance_editor"], item=made["approved"])
    services.item_review(
        actor=users["finance_reviewer"], item=made["approved"], conclusion=ReviewConclusion.APPROVE,
        basis="同意公开。", publish=False,
    )  # fmt: skip
    _draft_interpretation(users["city_editor"], made["published"], clock)  # 三同步: drafted before submission
    services.item_submit(actor=users["city_editor"], item=made["published"])
    services.item_review(
        actor=users["city_reviewer"], item=made["published"], conclusion=ReviewConclusion.APPROVE,
        basis="经审查，不涉及国家秘密、商业秘密和个人隐私，同意主动公开。",
    )  # fmt: skip
    return len(made)
