"""The public column of replies to NPC suggestions and CPPCC proposals (建议提案办理结果), searchable by session,
answering unit and title; each reply is a catalog item of the genre 建议提案答复 (its public version)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.proposals import selectors


class ReplySearchForm(forms.Form):
    q = forms.CharField(label="标题或编号", required=False, max_length=100)
    session = forms.TypedChoiceField(label="会次", required=False, coerce=int, empty_value=None)
    unit = forms.TypedChoiceField(label="承办单位", required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, sessions: Any = (), units: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, rows in (("session", sessions), ("unit", units)):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", "全部"), *((r.pk, r.name) for r in rows)]


@require_GET
def reply_list(request: Any) -> Any:
    sessions, units = selectors.published_filters()
    form = ReplySearchForm(request.GET or None, sessions=sessions, units=units)
    replies = selectors.published_replies()
    dropped = []
    if form.is_bound:
        if form.is_valid():
            d = form.cleaned_data
            replies = selectors.published_replies(session=d["session"], unit=d["unit"], q=d["q"].strip())
        else:
            dropped = [form.fields[name].label for name in form.errors]
    page = Paginator(replies, 30).get_page(request.GET.get("page"))
    context = {
        "form": form, "page": page, "dropped": dropped, "column": "proposals",
        "query": urlencode({k: v for k, v in request.GET.items() if k != "page" and v}),
        "breadcrumbs": [("首页", "/"), ("建议提案办理结果", None)],
    }  # fmt: skip
    return render(request, "portal/proposals/list.html", context, status=400 if dropped else 200)
