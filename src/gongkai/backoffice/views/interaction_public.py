"""Back office of consultations on drafts (意见征集) and online interviews (在线访谈): lists, the form to open or
announce one, and each one's page with moderation, dispositions or answers, the feedback or the transcript.
Every POST calls a service of `interaction.consultations` / `interaction.interviews`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.core.forms import run_service
from gongkai.interaction import consultations as cs
from gongkai.interaction import forms as f
from gongkai.interaction import interviews as iv
from gongkai.interaction import selectors
from gongkai.interaction import surveys as sv
from gongkai.interaction.models import Comment, Consultation, ConsultationBasis, Interview, InterviewQuestion
from gongkai.orgs.models import Organization


def _org(code: str) -> Organization:
    org = Organization.objects.active().filter(credit_code=code).first()
    if org is None:
        raise ValidationError({"org": ["请选择单位。"]})
    return org


def _basis(code: str) -> ConsultationBasis:
    basis = ConsultationBasis.objects.filter(code=code).first()
    if basis is None:
        raise ValidationError({"basis": ["该法定依据已不存在，请重新选择。"]})
    return basis


def _list_page(
    request: HttpRequest,
    form: forms.Form | None,
    call: Callable[[dict[str, Any]], object],
    done: str,
    to: str,
    template: str,
    items: Any,
) -> HttpResponse:
    """A list of consultations, interviews or surveys with the form to open a new one (None for a user who runs
    none): a POST calls the service and returns to the list, or shows the form's errors (400)."""
    if request.method == "POST" and form is not None and run_service(form, call):
        messages.success(request, done)
        return redirect(to)
    return render(
        request, template, {"items": items, "form": form, "menu": "interaction"},
        status=400 if request.method == "POST" else 200,
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------------- consultations


@staff_required
@never_cache
@require_http_methods(["GET", "POST"])
def consultation_list(request: HttpRequest) -> HttpResponse:
    orgs = selectors.run_orgs(request.user)
    form = f.ConsultationForm(request.POST or None, orgs=orgs, prefix="new")

    def call(d: dict[str, Any]) -> object:
        return cs.consultation_open(
            actor=request.user, org=_org(d["org"]), basis=_basis(d["basis"]),
            title=d["title"], draft=d["draft"], explanation=d["explanation"], opens_on=d["opens_on"],
            closes_on=d["closes_on"], short_reason=d["short_reason"],
        )  # fmt: skip

    return _list_page(
        request, form if orgs else None, call, "意见征集已发布。", "backoffice:interaction_consultations",
        "backoffice/interaction/consultations.html", selectors.consultations_for(request.user),
    )  # fmt: skip


def _consultation_context(item: Consultation, bound: dict[str, forms.Form] | None = None) -> dict[str, Any]:
    bound = bound or {}
    comments = [
        (
            c,
            bound.get(f"moderate:{c.pk}") or f.ModerateForm(initial={"target": c.pk}, auto_id=f"m{c.pk}_%s"),
            bound.get(f"dispose:{c.pk}")
            or f.DisposeForm(
                initial={"comment": c.pk, "disposition": c.disposition, "topic": c.topic, "reason": c.reason},
                auto_id=f"d{c.pk}_%s",
            ),
        )
        for c in item.comments.all()
    ]
    return {
        "item": item,
        "comments": comments,
        "tally": cs.tally(item),
        "feedback_form": bound.get("feedback") or f.FeedbackForm(),
        "menu": "interaction",
    }


@staff_required
@never_cache
@require_http_methods(["GET"])
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_consultation_for_staff(request.user, pk)
    return render(request, "backoffice/interaction/consultation.html", _consultation_context(item))


def _comment(item: Consultation, pk: Any) -> Comment:
    comment = item.comments.filter(pk=pk).first() if isinstance(pk, int) else None
    if comment is None:
        raise Http404("没有这条意见。")
    return comment


@staff_required
@require_POST
def consultation_action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    item = selectors.get_consultation_for_staff(request.user, pk)
    target = request.POST.get("target") or request.POST.get("comment") or ""
    key = name
    form: forms.Form
    if name == "moderate":
        form = f.ModerateForm(request.POST)
        key = f"moderate:{target}"
        done = run_service(
            form,
            lambda d: cs.comment_moderate(
                actor=request.user, comment=_comment(item, d["target"]), approve=d["decision"] == "yes"
            ),
        )
    elif name == "dispose":
        form = f.DisposeForm(request.POST)
        key = f"dispose:{target}"
        done = run_service(
            form,
            lambda d: cs.comment_dispose(
                actor=request.user,
                comment=_comment(item, d["comment"]),
                disposition=d["disposition"],
                reason=d["reason"],
                topic=d["topic"],
            ),
        )
    elif name == "feedback":
        form = f.FeedbackForm(request.POST)
        done = run_service(
            form,
            lambda d: cs.consultation_feedback(
                actor=request.user, consultation=item, text=d["text"], catalog_item_id=d["catalog_item_id"]
            ),
        )
    else:
        raise Http404("没有该操作。")
    if done:
        messages.success(request, "已保存。")
        return redirect("backoffice:interaction_consultation", pk=item.pk)
    context = _consultation_context(item, {key: form})
    return render(request, "backoffice/interaction/consultation.html", context, status=400)


# ---------------------------------------------------------------------------------------------------- interviews


@staff_required
@never_cache
@require_http_methods(["GET", "POST"])
def interview_list(request: HttpRequest) -> HttpResponse:
    orgs = selectors.run_orgs(request.user)
    form = f.InterviewForm(request.POST or None, orgs=orgs, prefix="new")

    def call(d: dict[str, Any]) -> object:
        return iv.interview_announce(
            actor=request.user, org=_org(d["org"]), title=d["title"], guests=d["guests"], summary=d["summary"],
            starts_at=d["starts_at"], ends_at=d["ends_at"],
        )  # fmt: skip

    return _list_page(
        request, form if orgs else None, call, "访谈预告已发布。", "backoffice:interaction_interviews",
        "backoffice/interaction/interviews.html", selectors.interviews_for(request.user),
    )  # fmt: skip


def _interview_context(item: Interview, bound: dict[str, forms.Form] | None = None) -> dict[str, Any]:
    bound = bound or {}
    questions = [
        (
            q,
            iv.late(q),
            bound.get(f"moderate:{q.pk}") or f.ModerateForm(initial={"target": q.pk}, auto_id=f"m{q.pk}_%s"),
            bound.get(f"answer:{q.pk}")
            or f.AnswerForm(initial={"target": q.pk, "answer": q.answer}, auto_id=f"a{q.pk}_%s"),
        )
        for q in item.questions.all()
    ]
    return {
        "item": item,
        "questions": questions,
        "transcript_form": bound.get("transcript")
        or f.TranscriptForm(initial={"transcript": item.transcript}),
        "menu": "interaction",
    }


@staff_required
@never_cache
@require_http_methods(["GET"])
def interview(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_interview_for_staff(request.user, pk)
    return render(request, "backoffice/interaction/interview.html", _interview_context(item))


def _question(item: Interview, pk: Any) -> InterviewQuestion:
    question = item.questions.filter(pk=pk).first() if isinstance(pk, int) else None
    if question is None:
        raise Http404("没有这个提问。")
    return question


@staff_required
@require_POST
def interview_action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    item = selectors.get_interview_for_staff(request.user, pk)
    target = request.POST.get("target") or ""
    form: forms.Form
    if name == "moderate":
        form, key = f.ModerateForm(request.POST), f"moderate:{target}"
        done = run_service(
            form,
            lambda d: iv.question_moderate(
                actor=request.user, question=_question(item, d["target"]), approve=d["decision"] == "yes"
            ),
        )
    elif name == "answer":
        form, key = f.AnswerForm(request.POST), f"answer:{target}"
        done = run_service(
            form,
            lambda d: iv.question_answer(
                actor=request.user, question=_question(item, d["target"]), answer=d["answer"]
            ),
        )
    elif name == "transcript":
        form, key = f.TranscriptForm(request.POST), "transcript"
        done = run_service(
            form,
            lambda d: iv.transcript_publish(actor=request.user, interview=item, transcript=d["transcript"]),
        )
    else:
        raise Http404("没有该操作。")
    if done:
        messages.success(request, "已保存。")
        return redirect("backoffice:interaction_interview", pk=item.pk)
    return render(
        request, "backoffice/interaction/interview.html", _interview_context(item, {key: form}), status=400
    )


# ---------------------------------------------------------------------------------------------------- surveys


@staff_required
@never_cache
@require_http_methods(["GET", "POST"])
def survey_list(request: HttpRequest) -> HttpResponse:
    orgs = selectors.run_orgs(request.user)
    form = f.SurveyCreateForm(request.POST or None, orgs=orgs, prefix="new")

    def call(d: dict[str, Any]) -> object:
        return sv.survey_create(
            actor=request.user, org=_org(d["org"]), title=d["title"], intro=d["intro"], questions=d["questions"],
            opens_on=d["opens_on"], closes_on=d["closes_on"], results_public=d["results_public"],
        )  # fmt: skip

    return _list_page(
        request, form if orgs else None, call, "调查已发布。", "backoffice:interaction_surveys",
        "backoffice/interaction/surveys.html", selectors.surveys_for(request.user),
    )  # fmt: skip


@staff_required
@require_http_methods(["GET"])
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_survey_for_staff(request.user, pk)
    total, results = sv.results(item)
    return render(
        request,
        "backoffice/interaction/survey.html",
        {"item": item, "total": total, "results": results, "menu": "interaction"},
    )
