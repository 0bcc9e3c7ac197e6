"""The journeys, clicked as people click, in Chromium over the demo city. Dates go through the browser's own
date inputs (and the pre-filled ones must already hold today's date, in the ISO form browsers accept)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from gongkai.browser_tests.conftest import page_problems, shot
from gongkai.demo.city import DEMO_PASSWORD
from gongkai.foi.identity import resident_id_check_char

pytestmark = pytest.mark.browser


def _today() -> date:
    return timezone.localdate()


def login(context, site, username: str):
    """Log in through the staff login form, as a person does."""
    page = context.new_page()
    problems = page_problems(page)
    page.goto(site.url + "/manage/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/manage/$"))
    assert (
        page.locator(".bo-header").get_by_text(username).count() or page.locator(".bo-header strong").count()
    )
    return page, problems


def date_input(scope, selector: str, day: date | None = None, *, prefilled: bool = True):
    """The date input `selector`; a pre-filled one shows today's date (ISO) until `day` is typed into it."""
    field = scope.locator(selector)
    assert field.get_attribute("type") == "date"
    if prefilled:
        assert field.input_value() == _today().isoformat(), (
            f"{selector}: the browser shows no pre-filled date"
        )
    if day is not None:
        field.fill(day.isoformat())
    return field


def choose(scope, name: str, value: str) -> None:
    """Choose `value` for the choice field `name`, whether it is a select or radio buttons."""
    select = scope.locator(f'select[name="{name}"]')
    if select.count():
        select.select_option(value)
    else:
        scope.locator(f'input[name="{name}"][value="{value}"]').check()


def _select_label(select, text: str) -> None:
    """Choose the first option of `select` whose label contains `text`."""
    for option in select.locator("option").all():
        if text in option.inner_text():
            select.select_option(option.get_attribute("value"))
            return
    raise AssertionError(f"no option with {text}")


def action(page, title: str):
    """Open the back-office case action `title` (a <details> disclosure) and return its form."""
    details = page.locator("details.foi-action", has=page.locator("summary", has_text=title)).first
    details.locator("summary").click()
    return details.locator("form")


def submit(form, name: str):
    with form.page.expect_navigation():
        form.get_by_role("button", name=name).click()


# --- (a) proactive disclosure ------------------------------------------------------------------------


def test_editor_drafts_with_attachment_reviewer_publishes_item_in_catalog_feed_and_search(
    demo_site, new_context, tmp_path
):
    title = "抚顺市生态环境局关于浏览器测试专项执法检查的通知"
    editor_ctx = new_context()
    page, problems = login(editor_ctx, demo_site, "eco_editor")
    page.locator(".bo-menu").get_by_role("link", name="起草信息").click()
    page.locator("#id_title").fill(title)
    date_input(page, "#id_written_on", _today(), prefilled=False)
    _select_label(page.locator("#id_org"), "生态环境局")
    page.locator("#id_topic").select_option(index=1)
    choose(page, "genre", "notice")
    choose(page, "statutory_class", "a20_13")
    page.locator("#id_body").fill("各有关单位：\n\n现将专项执法检查安排通知如下。")
    page.locator("#id_keywords").fill("执法检查，浏览器测试")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("保存")).first.click()
    assert page.locator("h1").inner_text() == title
    attachment = tmp_path / "检查安排.pdf"
    attachment.write_bytes(_pdf_bytes())
    page.locator('input[type="file"]').set_input_files(str(attachment))
    with page.expect_navigation():
        page.get_by_role("button", name="上传").click()
    assert page.get_by_role("link", name="检查安排.pdf").count() == 1
    with page.expect_navigation():
        page.get_by_role("button", name="提交审核").click()
    item_url = page.url

    reviewer_ctx = new_context()
    page2, problems2 = login(reviewer_ctx, demo_site, "eco_reviewer")
    page2.locator(".bo-menu").get_by_role("link", name="待审核").click()
    page2.get_by_role("link", name=title).click()
    assert page2.url == item_url
    choose(page2, "conclusion", "approve")
    page2.locator("#id_basis").fill("经审查，不涉及国家秘密，同意公开。")
    page2.locator("#id_confidentiality_checked").check()
    with page2.expect_navigation():
        page2.get_by_role("button", name="提交审核结论").click()
    if page2.get_by_role("button", name="立即发布").count():
        with page2.expect_navigation():
            page2.get_by_role("button", name="立即发布").click()
    assert "已发布" in page2.locator("main").inner_text()

    public = new_context().new_page()
    public_problems = page_problems(public)
    public.goto(demo_site.url + "/catalog/")
    public.get_by_role("link", name=title).first.click()
    assert public.locator("h1").inner_text().strip() == title
    with public.expect_download() as download:
        public.get_by_role("link", name=re.compile("检查安排")).first.click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    feed = public.request.get(demo_site.url + "/catalog/feed/")
    assert feed.ok and title in feed.text()
    public.goto(demo_site.url + "/")
    public.get_by_role("search", name="全站搜索").get_by_role("searchbox").fill("专项执法检查")
    public.get_by_role("search", name="全站搜索").get_by_role("button").click()
    public.wait_for_load_state()
    assert public.get_by_role("link", name=re.compile("浏览器测试专项执法检查")).count() >= 1
    assert not problems + problems2 + public_problems


def _pdf_bytes() -> bytes:
    from io import BytesIO

    from weasyprint import HTML

    buffer = BytesIO()
    HTML(string="<p>检查安排</p>").write_pdf(buffer)
    return buffer.getvalue()


# --- (b) an application, from the portal to the answer letter -----------------------------------------


def _resident_id() -> str:
    first17 = "21040219800101123"
    return first17 + resident_id_check_char(first17)


def test_citizen_applies_office_corrects_answers_head_approves_citizen_downloads_letter(
    demo_site, new_context, settings, capsys
):
    # The applicant gave an e-mail address: one notice per status change that concerns them (confirmed,
    # correction asked, answered), by e-mail and on the development console, with the tracking number only.
    settings.GONGKAI_FOI_NOTIFIERS = ["console", "email"]
    today = _today()
    citizen = new_context().new_page()
    citizen_problems = page_problems(citizen)
    citizen.goto(demo_site.url + "/apply/")
    citizen.get_by_role("link", name="抚顺市生态环境局", exact=True).click()
    choose(citizen, "applicant_type", "natural")
    citizen.locator("#id_applicant_name").fill("测试申请人")
    choose(citizen, "id_type", "resident_id")
    citizen.locator("#id_id_number").fill(_resident_id())
    citizen.locator("#id_phone").fill("13904130000")
    citizen.locator("#id_email").fill("citizen@example.com")
    citizen.locator("#id_address").fill("辽宁省抚顺市新抚区测试路1号")
    citizen.locator("#id_info_title").fill("2025年抚顺市大气污染防治专项资金使用情况")
    citizen.locator("input[name=delivery_form]").first.check()
    citizen.locator("input[name=delivery_method]").first.check()
    citizen.locator("#id_confirm").check()
    with citizen.expect_navigation():
        citizen.get_by_role("button", name=re.compile("提交")).click()
    receipt = citizen.locator("main").inner_text()
    tracking_no = re.search(r"GK\d{8}[A-Z0-9]+", receipt).group(0)
    query_code = citizen.locator("dd .code").nth(1).inner_text().strip()
    assert tracking_no and query_code

    office_ctx = new_context()
    office, office_problems = login(office_ctx, demo_site, "eco_office")
    office.locator(".bo-menu").get_by_role("link", name="依申请公开").click()
    office.get_by_role("link", name=tracking_no).click()
    form = action(office, "确认收到")
    date_input(form, "#id_confirm-received_on", today)
    submit(form, "确认收到")
    form = action(office, "告知补正")
    date_input(form, "#id_correction_request-requested_on", today)
    form.locator("#id_correction_request-items").fill("请写明所需信息对应的项目名称或文号。")
    submit(form, "告知补正")
    assert "补正" in office.locator("main").inner_text()

    citizen.goto(demo_site.url + "/apply/track/")
    citizen.locator("#id_tracking_no").fill(tracking_no)
    citizen.locator("#id_query_code").fill(query_code)
    with citizen.expect_navigation():
        citizen.get_by_role("button", name=re.compile("查询")).click()
    citizen.locator("#id_text").fill("所需信息为2025年大气污染防治专项资金（抚环发〔2025〕8号）的使用情况。")
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="提交补正").click()

    office.reload()
    if office.locator("summary", has_text="收到补正").count():
        form = action(office, "收到补正")
        date_input(form, "#id_correction_received-received_on", today)
        submit(form, "收到补正")
    form = action(office, "答复草稿")
    choose(form, "answer_draft-outcome", "unavailable.not_held")
    form.locator("#id_answer_draft-facts").fill("经检索，本机关未制作或获取该专项资金使用情况的汇总信息。")
    submit(form, "答复草稿")
    form = action(office, "提交审批")
    submit(form, "提交审批")

    head_ctx = new_context()
    head, head_problems = login(head_ctx, demo_site, "eco_head")
    head.goto(demo_site.url + f"/manage/foi/case/{tracking_no}/")
    form = action(head, "批准并答复")
    date_input(form, "#id_answer_approve-answered_on", today)
    submit(form, "批准并答复")
    assert "已批准并作出答复" in head.locator("main").inner_text()

    citizen.goto(demo_site.url + "/apply/track/")
    if citizen.locator("#id_tracking_no").count():
        citizen.locator("#id_tracking_no").fill(tracking_no)
        citizen.locator("#id_query_code").fill(query_code)
        with citizen.expect_navigation():
            citizen.get_by_role("button", name=re.compile("查询")).click()
    letters = citizen.locator("#letters-h + ul a, section[aria-labelledby=letters-h] a")
    assert letters.count() >= 2  # the correction notice and the answer
    with citizen.expect_download() as download:
        letters.last.click()
    body = Path(download.value.path()).read_bytes()
    assert body[:4] in (b"PK\x03\x04", b"%PDF")
    assert not citizen_problems + office_problems + head_problems
    notices = [m for m in mail.outbox if m.to == ["citizen@example.com"]]
    assert len(notices) == 3, [m.subject for m in notices]
    assert all(tracking_no in m.body and "测试申请人" not in m.body for m in notices)
    console = capsys.readouterr().out
    assert console.count("[通知 → ") == 3 and "citizen@example.com" not in console


# --- (c) the annual report ----------------------------------------------------------------------------


def publish_report(page, new_context, site, report_url: str) -> None:
    """The office completes the draft's 【…】 parts and submits it; the head of the working body (another person,
    in another browser) approves it, which publishes it."""
    page.get_by_role("link", name="编辑文字部分").click()
    for area in page.locator("textarea").all():
        value = area.input_value()
        if "【" in value:
            area.fill(re.sub(r"【[^】]*】", "本年度无其他需要说明的情况。", value))
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("保存")).first.click()
    page.goto(report_url)
    with page.expect_navigation():
        page.get_by_role("button", name="提交负责人审批").click()
    head, _ = login(new_context(), site, "finance_head")
    head.goto(report_url)
    with head.expect_navigation():
        head.get_by_role("button", name="批准发布").click()
    assert (
        "已发布" in head.locator("main").inner_text() or "发布" in head.locator("[role=status]").inner_text()
    )


def test_office_compiles_annual_report_it_is_published_on_the_portal_with_a_pdf(
    demo_site, new_context, tmp_path
):
    # The demo city published its last three years' reports in January; the office compiles an older year's.
    year = _today().year - 4
    ctx = new_context()
    page, problems = login(ctx, demo_site, "finance_office")
    page.locator(".bo-menu").get_by_role("link", name="年度报告与报表").click()
    _select_label(page.locator("#id_org"), "财政局")
    page.locator("#id_year").select_option(str(year))
    choose(page, "scope", "alone")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("生成|编制|新建")).first.click()
    report_url = page.url
    if page.get_by_role("link", name=re.compile("填报许可")).count():
        page.get_by_role("link", name=re.compile("填报许可")).click()
        # The office confirms each figure of table 2, 0 included (an empty figure stays unconfirmed).
        for name in ("licensing_decisions", "penalty_decisions", "coercion_decisions", "fee_income_wan"):
            field = page.locator(f"#id_{name}")
            if not field.input_value():
                field.fill("0")
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile("保存")).first.click()
        page.goto(report_url)
    publish_report(page, new_context, demo_site, report_url)

    public = new_context().new_page()
    public_problems = page_problems(public)
    public.goto(demo_site.url + f"/reports/?year={year}")
    public.get_by_role("link", name=re.compile(f"{year}.*财政局|财政局.*{year}")).first.click()
    href = public.get_by_role("link", name=re.compile("PDF")).first.get_attribute("href")
    response = public.request.get(demo_site.url + href if href.startswith("/") else href)
    assert response.ok and response.body().startswith(b"%PDF")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(  # noqa: S603 - a fixed tool on a file this test wrote
        [shutil.which("pdftotext") or "pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    for heading in (
        "总体情况",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "存在的主要问题及改进情况",
    ):
        assert heading in text, heading
    shot(public, "journey-report-portal-1366")
    assert not problems + public_problems


def test_a_document_and_its_interpretation_link_to_each_other(demo_site, new_context):
    # From the 政策解读 column to an interpretation, on to the document it interprets, and back.
    page = new_context().new_page()
    problems = page_problems(page)
    page.goto(demo_site.url + "/")
    page.locator(".site-nav").get_by_role("link", name="政策解读").click()
    page.locator(".news-list li").first.locator("a").first.click()
    interpretation_url = page.url
    related = page.locator("section", has=page.get_by_role("heading", name="解读的文件"))
    related.get_by_role("link").first.click()
    back = page.locator("section", has=page.get_by_role("heading", name="政策解读", exact=True))
    assert back.locator(f'a[href="{interpretation_url.removeprefix(demo_site.url)}"]').count() == 1
    back.locator(f'a[href="{interpretation_url.removeprefix(demo_site.url)}"]').click()
    assert page.url == interpretation_url
    assert problems == []
