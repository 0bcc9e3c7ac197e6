"""The demo reads like a well-run city's platform: each item's issuer fits the organ that publishes it, dates
follow the statutory calendar, the supervisor sees only the few problems planned, every granted case delivers
what its letter promises, and loading twice changes nothing. Loaded once, on 2026-12-01."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from gongkai.demo.tests.conftest import load_demo_at

DAY = date(2026, 12, 1)
pytestmark = pytest.mark.django_db  # the test database is set up for marked tests only

#: Places outside 抚顺市 that a 抚顺 organ's own document would not speak for.
OTHER_PLACES = [
    "沈阳", "大连", "鞍山", "本溪", "丹东", "锦州", "营口", "阜新", "辽阳", "铁岭", "朝阳市", "盘锦", "葫芦岛",
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "内蒙古", "吉林省", "黑龙江", "江苏省", "浙江省",
    "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西", "海南省", "四川省",
    "贵州省", "云南省", "西藏", "陕西省", "甘肃省", "青海省", "宁夏", "新疆",
]  # fmt: skip
REAL_ISSUERS = {
    "中华人民共和国国务院",
    "辽宁省人民代表大会常务委员会",
    "抚顺市人民代表大会常务委员会",
    "清原满族自治县人民代表大会",
    "新宾满族自治县人民代表大会",
}


@pytest.fixture(scope="module")
def demo(request, django_db_setup, django_db_blocker, tmp_path_factory):
    yield from load_demo_at(DAY, request, django_db_setup, django_db_blocker, tmp_path_factory)


def _published():
    from gongkai.catalog.models import Item

    return list(Item.objects.published().select_related("org", "genre", "topic"))


def test_every_item_keeps_its_real_issuer_or_is_written_for_its_publisher(demo):
    from gongkai.demo.catalog import doc_prefix
    from gongkai.orgs.models import Organization

    items = _published()
    assert len(items) > 300
    org_names = sorted(Organization.objects.values_list("name", flat=True), key=len, reverse=True)
    problems = []
    for item in items:
        where = f"{item.index_no} {item.title}（{item.org.name}）"
        if item.source_name:  # republished: the real issuer, its own 文号 or none
            if item.source_name not in REAL_ISSUERS:
                problems.append(f"{where}: 信息来源“{item.source_name}”不是发文机关")
            if item.doc_no and not item.doc_no.startswith("国务院令"):
                problems.append(f"{where}: 转载件使用了“{item.doc_no}”")
            continue
        # Written by its publisher: its own 文号 series, its own region, its own name in the title.
        if item.genre.code in ("regulation",) or re.search(r"条例$|实施办法$", item.title):
            problems.append(f"{where}: 法规不注明信息来源")
        if "本省" in item.body_text or "省人民政府" in item.title:
            problems.append(f"{where}: 正文以省的口吻")
        for place in OTHER_PLACES:
            if place in item.title or place in item.body_text:
                problems.append(f"{where}: 提及{place}")
                break
        # the organ's 发 series, or its 函 series for letters (replies to proposals)
        series = doc_prefix(item.org)
        if item.doc_no and not item.doc_no.startswith((series + "〔", series.removesuffix("发") + "函〔")):
            problems.append(f"{where}: 文号“{item.doc_no}”不属于本机关")
        named = next((n for n in org_names if item.title.startswith(n)), None)
        if named and named != item.org.name and not item.title.startswith(item.org.name):
            problems.append(f"{where}: 标题中的发文机关是{named}")
        if "政府工作报告" in item.title and "国务院" in item.title:
            problems.append(f"{where}: 国务院政府工作报告未注明转载")
    assert problems == []


def test_each_organ_publishes_in_its_remit(demo):
    problems = []
    for item in _published():
        org, title = item.org, item.title
        where = f"{title}（{org.name}）"
        if "国务院" in title and "政府工作报告" in title and org.name != "抚顺市人民政府办公室":
            problems.append(f"{where}: 国务院政府工作报告只由市政府办公室转载")
        if item.topic.code == "1003" and not (
            "生态环境" in org.name or org.kind == "government" or org.name.endswith("人民政府办公室")
        ):
            problems.append(f"{where}: 环境信息")
        if item.statutory_class == "a20_06" and not any(
            w in org.name for w in ("生态环境", "市场监督", "应急")
        ):
            problems.append(f"{where}: 行政处罚")
        if re.search(r"市本级(预算|决算)|预算公开", title) and not (
            org.name.endswith("财政局") or org.kind == "government"
        ):
            problems.append(f"{where}: 本级预算")
        if re.search(r"部门(预算|决算)$", title) and not title.startswith(org.name):
            problems.append(f"{where}: 他人的部门预算")
        if org.name.endswith("街道办事处") and item.source_name:
            problems.append(f"{where}: 街道办转载法规")
    assert problems == []


def test_dates_follow_the_statutory_calendar(demo):
    from gongkai.workdays.calendar import WorkCalendar

    calendar = WorkCalendar()
    items = _published()
    problems, late = [], []
    for item in items:
        published = timezone.localdate(item.published_at)
        where = f"{item.title}: 成文{item.written_on} 发布{published}"
        if not calendar.is_workday(published):
            problems.append(f"{where} 非工作日发布")
        if published > DAY:
            problems.append(f"{where} 晚于今天")
        if not item.source_name and not calendar.is_workday(item.written_on):
            problems.append(f"{where} 成文于非工作日")
        if published < item.written_on or (False):
            problems.append(f"{where} 早于成文")
        if calendar.workdays_between(item.written_on, published) > 20:
            late.append(item)
            if not item.is_late:
                problems.append(f"{where} 超期未标注")
    assert problems == []
    assert 1 <= len(late) <= len(items) // 30, [i.title for i in late]
    assert sum(1 for i in late if i.published_at.year == DAY.year) <= 3


def test_annual_reports_are_published_in_january_by_every_organ_that_must(demo):
    from gongkai.demo.reports import LATE_DEPARTMENT
    from gongkai.reports.models import AnnualReport
    from gongkai.reports.selectors import report_duty_orgs
    from gongkai.workdays.calendar import WorkCalendar

    calendar = WorkCalendar()
    duty = list(report_duty_orgs())
    for year in (2023, 2024, 2025):
        reports = {r.org_id: r for r in AnnualReport.objects.filter(year=year, status="published")}
        missing = [o.name for o in duty if o.pk not in reports]
        assert missing == ([LATE_DEPARTMENT] if year == 2025 else []), year
        for report in reports.values():
            day = timezone.localdate(report.published_at)
            assert day.year == year + 1 and day.month == 1 and day.day < 31, (report.title, day)
            assert calendar.is_workday(day), (report.title, day)
            item = report.catalog_item_id and _item(report.catalog_item_id)
            assert item and timezone.localdate(item.published_at) == day
            assert "【" not in report.overview + report.problems + report.other_matters


def _item(pk):
    from gongkai.catalog.models import Item

    return Item.objects.get(pk=pk)


def test_applications_are_handled_on_working_days_within_their_periods(demo):
    from gongkai.foi.models import Application
    from gongkai.workdays.calendar import WorkCalendar

    calendar = WorkCalendar()
    late = []
    for a in Application.objects.filter(received_on__isnull=False).select_related("answer"):
        assert a.received_on <= DAY
        assert calendar.is_workday(a.received_on), (a.info_title, a.received_on)
        answer = getattr(a, "answer", None)
        if answer is not None and answer.answered_on:
            assert calendar.is_workday(answer.answered_on), (a.info_title, answer.answered_on)
            assert answer.answered_on <= DAY
            if a.due_on and answer.answered_on > a.due_on:
                late.append(a)
    assert len(late) <= 1


def test_the_supervisor_sees_only_the_few_problems_planned(demo, client):
    from django.contrib.auth import get_user_model

    from gongkai.catalog import selectors as catalog_selectors
    from gongkai.demo.reports import LATE_DEPARTMENT
    from gongkai.foi import selectors as foi_selectors
    from gongkai.reports import selectors as report_selectors

    supervisor = get_user_model().objects.get(username="city_supervisor")
    due = report_selectors.reports_due(today=DAY, user=supervisor)
    assert [d["org"].name for d in due if d["days_left"] < 0] == [LATE_DEPARTMENT]
    assert 1 <= foi_selectors.applications_overdue(user=supervisor, today=DAY).count() <= 2
    assert foi_selectors.applications_due_soon(user=supervisor, today=DAY).count() <= 3
    overdue_items = catalog_selectors.late_items(supervisor, today=DAY).filter(published_at__isnull=True)
    assert overdue_items.count() <= 1
    client.force_login(supervisor)
    page = client.get("/manage/").content.decode()
    assert "1个机构的年度报告已超过发布期限" in page


def test_every_granted_case_delivers_what_its_letter_promises(demo):
    from docx import Document

    from gongkai.catalog.models import Item
    from gongkai.foi.models import Application, FileKind

    granted = Application.objects.filter(outcome__in=["granted", "partial"]).select_related("answer")
    assert granted.count() >= 5
    for a in granted:
        answer = a.answer
        letter = a.letters.filter(kind="answer").get()
        with letter.file.open("rb") as f:
            text = "\n".join(p.text for p in Document(io.BytesIO(f.read())).paragraphs)
        if answer.already_disclosed:
            numbers = re.findall(r"\d{9}/\d{4}-\d{5}", answer.catalog_refs)
            assert numbers, answer.catalog_refs
            assert all(Item.objects.published().filter(index_no=n).exists() for n in numbers)
            assert numbers[0] in text
            continue
        files = list(a.files.filter(kind=FileKind.DELIVERED, public=True))
        if answer.outcome == "partial" and not files:
            # Partial disclosure delivers only redacted copies; without one the letter gives the written reason
            # (what was withheld and how the rest is provided).
            assert answer.partial_reason and answer.partial_reason[:20] in text, a.info_title
            continue
        assert files, a.info_title
        for f in files:
            assert f.size > 0 and f.name in text, (a.info_title, f.name)


def test_demo_info_prints_the_accounts_and_the_example_again(demo):
    from gongkai.demo import foi as demo_foi

    out = io.StringIO()
    call_command("demo_info", stdout=out)
    tracking, code = demo_foi.example()
    text = out.getvalue()
    assert "city_supervisor" in text and "eco_office" in text and "eco_head" in text
    assert tracking in text and code in text


def test_loading_twice_changes_nothing(demo):
    from django.apps import apps

    from gongkai.demo.loader import load_all

    def counts():
        return {m._meta.label: m._default_manager.count() for m in apps.get_models()}

    before = counts()
    load_all(log=lambda line: None)
    assert counts() == before


def test_interpretations_conferences_gazette_and_new_media(demo):
    from gongkai.interpretation.models import GazetteIssue, Interpretation, MediaPost, PressConference
    from gongkai.workdays.calendar import WorkCalendar

    calendar = WorkCalendar()
    published = Interpretation.objects.filter(item__status="published").prefetch_related("documents")
    late = [i for i in published if i.is_late]
    assert len(published) >= 20 and 1 <= len(late) <= len(published) // 4
    for interpretation in published:
        first = min(timezone.localdate(d.published_at) for d in interpretation.documents.all())
        days = calendar.workdays_between(first, timezone.localdate(interpretation.item.published_at))
        assert interpretation.is_late == (days > 3), interpretation.item.title
        assert interpretation.org_id == interpretation.documents.all()[0].org_id  # 谁起草谁解读
    assert PressConference.objects.filter(status="published").count() >= 12
    assert all(c.held_on <= DAY for c in PressConference.objects.filter(status="published"))
    assert GazetteIssue.objects.filter(is_published=True).count() >= 6
    assert MediaPost.objects.count() > 100


def test_the_city_s_work_reports_are_drafts_from_the_records(demo):
    from gongkai.orgs.models import Organization
    from gongkai.workreport import builder, services
    from gongkai.workreport.models import Status, WorkReport

    year = demo["day"].year
    city = Organization.objects.get(name="抚顺市人民政府")
    report = WorkReport.objects.get(org=city, year=year)
    assert report.status == Status.DRAFT
    data = services.report_data(report)
    figures = builder.figures_of(data)
    assert figures["proactive.items"] > 0 and figures["interpretation.total"] > 0
    assert any(k.startswith("concern.channel.") and v for k, v in figures.items())
    text = "\n".join(p["text"] for p in data["parts"])
    assert f"{year}年，全市各级政府及其部门主动公开政府信息{figures['proactive.items']}条" in text
    assert "【" not in text and "待监督" not in text
    assert services.publication_problems(report, data) == [f"{year}年尚未结束，工作总结须在年度结束后发布。"]
    last = WorkReport.objects.get(org=city, year=year - 1)
    last_figures = builder.figures_of(services.report_data(last))
    assert (
        last_figures["proposals.received"]
        == last_figures["proposals.npc"] + last_figures["proposals.cppcc"]
        > 0
    )
    assert any(line.startswith("政务公开工作总结：") for line in demo["log"])


def test_supervision_work_points_inspections_circular_checks_assessment(demo, client):
    from django.contrib.auth import get_user_model

    from gongkai.supervision import rules, selectors
    from gongkai.supervision.models import Circular, Inspection, PeriodicReport, Scheme, WorkPlan
    from gongkai.workdays.calendar import WorkCalendar

    calendar = WorkCalendar()
    plan = WorkPlan.objects.get(year=DAY.year)
    tasks = list(plan.tasks.all())
    assert len(tasks) >= 5
    late = [t for t in tasks if t.is_overdue_on(DAY)]
    assert 1 <= len(late) <= 3  # some late, not most
    for task in tasks:
        assert task.due_on is None or calendar.is_workday(task.due_on)
        for report in task.reports.all():
            assert report.reported_on <= DAY and calendar.is_workday(report.reported_on)
    assert WorkPlan.objects.get(year=DAY.year - 1).tasks.exclude(review_result="").count() == 3
    assert Inspection.objects.count() == 2
    assert all(f.rectify_by >= i.held_on for i in Inspection.objects.all() for f in i.findings.all())
    circular = Circular.objects.get()
    assert circular.state == "internal" and circular.problems.exists()
    supervisor = get_user_model().objects.get(username="city_supervisor")
    rows = selectors.dashboard(rules.supervised_orgs(supervisor))
    assert rows and sum(r.warnings for r in rows) >= 1
    assert sum(r.vetoes for r in rows) <= len(rows) // 2  # a few problems, not a failing city
    scheme = Scheme.objects.get()
    ranked = selectors.results(scheme)
    assert [r.rank for r in ranked] == list(range(1, scheme.units.count() + 1))
    assert {r.state for r in PeriodicReport.objects.all()} == {"accepted", "returned", "submitted"}
    client.force_login(supervisor)
    for name in ("supervision", "supervision_plans", "supervision_circulars", "supervision_schemes"):
        assert client.get(reverse(f"backoffice:{name}")).status_code == 200
    assert "监督保障" in client.get("/manage/").content.decode()


def test_service_catalog_and_the_county_standard_catalog_coverage(demo):
    """The guides are published with real-looking elements, two with the problems inspectors find; the coverage
    of 新抚区's standard catalogs equals the entries whose tagged items were published within their limit,
    counted here from the records with the calendar."""
    from datetime import timedelta

    from gongkai.orgs.models import Organization
    from gongkai.servicecatalog import selectors
    from gongkai.servicecatalog.models import Entry, GuideVersion, Material
    from gongkai.workdays.calendar import WorkCalendar

    city = Organization.objects.get(name="抚顺市人民政府")
    guides = GuideVersion.objects.published().filter(item__org__path__startswith=city.path)
    assert guides.count() >= 25
    assert Material.objects.filter(version__in=guides).count() >= 60
    for guide in guides:  # the promise never exceeds the law, a 即办 promise is a 即办件
        if guide.legal_unit == guide.promised_unit == "workday":
            assert guide.promised_limit <= guide.legal_limit
        assert (guide.promised_unit == "immediate") == (guide.handling_type.code == "1")
    incomplete = {
        row.version.item.name: row.missing
        for row in selectors.incomplete_guides(Organization.objects.filter(path__startswith=city.path))
    }
    assert incomplete == {
        "对食品生产经营者的行政检查": ["申请条件", "办理材料"],
        "排污许可证核发": ["联系电话"],
    }

    county = Organization.objects.get(name="新抚区人民政府")
    calendar = WorkCalendar()
    covered = 0
    entries = Entry.objects.filter(catalog__org=county)
    for entry in entries:
        in_time = False
        for item in entry.items.filter(status="published"):
            formed = item.changed_on or item.written_on
            published = timezone.localdate(item.published_at)
            if entry.trigger == "realtime":
                in_time |= published <= formed + timedelta(days=1)
            elif entry.limit is None:
                in_time = True
            elif entry.limit_unit == "natural":
                in_time |= published <= formed + timedelta(days=entry.limit)
            else:
                in_time |= published <= calendar.add_workdays(formed, entry.limit)
        covered += in_time
    coverage = selectors.coverage_by_org([county])[county.pk]
    assert (coverage.entries, coverage.covered) == (entries.count(), covered)
    assert 0 < covered < entries.count()
    assert any("政务服务事项目录" in line and f"按时公开覆盖 {covered} 项" in line for line in demo["log"])
