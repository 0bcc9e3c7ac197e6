"""The back office of consultations and interviews through the client: allowed and denied side by side."""

from datetime import date

from gongkai.interaction import consultations as cs
from gongkai.interaction import interviews as iv
from gongkai.interaction.models import Consultation, Interview


def test_consultation_opened_disposed_and_fed_back(client, staff_, tree, freeze):
    freeze(date(2026, 9, 1))
    client.force_login(staff_.eco)
    data = {"new-org": tree.eco.credit_code, "new-basis": "rule", "new-title": "甲市扬尘污染防治办法（草案）",
            "new-explanation": "说明", "new-draft": "第一条……", "new-opens_on": "2026-09-01", "new-closes_on": "2026-09-10"}  # fmt: skip
    short = client.post("/manage/hudong/zhengji/", data)
    assert short.status_code == 400 and "须写明理由" in short.content.decode()
    assert client.post("/manage/hudong/zhengji/", {**data, "new-closes_on": "2026-09-30"}).status_code == 302
    item = Consultation.objects.get()
    freeze(date(2026, 9, 5))
    comment = cs.comment_submit(consultation=item, data={"text": "建议明确围挡高度。"})
    freeze(date(2026, 10, 8))
    client.force_login(staff_.eco)  # the session idled out across the frozen days
    url = f"/manage/hudong/zhengji/{item.pk}/"
    assert "建议明确围挡高度" in client.get(url).content.decode()
    bad = client.post(url + "do/dispose/", {"comment": comment.pk, "disposition": "not_adopted"})
    assert bad.status_code == 400 and "请填写理由" in bad.content.decode()
    ok = client.post(url + "do/dispose/", {"comment": comment.pk, "disposition": "adopted", "topic": "围挡"})
    assert ok.status_code == 302
    assert client.post(url + "do/feedback/", {"text": "采纳1条。"}).status_code == 302
    item.refresh_from_db()
    assert item.feedback_at is not None
    client.force_login(staff_.other)
    assert client.get(url).status_code == 404
    assert client.post(url + "do/feedback/", {"text": "x"}).status_code == 404


def test_interview_announced_moderated_answered_transcript(client, staff_, tree, freeze):
    freeze(date(2026, 9, 20))
    client.force_login(staff_.eco)
    data = {"new-org": tree.eco.credit_code, "new-title": "聚焦蓝天保卫战", "new-guests": "局长",
            "new-starts_at": "2026-09-29T09:30", "new-ends_at": "2026-09-29T10:30"}  # fmt: skip
    assert (
        client.post("/manage/hudong/fangtan/", {**data, "new-starts_at": "2026-09-21T09:30"}).status_code
        == 400
    )
    assert client.post("/manage/hudong/fangtan/", data).status_code == 302
    item = Interview.objects.get()
    question = iv.question_submit(interview=item, data={"text": "今年PM2.5目标是多少？"})
    url = f"/manage/hudong/fangtan/{item.pk}/"
    assert client.post(url + "do/moderate/", {"target": question.pk, "decision": "yes"}).status_code == 302
    assert client.post(url + "do/answer/", {"target": question.pk, "answer": "35微克。"}).status_code == 302
    assert client.post(url + "do/transcript/", {"transcript": "实录"}).status_code == 400  # not over yet
    freeze(date(2026, 9, 30))
    client.force_login(staff_.eco)
    assert client.post(url + "do/transcript/", {"transcript": "实录"}).status_code == 302
    client.force_login(staff_.finance)
    assert client.get(url).status_code == 404
