"""The back office through the client: queues per role, the message page offering what the rules open, actions
with their errors (400, nothing lost), the 举报 writer hidden from the unit, another city's message not found."""

from gongkai.interaction.models import Status

from .test_workflow import answered


def test_screening_queue_and_accept(client, submitted, staff_):
    message = submitted()
    client.force_login(staff_.screener)
    assert message.number in client.get("/manage/hudong/").content.decode()
    page = client.get(f"/manage/hudong/m/{message.number}/").content.decode()
    assert "不予受理" in page and "13912345678" in page
    response = client.post(f"/manage/hudong/m/{message.number}/do/accept/", {})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == Status.ACCEPTED


def test_bad_input_is_a_400_with_the_reason_and_nothing_changes(client, submitted, staff_):
    message = submitted()
    client.force_login(staff_.screener)
    response = client.post(f"/manage/hudong/m/{message.number}/do/refuse/", {"refuse-reason": "petition"})
    assert response.status_code == 400 and "请告知留言人应通过的渠道" in response.content.decode()
    message.refresh_from_db()
    assert message.status == Status.SCREENING


def test_unit_signs_and_drafts(client, submitted, staff_, tree):
    from gongkai.interaction import services

    message = services.message_accept(actor=staff_.screener, message=submitted())
    client.force_login(staff_.screener)
    code = tree.eco.credit_code
    assert (
        client.post(f"/manage/hudong/m/{message.number}/do/assign/", {"assign-lead": code}).status_code == 302
    )
    client.force_login(staff_.eco)
    assert message.number in client.get("/manage/hudong/").content.decode()
    assert client.post(f"/manage/hudong/m/{message.number}/do/sign/", {}).status_code == 302
    response = client.post(
        f"/manage/hudong/m/{message.number}/do/draft_reply/", {"draft_reply-text": "答复稿"}
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == Status.UNIT_REVIEW
    # the unit may not do the owner's work
    assert (
        client.post(
            f"/manage/hudong/m/{message.number}/do/review_reply/", {"review_reply-decision": "yes"}
        ).status_code
        == 400
    )


def test_report_writer_hidden_on_the_units_page(client, submitted, staff_, tree):
    from gongkai.interaction import services

    message = submitted(kind="report", title="举报某单位违规收费问题", consent_publish=False)
    message = services.message_accept(actor=staff_.screener, message=message)
    services.message_assign(actor=staff_.screener, message=message, lead=tree.eco)
    client.force_login(staff_.eco)
    page = client.get(f"/manage/hudong/m/{message.number}/").content.decode()
    assert "举报某单位违规收费问题" in page
    for personal in ("李四", "13912345678", "lisi@example.com"):
        assert personal not in page
    client.force_login(staff_.other)
    assert client.get(f"/manage/hudong/m/{message.number}/").status_code == 404


def test_statistics_page_and_dashboard(client, submitted, staff_, tree):
    answered(submitted(), staff_, tree)
    client.force_login(staff_.screener)
    page = client.get("/manage/hudong/stats/").content.decode()
    assert "回复率" in page and "满意率" in page and "不计入分母" in page
    assert "政民互动" in client.get("/manage/").content.decode()


def test_statistics_by_unit_kind_period_and_month(client, submitted, staff_, tree):
    answered(submitted(), staff_, tree)
    client.force_login(staff_.screener)
    page = client.get("/manage/hudong/stats/?kind=consult&start=2026-09-01&end=2026-09-30").content.decode()
    assert "按答复单位" in page and tree.eco.name in page and "2026年各月" in page
    bad = client.get("/manage/hudong/stats/?start=not-a-date")
    assert bad.status_code == 200 and "error-box" in bad.content.decode()
