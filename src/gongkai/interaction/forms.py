"""The public message form (no JavaScript): the channel's kinds and limits, two separate consents, a honeypot
field and an arithmetic question signed by the server (no outside service)."""

from __future__ import annotations

import random
import time
from typing import Any

from django import forms
from django.core import signing

from gongkai.core.forms import text_area
from gongkai.core.widgets import DateInput, DateTimeLocalInput
from gongkai.interaction import uploads
from gongkai.interaction.models import Channel, Level

CHALLENGE_SALT = "gongkai.interaction.challenge"
#: A form sent back faster than this after it was shown is held as suspect (not refused: people can be quick).
MIN_SECONDS = 3
CHALLENGE_MAX_AGE = 2 * 3600
_DIGITS = "零一二三四五六七八九十"


def new_challenge() -> tuple[str, str]:
    a, b = random.randint(1, 9), random.randint(1, 9)
    token = signing.dumps({"s": a + b, "t": int(time.time())}, salt=CHALLENGE_SALT)
    return f"{_DIGITS[a]}加{_DIGITS[b]}等于多少？（请填写阿拉伯数字）", token


class ChallengeForm(forms.Form):
    """The anti-abuse part of the public forms: a honeypot field, a signed arithmetic question, the time shown."""

    website = forms.CharField(label="请勿填写此项", required=False)  # the honeypot
    answer = forms.CharField(label="验证问题", max_length=3)
    challenge = forms.CharField(widget=forms.HiddenInput)
    shown_at = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            question, token = new_challenge()
            self.question = question
            self.initial.update(challenge=token, shown_at=int(time.time()))
            self.fields["answer"].label = question
        else:
            self.question = ""

    def clean_answer(self) -> str:
        answer = (self.cleaned_data.get("answer") or "").strip()
        try:
            data = signing.loads(
                self.data.get("challenge", ""), salt=CHALLENGE_SALT, max_age=CHALLENGE_MAX_AGE
            )
        except signing.BadSignature:
            raise forms.ValidationError("验证问题已过期，请重新回答新的问题。") from None
        if answer != str(data.get("s")):
            raise forms.ValidationError("验证问题回答不正确，请重新计算。")
        return answer

    def suspect(self) -> str:
        """Why this submission looks automated (held for moderation, never silently dropped)."""
        reasons = []
        if self.cleaned_data.get("website"):
            reasons.append("填写了隐藏字段")
        shown = self.cleaned_data.get("shown_at")
        if isinstance(shown, int) and time.time() - shown < MIN_SECONDS:
            reasons.append("提交过快")
        return "；".join(reasons)

    def refresh_challenge(self) -> None:
        """A new question for the form sent back with errors."""
        question, token = new_challenge()
        self.question = question
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict (a bound form)
        data["challenge"], data["answer"] = token, ""
        self.data = data
        self.fields["answer"].label = question


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (the count, size and type are the service's to check, `interaction.uploads`)."""

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class MessageForm(ChallengeForm):
    kind = forms.ChoiceField(label="留言类型", widget=forms.RadioSelect)
    title = forms.CharField(label="标题", max_length=200)
    body = text_area("留言内容", rows=8)
    reported_person = forms.CharField(label="被举报单位或个人（举报时填写）", required=False, max_length=100)
    writer_name = forms.CharField(label="姓名", max_length=50)
    phone = forms.CharField(label="联系电话", max_length=30, help_text="仅用于联系您，不会公开")
    email = forms.CharField(label="电子邮箱（选填）", max_length=254, required=False)
    address = forms.CharField(label="通信地址（选填）", max_length=200, required=False)
    consent_publish = forms.BooleanField(
        label="同意在网站公开我的留言和答复（公开前去除个人信息）", required=False
    )
    consent_personal = forms.BooleanField(label="同意公开我的姓名等个人信息", required=False)
    attachments = MultipleFileField(
        label="附件（选填）", required=False, widget=MultipleFileInput(attrs={"accept": uploads.ACCEPT})
    )

    def __init__(self, *args: Any, channel: Channel, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.channel = channel
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = channel.kind_choices()
        self.fields["title"].help_text = f"{channel.title_min}至{channel.title_max}字"
        self.fields["body"].help_text = f"不超过{channel.body_max}字"
        if channel.attachments_max:
            self.fields["attachments"].help_text = uploads.limits_text(channel) + "，不公开"
        else:
            del self.fields["attachments"]


class CommentForm(ChallengeForm):
    text = text_area("您的意见", 5000, rows=8)
    writer_name = forms.CharField(label="姓名（选填）", max_length=50, required=False)
    phone = forms.CharField(label="联系电话（选填，不公开）", max_length=30, required=False)
    consent_publish = forms.BooleanField(label="同意公开我的意见（不公开姓名和电话）", required=False)


class QuestionForm(ChallengeForm):
    text = text_area("您的问题", 1000, rows=4)
    asker = forms.CharField(label="昵称（选填）", max_length=30, required=False)


class TrackForm(forms.Form):
    number = forms.CharField(label="留言编号", max_length=20)
    query_code = forms.CharField(label="查询码", max_length=20)


class EvaluationForm(forms.Form):
    level = forms.ChoiceField(label="您对答复的评价", choices=Level.choices, widget=forms.RadioSelect)
    comment = text_area("意见（选填）", 500, rows=3, required=False)


# ---------------------------------------------------------------------------------------------------- staff

YES_NO = [("yes", "同意"), ("no", "不同意")]


def _orgs_field(label: str, orgs: list[Any], *, multiple: bool = False, required: bool = True) -> forms.Field:
    choices = [(o.credit_code, o.name) for o in orgs]
    if multiple:
        return forms.MultipleChoiceField(
            label=label, choices=choices, required=required, widget=forms.CheckboxSelectMultiple
        )
    return forms.ChoiceField(label=label, choices=[("", "请选择"), *choices], required=required)


class AcceptForm(forms.Form):
    complex_ = forms.BooleanField(label="复杂事项（适用复杂事项的答复期限）", required=False)


class RefuseForm(forms.Form):
    reason = forms.ChoiceField(label="不予受理理由")
    proper_channel = forms.CharField(label="应通过的渠道", required=False, max_length=200)
    note = text_area("说明", rows=3, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from gongkai.interaction.models import RefusalReason

        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "请选择"), *RefusalReason.choices]


class MoveForm(forms.Form):
    """What an information application needs beyond the message (the writer's identity document, delivery)."""

    org = forms.ChoiceField(label="受理申请的机关")
    id_type = forms.ChoiceField(label="证件类型")
    id_number = forms.CharField(label="证件号码", max_length=40)
    delivery_form = forms.ChoiceField(label="载体形式")
    delivery_method = forms.ChoiceField(label="获取方式")

    def __init__(self, *args: Any, orgs: list[Any], **kwargs: Any) -> None:
        from gongkai.foi.models import DeliveryForm, DeliveryMethod, IdType

        super().__init__(*args, **kwargs)
        for name, choices in (
            ("org", [(o.credit_code, o.name) for o in orgs]),
            ("id_type", IdType.choices),
            ("delivery_form", DeliveryForm.choices),
            ("delivery_method", DeliveryMethod.choices),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", "请选择"), *choices]


class AssignForm(forms.Form):
    def __init__(self, *args: Any, orgs: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"] = _orgs_field("主办单位", orgs)
        self.fields["co"] = _orgs_field("协办单位", orgs, multiple=True, required=False)


class TextForm(forms.Form):
    text = text_area("内容", 10000, rows=6)


class ReasonForm(forms.Form):
    reason = text_area("理由", 1000, rows=3)


class NoteForm(forms.Form):
    note = text_area("办理情况", 5000, rows=3)
    contacted = forms.BooleanField(label="已联系留言人", required=False)


class ExtensionForm(forms.Form):
    amount = forms.IntegerField(label="延长（与时限单位相同）", min_value=1, max_value=30)
    reason = text_area("延期理由", 1000, rows=3)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label="审核意见", choices=YES_NO, widget=forms.RadioSelect)
    note = text_area("说明", 2000, required=False)


class PublishForm(forms.Form):
    decision = forms.ChoiceField(
        label="是否公开", choices=[("yes", "公开"), ("no", "不公开")], widget=forms.RadioSelect
    )
    title = forms.CharField(label="公开标题", max_length=200, required=False)
    body = text_area("公开的留言内容", rows=5, required=False)
    reply = text_area("公开的答复", rows=5, required=False)


class StaffEvaluationForm(forms.Form):
    level = forms.ChoiceField(label="评价（回访结果）", choices=Level.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label="意见", required=False, max_length=500)
    reopen = forms.BooleanField(label="不满意，退回重办", required=False)


class EmptyForm(forms.Form):
    pass


class ImportForm(forms.Form):
    channel = forms.ChoiceField(label="渠道")
    file = forms.FileField(
        label="工单文件（CSV或XLSX）",
        help_text="列名：工单编号、受理时间、办理时限、类型、标题、内容、姓名、电话",
    )

    def __init__(self, *args: Any, channels: list[Channel], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["channel"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "请选择"), *((c.code, c.name) for c in channels)]


class StatsFilterForm(forms.Form):
    kind = forms.ChoiceField(label="类型", required=False)
    start = forms.DateField(label="收到日期自", required=False, widget=DateInput())
    end = forms.DateField(label="至", required=False, widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from gongkai.interaction.models import MessageKind

        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "全部"), *MessageKind.choices]


def _org_choices(field: forms.Field, orgs: list[Any]) -> None:
    assert isinstance(field, forms.ChoiceField)
    field.choices = [("", "请选择"), *((o.credit_code, o.name) for o in orgs)]


class ConsultationForm(forms.Form):
    org = forms.ChoiceField(label="起草单位")
    basis = forms.ChoiceField(label="依据（决定最短征求期限）")
    title = forms.CharField(label="草案名称", max_length=200)
    explanation = text_area("起草说明", rows=5)
    draft = text_area("草案全文", rows=10)
    opens_on = forms.DateField(label="开始日期", widget=DateInput())
    closes_on = forms.DateField(label="截止日期", widget=DateInput())
    short_reason = text_area("期限短于最短期限的理由（随征集公布）", required=False)

    def __init__(self, *args: Any, orgs: list[Any], **kwargs: Any) -> None:
        from gongkai.interaction.models import ConsultationBasis

        super().__init__(*args, **kwargs)
        _org_choices(self.fields["org"], orgs)
        basis = self.fields["basis"]
        assert isinstance(basis, forms.ChoiceField)
        basis.choices = [("", "请选择"), *((b.code, str(b)) for b in ConsultationBasis.objects.all())]


class DisposeForm(forms.Form):
    comment = forms.IntegerField(widget=forms.HiddenInput)
    disposition = forms.ChoiceField(label="处理结果")
    topic = forms.CharField(label="归类", max_length=60, required=False)
    reason = forms.CharField(label="理由（采纳的可不填）", required=False, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from gongkai.interaction.models import Disposition

        super().__init__(*args, **kwargs)
        field = self.fields["disposition"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "请选择"), *Disposition.choices]


class ModerateForm(forms.Form):
    target = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label="审核", choices=[("yes", "通过"), ("no", "不通过")], widget=forms.RadioSelect
    )


class FeedbackForm(forms.Form):
    text = text_area("采纳情况说明（未采纳的主要意见及理由）", rows=6)
    catalog_item_id = forms.IntegerField(
        label="正式文件在公开目录中的编号（选填）", required=False, min_value=1
    )


class InterviewForm(forms.Form):
    org = forms.ChoiceField(label="访谈单位")
    title = forms.CharField(label="访谈主题", max_length=200)
    guests = forms.CharField(label="嘉宾", max_length=300)
    summary = text_area("访谈简介", rows=3, required=False)
    starts_at = forms.DateTimeField(label="开始时间", widget=DateTimeLocalInput())
    ends_at = forms.DateTimeField(label="结束时间", widget=DateTimeLocalInput())

    def __init__(self, *args: Any, orgs: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _org_choices(self.fields["org"], orgs)


class AnswerForm(forms.Form):
    target = forms.IntegerField(widget=forms.HiddenInput)
    answer = text_area("答复", 5000, rows=3)


class TranscriptForm(forms.Form):
    transcript = text_area("访谈实录", rows=10)


class SurveyForm(ChallengeForm):
    """The questions of a survey as fields q0, q1…, and the phone number that makes an answer one person's."""

    phone = forms.CharField(label="手机号码（每人限答一次，不公开）", max_length=30)

    def __init__(self, *args: Any, survey: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i, q in enumerate(survey.questions):
            label = f"{i + 1}. {q['text']}"
            choices = [(c, c) for c in q["choices"]]
            if q["kind"] == "single":
                self.fields[f"q{i}"] = forms.ChoiceField(
                    label=label, choices=choices, widget=forms.RadioSelect
                )
            elif q["kind"] == "multiple":
                self.fields[f"q{i}"] = forms.MultipleChoiceField(
                    label=label, choices=choices, widget=forms.CheckboxSelectMultiple
                )
            else:
                self.fields[f"q{i}"] = text_area(label, 500)

    def question_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("q") and name[1:].isdigit()]


class SurveyCreateForm(forms.Form):
    org = forms.ChoiceField(label="发起单位")
    title = forms.CharField(label="调查主题", max_length=200)
    intro = text_area("说明", rows=3, required=False)
    questions = text_area(
        "问题（每行一题）", rows=6, help_text="单选：问题|选项一|选项二；多选：问题|选项一|选项二；填空：问题"
    )
    opens_on = forms.DateField(label="开始日期", widget=DateInput())
    closes_on = forms.DateField(label="截止日期", widget=DateInput())
    results_public = forms.BooleanField(label="公开调查结果", required=False, initial=True)

    def __init__(self, *args: Any, orgs: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _org_choices(self.fields["org"], orgs)
