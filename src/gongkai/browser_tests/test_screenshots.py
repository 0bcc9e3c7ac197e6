"""Screenshots of the main pages at 1366 and 390 px, for people to look at (CI keeps var/screenshots/).

Each page must also load without console errors; what is wrong with a page's layout the crawl checks."""

from __future__ import annotations

import pytest

from gongkai.browser_tests.conftest import SCREENSHOTS, page_problems, shot

pytestmark = pytest.mark.browser

WIDTHS = {"1366": (1366, 900), "390": (390, 844)}


def _first_link(page, site, url: str, selector: str) -> str:
    page.goto(site.url + url)
    href = page.locator(selector).first.get_attribute("href")
    assert href, f"no {selector} on {url}"
    return href


@pytest.mark.parametrize("width", list(WIDTHS))
def test_portal_screenshots(width, demo_site, new_context):
    page = new_context(width=WIDTHS[width][0], height=WIDTHS[width][1]).new_page()
    problems = page_problems(page)
    item = _first_link(
        page, demo_site, "/catalog/", "main a[href^='/catalog/0'], main table a[href^='/catalog/']"
    )
    apply_form = _first_link(page, demo_site, "/apply/", "main a[href^='/apply/to/']")
    report = _first_link(page, demo_site, "/reports/", "main a[href^='/reports/2'], main a[href*='/region/']")
    guide = _first_link(page, demo_site, "/xxgk/", "nav.column-nav a[href$='/guide/']")
    pages = {
        "portal-home": "/",
        "portal-disclosure": "/xxgk/",
        "portal-disclosure-class": "/xxgk/fdzdgk/a20_07/",
        "portal-guide": guide,
        "portal-site-map": "/wzdt/",
        "portal-site-error": "/jiucuo/",
        "portal-catalog": "/catalog/",
        "portal-item": item,
        "portal-search": "/search/?q=" + "环境",
        "portal-application-form": apply_form,
        "portal-report": report,
        "portal-home-elder": "/display/elder/?next=/",  # last: the switch's cookie stays for the context
    }
    for name, url in pages.items():
        page.goto(demo_site.url + url)
        shot(page, f"{name}-{width}")
    assert not problems
    assert len(list(SCREENSHOTS.glob(f"portal-*-{width}.png"))) >= len(pages)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_backoffice_screenshots(width, demo_site, new_context):
    page = new_context(width=WIDTHS[width][0], height=WIDTHS[width][1], username="admin").new_page()
    problems = page_problems(page)
    item = _first_link(
        page,
        demo_site,
        "/manage/catalog/",
        "main table a[href^='/manage/catalog/']",
    )
    case = _first_link(page, demo_site, "/manage/foi/", "main table a[href^='/manage/foi/case/']")
    report = _first_link(
        page,
        demo_site,
        "/manage/reports/",
        "main table a[href^='/manage/reports/']",
    )
    pages = {
        "backoffice-dashboard": "/manage/",
        "backoffice-item": item,
        "backoffice-application": case,
        "backoffice-report": report,
    }
    for name, url in pages.items():
        page.goto(demo_site.url + url)
        shot(page, f"{name}-{width}")
    assert not problems


@pytest.mark.parametrize("width", list(WIDTHS))
def test_application_receipt_screenshots(width, demo_site, new_context):
    """The organisation picker (filtered) and the receipt (回执) after an online submission."""
    from gongkai.browser_tests.test_journeys import _resident_id, choose

    page = new_context(width=WIDTHS[width][0], height=WIDTHS[width][1]).new_page()
    problems = page_problems(page)
    page.goto(demo_site.url + "/apply/?q=" + "生态")
    shot(page, f"portal-application-picker-{width}")
    page.get_by_role("link", name="抚顺市生态环境局", exact=True).click()
    choose(page, "applicant_type", "natural")
    page.locator("#id_applicant_name").fill("截图申请人")
    choose(page, "id_type", "resident_id")
    page.locator("#id_id_number").fill(_resident_id())
    page.locator("#id_phone").fill("13904130001")
    page.locator("#id_info_title").fill(
        f"回执截图用信息（{width}px）"
    )  # not a duplicate of the other width's
    page.locator("input[name=delivery_form]").first.check()
    page.locator("input[name=delivery_method]").first.check()
    page.locator("#id_confirm").check()
    with page.expect_navigation():
        page.get_by_role("button", name="提交申请").click()
    assert "政府信息公开申请回执" in page.locator("main").inner_text()
    assert "法定答复期限" in page.locator("main").inner_text()
    shot(page, f"portal-application-receipt-{width}")
    assert not problems


@pytest.mark.parametrize("width", list(WIDTHS))
def test_domain_app_screenshots(width, demo_site, new_context):
    """Interpretation, public interaction, proposals, the service catalog and supervision: their public columns
    and the staff pages that work them, as the accounts that do (the platform admin and the mailbox office)."""
    size = WIDTHS[width]
    public = new_context(width=size[0], height=size[1]).new_page()
    problems = page_problems(public)
    conference = _first_link(public, demo_site, "/xwfbh/", "main a[href^='/xwfbh/']")
    gazette = _first_link(public, demo_site, "/gazette/", "main a[href^='/gazette/']")
    consultation = _first_link(public, demo_site, "/hudong/zhengji/", "main a[href^='/hudong/zhengji/']")
    guide = _first_link(public, demo_site, "/fw/", "main a[href^='/fw/'][href$='/']:not([href='/fw/'])")
    standard = _first_link(public, demo_site, "/bzml/", "main a[href^='/bzml/']")
    pages = {
        "portal-interpretations": "/zcjd/",
        "portal-conference": conference,
        "portal-gazette-issue": gazette,
        "portal-interaction": "/hudong/",
        "portal-consultation": consultation,
        "portal-proposal-replies": "/jyta/",
        "portal-services": "/fw/",
        "portal-service-guide": guide,
        "portal-standard-catalog": standard,
        "portal-supervision": "/jdbz/",
    }
    for name, url in pages.items():
        public.goto(demo_site.url + url)
        shot(public, f"{name}-{width}")
    for username, start, selector, names in [
        ("admin", "/manage/interpretations/", "main table a[href^='/manage/interpretations/']",
         ["backoffice-interpretations", "backoffice-interpretation"]),
        ("admin", "/manage/press-conferences/", "main table a[href^='/manage/press-conferences/']",
         ["backoffice-conferences", "backoffice-conference"]),
        ("mailbox_office", "/manage/hudong/", "main a[href^='/manage/hudong/m/']",
         ["backoffice-interaction", "backoffice-message"]),
        ("admin", "/manage/proposals/", "main table a[href^='/manage/proposals/']",
         ["backoffice-proposals", "backoffice-proposal"]),
        ("admin", "/manage/services/", "main table a[href^='/manage/services/']",
         ["backoffice-services", "backoffice-service-guide"]),
        ("admin", "/manage/supervision/", "main a[href^='/manage/supervision/circulars/']",
         ["backoffice-supervision", "backoffice-supervision-circulars"]),
        ("admin", "/manage/supervision/plans/", "main a[href^='/manage/supervision/plans/'][href$='/']",
         ["backoffice-supervision-plans", "backoffice-supervision-plan"]),
    ]:  # fmt: skip
        staff = new_context(width=size[0], height=size[1], username=username).new_page()
        problems += page_problems(staff)
        detail = _first_link(staff, demo_site, start, selector)
        for name, url in zip(names, [start, detail], strict=True):
            staff.goto(demo_site.url + url)
            shot(staff, f"{name}-{width}")
    assert not problems
