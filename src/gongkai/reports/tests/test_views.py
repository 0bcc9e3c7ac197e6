"""Back office and portal through the client: permissions side by side, bad input, links to records, query
counts, publishing to the portal and the catalog."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.core.actors import System
from gongkai.reports import services
from gongkai.reports.models import AnnualReport, OfficeFigures, Scope
from gongkai.reports.tests.conftest import publish

pytestmark = pytest.mark.django_db

TODAY = date(2026, 2, 10)


@pytest.fixture(autouse=True)
def _fixed_today(freeze):
    freeze(TODAY)


@pytest.fixture
def region_report(tree, data2025):
    return services.annual_report_create(actor=System("测试"), org=tree.city, year=2025, scope=Scope.REGION)


def test_office_of_one_department_cannot_build_anothers_report(client, tree, people):
    client.force_login(people.eco_office)
    url = reverse("backoffice:report_list")
    own = client.post(url, {"org": tree.eco.credit_code, "year": 2025, "scope": Scope.ALONE})
    assert own.status_code == 302
    assert AnnualReport.objects.filter(org=tree.eco).count() == 1
    other = client.post(url, {"org": tree.finance.credit_code, "year": 2025, "scope": Scope.ALONE})
    assert other.status_code == 200  # the form refuses: finance is not among the choices
    assert not AnnualReport.objects.filter(org=tree.finance).exists()
    with pytest.raises(Exception, match="不是该机构"):
        services.annual_report_create(actor=people.eco_office, org=tree.finance, year=2025, scope=Scope.ALONE)


def test_supervisor_sees_its_region_and_not_another(client, tree, people, region_report):
    county_report = services.annual_report_create(
        actor=System("测试"), org=tree.county, year=2025, scope=Scope.REGION
    )
    client.force_login(people.city_supervisor)
    assert client.get(reverse("backoffice:report_detail", args=[region_report.pk])).status_code == 200
    assert client.get(reverse("backoffice:report_detail", args=[county_report.pk])).status_code == 200
    client.force_login(people.county_supervisor)
    assert client.get(reverse("backoffice:report_detail", args=[county_report.pk])).status_code == 200
    assert client.get(reverse("backoffice:report_detail", args=[region_report.pk])).status_code == 404
    client.force_login(people.eco_office)
    assert client.get(reverse("backoffice:report_detail", args=[region_report.pk])).status_code == 404
    client.force_login(people.eco_editor)  # an editor holds no report role
    assert client.get(reverse("backoffice:report_detail", args=[region_report.pk])).status_code == 404


def test_every_number_links_to_its_records(client, people, region_report):
    client.force_login(people.city_supervisor)
    response = client.get(reverse("backoffice:report_detail", args=[region_report.pk]))
    html = response.content.decode()
    assert (
        "ref=t3.received.total" in html
        and "ref=t2.normative.issued" in html
        and "ref=t4.reconsideration.upheld" in html
    )
    records = client.get(
        reverse("backoffice:report_records", args=[region_report.pk]), {"ref": "t3.received.total"}
    )
    assert records.status_code == 200
    assert records.context["page"].paginator.count == 6
    seg = client.get(reverse("backoffice:report_records", args=[region_report.pk]), {"ref": "items.total"})
    assert seg.context["page"].paginator.count == 8
    bad = client.get(reverse("backoffice:report_records", args=[region_report.pk]), {"ref": "nonsense.x"})
    assert bad.status_code == 404


def test_report_view_query_count(client, people, region_report, django_assert_max_num_queries):
    client.force_login(people.city_supervisor)
    # The page also lists what blocks publication (placeholders, checks, unconfirmed office figures).
    with django_assert_max_num_queries(27):
        assert client.get(reverse("backoffice:report_detail", args=[region_report.pk])).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("backoffice:report_list")).status_code == 200


def test_exports_download(client, people, region_report):
    client.force_login(people.city_supervisor)
    for fmt in ("json", "xlsx", "docx", "html"):
        response = client.get(reverse("backoffice:report_export", args=[region_report.pk, fmt]))
        assert response.status_code == 200, fmt
    assert client.get(reverse("backoffice:report_export", args=[region_report.pk, "exe"])).status_code == 404


def test_publish_puts_the_report_on_the_portal_and_in_the_catalog(client, tree, people, region_report):
    from gongkai.catalog.models import Item
    from gongkai.reports.tests.conftest import confirm_office_figures, report_staff

    clerk, head = report_staff(tree.city)
    confirm_office_figures(region_report)
    services.annual_report_update(
        actor=clerk, report=region_report, overview="总体情况。", problems="问题。", other_matters="无。"
    )
    client.force_login(clerk)
    assert client.post(reverse("backoffice:report_submit", args=[region_report.pk])).status_code == 302
    client.force_login(head)
    response = client.post(reverse("backoffice:report_approve", args=[region_report.pk]))
    assert response.status_code == 302
    region_report.refresh_from_db()
    assert region_report.published_by == head
    assert region_report.is_published and region_report.snapshot["table3"]["rows"]["received"]["total"] == 6
    item = Item.objects.get(pk=region_report.catalog_item_id)
    assert item.status == "published" and item.title == region_report.title
    assert item.attachments.count() >= 1
    portal = client.get(reverse("portal:report_detail", args=[tree.city.credit_code, 2025, Scope.REGION]))
    assert portal.status_code == 200 and region_report.title in portal.content.decode()
    listing = client.get(reverse("portal:report_list"))
    assert region_report.title in listing.content.decode()
    api = client.get(f"/api/v1/reports/{tree.city.credit_code}/2025/region")
    assert api.status_code == 200 and api.json()["schema"] == "gongkai.annual-report/1"
    for fmt in ("json", "xlsx", "docx"):
        assert (
            client.get(
                reverse("portal:report_download", args=[tree.city.credit_code, 2025, "region", fmt])
            ).status_code
            == 200
        )
    # The frozen figures do not move when records change later.
    from gongkai.reports.tests.conftest import make_application

    make_application(tree.eco, received=date(2025, 6, 1))
    again = client.get(f"/api/v1/reports/{tree.city.credit_code}/2025/region").json()
    assert again["table3"]["rows"]["received"]["total"] == 6


def test_draft_is_not_public(client, tree, region_report):
    url = reverse("portal:report_detail", args=[tree.city.credit_code, 2025, Scope.REGION])
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("portal:report_detail", args=[tree.city.credit_code, 2025, "bogus"])).status_code
        == 404
    )


def test_bad_input_gives_clear_errors_not_500(client, tree, people):
    client.force_login(people.city_supervisor)
    url = reverse("backoffice:report_statistics")
    for params, text in (
        ({"org": tree.city.credit_code, "year": "1999"}, "年度须在2008年"),
        ({"org": tree.city.credit_code, "year": "abc"}, "不是有效的年份"),
        ({"org": tree.city.credit_code, "year": "2025", "scope": "galaxy"}, "统计范围"),
        ({"org": tree.eco.credit_code, "year": "2025", "scope": "region"}, "只有人民政府"),
    ):
        response = client.get(url, params)
        assert response.status_code == 400, params
        assert text in response.content.decode()
    periods = client.get(
        reverse("backoffice:report_periods"), {"org": tree.city.credit_code, "year": 2025, "kind": "week"}
    )
    assert periods.status_code == 400 and "报表周期" in periods.content.decode()
    # The portal statistics page and the API say the same in Chinese / JSON.
    public = client.get(reverse("portal:report_statistics"), {"org": tree.city.credit_code, "year": "3000"})
    assert public.status_code == 400 and "年度须在" in public.content.decode()
    api = client.get("/api/v1/reports/build", {"org": tree.city.credit_code, "year": 1990, "scope": "region"})
    assert api.status_code == 422 and "年度须在" in api.json()["detail"]
    api = client.get("/api/v1/reports/build", {"org": tree.city.credit_code, "year": "x"})
    assert api.status_code == 422 and api.json()["detail"]
    api = client.get("/api/v1/reports/build", {"org": tree.city.credit_code, "year": 2025, "scope": "nope"})
    assert api.status_code == 422 and "统计范围" in api.json()["detail"]


def test_office_figures_bad_input(client, tree, people):
    client.force_login(people.eco_office)
    url = reverse("backoffice:report_figures") + f"?org={tree.eco.credit_code}&year=2025"
    response = client.post(
        url, {"licensing_decisions": "-3", "penalty_decisions": "十二", "fee_income_wan": "-1.5"}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "不能为负数" in str(errors["licensing_decisions"])
    assert "须为不小于0的整数" in str(errors["penalty_decisions"])
    assert "不能为负数" in str(errors["fee_income_wan"])
    response = client.post(url, {"fee_income_wan": "abc"})
    assert "须为数字" in str(response.context["form"].errors["fee_income_wan"])
    response = client.post(url, {"fee_income_wan": "1.23456"})
    assert "4位小数" in str(response.context["form"].errors["fee_income_wan"])
    assert not OfficeFigures.objects.exists()
    ok = client.post(url, {"licensing_decisions": "12", "fee_income_wan": "3.5"})
    assert ok.status_code == 302
    assert OfficeFigures.objects.get(org=tree.eco, year=2025).licensing_decisions == 12
    # Another department's figures: not reachable.
    other = client.get(reverse("backoffice:report_figures") + f"?org={tree.finance.credit_code}&year=2025")
    assert other.status_code == 404
    api = client.put(
        f"/api/v1/reports/figures/{tree.eco.credit_code}/2025",
        {"licensing_decisions": -1, "fee_income_wan": "x"},
        content_type="application/json",
    )
    assert api.status_code == 422 and api.json()["fields"]["licensing_decisions"]
    api = client.put(
        f"/api/v1/reports/figures/{tree.finance.credit_code}/2025",
        {"licensing_decisions": 1},
        content_type="application/json",
    )
    assert api.status_code == 404


def test_publish_refused_for_the_current_year(tree, data2025):
    from django.core.exceptions import ValidationError

    report = services.annual_report_create(actor=System("测试"), org=tree.city, year=2026, scope=Scope.REGION)
    with pytest.raises(ValidationError, match="尚未结束"):
        publish(report, today=date(2026, 12, 1))


def test_dashboard_and_statistics_pages(client, tree, people, data2025, django_assert_max_num_queries):
    client.force_login(people.city_supervisor)
    with django_assert_max_num_queries(25):
        response = client.get(
            reverse("backoffice:report_statistics"), {"org": tree.city.credit_code, "year": 2025}
        )
    html = response.content.decode()
    assert (
        response.status_code == 200 and html.count("<svg") == 5 and 'role="img"' in html and "<desc" in html
    )
    assert "每月主动公开政府信息数量" in html
    public = client.get(reverse("portal:report_statistics"), {"org": tree.city.credit_code, "year": 2025})
    assert public.status_code == 200 and public.content.decode().count("<svg") == 3
    dash = client.get(reverse("backoffice:dashboard"))
    assert "年度报告" in dash.content.decode()
    periods = client.get(
        reverse("backoffice:report_periods"),
        {"org": tree.city.credit_code, "year": 2025, "scope": "region", "kind": "quarter"},
    )
    assert periods.status_code == 200
    assert (
        client.get(
            reverse("backoffice:report_periods"),
            {"org": tree.city.credit_code, "year": 2025, "format": "xlsx"},
        ).status_code
        == 200
    )


def test_anonymous_is_sent_to_login(client, region_report):
    response = client.get(reverse("backoffice:report_detail", args=[region_report.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get("/api/v1/reports/build", {"org": "x", "year": 2025}).status_code == 401


NUMBER_LINK = r'<a href="([^"]*ref=([^"&]+)[^"]*)"[^>]*>(?:<span[^>]*>)?(\d+)(?:</span>)?</a>'
SUMMED = (
    "t2.licensing",
    "t2.penalty",
    "t2.coercion",
    "t2.fees",
)  # office figures: rows are summed, not counted


def _check_number_links(client, html: str) -> int:
    import re
    from html import unescape

    checked = 0
    for href, ref, number in re.findall(NUMBER_LINK, html):
        if ref.startswith(SUMMED):
            continue
        response = client.get(unescape(href))
        assert response.status_code == 200, href
        assert response.context["page"].paginator.count == int(number), (ref, number)
        checked += 1
    return checked


def test_every_number_of_the_report_page_opens_exactly_its_records(client, people, region_report):
    client.force_login(people.city_supervisor)
    html = client.get(reverse("backoffice:report_detail", args=[region_report.pk])).content.decode()
    # 7 columns x 25 rows of table 3, 6 of table 2 (registry), 15 of table 4, plus the statistics.
    assert _check_number_links(client, html) >= 175 + 6 + 15


def test_every_number_of_the_statistics_and_period_pages_opens_its_records(client, tree, people, data2025):
    client.force_login(people.city_supervisor)
    params = {"org": tree.city.credit_code, "year": 2025, "scope": "region"}
    html = client.get(reverse("backoffice:report_statistics"), params).content.decode()
    assert _check_number_links(client, html) > 20
    html = client.get(reverse("backoffice:report_periods"), {**params, "kind": "quarter"}).content.decode()
    assert _check_number_links(client, html) > 40
    bad = client.get(
        reverse("backoffice:report_records_scope"),
        {**params, "ref": "items.total", "start": "2024-01-01", "end": "2025-01-01"},
    )
    assert bad.status_code == 400 and "统计期间" in bad.content.decode()
    client.force_login(people.county_supervisor)  # the city's records are outside the county's reach
    denied = client.get(reverse("backoffice:report_records_scope"), {**params, "ref": "items.total"})
    assert denied.status_code == 404
