"""The public column of replies to NPC suggestions and CPPCC proposals (建议提案办理结果), searchable by session,
answering unit and title; each reply is a catalog item of the genre 建议提案答复 (its public version)."""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.core.forms import form_errors_from, text_area
from gongkai.proposals import selectors, services

RATINGS = [("satisfied", "满意"), ("basically", "基本满意"), ("unsatisfied", "不满意")]
MAX_WRONG_CODES = 10  # per client address and hour


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


class EvaluationForm(forms.Form):
    code = forms.CharField(label="评价码", max_length=20, help_text="征询意见表上或短信中的12位评价码")
    attitude = forms.ChoiceField(label="对办理态度", choices=RATINGS, widget=forms.RadioSelect)
    result = forms.ChoiceField(label="对办理结果", choices=RATINGS, widget=forms.RadioSelect)
    comment = text_area("意见和建议", 2000, rows=4, required=False)


@never_cache
@require_http_methods(["GET", "POST"])
def evaluate(request: Any) -> Any:
    """The proposer's evaluation of the answer, with the one-time code (no login)."""
    form = EvaluationForm(request.POST or None)
    done = False
    key = "proposals:fb:" + hashlib.sha256(request.META.get("REMOTE_ADDR", "-").encode()).hexdigest()[:32]
    if request.method == "POST" and form.is_valid():
        if int(cache.get(key, 0) or 0) >= MAX_WRONG_CODES:
            form.add_error("code", "评价码错误次数过多，请一小时后再试。")
        else:
            d = form.cleaned_data
            try:
                services.feedback_submit(
                    code=d["code"], attitude=d["attitude"], result=d["result"], comment=d["comment"]
                )
            except ValidationError as exc:
                if not cache.add(key, 1, timeout=3600):
                    try:
                        cache.incr(key)
                    except ValueError:  # expired between add and incr
                        cache.set(key, 1, timeout=3600)
                form_errors_from(form, exc)
            else:
                done = True
    context = {"form": form, "done": done, "column": "proposals",
               "breadcrumbs": [("首页", "/"), ("建议提案办理结果", "/jyta/"), ("代表委员评价", None)]}  # fmt: skip
    return render(request, "portal/proposals/evaluate.html", context, status=400 if form.errors else 200)
