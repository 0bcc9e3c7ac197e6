"""The public pages: the form without JavaScript and its anti-abuse, following a message by number and query
code, the published letter without personal data, the 找错 page filing a message."""

import re
from datetime import date

import pytest
from django.core import signing

from gongkai.interaction import services
from gongkai.interaction.forms import CHALLENGE_SALT
from gongkai.interaction.models import Message, PublicState, Status

from .conftest import letter
from .test_workflow import answered


def _form(client, code="mayor"):
    html = client.get(f"/hudong/{code}/write/").content.decode()
    token = re.search(r'name="challenge" value="([^"]+)"', html).group(1)
    shown = re.search(r'name="shown_at" value="(\d+)"', html).group(1)
    return html, {
        "challenge": token,
        "shown_at": int(shown) - 60,
        "answer": signing.loads(token, salt=CHALLENGE_SALT)["s"],
    }


def test_form_works_without_javascript_and_gives_number_and_code(client, channels):
    html, hidden = _form(client)
    assert "<script" not in html.split("<main", 1)[1].split("</main>")[0]
    assert "同意公开我的姓名等个人信息" in html and "加" in html
    response = client.post("/hudong/mayor/write/", {**letter(), **hidden})
    page = response.content.decode()
    assert response.status_code == 200, page
    message = Message.objects.get()
    assert message.number in page and message.status == Status.SCREENING and not message.suspect
    code = re.search(r"查询码</dt><dd><strong>(\w+)</strong>", page).group(1)
    tracked = client.post("/hudong/track/", {"number": message.number, "query_code": code})
    assert tracked.status_code == 200 and "待审查" in tracked.content.decode()
    wrong = client.post("/hudong/track/", {"number": message.number, "query_code": "WRONG12345"})
    assert wrong.status_code == 404 and "不正确" in wrong.content.decode()


def test_wrong_answer_keeps_what_was_typed_and_saves_nothing(client, channels):
    _html, hidden = _form(client)
    response = client.post("/hudong/mayor/write/", {**letter(), **hidden, "answer": "99"})
    page = response.content.decode()
    assert response.status_code == 400 and "验证问题回答不正确" in page and "小区门前道路何时修复" in page
    assert 'class="error-box"' in page and not Message.objects.exists()
    bad = client.post("/hudong/mayor/write/", {**letter(title="短"), **hidden, "challenge": "forged"})
    assert bad.status_code == 400 and "验证问题已过期" in bad.content.decode()


def test_honeypot_and_speed_hold_the_message_for_moderation(client, channels):
    _html, hidden = _form(client)
    response = client.post(
        "/hudong/mayor/write/", {**letter(), **hidden, "website": "http://spam", "shown_at": ""}
    )
    assert response.status_code == 200
    assert "隐藏字段" in Message.objects.get().suspect


def test_per_client_rate_limit(client, channels):
    for i in range(5):
        _html, hidden = _form(client)
        data = {**letter(title=f"第{i}件不同的留言标题", phone=f"1391234567{i}"), **hidden}
        assert client.post("/hudong/mayor/write/", data).status_code == 200
    _html, hidden = _form(client)
    response = client.post(
        "/hudong/mayor/write/", {**letter(title="第六件留言", phone="13800000000"), **hidden}
    )
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert Message.objects.count() == 5


def test_forwarded_channel_has_no_form(client, channels):
    assert client.get("/hudong/12345/write/").status_code == 404


def test_published_letter_shows_no_personal_data(client, submitted, staff_, tree):
    message = answered(submitted(), staff_, tree)
    assert client.get(f"/hudong/letter/{message.number}/").status_code == 404  # not yet published
    services.message_publish(actor=staff_.screener, message=message, publish=True)
    page = client.get(f"/hudong/letter/{message.number}/").content.decode()
    assert "小区门前道路何时修复" in page
    for personal in ("李四", "13912345678", "lisi@example.com", "幸福小区3栋"):
        assert personal not in page
    listing = client.get("/hudong/mayor/").content.decode()
    assert message.number in listing and "统计时间" in listing and "回复率" in listing


def test_site_error_becomes_a_message_in_the_zhaocuo_channel(client, channels):
    data = {"kind": "link", "page": "/xxgk/", "description": "链接打不开", "contact": "13700000000"}
    response = client.post("/jiucuo/", data)
    page = response.content.decode()
    assert response.status_code == 200, page
    message = Message.objects.get(channel=channels.zhaocuo)
    assert message.number in page and "链接打不开" in message.body and message.phone == "13700000000"


@pytest.mark.parametrize("path", ["/hudong/", "/hudong/mayor/", "/hudong/track/", "/hudong/mayor/write/"])
def test_pages_open(client, channels, path):
    assert client.get(path).status_code == 200


def test_writer_rates_the_answer(client, channels, staff_, tree, freeze):
    freeze(date(2026, 9, 29))
    submission = services.message_submit(channel=channels.mayor, data=letter())
    answered(submission.message, staff_, tree)
    data = {"number": submission.message.number, "query_code": submission.query_code}
    assert "提交评价" in client.post("/hudong/track/", data).content.decode()
    client.post("/hudong/track/", {**data, "level": "basic", "comment": "还行"})
    message = Message.objects.get()
    assert message.evaluations.get().level == "basic" and message.public_state == PublicState.NONE
