"""The portal's list of annual reports for one organisation (the link on each organisation's page): an unknown
code is said, not shown as an organisation without reports (issue 11, defect 12, as for the catalog)."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import reverse

from gongkai.core.actors import System
from gongkai.reports import services
from gongkai.reports.models import Scope
from gongkai.reports.tests.conftest import publish

pytestmark = pytest.mark.django_db


def test_reports_of_one_organisation_and_an_unknown_code(client, tree, data2025):
    report = services.annual_report_create(
        actor=System("测试"), org=tree.eco, year=2025, scope=Scope.ALONE, today=date(2026, 1, 10)
    )
    publish(report, today=date(2026, 1, 12))
    url = reverse("portal:report_list")
    own = client.get(url, {"org": tree.eco.credit_code}).content.decode()
    assert report.title in own and "甲市生态环境局已发布的年度报告" in own
    other = client.get(url, {"org": tree.finance.credit_code.lower()})
    assert other.status_code == 200
    assert (
        report.title not in other.content.decode()
        and "甲市财政局暂无已发布的年度报告" in other.content.decode()
    )
    unknown = client.get(url, {"org": "XYZ"})
    page = unknown.content.decode()
    assert unknown.status_code == 404 and "没有找到机构代码为“XYZ”的机构" in page and report.title not in page
    assert report.title in client.get(url).content.decode()


def test_page_links_keep_the_organisation_and_the_year(client, tree, monkeypatch):
    from django.core.paginator import Paginator

    from gongkai.portal.views import reports as views

    row = SimpleNamespace(org=tree.eco, year=2025, scope="alone", title="报告", published_at=None)

    class _Two(Paginator):  # two pages of rows: the links are what is tested
        def __init__(self, object_list, per_page, **kw):
            super().__init__([row] * 40, 30, **kw)

    monkeypatch.setattr(views, "Paginator", _Two)
    page = client.get(
        reverse("portal:report_list"), {"org": tree.eco.credit_code, "year": "2025"}
    ).content.decode()
    assert f'href="?org={tree.eco.credit_code}&amp;year=2025&amp;page=2" rel="next"' in page
