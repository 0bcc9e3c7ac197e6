"""Demo content of the catalog: several hundred published items of 抚顺市 and its units, 2017-2026.

Bodies are real texts from demo/data/catalog_documents.jsonl.gz (a subset of ../shared/data/documents.jsonl.gz:
local regulations, State Council regulations and work reports, outside copyright under Art. 5 of the Copyright
Law); local regulation titles are re-attributed to 抚顺市. Everything goes through catalog.services: a batch
import of published items, then normative documents with every validity state, withdrawals, corrections, late
items, channel publications, and work in progress for the demo staff (drafts, review queue, returned,
escalated, scheduled). Idempotent: a second run changes nothing.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
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
from gongkai.orgs.models import Kind, Level, Organization
from gongkai.workdays.calendar import WorkCalendar

DATA = Path(__file__).resolve().parent / "data" / "catalog_documents.jsonl.gz"
SENTINEL = "demo-catalog-v1"

#: Title words → topic code (first match wins); the fallback is 综合政务\其他.
TOPIC_WORDS = [
    (("环境", "污染", "生态", "大气", "水污染", "湿地", "噪声", "固体废物"), "1003"),
    (("教育", "学校", "学前", "职业教育"), "1102"),
    (("科技", "科学技术", "创新"), "1101"),
    (("财政", "预算", "审计", "税"), "0401"),
    (("交通", "道路", "公路", "运输", "电动自行车", "停车"), "0702"),
    (("卫生", "医疗", "医院", "中医", "药", "疾病"), "1301"),
    (("食品", "市场", "产品质量", "消费"), "0903"),
    (("安全生产", "消防", "危险", "燃气", "电梯"), "0904"),
    (("土地", "矿产", "不动产"), "0501"),
    (("水利", "河道", "河湖", "水资源", "供水", "防洪"), "0603"),
    (("农业", "农村", "畜", "林", "种子", "草原"), "0601"),
    (("城市", "城乡", "规划", "建筑", "物业", "住房", "市容", "园林"), "1001"),
    (("文物", "历史文化", "非物质文化"), "1204"),
    (("文化", "图书馆", "旅游"), "1201"),
    (("体育", "全民健身"), "1303"),
    (("民政", "救助", "养老", "慈善", "殡葬", "地名"), "1701"),
    (("就业", "劳动", "工资", "社会保险", "社会保障"), "1501"),
    (("民族", "宗教"), "1801"),
    (("应急", "突发", "防灾", "地震", "气象"), "0201"),
    (("政府工作报告",), "0302"),
    (("信访",), "0206"),
]
TOPIC_CLASS = {
    "1003": StatutoryClass.A20_13, "0903": StatutoryClass.A20_13, "0904": StatutoryClass.A20_13,
    "1102": StatutoryClass.A20_11, "1301": StatutoryClass.A20_11, "1701": StatutoryClass.A21_SOCIAL_ASSISTANCE,
    "1501": StatutoryClass.A20_11, "0401": StatutoryClass.A20_07, "0201": StatutoryClass.A20_12,
    "0302": StatutoryClass.A20_03, "1001": StatutoryClass.A21_URBAN_CONSTRUCTION,
    "0501": StatutoryClass.A21_LAND_EXPROPRIATION,
}  # fmt: skip
TOPIC_FOCUS = {
    "1003": "livelihood-environment", "1102": "livelihood-education", "1301": "livelihood-health",
    "0903": "livelihood-food", "0904": "livelihood-safety", "1701": "livelihood-assistance",
    "1501": "growth-employment", "0401": "reform-fiscal", "1101": "structure-innovation",
    "0601": "livelihood-poverty", "0201": "risk-emergency",
}  # fmt: skip
DOC_PREFIX = {
    "抚顺市人民政府": "抚政发", "抚顺市人民政府办公室": "抚政办发", "抚顺市发展和改革委员会": "抚发改发",
    "抚顺市教育局": "抚教发", "抚顺市科学技术局": "抚科发", "抚顺市民政局": "抚民发", "抚顺市财政局": "抚财发",
    "抚顺市人力资源和社会保障局": "抚人社发", "抚顺市自然资源局": "抚自然资发", "抚顺市生态环境局": "抚环发",
    "抚顺市住房和城乡建设局": "抚住建发", "抚顺市卫生健康委员会": "抚卫健发", "抚顺市审计局": "抚审发",
    "抚顺市市场监督管理局": "抚市监发", "抚顺市行政审批局": "抚审批发", "抚顺市应急管理局": "抚应急发",
    "抚顺市交通运输局": "抚交发",
}  # fmt: skip
WITHDRAW_REASONS = [
    "该文件所附名单有误，已更正后重新发布。",
    "误将内部工作信息公开，经审查予以撤回。",
    "该信息涉及个人信息未作处理，撤回后重新审查。",
    "重复发布，保留先发布的版本。",
    "发布机构有误，已由主办单位重新发布。",
]


def _documents() -> list[dict]:
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _title(doc: dict) -> str:
    title, issuer = doc["title"], doc.get("issuer") or ""
    if doc["kind"] == "地方性法规" and issuer and title.startswith(issuer):
        return "抚顺市" + title[len(issuer) :]
    return title


def _topic_code(title: str) -> str:
    for words, code in TOPIC_WORDS:
        if any(w in title for w in words):
            return code
    return "0207"  # 综合政务\其他


def _doc_prefix(org: Organization) -> str:
    if org.name in DOC_PREFIX:
        return DOC_PREFIX[org.name]
    short = (org.short_name or org.name).removeprefix("市")
    return f"{short[:2]}{'政' if org.kind == Kind.GOVERNMENT else ''}发"


def _random_date(rnd: random.Random, year: int, latest: date) -> date:
    start = date(year, 1, 3)
    end = min(date(year, 12, 28), latest)
    return start + timedelta(days=rnd.randrange(max(1, (end - start).days)))


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


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
        summary = _load(city, key)
    return summary


def _load(city: Organization, sentinel_key: str) -> str:
    rnd = random.Random(2026)
    today = timezone.localdate()
    latest = today - timedelta(days=45)
    calendar = WorkCalendar()
    topics = {t.code: t for t in Topic.objects.select_related("parent")}
    genres = {g.code: g for g in Genre.objects.all()}
    focus = {f.code: f for f in FocusArea.objects.all()}
    orgs = list(city.subtree().filter(is_active=True).order_by("path"))
    # The city, its office and its departments publish most; counties and townships less.
    weights = [6 if o.level == Level.CITY else (3 if o.kind == Kind.GOVERNMENT else 2) for o in orgs]
    docs = _documents()
    workflow_docs, docs = docs[:14], docs[14:]
    years = list(range(2017, today.year + 1))
    serials: dict[tuple[str, int], int] = {}
    rows: list[ImportRow] = []
    plans: list[dict] = []
    for n, doc in enumerate(docs):
        org = rnd.choices(orgs, weights)[0]
        title = _title(doc)
        code = _topic_code(title)
        year = years[n % len(years)]
        written = _random_date(rnd, year, latest)
        allowed = dict(statutory_classes_for(org))
        klass = TOPIC_CLASS.get(code, StatutoryClass.A20_15)
        if klass not in allowed:
            klass = StatutoryClass.A20_15
        kind = doc["kind"]
        normative = kind == "地方性法规" and rnd.random() < 0.45 and org.level != Level.TOWNSHIP
        if normative:
            klass = StatutoryClass.A20_01
        genre = (
            genres["normative"]
            if normative
            else {
                "行政法规": genres["regulation"],
                "政府工作报告": genres["work-report"],
            }.get(
                kind,
                rnd.choice(
                    [genres["notice"], genres["opinion"], genres["public-notice"], genres["decision"]]
                ),
            )
        )
        prefix = _doc_prefix(org)
        serials[(prefix, year)] = serials.get((prefix, year), 0) + 1
        doc_no = f"{prefix}〔{year}〕{serials[(prefix, year)]}号" if kind != "行政法规" else ""
        # Most are published within the 20 working days; about one in six later.
        late = rnd.random() < 0.16
        delay = rnd.randint(30, 60) if late else rnd.randint(1, 24)
        published = min(written + timedelta(days=delay), today - timedelta(days=1))
        source = "国务院" if kind in {"行政法规", "政府工作报告"} else ""
        values = {
            "title": title, "written_on": written, "topic": topics[code], "genre": genre,
            "summary": "；".join(doc.get("history") or [])[:500], "doc_no": doc_no, "statutory_class": klass,
            "stage": rnd.choice(["decision", "execution", "management", "service", "result", ""]),
            "body_plain": doc["body"], "keywords": [w for w in (topics[code].name, genre.name) if w != "其他"],
            "is_normative": normative,
            "normative_kind": (NormativeKind.RULE if org.kind == Kind.GOVERNMENT and org.level == Level.CITY
                               and rnd.random() < 0.4 else NormativeKind.NORMATIVE) if normative else "",
            "registration_no": f"FSFG-{year}-{n:04d}" if normative else "",
            "source_name": source,
        }  # fmt: skip
        area = TOPIC_FOCUS.get(code)
        rows.append(
            ImportRow(
                lineno=n + 1,
                org=org,
                values=values,
                import_key=sentinel_key if n == 0 else hashlib.sha256(f"{SENTINEL}|{n}".encode()).hexdigest(),
                published_at=_at(published, 9 + n % 8),
                focus_areas=[focus[area]] if area in focus else [],
            )
        )
        plans.append({"normative": normative})
    # Index numbers follow publication order within each organisation and year.
    order = sorted(range(len(rows)), key=lambda i: rows[i].published_at)
    items, errors = services.items_import(rows=[rows[i] for i in order], calendar=calendar)
    if errors:
        raise RuntimeError(f"演示数据导入失败：{errors[:3]}")
    by_key = {item.import_key: item for item in items}
    published = [by_key[rows[i].import_key] for i in range(len(rows))]
    normative = [item for item, plan in zip(published, plans, strict=True) if plan["normative"]]

    # Validity: newer normative documents replace older ones of the same organisation.
    normative.sort(key=lambda i: i.written_on)
    changed = {Validity.AMENDED: 0, Validity.EXPIRED: 0, Validity.REPEALED: 0}
    for n, old in enumerate(normative[: len(normative) // 3]):
        newer = next(
            (i for i in normative if i.written_on > old.written_on + timedelta(days=60) and i.pk != old.pk),
            None,
        )
        validity = [Validity.REPEALED, Validity.AMENDED, Validity.EXPIRED][n % 3]
        if newer is None:
            validity = Validity.EXPIRED
        change_day = min((newer.written_on if newer else old.written_on + timedelta(days=700)), today)
        services.item_set_validity(
            actor=None,
            item=old,
            validity=validity,
            changed_on=change_day,
            replaced_by=newer if validity != Validity.EXPIRED else None,
            note="演示数据",
        )
        changed[validity] += 1

    # A few withdrawn and corrected items.
    plain = [i for i in published if not i.is_normative]
    for item, reason in zip(rnd.sample(plain, 5), WITHDRAW_REASONS, strict=True):
        services.item_withdraw(actor=None, item=item, reason=reason)
    corrected = 0
    for item in rnd.sample([i for i in plain if i.status == Status.PUBLISHED], 4):
        services.item_correct(
            actor=None,
            item=Item.objects.get(pk=item.pk),
            reason="更正标题中的文字错误",
            title=item.title + "（更正）",
        )
        corrected += 1

    # Other channels: the gazette for government documents; monthly weibo/wechat/press figures.
    gazette = 0
    for item in published:
        if (
            item.org.kind == Kind.GOVERNMENT
            and item.org.level == Level.CITY
            and item.status == Status.PUBLISHED
        ):
            services.publication_record(
                actor=None, org=item.org, channel=Channel.GAZETTE,
                published_on=min(timezone.localdate(item.published_at) + timedelta(days=10), today),
                item=item, note="抚顺市人民政府公报",
            )  # fmt: skip
            gazette += 1
    for year in years:
        for month in range(1, 13):
            day = date(year, month, 28)
            if day >= today:
                break
            for channel, base in ((Channel.WEIBO, 40), (Channel.WECHAT, 25), (Channel.PRESS_CONFERENCE, 1)):
                services.publication_record(
                    actor=None, org=city, channel=channel, published_on=day, count=base + rnd.randint(0, base),
                    note=f"{year}年{month}月",
                )  # fmt: skip

    work = _work_in_progress(city, workflow_docs, topics, genres, today)
    late = Item.objects.filter(pk__in=[p.pk for p in published], is_late=True).count()
    return (
        f"已发布 {len(published)} 条（超期发布 {late} 条），规范性文件 {len(normative)} 条"
        f"（已修改 {changed[Validity.AMENDED]}、已失效 {changed[Validity.EXPIRED]}、已废止 {changed[Validity.REPEALED]}），"
        f"撤回 5 条，更正 {corrected} 条，公报登记 {gazette} 条；在办 {work} 条"
    )


def _work_in_progress(city, docs, topics, genres, today) -> int:
    """Items in every workflow state for the demo staff of 抚顺市生态环境局 and the city government."""
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=[
        "eco_editor", "eco_reviewer", "city_editor", "city_reviewer", "city_supervisor", "finance_editor",
    ])}  # fmt: skip
    if len(users) < 6:
        return 0
    eco = Organization.objects.get(name="抚顺市生态环境局")
    finance = Organization.objects.get(name="抚顺市财政局")
    calendar = WorkCalendar()

    def draft(n, org, editor, days_ago, genre="notice", **extra):
        doc = docs[n]
        written = min(calendar.next_workday(today - timedelta(days=days_ago)), today)
        return services.item_create(
            actor=users[editor], org=org, title=_title(doc), written_on=written,
            topic=topics[_topic_code(_title(doc))], genre=genres[genre], body=text_to_html(doc["body"]),
            doc_no=f"{_doc_prefix(org)}〔{written.year}〕{80 + n}号", statutory_class=StatutoryClass.A20_15,
            **extra,
        )  # fmt: skip

    eco_editor, eco_reviewer = users["eco_editor"], users["eco_reviewer"]
    # Drafts of the editor (one with an attachment), one of them close to its deadline.
    d1 = draft(0, eco, "eco_editor", 3)
    services.attachment_add(
        actor=eco_editor, item=d1, upload=SimpleUploadedFile("附件1：检查计划表.pdf", MINIMAL_PDF)
    )
    draft(1, eco, "eco_editor", 24)
    # Waiting for review (one at risk, one already overdue).
    for n, days in ((2, 2), (3, 22), (4, 40)):
        services.item_submit(actor=eco_editor, item=draft(n, eco, "eco_editor", days))
    # Returned with reasons.
    r = services.item_submit(actor=eco_editor, item=draft(5, eco, "eco_editor", 6))
    services.item_review(
        actor=eco_reviewer, item=r, conclusion=ReviewConclusion.RETURN,
        basis="正文第三条涉及企业名称及负责人姓名，请按条例第十五条作区分处理后重新提交。",
    )  # fmt: skip
    # Escalated to the competent department.
    e = services.item_submit(actor=eco_editor, item=draft(6, eco, "eco_editor", 8))
    services.item_review(
        actor=eco_reviewer, item=e, conclusion=ReviewConclusion.ESCALATE,
        basis="涉及跨部门执法数据，本机关无法确定能否公开，报请市政府办公室审查。",
        escalated_to=EscalationTarget.COMPETENT_DEPARTMENT,
    )  # fmt: skip
    # Scheduled for tomorrow morning.
    s = services.item_submit(actor=eco_editor, item=draft(7, eco, "eco_editor", 4))
    services.item_review(
        actor=eco_reviewer, item=s, conclusion=ReviewConclusion.APPROVE, basis="经保密审查，同意公开。",
        publish_at=_at(today + timedelta(days=1), 9),
    )  # fmt: skip
    # Approved, waiting to be published by the office.
    a = services.item_submit(actor=users["finance_editor"], item=draft(8, finance, "finance_editor", 5))
    finance_reviewer = User.objects.filter(username="finance_reviewer").first()
    if finance_reviewer is not None:
        services.item_review(
            actor=finance_reviewer,
            item=a,
            conclusion=ReviewConclusion.APPROVE,
            basis="同意公开。",
            publish=False,
        )
    # The whole path by people, published today.
    p = draft(9, city, "city_editor", 2, genre="normative", is_normative=True,
              normative_kind=NormativeKind.NORMATIVE)  # fmt: skip
    services.item_submit(actor=users["city_editor"], item=p)
    services.item_review(
        actor=users["city_reviewer"], item=p, conclusion=ReviewConclusion.APPROVE,
        basis="经审查，不涉及国家秘密、商业秘密和个人隐私，同意主动公开。",
    )  # fmt: skip
    return 10
