"""The portal as a government website (国办发〔2017〕47号): the site frame, the 政府信息公开 column with its left
navigation, the guide's statutory parts and downloadable application form, and the item page's tools."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from gongkai.catalog.models import Genre, StatutoryClass, Topic
from gongkai.catalog.tests.conftest import make_item, publish, taxonomy  # noqa: F401 - fixtures
from gongkai.core.actors import System
from gongkai.orgs import services as org_services
from gongkai.portal import related
from gongkai.portal.columns import classes_for

SITE = {
    "GONGKAI_SITE_NAME": "甲市政府信息公开平台",
    "GONGKAI_SITE_ID_CODE": "9900000001",
    "GONGKAI_SITE_ICP": "甲ICP备99000001号",
    "GONGKAI_SITE_PSB": "甲公网安备99000000000001号",
    "GONGKAI_SITE_GOV_MARK": True,
}
GUIDE = {
    "classification": "按主题分类",
    "how_to_obtain": "在线查阅",
    "office_name": "甲市政务公开办",
    "address": "中央大街1号",
    "postcode": "113008",
    "office_hours": "工作日9:00-17:00",
    "phone": "024-1",
    "fax": "024-2",
    "email": "gongkai@example.gov.cn",
}


@pytest.fixture
def site(settings):
    for key, value in SITE.items():
        setattr(settings, key, value)
    return settings


@pytest.fixture
def city_guide(tree):
    return org_services.guide_publish(actor=System("测试"), org=tree.city, **GUIDE)


@pytest.fixture
def items(tree, publish):  # noqa: F811
    return {
        "budget": publish(
            tree.finance, title="甲市财政局2026年部门预算", statutory_class=StatutoryClass.A20_07
        ),
        "rules": publish(tree.office, title="甲市政务公开工作要点", statutory_class=StatutoryClass.A20_15),
        "penalty": publish(
            tree.eco, title="行政处罚决定书（甲环罚〔2026〕1号）", statutory_class=StatutoryClass.A20_06
        ),
    }


def _html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def _meta(html: str, name: str) -> str:
    found = re.search(rf'<meta name="{name}" content="([^"]*)">', html)
    return found.group(1) if found else ""


FOOTER = ["主办单位", "甲市人民政府办公室", "承办单位", "网站标识码", "9900000001", "ICP备案号", "甲ICP备99000001号",
          "公安机关备案号", "甲公网安备99000000000001号", "党政机关网站标识", "联系我们", "网站地图", "我为政府网站找错",
          "无障碍", "适老化", "打印"]  # fmt: skip


def test_every_new_page_is_public_with_the_footer_and_the_configured_meta(
    client, tree, site, city_guide, items
):
    item = items["budget"]
    code = tree.eco.credit_code
    pages = [
        "/", "/xxgk/", "/xxgk/zd/", "/xxgk/fdzdgk/", "/xxgk/fdzdgk/a20_07/", f"/orgs/{code}/xxgk/",
        f"/orgs/{code}/xxgk/zd/", f"/orgs/{code}/xxgk/fdzdgk/", f"/orgs/{code}/xxgk/fdzdgk/a20_06/", "/contact/",
        "/wzdt/", "/jiucuo/", reverse("portal:guide", args=[code]), reverse("portal:catalog_item", args=[item.slug]),
    ]  # fmt: skip
    for url in pages:
        html = _html(client, url)
        for text in FOOTER:
            assert text in html, (url, text)
        assert _meta(html, "SiteName") == "甲市政府信息公开平台", url
        assert _meta(html, "SiteIDCode") == "9900000001", url
        assert _meta(html, "ColumnName"), url
        assert not re.search(r'(src|href)="(https?:)?//', html), url
        assert "甲市人民政府主办" in html, url  # the organising government in the header
    article = _html(client, reverse("portal:catalog_item", args=[item.slug]) + "?fs=l")
    assert _meta(article, "ArticleTitle") == "甲市财政局2026年部门预算"
    assert _meta(article, "Url") == "http://testserver" + reverse("portal:catalog_item", args=[item.slug])
    assert _meta(article, "PubDate") and _meta(article, "ContentSource") == "甲市财政局"
    assert _meta(_html(client, "/xxgk/"), "ColumnName") == "政府信息公开"
    assert _meta(_html(client, "/xxgk/fdzdgk/a20_07/"), "ColumnName") == "财政预决算"


def test_sponsor_and_operator_settings_override_the_tree(client, tree, site):
    site.GONGKAI_SITE_SPONSOR, site.GONGKAI_SITE_OPERATOR = "甲市大数据局", "甲市信息中心"
    html = _html(client, "/")
    assert "甲市大数据局" in html and "甲市信息中心" in html and "甲市人民政府办公室" not in html
    site.GONGKAI_SITE_GOVERNMENT = tree.other_city.credit_code
    cache.clear()  # settings change without a page-cache generation bump
    assert "丁市人民政府主办" in _html(client, "/")


def test_without_filing_numbers_the_footer_leaves_them_out(client, tree, settings):
    settings.GONGKAI_SITE_ICP = settings.GONGKAI_SITE_PSB = ""
    settings.GONGKAI_SITE_GOV_MARK = False
    html = _html(client, "/")
    assert "ICP备案号" not in html and "公安机关备案号" not in html and "党政机关网站标识" not in html
    assert "主办单位" in html


def test_home_lists_the_newest_items_and_links_the_guide(client, tree, site, city_guide, items):
    html = _html(client, "/")
    assert "最新公开" in html
    for item in items.values():
        assert item.title in html
    assert html.index("行政处罚决定书") < html.index("甲市财政局2026年部门预算")  # newest first
    assert f'href="{reverse("portal:guide", args=[tree.city.credit_code])}"' in html
    assert 'role="search"' in html and 'id="home-q"' in html


def test_robots_txt_keeps_crawlers_off_the_display_switch(client, db):
    lines = _html(client, "/robots.txt").splitlines()
    assert "Disallow: /display/" in lines and "Allow: /" in lines


# --- 无障碍 / 适老化 ---------------------------------------------------------------------------------


def test_display_switch_sets_a_cookie_and_returns_to_the_page(client, tree):
    response = client.get("/display/elder/?next=/xxgk/")
    assert response.status_code == 302 and response["Location"] == "/xxgk/"
    assert response.cookies["gk_display"].value == "elder"
    html = _html(client, "/xxgk/")
    assert '<html lang="zh-CN" class="mode-elder">' in html and "退出适老化" in html
    response = client.get("/display/off/?next=/xxgk/")
    assert response.cookies["gk_display"].value == ""
    assert 'class="mode-elder"' not in _html(client, "/xxgk/")


def test_display_switch_never_redirects_to_another_host(client, db):
    response = client.get("/display/a11y/?next=https://evil.example/")
    assert response["Location"] == "/"


def test_unknown_display_values_are_ignored(client, tree):
    client.cookies["gk_display"] = "<x>"
    assert '<html lang="zh-CN">' in _html(client, "/")


def test_the_page_cache_keeps_one_copy_per_display_mode(tree, settings):
    settings.GONGKAI_PAGE_CACHE_SECONDS = 60
    plain, elder = Client(), Client()
    elder.cookies["gk_display"] = "elder"
    first = plain.get("/xxgk/")
    assert first["X-Page-Cache"] == "miss"
    response = elder.get("/xxgk/")
    assert response["X-Page-Cache"] == "miss" and 'class="mode-elder"' in response.content.decode()
    again = plain.get("/xxgk/")
    assert again["X-Page-Cache"] == "hit" and 'class="mode-elder"' not in again.content.decode()
    assert elder.get("/xxgk/")["X-Page-Cache"] == "hit"
    assert "Cookie" in again["Vary"]


def test_print_view_hides_the_frame_and_opens_the_print_dialogue(client, tree):
    html = _html(client, "/xxgk/?print=1")
    assert 'class="print-view"' in html and "gongkai/print.js" in html
    assert "print.js" not in _html(client, "/xxgk/")
    assert 'href="/xxgk/?print=1"' in _html(client, "/xxgk/")


# --- the 政府信息公开 column -------------------------------------------------------------------------

NAV = ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开"]


def test_column_has_the_standard_left_navigation_site_wide_and_per_organisation(client, tree, items):
    for url, guide_org in (("/xxgk/", tree.city), (f"/orgs/{tree.eco.credit_code}/xxgk/", tree.eco)):
        html = _html(client, url)
        nav = html[html.index('class="column-nav"') : html.index("</nav>", html.index('class="column-nav"'))]
        positions = [nav.index(label) for label in NAV]
        assert positions == sorted(positions), url
        assert reverse("portal:guide", args=[guide_org.credit_code]) in nav
    org_nav = _html(client, f"/orgs/{tree.eco.credit_code}/xxgk/")
    assert (
        f"/reports/?org={tree.eco.credit_code}" in org_nav
        and f"/apply/?org={tree.eco.credit_code}" in org_nav
    )


def test_statutory_classes_list_their_items_only(client, tree, items):
    html = _html(client, "/xxgk/fdzdgk/a20_07/")
    assert "甲市财政局2026年部门预算" in html and "行政处罚决定书" not in html
    assert 'aria-current="page">财政预决算<' in html
    overview = _html(client, "/xxgk/fdzdgk/")
    for label in ("机构职能", "规划信息", "统计信息", "财政预决算", "行政许可", "行政处罚与强制", "行政事业性收费", "政府采购",
                  "重大建设项目", "民生保障", "应急管理", "监督检查", "人事信息"):  # fmt: skip
        assert label in overview
    eco = _html(client, f"/orgs/{tree.eco.credit_code}/xxgk/fdzdgk/a20_06/")
    assert "行政处罚决定书" in eco
    assert "甲市财政局2026年部门预算" not in _html(
        client, f"/orgs/{tree.eco.credit_code}/xxgk/fdzdgk/a20_07/"
    )


def test_art21_classes_follow_the_organisation_level(tree):
    assert StatutoryClass.A21_SOCIAL_ASSISTANCE in classes_for(tree.county)
    assert StatutoryClass.A21_HOMESTEAD in classes_for(tree.township)
    assert StatutoryClass.A21_HOMESTEAD not in classes_for(tree.county)


def test_unknown_class_or_organisation_is_a_chinese_404(client, tree):
    assert "没有该法定公开类别" in _html(client, "/xxgk/fdzdgk/nope/", 404)
    township_only = f"/orgs/{tree.county.credit_code}/xxgk/fdzdgk/a21_homestead/"
    assert client.get(township_only).status_code == 404
    assert client.get("/orgs/NOPE/xxgk/").status_code == 404
    assert client.get("/xxgk/zd/?after=%%%").status_code == 404


def test_disclosure_rules_are_the_items_of_the_topics_and_genres_the_admin_ticked(client, tree, items):
    # the default (migration catalog 0008): the topic 综合政务\\政务公开 (0203) is ticked, no genre
    assert list(Topic.objects.filter(lists_disclosure_rules=True).values_list("code", flat=True)) == ["0203"]
    html = _html(client, f"/orgs/{tree.office.credit_code}/xxgk/zd/")
    assert "甲市政务公开工作要点" in html
    Genre.objects.filter(code="normative").update(
        lists_disclosure_rules=True
    )  # the admin narrows it by genre
    cache.clear()
    assert "甲市政务公开工作要点" not in _html(client, f"/orgs/{tree.office.credit_code}/xxgk/zd/")
    Topic.objects.update(lists_disclosure_rules=False)
    Genre.objects.update(lists_disclosure_rules=False)
    cache.clear()
    assert "尚未在主题分类或体裁中勾选" in _html(client, f"/orgs/{tree.office.credit_code}/xxgk/zd/")


# --- site pages -------------------------------------------------------------------------------------


def test_contact_page_shows_the_office_of_the_organising_government(client, tree, city_guide):
    html = _html(client, "/contact/")
    for text in ("甲市政务公开办", "中央大街1号", "113008", "024-1", "024-2", "gongkai@example.gov.cn"):
        assert text in html


def test_site_map_lists_the_columns_and_every_organisation(client, tree):
    html = _html(client, "/wzdt/")
    for text in ("政府信息公开指南", "法定主动公开内容", "乙县丙镇人民政府", "财政预决算"):
        assert text in html


def test_site_error_report_reaches_the_office_by_mail(client, tree, city_guide):
    data = {"kind": "link", "page": "/xxgk/", "description": "链接打不开", "contact": ""}
    response = client.post("/jiucuo/", data)
    assert response.status_code == 200 and "已转交" in response.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["gongkai@example.gov.cn"]
    assert "链接打不开" in mail.outbox[0].body and "链接无法打开" in mail.outbox[0].subject


def test_site_error_report_is_checked_and_rate_limited(client, tree, city_guide):
    form = _html(client, "/jiucuo/")
    assert 'aria-describedby="id_contact_helptext"' in form and 'id="id_contact_helptext"' in form
    response = client.post("/jiucuo/", {"kind": "nope", "page": "", "description": ""})
    assert response.status_code == 400 and "这个字段是必填项" in response.content.decode()
    data = {"kind": "typo", "page": "/", "description": "错别字"}
    for _ in range(5):
        assert client.post("/jiucuo/", data).status_code == 200
    response = client.post("/jiucuo/", data)
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert len(mail.outbox) == 5


def test_site_error_without_an_address_says_so(client, tree):
    response = client.post("/jiucuo/", {"kind": "typo", "page": "/", "description": "错别字"})
    assert "尚未设置接收纠错的电子邮箱" in response.content.decode() and not mail.outbox


# --- the guide --------------------------------------------------------------------------------------


def test_guide_has_fees_postal_address_fax_forms_scope_and_online_link(client, tree, city_guide):
    code = tree.city.credit_code
    html = _html(client, reverse("portal:guide", args=[code]))
    for text in ("信息处理费", "国办函〔2020〕109号", "第11—30件", "100元/件", "31—100页", "10元/页", "201页以上",
                 "40元/页", "信函申请邮寄地址", "传真申请", "024-2", "不予公开的范围", "条例第十四条"):  # fmt: skip
        assert text in html, text
    assert reverse("portal:guide_form", args=[code, "docx"]) in html
    assert reverse("portal:guide_form", args=[code, "pdf"]) in html
    assert reverse("portal:foi_apply_form", args=[code]) in html
    # one click from the organisation page, which also opens its column; the guide is part of that column
    org_page = _html(client, reverse("portal:org_detail", args=[code]))
    assert reverse("portal:guide", args=[code]) in org_page and f"/orgs/{code}/xxgk/" in org_page
    assert 'class="column-nav"' in html and 'aria-current="page">政府信息公开指南<' in html


def test_fee_table_agrees_with_the_fee_rules():
    from gongkai.foi import fees
    from gongkai.portal.guide_content import fee_tables

    tables = fee_tables()
    assert tables["per_application"][:4] == [("第1—10件", "免费"), ("第11—30件", "100元/件"),
                                             ("第31—40件", "200元/件"), ("第41—50件", "300元/件")]  # fmt: skip
    assert fees.per_application_fee(50) == 300
    assert [price for _, price in tables["per_page"]] == ["免费", "10元/页", "20元/页", "40元/页"]


def _online_labels() -> list[str]:
    from gongkai.foi.forms import PortalApplicationForm

    form = PortalApplicationForm()
    return [str(form.fields[name].label) for name in PortalApplicationForm.DATA_FIELDS]


def test_docx_application_form_has_the_online_form_fields(client, tree, city_guide):
    from docx import Document

    response = client.get(reverse("portal:guide_form", args=[tree.city.credit_code, "docx"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    doc = Document(io.BytesIO(response.content))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    labels = [text.rstrip("*") for text in cells]
    for label in _online_labels():
        assert label in labels, label
    assert "身份证明材料（选填）" in labels
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "受理机关：甲市人民政府" in text and "中央大街1号（邮编 113008）" in text and "传真：024-2" in text
    # the choices of the online form are the tick boxes
    assert any("□自然人" in c for c in cells)


def test_paper_form_follows_a_change_of_the_online_form(monkeypatch):
    from django import forms

    from gongkai.foi.forms import PortalApplicationForm
    from gongkai.portal.application_form import paper_rows

    monkeypatch.setitem(PortalApplicationForm.base_fields, "purpose", forms.CharField(label="申请用途说明"))
    assert "申请用途说明" in [row.label for row in paper_rows()]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_docx_application_form_opens_in_libreoffice(client, tree, city_guide, tmp_path):
    response = client.get(reverse("portal:guide_form", args=[tree.city.credit_code, "docx"]))
    source = tmp_path / "form.docx"
    source.write_bytes(response.content)
    subprocess.run(  # noqa: S603 - our own file, our own arguments
        [shutil.which("soffice"), f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = (tmp_path / "form.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    import pymupdf

    text = "".join(page.get_text() for page in pymupdf.open(stream=pdf, filetype="pdf"))
    for label in _online_labels():
        assert label.replace("（", "(")[:4] in text.replace("（", "("), label


def test_pdf_application_form_has_the_online_form_fields(client, tree, city_guide):
    from gongkai.core import fonts

    if not fonts.cjk_families():
        pytest.skip("no CJK font for WeasyPrint")
    response = client.get(reverse("portal:guide_form", args=[tree.city.credit_code, "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    import pymupdf

    text = "".join(page.get_text() for page in pymupdf.open(stream=response.content, filetype="pdf"))
    compact = "".join(text.split())
    for label in _online_labels():
        assert "".join(label.split()) in compact, label


def test_application_form_in_an_unknown_format_is_a_404(client, tree):
    assert client.get(reverse("portal:guide_form", args=[tree.city.credit_code, "odt"])).status_code == 404


# --- the item page ----------------------------------------------------------------------------------


def test_item_page_has_font_sizes_print_and_a_qr_code_of_its_address(client, tree, items):
    import segno

    url = reverse("portal:catalog_item", args=[items["budget"].slug])
    html = _html(client, url)
    assert f'href="{url}?fs=l"' in html and f'href="{url}?fs=s"' in html and f'href="{url}?print=1"' in html
    assert 'class="prose item-body fs-m"' in html
    assert 'class="prose item-body fs-l"' in _html(client, url + "?fs=l")
    assert 'class="prose item-body fs-m"' in _html(client, url + "?fs=<x>")
    expected = segno.make(f"http://testserver{url}", error="m").svg_inline(
        scale=3, border=2, svgclass="qr", lineclass=None
    )
    path = re.search(r'<path[^>]*d="([^"]+)"', expected).group(1)
    assert path in html and 'role="img" aria-label="本页二维码"' in html
    assert "<script" not in html


def test_item_page_shows_related_links_from_registered_providers(client, tree, items, monkeypatch):
    url = reverse("portal:catalog_item", args=[items["budget"].slug])
    assert ">政策解读</h2>" not in _html(client, url)  # no interpretation of it: no heading
    providers = dict(related.PROVIDERS)
    monkeypatch.setattr(
        related, "PROVIDERS", {"延伸阅读": lambda item: [related.RelatedLink("解读一", "/x/")]}
    )
    related.PROVIDERS.update(providers)
    cache.clear()
    html = _html(client, url)
    assert ">延伸阅读</h2>" in html and 'href="/x/">解读一<' in html


def test_the_cached_site_identity_follows_a_new_guide_and_a_renamed_office(client, tree, city_guide):
    assert "024-1" in _html(client, "/contact/")
    org_services.guide_publish(actor=System("测试"), org=tree.city, **{**GUIDE, "phone": "024-77"})
    assert "024-77" in _html(client, "/contact/")
    tree.office.name = "甲市人民政府办公厅"
    tree.office.save(update_fields=["name"])
    assert "甲市人民政府办公厅" in _html(client, "/")


def test_the_demo_site_values_are_typed_like_settings_from_the_environment(client, tree, settings):
    from gongkai.demo.site import environment, settings_overrides

    values = settings_overrides()
    assert set(values) == set(environment()) and values["GONGKAI_SITE_GOV_MARK"] is True
    for key, value in values.items():
        setattr(settings, key, value)
    html = _html(client, "/")
    assert _meta(html, "SiteIDCode") == values["GONGKAI_SITE_ID_CODE"] and values["GONGKAI_SITE_ICP"] in html


def test_a_class_list_across_organisations_reads_its_index(tree, items):
    """The site-wide list of one statutory class walks item_class_pub_idx, not every publication."""
    from django.db import connection

    from gongkai.catalog import selectors

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's planner scans a table this small whatever the indexes")
    qs = selectors.filter_items(
        selectors.published_items(), selectors.CatalogFilters(statutory_class=StatutoryClass.A21_HOMESTEAD)
    ).order_by("-published_at", "-id")[:21]
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(cell) for row in cursor.fetchall() for cell in row)
    assert "item_class_pub_idx" in plan, plan
