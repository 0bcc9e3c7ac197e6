"""意见征集: the minimum period by legal basis (or a written reason), comments with moderation and consent,
dispositions and the published feedback; the portal page without JavaScript."""

import re
from datetime import date

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.interaction import consultations as c
from gongkai.interaction.forms import CHALLENGE_SALT
from gongkai.interaction.models import ConsultationBasis, ConsultationStatus


def _open(staff_, tree, basis="rule", opens=date(2026, 9, 1), closes=date(2026, 9, 30), **kw):
    return c.consultation_open(
        actor=staff_.eco, org=tree.eco, basis=ConsultationBasis.objects.get(code=basis), title="甲市扬尘污染防治办法（草案）",
        draft="第一条 为了防治扬尘污染……", explanation="一、起草背景……", opens_on=opens, closes_on=closes, **kw,
    )  # fmt: skip


def test_a_rule_cannot_open_for_fewer_than_30_days_without_a_reason(staff_, tree, freeze):
    freeze(date(2026, 9, 1))
    with pytest.raises(ValidationError) as exc:
        _open(staff_, tree, closes=date(2026, 9, 29))  # 29 days
    assert "不少于30自然日" in exc.value.message_dict["short_reason"][0]
    assert _open(staff_, tree, closes=date(2026, 9, 30)).closes_on == date(2026, 9, 30)  # 30 days
    short = _open(
        staff_, tree, closes=date(2026, 9, 15), short_reason="因中央环保督察整改时限要求，需在10月前出台。"
    )
    assert short.short_reason
    with pytest.raises(PermissionDenied):
        c.consultation_open(actor=staff_.finance, org=tree.eco, basis=short.basis, title="x", draft="x",
                            explanation="x", opens_on=date(2026, 9, 1), closes_on=date(2026, 10, 30))  # fmt: skip


def test_normative_documents_count_working_days_across_national_day(staff_, tree, freeze):
    freeze(date(2026, 9, 29))
    basis = ConsultationBasis.objects.get(code="normative")
    # 9-29 (1), 9-30 (2), 10-08 (3), 10-09 (4), 10-10 (5), 10-12 (6), 10-13 (7)
    assert c.minimum_close(basis, date(2026, 9, 29)) == date(2026, 10, 13)
    with pytest.raises(ValidationError):
        _open(staff_, tree, basis="normative", opens=date(2026, 9, 29), closes=date(2026, 10, 12))


def test_comments_dispositions_and_feedback(staff_, tree, freeze):
    freeze(date(2026, 9, 10))
    consultation = _open(staff_, tree)
    first = c.comment_submit(
        consultation=consultation, data={"text": "建议明确工地围挡高度。", "consent_publish": True}
    )
    second = c.comment_submit(consultation=consultation, data={"text": "建议增加处罚上限。"})
    spam = c.comment_submit(consultation=consultation, data={"text": "广告"})
    c.comment_moderate(actor=staff_.eco, comment=spam, approve=False)
    freeze(date(2026, 10, 8))
    with pytest.raises(ValidationError):
        c.comment_submit(consultation=consultation, data={"text": "晚了"})
    with pytest.raises(ValidationError):
        c.consultation_feedback(actor=staff_.eco, consultation=consultation, text="反馈")
    c.comment_dispose(actor=staff_.eco, comment=first, disposition="adopted", topic="围挡")
    with pytest.raises(ValidationError):
        c.comment_dispose(actor=staff_.eco, comment=second, disposition="not_adopted")
    c.comment_dispose(
        actor=staff_.eco,
        comment=second,
        disposition="not_adopted",
        reason="处罚幅度由上位法规定。",
        topic="罚则",
    )
    consultation = c.consultation_feedback(
        actor=staff_.eco, consultation=consultation, text="共收到意见2条，采纳1条。"
    )
    assert consultation.status == ConsultationStatus.FEEDBACK
    t = c.tally(consultation)
    assert (t.received, t.adopted, t.not_adopted) == (2, 1, 1)


def test_portal_comment_form_and_feedback_page(client, staff_, tree, freeze):
    freeze(date(2026, 9, 10))
    consultation = _open(staff_, tree)
    url = f"/hudong/zhengji/{consultation.pk}/"
    html = client.get("/hudong/zhengji/").content.decode()
    assert consultation.title in html
    html = client.get(url).content.decode()
    token = re.search(r'name="challenge" value="([^"]+)"', html).group(1)
    answer = signing.loads(token, salt=CHALLENGE_SALT)["s"]
    bad = client.post(url, {"text": "", "challenge": token, "answer": answer})
    assert bad.status_code == 400 and "意见未提交" in bad.content.decode()
    ok = client.post(
        url,
        {
            "text": "建议明确工地围挡高度。",
            "consent_publish": "on",
            "challenge": token,
            "answer": answer,
            "shown_at": 0,
        },
    )
    assert ok.status_code == 200 and "已收到" in ok.content.decode()
    assert consultation.comments.count() == 1


def test_the_final_document_links_to_its_consultation(client, staff_, tree, freeze):
    from gongkai.catalog import services as catalog_services
    from gongkai.catalog.models import Genre, ReviewConclusion, Topic
    from gongkai.testing.factories import TEST_JOB

    freeze(date(2026, 9, 10))
    consultation = _open(staff_, tree)
    comment = c.comment_submit(consultation=consultation, data={"text": "建议明确围挡高度。"})
    freeze(date(2026, 10, 8))
    c.comment_dispose(actor=staff_.eco, comment=comment, disposition="adopted")
    job = TEST_JOB
    item = catalog_services.item_create(
        actor=job, org=tree.eco, title="甲市扬尘污染防治办法", written_on=date(2026, 10, 8), body="<p>第一条……</p>",
        topic=Topic.objects.get(code="0203"), genre=Genre.objects.get(code="notice"),
    )  # fmt: skip
    item = catalog_services.item_submit(actor=job, item=item)
    item = catalog_services.item_review(
        actor=job, item=item, conclusion=ReviewConclusion.APPROVE, basis="同意公开"
    )
    c.consultation_feedback(
        actor=staff_.eco, consultation=consultation, text="采纳1条。", catalog_item_id=item.pk
    )
    page = client.get(f"/catalog/{item.slug}/").content.decode()
    assert "公众意见采纳情况" in page and f"/hudong/zhengji/{consultation.pk}/" in page
