"""Back office, portal and API through the client: who sees what, drill-downs, exports, bad input."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from docx import Document

from gongkai.workreport import builder, services
from gongkai.workreport.models import WorkReport
from gongkai.workreport.sections import PARTS

YEAR = 2025


@pytest.fixture(autouse=True)
def _clock(freeze):
    freeze(date(2026, 3, 2))


@pytest.fixture
def report(tree, people, year):
    return services.work_report_create(actor=people.city_supervisor, org=tree.city, year=YEAR)


@pytest.fixture
def published(report, head):
    return services.work_report_publish(actor=head, report=report)


def test_the_menu_and_list_open_for_the_region_s_roles_only(client, people, report):
    for who, opens in [
        ("city_supervisor", True),
        ("city_admin", True),
        ("county_supervisor", True),
        ("eco_editor", False),
        ("eco_office", False),
        ("other_editor", False),
    ]:
        client.force_login(getattr(people, who))
        response = client.get("/manage/work-reports/")
        assert response.status_code == (200 if opens else 403), who
        dashboard = client.get("/manage/").content.decode()
        assert ("/manage/work-reports/" in dashboard) is opens, who


def test_the_county_sees_only_its_own_report(client, tree, people, report):
    client.force_login(people.county_supervisor)
    assert client.get(f"/manage/work-reports/{report.pk}/").status_code == 404
    response = client.post("/manage/work-reports/", {"org": tree.county.credit_code, "year": YEAR})
    assert response.status_code == 302
    mine = WorkReport.objects.get(org=tree.county)
    assert "乙县" in mine.title
    other = client.post("/manage/work-reports/", {"org": tree.city.credit_code, "year": YEAR})
    assert other.status_code == 200 and "选择一个有效的选项" in other.content.decode()


def test_a_duplicate_shows_a_chinese_error_and_saves_nothing(client, tree, people, report):
    client.force_login(people.city_supervisor)
    response = client.post("/manage/work-reports/", {"org": tree.city.credit_code, "year": YEAR})
    assert response.status_code == 200
    assert "该政府本年度的工作总结已存在。" in response.content.decode()
    assert WorkReport.objects.count() == 1


def test_the_report_page_links_every_figure_to_its_records(
    client, people, report, django_assert_max_num_queries
):
    client.force_login(people.city_supervisor)
    with django_assert_max_num_queries(100):  # one count a figure (a draft is computed when shown)
        page = client.get(f"/manage/work-reports/{report.pk}/").content.decode()
    assert "给编辑的提示" not in page and "一、总体情况" in page  # every part is provided
    data = services.report_data(report)
    for part in data["parts"]:
        for figure in part["figures"]:
            assert f"records/?ref={figure['ref']}" in page
    listing = client.get(f"/manage/work-reports/{report.pk}/records/", {"ref": "proactive.items"})
    assert listing.status_code == 200
    assert "共 7 条记录" in listing.content.decode()
    assert client.get(f"/manage/work-reports/{report.pk}/records/", {"ref": "nothing"}).status_code == 404


def test_docx_opens_with_the_parts_in_order(client, people, report):
    client.force_login(people.city_supervisor)
    response = client.get(f"/manage/work-reports/{report.pk}/export.docx")
    assert response.status_code == 200
    text = [p.text for p in Document(io.BytesIO(response.content)).paragraphs if p.text.strip()]
    assert text[0] == "甲市人民政府2025年政务公开工作总结"
    headings = [t for t in text if t[:2] in {f"{n}、" for n in "一二三四五六七"}]
    assert [h[2:] for h in headings] == [p.heading for p in PARTS]
    assert headings[0].startswith("一、")
    assert "主动公开政府信息7条" in "\n".join(text)
    assert "待" not in "".join(text).replace("对待", "")


def test_the_figures_as_json(client, people, report):
    client.force_login(people.city_supervisor)
    response = client.get(f"/manage/work-reports/{report.pk}/export.json")
    data = json.loads(response.content)
    assert data["figures"] == builder.figures_of(services.report_data(report))
    assert client.get(f"/manage/work-reports/{report.pk}/export.xls").status_code == 404
    api = client.get(f"/api/v1/work-reports/staff/{report.pk}")
    assert api.status_code == 200 and api.json()["figures"]["proactive.items"] == 7


def test_publishing_through_the_page_and_the_portal(client, tree, people, report, head):
    client.force_login(people.city_supervisor)
    assert "批准发布" not in client.get(f"/manage/work-reports/{report.pk}/").content.decode()
    client.post(f"/manage/work-reports/{report.pk}/publish/")
    report.refresh_from_db()
    assert not report.is_published
    client.force_login(head)
    client.post(f"/manage/work-reports/{report.pk}/publish/")
    report.refresh_from_db()
    assert report.is_published
    client.logout()
    listing = client.get("/work-reports/").content.decode()
    assert report.title in listing
    assert "/work-reports/" in client.get("/reports/").content.decode()
    page = client.get(f"/work-reports/{tree.city.credit_code}/{YEAR}/").content.decode()
    assert "一、总体情况" in page and "二、主动公开政府信息情况" in page and "给编辑的提示" not in page
    api = client.get(f"/api/v1/work-reports/{tree.city.credit_code}/{YEAR}")
    assert api.status_code == 200 and api.json()["figures"]["proactive.items"] == 7
    assert client.get("/api/v1/work-reports/").json()["count"] == 1
    docx = client.get(f"/work-reports/{tree.city.credit_code}/{YEAR}.docx")
    assert docx.status_code == 200


def test_a_draft_is_not_public(client, tree, report):
    assert client.get(f"/work-reports/{tree.city.credit_code}/{YEAR}/").status_code == 404
    assert client.get(f"/api/v1/work-reports/{tree.city.credit_code}/{YEAR}").status_code == 404
    assert client.get(f"/api/v1/work-reports/staff/{report.pk}").status_code in {401, 403}


def test_editing_through_the_page(client, people, report):
    client.force_login(people.city_supervisor)
    url = f"/manage/work-reports/{report.pk}/edit/"
    assert client.get(url).status_code == 200
    form = {"title": report.title, "proactive": "全市主动公开政府信息7条。"}
    assert client.post(url, form).status_code == 302
    report.refresh_from_db()
    assert report.texts["proactive"] == "全市主动公开政府信息7条。"
    long = client.post(url, {"title": report.title, "proactive": "字" * 20001})
    assert long.status_code == 200 and "过长" in long.content.decode()
    client.force_login(people.eco_editor)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "ref",
    ["proactive.items", "proactive.channel.website", "proactive.gazette", "proactive.posts", "proactive.conferences",
     "proposals.received", "interpretation.total", "concern.responses", "concern.channel.wr-mayor"],
)  # fmt: skip
def test_every_kind_of_drill_down_lists_its_records_and_links_only_what_opens(client, people, report, ref):
    client.force_login(people.city_supervisor)
    response = client.get(f"/manage/work-reports/{report.pk}/records/", {"ref": ref})
    assert response.status_code == 200
    page = response.content.decode()
    value = builder.figures_of(services.report_data(report))[ref]
    if ref != "proactive.channel.website":
        assert f"共 {value} 条记录" in page
    import re

    for href in set(
        re.findall(
            r'href="(/manage/(?:catalog|proposals|hudong|interpretations|press-conferences)/[^"]+)"', page
        )
    ):
        assert client.get(href).status_code == 200, href
