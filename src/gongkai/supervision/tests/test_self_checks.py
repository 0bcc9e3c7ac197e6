"""The daily self-checks: columns by update class, the oldest unanswered message, late and early items,
broken links, copied annual reports; thresholds from the seeded data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from gongkai.catalog.models import Genre
from gongkai.orgs.models import Organization
from gongkai.supervision import checks, selectors, services
from gongkai.supervision.models import CheckCode, Level, SelfCheck, Threshold, UpdateRule
from gongkai.supervision.tests.conftest import make_item, make_message
from gongkai.testing.factories import TEST_JOB

pytestmark = pytest.mark.django_db

DAY = date(2026, 6, 15)


def _column(org, name, rule_code, genre):
    return services.column_save(
        actor=TEST_JOB, org=org, name=name, rule=UpdateRule.objects.get(code=rule_code),
        genre=Genre.objects.get(code=genre),
    )  # fmt: skip


def _result(org, code):
    return SelfCheck.objects.get(org=org, on=DAY, code=code)


def test_a_15_day_old_column_is_stale_for_news_not_for_institutional(tree):
    _column(tree.eco, "工作动态", "news", "other")
    _column(tree.eco, "机构职能", "institutional", "summary")
    make_item(tree.eco, published=DAY - timedelta(days=15), genre="other")
    make_item(tree.eco, published=DAY - timedelta(days=15), genre="summary")

    services.self_checks_org(actor=TEST_JOB, org=tree.eco, day=DAY)

    stale = _result(tree.eco, CheckCode.STALE_COLUMNS)
    assert stale.value == 1
    assert [e["label"].split("：")[0] for e in stale.evidence] == ["工作动态"]
    assert _result(tree.eco, CheckCode.STALE_KEY_COLUMNS).value == 1
    assert _result(tree.eco, CheckCode.BLANK_COLUMNS).value == 0


def test_a_14_day_old_news_column_is_still_updated(tree):
    _column(tree.eco, "工作动态", "news", "other")
    make_item(tree.eco, published=DAY - timedelta(days=14), genre="other")
    states = checks.column_states(tree.eco, DAY)
    assert [s.stale for s in states] == [False]


def test_blank_columns_count_and_warn_from_the_threshold(tree):
    for i in range(2):
        _column(tree.eco, f"空栏目{i}", "notice", "notice")
    services.self_checks_org(actor=TEST_JOB, org=tree.eco, day=DAY)
    blank = _result(tree.eco, CheckCode.BLANK_COLUMNS)
    assert (blank.value, blank.level) == (2, Level.WARNING)  # warning at 2, veto at 5 (开普云, 19号)


def test_a_message_unanswered_for_80_days_shows_the_early_warning(tree):
    message = make_message(tree.eco, received=DAY - timedelta(days=80))
    make_message(tree.eco, received=DAY - timedelta(days=100), status="replied")  # answered: not counted

    services.self_checks_org(actor=TEST_JOB, org=tree.eco, day=DAY)

    oldest = _result(tree.eco, CheckCode.OLDEST_UNANSWERED)
    assert (oldest.value, oldest.level) == (80, Level.WARNING)
    assert [e["ref"] for e in oldest.evidence] == [f"interaction.message:{message.pk}"]


def test_a_message_unanswered_past_three_months_reaches_the_veto(tree):
    make_message(tree.eco, received=DAY - timedelta(days=91))
    services.self_checks_org(actor=TEST_JOB, org=tree.eco, day=DAY)
    assert _result(tree.eco, CheckCode.OLDEST_UNANSWERED).level == Level.VETO


def test_thresholds_are_data(tree):
    Threshold.objects.filter(code=CheckCode.OLDEST_UNANSWERED).update(warning_at=85)
    make_message(tree.eco, received=DAY - timedelta(days=80))
    services.self_checks_org(actor=TEST_JOB, org=tree.eco, day=DAY)
    assert _result(tree.eco, CheckCode.OLDEST_UNANSWERED).level == Level.OK


def test_late_and_early_items(tree):
    late = make_item(tree.eco, published=date(2026, 3, 2), is_late=True)
    make_item(tree.eco, published=date(2025, 12, 1), is_late=True)  # last year: not this year's count
    early = make_item(tree.eco, published=date(2026, 3, 2), written_on=date(2026, 3, 9))
    services.self_checks_org(actor=TEST_JOB, org=tree.eco, day=DAY)
    assert [e["ref"] for e in _result(tree.eco, CheckCode.LATE_ITEMS).evidence] == [f"catalog.item:{late.pk}"]
    assert [e["ref"] for e in _result(tree.eco, CheckCode.EARLY_ITEMS).evidence] == [
        f"catalog.item:{early.pk}"
    ]


def test_uninterpreted_normative_document(tree):
    doc = make_item(tree.eco, published=date(2026, 5, 6), normative=True)
    services.self_checks_org(actor=TEST_JOB, org=tree.eco, day=DAY)
    assert [e["ref"] for e in _result(tree.eco, CheckCode.UNINTERPRETED).evidence] == [
        f"catalog.item:{doc.pk}"
    ]


def test_broken_internal_links(tree):
    target = make_item(tree.eco, published=date(2026, 5, 6))
    draft = make_item(tree.eco, published=None)
    draft_slug = "s99999999-2026-99999"
    body = (
        f'<a href="{reverse("portal:catalog_item", args=[target.slug])}">ok</a> <a href="/no-such-page-at-all/">gone</a> '
        f'<a href="{reverse("portal:catalog_item", args=[draft_slug])}">not public</a> '
        '<a href="https://www.example.org/x">external, not checked</a>'
    )
    linking = make_item(tree.eco, published=date(2026, 6, 1), body=body)
    broken = list(checks.check_links(tree.eco, DAY).evidence)
    assert [e["ref"] for e in broken] == [f"catalog.item:{linking.pk}"] * 2
    assert "/no-such-page-at-all/" in broken[0]["label"]
    assert draft_slug in broken[1]["label"] and draft.slug is None


def test_copied_annual_report_similarity():
    text = "本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息。" * 5
    assert checks.similarity(text, text) == 100
    assert checks.similarity(text, "") == 0
    assert checks.similarity(text, "全年共收到申请十二件，全部按期答复。") < 30


def test_a_published_guide_missing_its_materials_is_counted_with_what_it_misses(tree, people):
    from gongkai.servicecatalog import services as guide_services
    from gongkai.servicecatalog.tests.conftest import make_item as make_guide

    assert checks.check_guides(tree.eco).value == 0
    version = make_guide(people.eco_editor, tree.eco, materials=False)
    guide_services.guide_submit(actor=people.eco_editor, version=version, confirm_incomplete=True)
    guide_services.guide_review(
        actor=people.eco_reviewer,
        version=version,
        conclusion="approve",
        basis="同意",
        confirm_incomplete=True,
    )
    result = checks.check_guides(tree.eco)
    assert (result.value, result.skipped) == (1, False)
    assert result.evidence == [
        {"ref": f"servicecatalog.guideversion:{version.pk}", "label": "建设项目环评审批001（缺办理材料）"}
    ]
    assert checks.check_guides(tree.finance).value == 0
    [(_ref, record, url)] = selectors.resolve_refs([result.evidence[0]["ref"]], people.city_supervisor)
    assert record == version and url == reverse("backoffice:servicecatalog_detail", args=[version.pk])


def test_region_dashboard_lists_the_region_worst_first(tree, who, django_assert_max_num_queries):
    make_message(tree.eco, received=DAY - timedelta(days=95))
    make_message(tree.finance, received=DAY - timedelta(days=70))
    services.self_checks_run(actor=TEST_JOB, day=DAY, orgs=[tree.eco, tree.finance, tree.other_dept])
    from gongkai.supervision import rules

    with django_assert_max_num_queries(4):
        rows = selectors.dashboard(rules.supervised_orgs(who.supervisor))
    assert [r.org for r in rows][:2] == [tree.eco, tree.finance]
    assert tree.other_dept not in [r.org for r in rows]
    assert rows[0].vetoes == 1


def test_the_home_page_check_runs_for_sites_only(tree):
    make_item(tree.eco, published=DAY - timedelta(days=20))
    assert checks.check_home(tree.eco, DAY).skipped  # no columns: no site of its own
    _column(tree.eco, "工作动态", "news", "other")
    home = checks.check_home(tree.eco, DAY)
    assert (home.value, home.skipped) == (20, False)


def test_a_report_copied_from_last_year_is_flagged_and_common_wording_is_not(tree):
    from gongkai.reports.models import AnnualReport

    own = "我局建立了环境信息发布会商机制，每季度邀请企业代表座谈，梳理公众关注的排污许可问题并逐条回应"
    common = "坚持以公开为常态、不公开为例外，依法做好主动公开和依申请公开工作"

    def report(org, year, text):
        return AnnualReport.objects.create(org=org, year=year, scope="alone", title=f"{org.name}{year}年度报告",
                                           status="published", overview=text)  # fmt: skip

    for year in (2024, 2025):
        report(tree.eco, year, f"{common}。{own}。")
        for peer in (tree.finance, tree.county_dept, tree.city):
            report(peer, year, f"{common}。全年收到申请{year - 2000}件。")
    results = {r.code: r for r in checks.check_reports(tree.eco, DAY)}
    assert results[CheckCode.REPORT_COPIED].value == 100
    finance = {r.code: r for r in checks.check_reports(tree.finance, DAY)}
    assert finance[CheckCode.REPORT_COPIED].value == 0  # only the common wording and its figures


def test_a_report_copied_from_a_peer_of_the_same_year_is_flagged_naming_it(tree):
    from gongkai.reports.models import AnnualReport

    own = "我局建立了环境信息发布会商机制，每季度邀请企业代表座谈，梳理公众关注的排污许可问题并逐条回应"
    common = "坚持以公开为常态、不公开为例外，依法做好主动公开和依申请公开工作"

    def report(org, year, text):
        return AnnualReport.objects.create(org=org, year=year, scope="alone", title=f"{org.name}{year}年度报告",
                                           status="published", overview=text)  # fmt: skip

    assert Organization.objects.get_parent(tree.eco) == Organization.objects.get_parent(
        tree.finance
    )  # peers: departments of one government
    report(tree.eco, 2025, f"{common}。{own}。")
    report(tree.finance, 2025, f"{common}。{own.replace('我局', '本局')}。")
    report(tree.county_dept, 2025, f"{common}。{own}。")  # a county's department is not the bureau's peer
    for peer in (tree.city, tree.other_dept):
        report(peer, 2025, f"{common}。全年收到申请25件。")
    finance = {r.code: r for r in checks.check_reports(tree.finance, DAY)}[CheckCode.REPORT_COPIED]
    assert finance.value >= 90
    assert any(tree.eco.name in e["label"] for e in finance.evidence)
    assert not any(tree.county_dept.name in e["label"] for e in finance.evidence)
