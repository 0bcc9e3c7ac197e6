"""调查: simple question types, one answer per phone number, results counted; the portal form and the back office."""

import re
from datetime import date

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.interaction import services
from gongkai.interaction import surveys as sv
from gongkai.interaction.forms import CHALLENGE_SALT

QUESTIONS = "单选：您对公交服务是否满意|满意|不满意\n多选：您常坐哪些线路|1路|2路|3路\n填空：您的建议"


def _survey(staff_, tree):
    return sv.survey_create(actor=staff_.eco, org=tree.eco, title="公交服务满意度调查", intro="", questions=QUESTIONS,
                            opens_on=date(2026, 9, 1), closes_on=date(2026, 9, 30))  # fmt: skip


def test_questions_parsed_and_badly_written_ones_refused(staff_, tree):
    with pytest.raises(ValidationError) as exc:
        sv.parse_questions("单选：只有一个选项|是")
    assert "至少要有两个选项" in exc.value.messages[0]
    with pytest.raises(PermissionDenied):
        sv.survey_create(actor=staff_.finance, org=tree.eco, title="x", intro="", questions=QUESTIONS,
                         opens_on=date(2026, 9, 1), closes_on=date(2026, 9, 30))  # fmt: skip
    assert [q["kind"] for q in _survey(staff_, tree).questions] == ["single", "multiple", "text"]


def test_one_answer_per_phone_and_results(staff_, tree, freeze):
    freeze(date(2026, 9, 10))
    survey = _survey(staff_, tree)
    answers = {"q0": "满意", "q1": ["1路", "3路"], "q2": "增加夜班车"}
    sv.response_submit(survey=survey, answers=answers, phone_key=services.phone_key("13900000001"))
    with pytest.raises(ValidationError) as exc:
        sv.response_submit(survey=survey, answers=answers, phone_key=services.phone_key("139-0000-0001"))
    assert "限答一次" in exc.value.message_dict["phone"][0]
    with pytest.raises(ValidationError) as exc:
        sv.response_submit(survey=survey, answers={"q0": "别的"}, phone_key=services.phone_key("13900000002"))
    assert set(exc.value.message_dict) == {"q0", "q1", "q2"}
    total, results = sv.results(survey)
    assert (
        total == 1
        and results[0].counts == [("满意", 1), ("不满意", 0)]
        and results[1].counts[2] == ("3路", 1)
    )


def test_portal_survey_and_back_office(client, staff_, tree, freeze):
    freeze(date(2026, 9, 10))
    survey = _survey(staff_, tree)
    url = f"/hudong/diaocha/{survey.pk}/"
    html = client.get(url).content.decode()
    token = re.search(r'name="challenge" value="([^"]+)"', html).group(1)
    answer = signing.loads(token, salt=CHALLENGE_SALT)["s"]
    data = {
        "q0": "满意",
        "q1": ["2路"],
        "q2": "好",
        "phone": "13900000003",
        "challenge": token,
        "answer": answer,
        "shown_at": 0,
    }
    assert client.post(url, {**data, "q1": []}).status_code == 400
    ok = client.post(url, data)
    assert (
        ok.status_code == 200
        and "感谢您参与调查" in ok.content.decode()
        and "共1人参与" in ok.content.decode()
    )
    client.force_login(staff_.eco)
    assert "共1人参与" in client.get(f"/manage/hudong/diaocha/{survey.pk}/").content.decode()
    client.force_login(staff_.other)
    assert client.get(f"/manage/hudong/diaocha/{survey.pk}/").status_code == 404
