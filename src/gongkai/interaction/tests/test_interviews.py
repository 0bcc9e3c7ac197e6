"""在线访谈: announced in advance, questions moderated and answered live or within 5 working days, the transcript."""

import re
from datetime import date, datetime, time

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.interaction import interviews as iv
from gongkai.interaction.forms import CHALLENGE_SALT


def at(d: date, h: int, m: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(h, m)))


def _announce(staff_, tree, **kw):
    return iv.interview_announce(
        actor=staff_.eco, org=tree.eco, title="聚焦蓝天保卫战", guests="市生态环境局局长 张某",
        starts_at=at(date(2026, 9, 29), 9, 30), ends_at=at(date(2026, 9, 29), 10, 30), **kw,
    )  # fmt: skip


def test_announced_at_least_three_days_before(staff_, tree, freeze):
    freeze(date(2026, 9, 28))
    with pytest.raises(ValidationError) as exc:
        _announce(staff_, tree)
    assert "至少提前3日" in exc.value.message_dict["starts_at"][0]
    freeze(date(2026, 9, 25))
    with pytest.raises(PermissionDenied):
        iv.interview_announce(actor=staff_.finance, org=tree.eco, title="x", guests="x",
                              starts_at=at(date(2026, 9, 29), 9), ends_at=at(date(2026, 9, 29), 10))  # fmt: skip
    assert _announce(staff_, tree).state(timezone.now()) == "预告"


def test_questions_live_and_after_within_five_working_days(staff_, tree, freeze):
    freeze(date(2026, 9, 25))
    interview = _announce(staff_, tree)
    live = iv.question_submit(interview=interview, data={"text": "今年PM2.5目标是多少？", "asker": "网友甲"})
    after = iv.question_submit(interview=interview, data={"text": "供暖季如何减少燃煤污染？"})
    iv.question_moderate(actor=staff_.eco, question=live, approve=True)
    after = iv.question_moderate(actor=staff_.eco, question=after, approve=True)
    assert after.due_on == date(2026, 10, 12)  # 9-30, 10-08, 10-09, 10-10 (a working Saturday), 10-12
    live = iv.question_answer(
        actor=staff_.eco, question=live, answer="控制在35微克以下。", now=at(date(2026, 9, 29), 10)
    )
    assert live.answered_live
    after = iv.question_answer(
        actor=staff_.eco, question=after, answer="推进清洁取暖。", now=at(date(2026, 10, 13), 9)
    )
    assert not after.answered_live and iv.late(after)
    freeze(date(2026, 9, 30))
    with pytest.raises(ValidationError):
        iv.question_submit(interview=interview, data={"text": "结束后提问"})
    interview = iv.transcript_publish(
        actor=staff_.eco, interview=interview, transcript="主持人：各位网友好……"
    )
    assert interview.state(timezone.now()) == "实录已发布"


def test_portal_page_and_question_form(client, staff_, tree, freeze):
    freeze(date(2026, 9, 25))
    interview = _announce(staff_, tree)
    assert interview.title in client.get("/hudong/fangtan/").content.decode()
    url = f"/hudong/fangtan/{interview.pk}/"
    html = client.get(url).content.decode()
    token = re.search(r'name="challenge" value="([^"]+)"', html).group(1)
    answer = signing.loads(token, salt=CHALLENGE_SALT)["s"]
    assert client.post(url, {"text": "", "challenge": token, "answer": answer}).status_code == 400
    ok = client.post(
        url, {"text": "今年PM2.5目标是多少？", "challenge": token, "answer": answer, "shown_at": 0}
    )
    assert ok.status_code == 200 and "已收到" in ok.content.decode()
    assert interview.questions.count() == 1
    assert "今年PM2.5" not in client.get(url).content.decode()  # not moderated yet
