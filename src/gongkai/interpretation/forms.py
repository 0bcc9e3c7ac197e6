"""The back office's interpretation form: parses input, the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.catalog.forms import DATE, DATE_ERRORS
from gongkai.catalog.models import Item
from gongkai.interpretation.models import SECTIONS, Kind
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
    links = forms.CharField(
        label="链接",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="图解、音视频等网址，每行一个",
    )

    def __init__(self, *args: Any, documents: Any, orgs: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen = self.fields["documents"]
        assert isinstance(chosen, forms.ModelMultipleChoiceField)
        chosen.queryset = documents
        organ = self.fields["org"]
        assert isinstance(organ, forms.ModelChoiceField)
        organ.queryset = orgs
        for name, heading in SECTIONS:
            self.fields[name] = forms.CharField(
                label=heading, widget=forms.Textarea(attrs={"rows": 3}), required=False
            )
        if editing:
            for name in ("org", "title", "written_on"):
                del self.fields[name]

    def sections(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name, _ in SECTIONS}
