"""政民互动 on the portal: the channels, the message form (no JavaScript), following a message with its number and
query code, the published letters and each channel's statistics."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import get_usage, is_ratelimited

from gongkai.core.forms import form_errors_from
from gongkai.interaction import consultations, interviews, rules, selectors, services, surveys
from gongkai.interaction.forms import (
    CommentForm,
    EvaluationForm,
    MessageForm,
    QuestionForm,
    SurveyForm,
    TrackForm,
)

#: Messages accepted from one client address per hour (the per-phone limit is the service's).
PER_CLIENT = "5/h"
TRACK_RATE = "20/h"


def _crumbs(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [("首页", "/"), ("政民互动", "/hudong/"), *extra]


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    channels = list(selectors.public_channels())
    return render(
        request,
        "portal/interaction/home.html",
        {
            "channels": channels,
            "recent": selectors.published()[:10],
            "stats": selectors.statistics(),
            "column": "interaction",
            "breadcrumbs": [("首页", "/"), ("政民互动", "")],
        },
    )


@require_GET
def channel(request: HttpRequest, code: str) -> HttpResponse:
    channel = selectors.get_public_channel(code)
    query = (request.GET.get("q") or "").strip()[:50]
    letters = selectors.published(channel)
    if query:
        letters = letters.filter(public_title__icontains=query) | letters.filter(public_body__icontains=query)
    page = Paginator(letters, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/interaction/channel.html",
        {
            "channel": channel,
            "page": page,
            "query": query,
            "stats": selectors.statistics(channel=channel),
            "column": "interaction",
            "breadcrumbs": _crumbs((channel.name, "")),
        },
    )


@require_GET
def letter(request: HttpRequest, number: str) -> HttpResponse:
    message = selectors.get_published(number)
    return render(
        request,
        "portal/interaction/letter.html",
        {
            "message": message,
            "column": "interaction",
            "breadcrumbs": _crumbs(
                (message.channel.name, f"/hudong/{message.channel.code}/"), (message.number, "")
            ),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def write(request: HttpRequest, code: str) -> HttpResponse:
    channel = selectors.get_public_channel(code)
    if not channel.public_form:
        return render(
            request,
            "portal/interaction/closed.html",
            {"channel": channel, "column": "interaction"},
            status=404,
        )
    form = MessageForm(request.POST or None, request.FILES or None, channel=channel)
    status, submission = 200, None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            usage = get_usage(request, group="interaction.write", key="ip", rate=PER_CLIENT, increment=False)
            if usage is not None and usage["count"] >= usage["limit"]:
                form.add_error(None, "提交过于频繁，请一小时后再试。")
                status = 429
            else:
                try:
                    submission = services.message_submit(
                        channel=channel,
                        data=form.cleaned_data,
                        client_key=services.phone_key(request.META.get("REMOTE_ADDR", "")),
                        suspect=form.suspect(),
                        attachments=form.cleaned_data.get("attachments") or [],
                    )
                except ValidationError as exc:
                    form_errors_from(form, exc)
                else:
                    is_ratelimited(
                        request, group="interaction.write", key="ip", rate=PER_CLIENT, increment=True
                    )
                    status = 200
        if submission is None:
            form.refresh_challenge()
    return render(
        request,
        "portal/interaction/write.html",
        {
            "channel": channel,
            "form": form,
            "submission": submission,
            "column": "interaction",
            "breadcrumbs": _crumbs((channel.name, f"/hudong/{channel.code}/"), ("我要写信", "")),
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """The writer's view of one message: status, public steps, the answer, and the rating form once answered.
    Nothing is kept in a session: each POST carries the number and the code."""
    form = TrackForm(request.POST or None)
    status, message, evaluation = 200, None, None
    if request.method == "POST":
        status = 400
        if is_ratelimited(request, group="interaction.track", key="ip", rate=TRACK_RATE, increment=True):
            form.add_error(None, "查询过于频繁，请一小时后再试。")
            status = 429
        elif form.is_valid():
            message = selectors.find_by_code(form.cleaned_data["number"], form.cleaned_data["query_code"])
            if message is None:
                form.add_error(None, "留言编号或查询码不正确，请核对后重新输入。")
                status = 404
            else:
                status = 200
                if rules.applicant_can_evaluate(message):
                    evaluation = EvaluationForm(request.POST if "level" in request.POST else None)
                    if "level" in request.POST and evaluation.is_valid():
                        try:
                            message = services.message_evaluate(
                                actor=services.WRITER,
                                message=message,
                                level=evaluation.cleaned_data["level"],
                                comment=evaluation.cleaned_data["comment"],
                            )
                        except ValidationError as exc:
                            form_errors_from(evaluation, exc)
                            status = 400
                        else:
                            evaluation = None
                    elif "level" in request.POST:
                        status = 400
    return render(
        request,
        "portal/interaction/track.html",
        {
            "form": form,
            "message": message,
            "events": message.events.filter(public=True) if message else [],
            "files": message.files.all() if message else [],
            "evaluation": evaluation,
            "column": "interaction",
            "breadcrumbs": _crumbs(("留言查询", "")),
        },
        status=status,
    )


def _public_submit(
    request: HttpRequest, form: Any, is_open: bool, group: str, call: Callable[[dict[str, Any], str], object]
) -> tuple[int, bool, Any]:
    """A visitor's contribution on a consultation, interview or survey page: 409 while it is not open, the form's
    errors (400), the per-client limit (429, counted in `group`), else the service `call(cleaned data, the
    form's suspicion)`, whose refusal lands on the form. Returns the status, whether it was sent and the form
    still to show."""
    if request.method != "POST":
        return 200, False, form
    status = 400 if is_open else 409
    if form is not None and form.is_valid():
        if is_ratelimited(request, group=group, key="ip", rate=PER_CLIENT, increment=True):
            form.add_error(None, "提交过于频繁，请一小时后再试。")
            status = 429
        else:
            try:
                call(form.cleaned_data, form.suspect())
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                return 200, True, None
    if form is not None:
        form.refresh_challenge()
    return status, False, form


@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/interaction/consultations.html",
        {
            "items": selectors.public_consultations()[:100],
            "column": "interaction",
            "breadcrumbs": _crumbs(("意见征集", "")),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_public_consultation(pk)
    open_ = consultations.is_open(item)
    form = CommentForm(request.POST or None) if open_ else None
    status, sent, form = _public_submit(
        request, form, open_, "interaction.comment",
        lambda data, suspect: consultations.comment_submit(consultation=item, data=data, suspect=suspect),
    )  # fmt: skip
    return render(
        request,
        "portal/interaction/consultation.html",
        {
            "item": item,
            "open": open_,
            "form": form,
            "sent": sent,
            "tally": consultations.tally(item) if item.feedback_at else None,
            "comments": selectors.published_comments(item),
            "column": "interaction",
            "breadcrumbs": _crumbs(("意见征集", "/hudong/zhengji/"), (item.title, "")),
        },
        status=status,
    )


@require_GET
def interview_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    items = [(i, i.state(now)) for i in selectors.public_interviews()[:100]]
    return render(
        request,
        "portal/interaction/interviews.html",
        {"items": items, "column": "interaction", "breadcrumbs": _crumbs(("在线访谈", ""))},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def interview(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_public_interview(pk)
    now = timezone.now()
    asking = interviews.accepts_questions(item, now)
    form = QuestionForm(request.POST or None) if asking else None
    status, sent, form = _public_submit(
        request, form, asking, "interaction.question",
        lambda data, suspect: interviews.question_submit(interview=item, data=data, suspect=suspect),
    )  # fmt: skip
    return render(
        request,
        "portal/interaction/interview.html",
        {
            "item": item,
            "state": item.state(now),
            "form": form,
            "sent": sent,
            "questions": selectors.published_questions(item),
            "column": "interaction",
            "breadcrumbs": _crumbs(("在线访谈", "/hudong/fangtan/"), (item.title, "")),
        },
        status=status,
    )


@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/interaction/surveys.html",
        {
            "items": selectors.public_surveys()[:100],
            "column": "interaction",
            "breadcrumbs": _crumbs(("网上调查", "")),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_public_survey(pk)
    open_ = surveys.is_open(item)
    form = SurveyForm(request.POST or None, survey=item) if open_ else None
    status, sent, form = _public_submit(
        request, form, open_, "interaction.survey",
        lambda data, suspect: surveys.response_submit(
            survey=item, answers=data, phone_key=services.phone_key(data["phone"]),
            client_key=services.phone_key(request.META.get("REMOTE_ADDR", "")), suspect=suspect,
        ),
    )  # fmt: skip
    shown = item.results_public and (not open_ or sent)
    total, results = surveys.results(item) if shown else (0, [])
    return render(
        request,
        "portal/interaction/survey.html",
        {
            "item": item,
            "open": open_,
            "form": form,
            "sent": sent,
            "total": total,
            "results": results,
            "shown": shown,
            "column": "interaction",
            "breadcrumbs": _crumbs(("网上调查", "/hudong/diaocha/"), (item.title, "")),
        },
        status=status,
    )
