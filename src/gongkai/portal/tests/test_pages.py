import re

import pytest
from django.urls import reverse

from gongkai.orgs import services
from gongkai.orgs.tests.test_services import GUIDE


@pytest.fixture
def guide(people, tree):
    services.guide_publish(actor=people.eco_office, org=tree.eco, **GUIDE)
    return services.guide_publish(actor=people.eco_office, org=tree.eco, **{**GUIDE, "phone": "024-99"})


def test_home_is_chinese_accessible_and_self_contained(client, tree):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in html
    assert 'class="skip-link" href="#main"' in html
    assert 'id="main"' in html and 'role="banner"' in html and 'role="contentinfo"' in html
    assert '<meta name="SiteName"' in html and '<meta name="ColumnName"' in html
    # no asset from outside the app
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "<script" not in html
    assert "甲市人民政府" in html


def test_directory_lists_the_tree(client, tree):
    html = client.get(reverse("portal:org_directory")).content.decode()
    assert html.index("甲市人民政府") < html.index("乙县丙镇人民政府")


def test_org_page_and_current_guide(client, tree, guide):
    html = client.get(reverse("portal:org_detail", args=[tree.eco.credit_code])).content.decode()
    assert "甲市生态环境局" in html and "024-99" in html
    html = client.get(reverse("portal:guide", args=[tree.eco.credit_code])).content.decode()
    assert "第2版" in html and "最后更新" in html and "024-99" in html
    assert '<meta name="ArticleTitle" content="甲市生态环境局政府信息公开指南">' in html


def test_earlier_guide_versions_stay_retrievable(client, tree, guide):
    html = client.get(reverse("portal:guide_version", args=[tree.eco.credit_code, 1])).content.decode()
    assert "024-1" in html and "历史版本" in html and "查看现行版本" in html


def test_unknown_org_and_version_are_chinese_404s(client, tree):
    response = client.get(reverse("portal:org_detail", args=["NOPE"]))
    assert response.status_code == 404
    assert "没有找到该机构" in response.content.decode()
    response = client.get(reverse("portal:guide_version", args=[tree.eco.credit_code, 7]))
    assert response.status_code == 404


def test_inactive_orgs_are_not_public(client, tree):
    tree.finance.is_active = False
    tree.finance.save(update_fields=["is_active"])
    assert client.get(reverse("portal:org_detail", args=[tree.finance.credit_code])).status_code == 404


def test_stylesheet_is_served_by_the_app(client):
    response = client.get("/static/gongkai/site.css")
    assert response.status_code == 200
