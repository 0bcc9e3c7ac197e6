"""Staff forms of the catalog: they parse and render; the services validate the rules and save."""

from __future__ import annotations

from typing import cast

from django import forms

from gongkai.catalog import selectors
from gongkai.catalog.models import (
    Channel,
    Disclosure,
    EscalationTarget,
    Item,
    NormativeKind,
    ReviewConclusion,
    Stage,
    Status,
    StatutoryClass,
    Validity,
)
from gongkai.catalog.richtext import text_to_html
from gongkai.catalog.services import BULK_ACTIONS, statutory_classes_for
from gongkai.core.forms import text_area
from gongkai.core.widgets import DateInput, DateTimeLocalInput
from gongkai.orgs.models import Organization

DATE = DateInput()
DATE_ERRORS = {"invalid": "日期格式错误，应为 YYYY-MM-DD。"}


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in one fieldset (with its legend) per group of the choices."""

    template_name = "catalog/widgets/grouped_checkboxes.html"


def focus_area_choices(areas) -> list[tuple[str, list[tuple[str, str]]]]:
    """The focus areas grouped under their top-level term, each group in the vocabulary's order: the term
    itself first (“稳增长（综合）”), then its sub-areas."""
    areas = list(areas)
    tops = sorted((a for a in areas if a.parent_id is None), key=lambda a: (a.sort_order, a.code))
    groups = []
    for top in tops:
        children = sorted((a for a in areas if a.parent_id == top.pk), key=lambda a: (a.sort_order, a.code))
        options = [(top.code, f"{top.name}（综合）")] + [(c.code, c.name) for c in children]
        groups.append((top.name, options))
    orphans = [a for a in areas if a.parent_id is not None and a.parent_id not in {t.pk for t in tops}]
    if orphans:
        groups.append(
            ("其他", [(a.code, str(a)) for a in sorted(orphans, key=lambda a: (a.sort_order, a.code))])
        )
    return groups


def _org_label(org: Organization) -> str:
    return "　" * (org.depth - 1) + org.name


class ItemForm(forms.Form):
    """The editor's form; `orgs` is the list of organisations the user may draft for (create only)."""

    org = forms.ModelChoiceField(
        label="发布机构", queryset=Organization.objects.none(), to_field_name="credit_code"
    )
    title = forms.CharField(label="名称", max_length=300)
    doc_no = forms.CharField(
        label="文号", max_length=100, required=False, help_text="如：抚政办发〔2026〕5号"
    )
    written_on = forms.DateField(label="成文日期", widget=DATE, error_messages=DATE_ERRORS)
    changed_on = forms.DateField(
        label="变更日期", widget=DATE, required=False, error_messages=DATE_ERRORS,
        help_text="信息内容变更的，公开期限自变更之日起算",
    )  # fmt: skip
    summary = text_area("内容概述", rows=3, required=False)
    topic = forms.ModelChoiceField(label="主题分类", queryset=selectors.active_topics(), to_field_name="code")
    genre = forms.ModelChoiceField(label="体裁", queryset=selectors.active_genres(), to_field_name="code")
    statutory_class = forms.ChoiceField(label="法定公开类别")
    stage = forms.ChoiceField(label="五公开", choices=[("", "—"), *Stage.choices], required=False)
    focus_areas = forms.ModelMultipleChoiceField(
        label="重点领域", queryset=selectors.active_focus_areas(), required=False,
        widget=GroupedCheckboxes, to_field_name="code",
    )  # fmt: skip
    co_orgs = forms.ModelMultipleChoiceField(
        label="联合发文机构", queryset=Organization.objects.none(), required=False, to_field_name="credit_code",
        help_text="联合发文时选择；本机构为牵头机关",
    )  # fmt: skip
    disclosure = forms.ChoiceField(label="公开属性", choices=Disclosure.choices, initial=Disclosure.PROACTIVE)
    disclosure_reason = text_area(
        "不主动公开的理由", required=False, help_text="依申请公开或不予公开时必填，注明条例依据"
    )
    body = text_area(
        "正文",
        rows=16,
        required=False,
        help_text="可直接粘贴文字（空行分段），或使用简单的 HTML；不安全的内容会被清除",
    )
    keywords = forms.CharField(
        label="关键词", max_length=200, required=False, help_text="以逗号或顿号分隔，最多10个"
    )
    source_name = forms.CharField(label="信息来源", max_length=100, required=False)
    is_normative = forms.BooleanField(label="规范性文件", required=False)
    normative_kind = forms.ChoiceField(
        label="规范性文件类别", choices=[("", "—"), *NormativeKind.choices], required=False
    )
    registration_no = forms.CharField(label="登记号", max_length=60, required=False)
    validity = forms.ChoiceField(label="有效性", choices=[("", "—"), *Validity.choices], required=False)
    validity_changed_on = forms.DateField(
        label="有效性变更日期", widget=DATE, required=False, error_messages=DATE_ERRORS
    )

    def __init__(self, *args, orgs=None, org: Organization | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        if orgs is None:
            del fields["org"]
        else:
            org_field = cast(forms.ModelChoiceField, fields["org"])
            org_field.queryset = orgs
            org_field.label_from_instance = _org_label  # type: ignore[assignment]  # set on the instance, as Django allows
        co_orgs = cast(forms.ModelMultipleChoiceField, fields["co_orgs"])
        co_orgs.queryset = Organization.objects.active().order_by("path")
        co_orgs.label_from_instance = _org_label  # type: ignore[assignment]  # set on the instance, as Django allows
        topic = cast(forms.ModelChoiceField, fields["topic"])
        topic.label_from_instance = lambda t: t.full_name  # type: ignore[assignment]  # set on the instance, as Django allows
        classes = (statutory_classes_for(org) if org is not None else []) or StatutoryClass.choices
        # No default: a category chosen by mistake is worse than a form asking for one.
        statutory_class = cast(forms.ChoiceField, fields["statutory_class"])
        statutory_class.choices = [("", "请选择法定公开类别"), *classes]
        statutory_class.error_messages["required"] = "请选择法定公开类别。"
        focus_areas = cast(forms.ModelMultipleChoiceField, fields["focus_areas"])
        focus_areas.choices = focus_area_choices(focus_areas.queryset)

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("org", None)
        body = data.get("body") or ""
        if body and "<" not in body:
            data["body"] = text_to_html(body)
        return data


def item_initial(item: Item) -> dict:
    return {
        "title": item.title, "doc_no": item.doc_no, "written_on": item.written_on, "changed_on": item.changed_on,
        "summary": item.summary, "topic": item.topic, "genre": item.genre,
        "statutory_class": item.statutory_class, "stage": item.stage,
        "focus_areas": list(item.focus_areas.all()), "co_orgs": list(item.co_orgs.all()),
        "disclosure": item.disclosure, "disclosure_reason": item.disclosure_reason, "body": item.body,
        "keywords": item.keywords, "source_name": item.source_name, "is_normative": item.is_normative,
        "normative_kind": item.normative_kind, "registration_no": item.registration_no,
        "validity": item.validity, "validity_changed_on": item.validity_changed_on,
    }  # fmt: skip


class CorrectionForm(ItemForm):
    reason = text_area("更正原因", 500)


class ReviewForm(forms.Form):
    conclusion = forms.ChoiceField(
        label="审核结论",
        choices=[(c, label) for c, label in ReviewConclusion.choices if c != ReviewConclusion.IMPORTED],
        widget=forms.RadioSelect,
    )
    basis = text_area(
        "审核依据与意见",
        2000,
        rows=3,
        help_text="如：经审查不涉及国家秘密、商业秘密和个人隐私，同意公开；退回时写明需修改之处",
    )
    # Never ticked in advance: the reviewer attests it by ticking it.
    confidentiality_checked = forms.BooleanField(label="已完成保密审查", required=False)
    escalated_to = forms.ChoiceField(
        label="报请审查的部门", choices=[("", "—"), *EscalationTarget.choices], required=False
    )
    publish_at = forms.DateTimeField(
        label="定时发布（可选）", required=False,
        widget=DateTimeLocalInput(),
        help_text="留空则审核通过后立即发布", error_messages={"invalid": "时间格式错误。"},
    )  # fmt: skip


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label="发布时间", widget=DateTimeLocalInput(),
        error_messages={"invalid": "时间格式错误。", "required": "请填写发布时间。"},
    )  # fmt: skip


class WithdrawForm(forms.Form):
    reason = text_area("撤回理由", 500, help_text="将在原网址公开显示")


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label="有效性", choices=Validity.choices)
    changed_on = forms.DateField(label="变更日期", widget=DATE, required=False, error_messages=DATE_ERRORS)
    replaced_by = forms.CharField(label="替代文件索引号", max_length=40, required=False)
    note = forms.CharField(label="说明", max_length=500, required=False)

    def clean_replaced_by(self):
        value = self.cleaned_data["replaced_by"].strip()
        if not value:
            return None
        item = selectors.Item.objects.filter(index_no=value, status=Status.PUBLISHED).first()
        if item is None:
            raise forms.ValidationError("没有找到该索引号的已发布信息。")
        return item


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="附件", help_text="PDF、OFD、DOC/DOCX、XLS/XLSX、WPS/ET、JPG/PNG/GIF、MP4 视频、ZIP",
        error_messages={"required": "请选择文件。", "empty": "文件为空。"},
    )  # fmt: skip


class PublicationForm(forms.Form):
    org = forms.ModelChoiceField(
        label="机构", queryset=Organization.objects.none(), to_field_name="credit_code"
    )
    channel = forms.ChoiceField(
        label="发布渠道", choices=[c for c in Channel.choices if c[0] != Channel.WEBSITE]
    )
    published_on = forms.DateField(label="发布日期", widget=DATE, error_messages=DATE_ERRORS)
    count = forms.IntegerField(label="条数", min_value=1, max_value=100000, initial=1)
    item = forms.CharField(label="对应信息索引号（可选）", max_length=40, required=False)
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["org"].label_from_instance = _org_label

    def clean_item(self):
        value = self.cleaned_data["item"].strip()
        if not value:
            return None
        item = selectors.Item.objects.filter(index_no=value).first()
        if item is None:
            raise forms.ValidationError("没有找到该索引号的信息。")
        return item


class BulkForm(forms.Form):
    """The selected items arrive as a list of ids (`items`), read by the view from the visible items only."""

    action = forms.ChoiceField(label="批量操作", choices=[("", "—"), *BULK_ACTIONS.items()])
    basis = forms.CharField(label="审核意见（批量通过时）", max_length=2000, required=False)
    reason = forms.CharField(label="撤回理由（批量撤回时）", max_length=500, required=False)


def selected_ids(values: list[str]) -> list[int]:
    return sorted({int(v) for v in values if v.isdigit() and len(v) < 19})
