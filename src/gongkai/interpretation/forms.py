"""The back office's interpretation form: parses input, the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.catalog.forms import DATE, DATE_ERRORS
from gongkai.catalog.models import Item
from gongkai.core.forms import text_area
from gongkai.interpretation.models import SECTIONS, Kind, Platform, ResponseChannel, ResponseKind
from gongkai.orgs.models import Organization


class DocumentsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Item) -> str:
        return f"{obj.title}（{obj.doc_no or obj.org.name}）"


class InterpretationForm(forms.Form):
    documents = DocumentsField(
        label="解读的文件", queryset=Item.objects.none(), help_text="可选多件；按住 Ctrl 键多选"
    )
    org = forms.ModelChoiceField(
        label="解读机关",
        queryset=Organization.objects.none(),
        to_field_name="credit_code",
        required=False,
        help_text="谁起草谁解读：不选时为第一件文件的发布机关",
    )
    title = forms.CharField(label="解读标题", max_length=300)
    kind = forms.ChoiceField(label="解读形式", choices=Kind.choices, initial=Kind.TEXT)
    interpreter = forms.CharField(label="解读人", max_length=100, required=False)
    written_on = forms.DateField(label="成文日期", widget=DATE, error_messages=DATE_ERRORS, required=False)
    links = text_area("链接", required=False, help_text="图解、音视频等网址，每行一个")

    def __init__(self, *args: Any, documents: Any, orgs: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen = self.fields["documents"]
        assert isinstance(chosen, forms.ModelMultipleChoiceField)
        chosen.queryset = documents
        organ = self.fields["org"]
        assert isinstance(organ, forms.ModelChoiceField)
        organ.queryset = orgs
        for name, heading in SECTIONS:
            self.fields[name] = text_area(heading, rows=3, required=False)
        if editing:
            for name in ("org", "title", "written_on"):
                del self.fields[name]

    def sections(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name, _ in SECTIONS}


def _orgs_field(label: str) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label, queryset=Organization.objects.none(), to_field_name="credit_code"
    )


class _OrgForm(forms.Form):
    def __init__(self, *args: Any, orgs: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "org" in self.fields:
            field = self.fields["org"]
            assert isinstance(field, forms.ModelChoiceField)
            if orgs is None:
                del self.fields["org"]
            else:
                field.queryset = orgs


class ConferenceForm(_OrgForm):
    org = _orgs_field("主办机关")
    title = forms.CharField(label="名称", max_length=200)
    held_on = forms.DateField(label="举办日期", widget=DATE, error_messages=DATE_ERRORS)
    venue = forms.CharField(label="地点", max_length=200, required=False)
    speakers = text_area("发布人", rows=3, required=False, help_text="每行一位：姓名，职务")
    documents = DocumentsField(label="解读的政策文件", queryset=Item.objects.none(), required=False)
    policies = text_area("解读的其他政策", required=False, help_text="每行一件")
    transcript = text_area("文字实录", rows=8, required=False)
    video_url = forms.CharField(label="视频链接", max_length=200, required=False)
    picture_urls = text_area("图片链接", required=False, help_text="每行一个")

    def __init__(self, *args: Any, documents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["documents"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = documents


class ConferenceMediaForm(forms.Form):
    """A picture or video of the conference (checked by content in the service)."""

    file = forms.FileField(
        label="图片或视频",
        help_text="JPG、PNG、GIF 图片或 MP4 视频",
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.gif,.mp4"}),
        error_messages={"required": "请选择文件。", "empty": "文件为空。"},
    )
    caption = forms.CharField(
        label="说明", max_length=200, help_text="图片的替代文字或视频的标题，公开显示（2至200字）"
    )


class ResponseForm(_OrgForm):
    org = _orgs_field("回应机关")
    responded_on = forms.DateField(label="回应日期", widget=DATE, error_messages=DATE_ERRORS)
    topic = forms.CharField(label="关切事项", max_length=200)
    kind = forms.ChoiceField(label="类型", choices=ResponseKind.choices)
    channel = forms.ChoiceField(label="回应渠道", choices=ResponseChannel.choices)
    url = forms.CharField(label="链接", max_length=200, required=False)
    summary = text_area("回应内容摘要", required=False)


class IssueForm(_OrgForm):
    org = _orgs_field("编辑出版机关")
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    number = forms.IntegerField(label="期号", min_value=1, max_value=999)
    published_on = forms.DateField(label="出版日期", widget=DATE, error_messages=DATE_ERRORS)
    pdf = forms.FileField(label="PDF", required=False)


class ContentsForm(forms.Form):
    lines = text_area(
        "目录",
        rows=10,
        help_text="每行一条：索引号，可在其后空一格写栏目名称，如“11210400MB0000000X/2026-00001 市政府文件”",
    )

    def entries(self, items: Any) -> list[tuple[Item, str]]:
        """(item, section) for each line; unknown index numbers are errors of the form."""
        found = []
        for n, line in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            parts = line.split(maxsplit=1)
            if not parts:
                continue
            item = items.filter(index_no=parts[0]).first()
            if item is None:
                self.add_error("lines", f"第{n}行：没有找到索引号为“{parts[0][:40]}”的已发布信息。")
                return []
            found.append((item, parts[1] if len(parts) > 1 else ""))
        return found


class AccountForm(_OrgForm):
    org = _orgs_field("机构")
    platform = forms.ChoiceField(label="平台", choices=Platform.choices)
    name = forms.CharField(label="名称", max_length=100)
    url = forms.CharField(label="网址", max_length=200, required=False)


class PostForm(forms.Form):
    posted_on = forms.DateField(label="发布日期", widget=DATE, error_messages=DATE_ERRORS)
    title = forms.CharField(label="标题", max_length=300)
    url = forms.CharField(label="链接", max_length=500, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label="CSV 文件", help_text="UTF-8，列：日期、标题，可选 链接、编号")


class MonthlyForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    month = forms.IntegerField(label="月份", min_value=1, max_value=12)
    count = forms.IntegerField(label="条数", min_value=1, max_value=100000)


class StatisticsForm(forms.Form):
    org = _orgs_field("机构（含下级）")
    start = forms.DateField(label="起始日期", widget=DATE, error_messages=DATE_ERRORS)
    end = forms.DateField(label="截止日期", widget=DATE, error_messages=DATE_ERRORS)

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["org"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = orgs

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError("起始日期不能晚于截止日期。")
        return data
