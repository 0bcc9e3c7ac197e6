"""Forms of information applications, for the portal and the back office. They validate input and render;
services decide and save (the same rules for the API)."""

from __future__ import annotations

import uuid
from datetime import date

from django import forms
from django.utils import timezone

from gongkai.core.forms import text_area
from gongkai.core.widgets import DateInput
from gongkai.foi.clock import MAX_EXTENSION_WORKDAYS
from gongkai.foi.models import (
    ApplicantType,
    Channel,
    ConsultationKind,
    ConsultationOpinion,
    DeliveryForm,
    DeliveryMethod,
    FeeMethod,
    IdType,
    Outcome,
    Rating,
    RecordCorrectionDecision,
    RemedyKind,
    RemedyResult,
)
from gongkai.foi.services import CLOSING_OUTCOMES, EARLIEST_DATE


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (the count, size and type are checked by the service)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class LegalDateField(forms.DateField):
    """A date the law counts in: ISO input, within the 2019 Regulations' time and not in the future."""

    widget = DateInput

    def __init__(self, *args, allow_future: bool = False, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        self.allow_future = allow_future
        super().__init__(*args, **kwargs)

    def clean(self, value):
        day = super().clean(value)
        if day is None:
            return day
        if day < EARLIEST_DATE:
            raise forms.ValidationError(f"日期不能早于{EARLIEST_DATE.isoformat()}。")
        if not self.allow_future and day > timezone.localdate():
            raise forms.ValidationError("日期不能晚于今天。")
        if day > date(2100, 12, 31):
            raise forms.ValidationError("日期超出范围。")
        return day


def _today():
    return timezone.localdate()


class ApplicationForm(forms.Form):
    """What an applicant writes (Art. 29). Conditional requirements are checked by the service."""

    applicant_type = forms.ChoiceField(
        label="申请人类型",
        choices=ApplicantType.choices,
        widget=forms.RadioSelect,
        initial=ApplicantType.NATURAL,
    )
    applicant_name = forms.CharField(
        label="姓名或名称", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    id_type = forms.ChoiceField(
        label="证件类型（自然人）",
        choices=[("", "——"), *IdType.choices],
        required=False,
        initial=IdType.RESIDENT_ID,
    )
    id_number = forms.CharField(
        label="证件号码（自然人）", max_length=40, required=False, help_text="居民身份证号码将核对校验位",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )  # fmt: skip
    credit_code = forms.CharField(
        label="统一社会信用代码（法人或其他组织）",
        max_length=18,
        required=False,
        help_text="18位，将核对校验位",
    )
    legal_representative = forms.CharField(
        label="法定代表人或负责人（法人或其他组织）", max_length=50, required=False
    )
    contact_person = forms.CharField(label="联系人", max_length=50, required=False)
    phone = forms.CharField(
        label="联系电话", max_length=30, widget=forms.TextInput(attrs={"autocomplete": "tel"})
    )
    email = forms.CharField(
        label="电子邮箱",
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label="通信地址",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postcode = forms.CharField(label="邮政编码", max_length=6, required=False)
    info_title = forms.CharField(label="所需政府信息的名称", max_length=300)
    info_doc_no = forms.CharField(label="文号", max_length=100, required=False)
    info_description = text_area(
        "所需政府信息的其他特征描述",
        5000,
        rows=4,
        required=False,
        help_text="如制作机关、时间、内容概要等，有助于准确查找",
    )
    purpose = text_area("用途（选填）", 2000, required=False)
    delivery_form = forms.ChoiceField(
        label="信息的载体形式",
        choices=DeliveryForm.choices,
        widget=forms.RadioSelect,
        initial=DeliveryForm.ELECTRONIC,
    )
    delivery_method = forms.ChoiceField(
        label="获取信息的方式",
        choices=DeliveryMethod.choices,
        widget=forms.RadioSelect,
        initial=DeliveryMethod.ONLINE,
    )
    attachments = MultipleFileField(label="身份证明材料（选填）", required=False)  # help: __init__

    DATA_FIELDS = [
        "applicant_type", "applicant_name", "id_type", "id_number", "credit_code", "legal_representative",
        "contact_person", "phone", "email", "address", "postcode", "info_title", "info_doc_no", "info_description",
        "purpose", "delivery_form", "delivery_method",
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from gongkai.foi import conf, uploads

        # The limits in force (GONGKAI_FOI_IDENTITY_UPLOAD_MAX_MB, uploads.MAX_FILES), as the upload check applies them.
        self.fields["attachments"].help_text = (
            f"JPG、PNG 或 PDF，最多{uploads.MAX_FILES}个文件，"
            f"每个不超过{conf.identity_upload_max_bytes() // (1024 * 1024)}MB"
        )

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in self.DATA_FIELDS}

    def add_service_errors(self) -> None:
        """On an invalid form, also show what the service would refuse (identity number, phone…) at once."""
        from django.core.exceptions import ValidationError

        from gongkai.foi.services import clean_application

        try:
            clean_application({name: self.data.get(self.add_prefix(name), "") for name in self.DATA_FIELDS})
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, errors)


class PortalApplicationForm(ApplicationForm):
    submission_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    confirm = forms.BooleanField(
        label="本人承诺所填信息真实有效，并知悉申请内容将由受理机关依法处理", required=True
    )


class RegisterForm(ApplicationForm):
    """Staff intake of an application received by letter, in person, by fax or e-mail (Art. 31)."""

    org = forms.ChoiceField(label="受理机关")
    channel = forms.ChoiceField(
        label="申请方式", choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    arrived_on = LegalDateField(
        label="信函到达日期", required=False, help_text="平常信函必填：收到申请之日为与申请人确认之日"
    )
    received_on = LegalDateField(
        label="收到申请之日",
        initial=_today,
        required=False,
        help_text="当面：提交之日；挂号信/EMS：签收之日；平常信函：与申请人确认之日；传真：双方确认之日；电子邮件：邮件系统收到之日",
    )
    awaiting_confirmation = forms.BooleanField(
        label="平常信函尚未与申请人确认",
        required=False,
        help_text="勾选后不填收到申请之日：申请进入待确认队列，确认后在案件页登记收到申请之日",
    )
    evidence_received_at = forms.DateTimeField(
        label="系统收到时间（电子邮件、传真必填）",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="电子邮件系统收到邮件的时间、传真机收到传真的时间",
    )
    evidence_ref = forms.CharField(
        label="收件凭证编号",
        max_length=100,
        required=False,
        help_text="挂号信/EMS必填邮件号；也可填邮件标识、传真确认记录编号",
    )
    evidence_files = MultipleFileField(
        label="收件凭证（选填）",
        required=False,
        help_text="签收回执、邮件或传真确认页的扫描件：JPG、PNG 或 PDF",
    )
    field_order = [
        "org",
        "channel",
        "arrived_on",
        "awaiting_confirmation",
        "received_on",
        "evidence_received_at",
        "evidence_ref",
        "evidence_files",
    ]

    def __init__(self, *args, orgs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(o.credit_code, o.name) for o in orgs]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("awaiting_confirmation"):
            if cleaned.get("channel") != Channel.ORDINARY_MAIL:
                self.add_error("awaiting_confirmation", "只有平常信函可以先登记、后与申请人确认。")
            cleaned["received_on"] = None
        elif not cleaned.get("received_on") and "received_on" not in self.errors:
            self.add_error("received_on", "请填写收到申请之日。")
        return cleaned


class RecordCorrectionRequestForm(forms.Form):
    requested_on = LegalDateField(label="提出更正要求日期", initial=_today)
    record = text_area("需要更正的政府信息记录", 5000)
    correction = text_area("要求更正的内容", 5000)
    evidence = text_area("证明记录不准确的证据", 5000, help_text="证据材料可作为“其他材料”上传")


class RecordCorrectionDecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="处理结果", choices=RecordCorrectionDecision.choices, widget=forms.RadioSelect
    )
    decided_on = LegalDateField(label="处理日期", initial=_today)
    note = text_area("处理说明", 5000)
    referred_org_name = forms.CharField(
        label="有权更正的机关（不属于本机关职能范围时）", max_length=100, required=False
    )


class ProactiveFilterForm(forms.Form):
    since = LegalDateField(label="办结日期自", required=False)


class TrackForm(forms.Form):
    tracking_no = forms.CharField(
        label="申请编号",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    query_code = forms.CharField(
        label="查询码", max_length=40,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )  # fmt: skip


class CorrectionForm(forms.Form):
    text = text_area("补正内容", 5000, rows=5, required=False)
    attachments = MultipleFileField(label="补正材料（选填）", required=False, help_text="JPG、PNG 或 PDF")


_RATING_ERROR = "请选择“满意”“基本满意”或“不满意”。"


class EvaluationForm(forms.Form):
    rating = forms.ChoiceField(
        label="您对本次答复的评价", choices=Rating.choices, widget=forms.RadioSelect,
        error_messages={"required": _RATING_ERROR, "invalid_choice": _RATING_ERROR},
    )  # fmt: skip
    comment = text_area(
        "意见建议（选填）",
        500,
        rows=3,
        required=False,
        error_messages={"max_length": "意见建议过长（最多500字）。"},
        help_text="请勿填写身份证号码、电话等个人信息。",
    )


# --- Back-office action forms -----------------------------------------------------------------------


class ConfirmReceiptForm(forms.Form):
    received_on = LegalDateField(label="收到申请之日（双方确认之日）", initial=_today)


class AssignForm(forms.Form):
    handler = forms.ChoiceField(label="承办人")

    def __init__(self, *args, handlers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = [(u.pk, u.get_full_name() or u.username) for u in handlers]


class TransferForm(forms.Form):
    to_org = forms.ChoiceField(label="转送至")
    reason = text_area("转送理由", 2000)

    def __init__(self, *args, orgs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_org"].choices = [(o.credit_code, "　" * (o.depth - 1) + o.name) for o in orgs]


class NoteForm(forms.Form):
    text = text_area("内部备注", 5000)


class CorrectionRequestForm(forms.Form):
    requested_on = LegalDateField(label="告知补正日期", initial=_today)
    correction_due_on = LegalDateField(
        label="补正期限", required=False, allow_future=True, help_text="不填则按默认的合理期限（工作日）计算"
    )
    items = text_area("需要补正的事项", 5000, rows=3)


class CorrectionReceivedForm(forms.Form):
    received_on = LegalDateField(label="收到补正之日", initial=_today)
    text = text_area("补正内容摘要", 5000, required=False)
    late_reason = forms.CharField(label="逾期补正的正当理由（逾期时必填）", max_length=2000, required=False)


class ConsultStartForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=ConsultationKind.choices)
    party = forms.CharField(label="被征求意见方", max_length=200)
    started_on = LegalDateField(label="发出征求意见日期", initial=_today)
    note = forms.CharField(label="说明", max_length=5000, required=False)


class ConsultEndForm(forms.Form):
    ended_on = LegalDateField(label="收到意见日期", initial=_today)
    opinion = forms.ChoiceField(label="意见", choices=ConsultationOpinion.choices)
    note = forms.CharField(label="说明", max_length=5000, required=False)


class ExtensionRequestForm(forms.Form):
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=MAX_EXTENSION_WORKDAYS, initial=20)
    reason = text_area("延期理由", 2000)


class ExtensionApproveForm(forms.Form):
    approved_on = LegalDateField(label="批准日期", initial=_today)
    notified_on = LegalDateField(label="告知申请人日期", initial=_today)


class ReasonsRequestForm(forms.Form):
    requested_on = LegalDateField(label="要求说明理由日期", initial=_today)
    asked = text_area("申请数量、频次情况和需要说明的事项", 2000, rows=3)
    due_on = LegalDateField(label="说明理由期限", allow_future=True)


class ReasonsReceiveForm(forms.Form):
    received_on = LegalDateField(label="收到理由日期", initial=_today)
    text = text_area("申请人说明的理由", 5000, rows=3)


class LongerPeriodForm(forms.Form):
    # The ceiling is a setting (GONGKAI_FOI_LONGER_PERIOD_MAX_WORKDAYS), checked by the service.
    days = forms.IntegerField(label="答复期限（工作日）", min_value=21, max_value=250)
    reason = text_area("理由", 2000)
    notified_on = LegalDateField(label="告知申请人日期", initial=_today)


class FeeNoticeForm(forms.Form):
    method = forms.ChoiceField(label="计收方式", choices=FeeMethod.choices, widget=forms.RadioSelect)
    pages = forms.IntegerField(label="页数（按量计收时）", min_value=1, max_value=1_000_000, required=False)
    notice_on = LegalDateField(label="收费通知日期", initial=_today)


class FeePaidForm(forms.Form):
    paid_on = LegalDateField(label="缴费日期", initial=_today)
    receipt_no = forms.CharField(
        label="财政票据号码", max_length=40, help_text="缴费后开具的财政票据（非税收入票据）号码"
    )


class ThirdPartyNoticeForm(forms.Form):
    notified_on = LegalDateField(label="书面告知第三方日期", initial=_today)
    text = text_area("决定公开的政府信息内容和理由", 5000, rows=3)


class FeeWaiveForm(forms.Form):
    waived_on = LegalDateField(label="减免日期", initial=_today)
    reason = forms.CharField(label="减免理由", max_length=2000)


class AnswerDraftForm(forms.Form):
    outcome = forms.ChoiceField(
        label="办理结果",
        choices=[("", "——请选择——")]
        + [c for c in Outcome.choices if c[0] not in (Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_NO_PAYMENT)],
    )
    already_disclosed = forms.BooleanField(
        label="该信息已主动公开（告知获取方式，第三十六条第（一）项）", required=False
    )
    facts = text_area("答复正文（事实与理由）", 20000, rows=6)
    catalog_refs = text_area("已公开信息的获取方式（索引号、标题或网址，每行一条）", 5000, required=False)
    referred_org_name = forms.CharField(
        label="负责公开该信息的机关（不属于本机关负责公开时）", max_length=100, required=False
    )
    consultation = forms.ChoiceField(
        label="所依据的征求意见", required=False,
        help_text="保护第三方合法权益不予公开（第十五条），或第三方不同意而决定公开（第三十二条）时选择",
    )  # fmt: skip

    def __init__(self, *args, consultations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].choices = [("", "——无——")] + [
            (str(c.pk), f"{c.party}（{c.started_on.isoformat()}，{c.get_opinion_display()}）")
            for c in consultations
        ]

    partial_reason = text_area(
        "区分处理说明（部分公开而未提供遮盖处理文件时必填）",
        5000,
        required=False,
        help_text="说明不予公开的内容、理由（第十四条至第十六条）及其余部分的提供方式",
    )


class ReturnForm(forms.Form):
    note = text_area("退回意见", 2000)


class AnswerApproveForm(forms.Form):
    answered_on = LegalDateField(label="答复日期", initial=_today)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label="办结方式", choices=[c for c in Outcome.choices if c[0] in CLOSING_OUTCOMES]
    )
    closed_on = LegalDateField(label="办结日期", initial=_today)
    reason = text_area("说明", 2000, required=False)


class FileForm(forms.Form):
    file = forms.FileField(
        label="提供的政府信息文件",
        help_text="PDF、OFD、Word、Excel、JPG 或 PNG；答复后申请人可在查询页面下载",
    )


class RemedyForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=RemedyKind.choices)
    filed_on = LegalDateField(label="申请复议/起诉日期")
    authority = forms.CharField(label="复议机关/人民法院", max_length=100, required=False)
    case_no = forms.CharField(label="案号", max_length=100, required=False)
    result = forms.ChoiceField(label="结果", choices=RemedyResult.choices, initial=RemedyResult.PENDING)
    decided_on = LegalDateField(label="决定/裁判日期（已审结时）", required=False)
    note = forms.CharField(label="说明", max_length=5000, required=False)


class RemedyUpdateForm(forms.Form):
    result = forms.ChoiceField(label="结果", choices=RemedyResult.choices)
    decided_on = LegalDateField(label="决定/裁判日期", required=False)
    note = forms.CharField(label="说明", max_length=5000, required=False)


class QueueFilterForm(forms.Form):
    q = forms.CharField(label="申请编号或信息名称", max_length=100, required=False)
    org = forms.ChoiceField(label="机关", required=False)

    def __init__(self, *args, orgs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [("", "全部")] + [(o.credit_code, o.name) for o in orgs]


# --- Redaction (Art. 37) --------------------------------------------------------------------------


def _reason_field():
    from gongkai.foi.models import RedactionReason

    return forms.ChoiceField(label="不予公开的理由", choices=[("", "——请选择——"), *RedactionReason.choices])


class RedactionRegionForm(forms.Form):
    """A rectangle on a page, in percent of the page as shown (the preview), from the top left corner."""

    page = forms.IntegerField(label="页码", min_value=1)
    left = forms.FloatField(label="左边（页宽的%）", min_value=0, max_value=100)
    top = forms.FloatField(label="上边（页高的%）", min_value=0, max_value=100)
    right = forms.FloatField(label="右边（页宽的%）", min_value=0, max_value=100)
    bottom = forms.FloatField(label="下边（页高的%）", min_value=0, max_value=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = _reason_field()


class RedactionFindForm(forms.Form):
    terms = forms.CharField(label="检索词（以空格分隔，如姓名、单位名称）", max_length=1000, required=False)
    patterns = forms.MultipleChoiceField(
        label="识别格式", required=False, widget=forms.CheckboxSelectMultiple, choices=[]
    )

    def __init__(self, *args, **kwargs):
        from gongkai.documents.redact import PATTERNS

        super().__init__(*args, **kwargs)
        self.fields["patterns"].choices = [(k, v[0]) for k, v in PATTERNS.items()]
