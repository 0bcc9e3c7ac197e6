"""Staff pages of policy interpretation: the list with deadlines and late flags, drafting, editing, one
interpretation. Review and publication are the catalog's (the interpretation's item page)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.backoffice.decorators import opens_for, staff_required
from gongkai.catalog import selectors as catalog_selectors
from gongkai.catalog.models import EDITABLE_STATUSES
from gongkai.core.forms import form_errors_from
from gongkai.interpretation import selectors, services
from gongkai.interpretation.forms import InterpretationForm
from gongkai.interpretation.models import SECTIONS, Kind
from gongkai.interpretation.rules import InterpretationRules, may_draft_somewhere


@staff_required
def interpretation_list(request):
    qs = selectors.interpretations_visible_to(request.user)
    kind = request.GET.get("kind", "")
    if kind in Kind.values:
        qs = qs.filter(kind=kind)
    if request.GET.get("late") == "1":
        qs = qs.filter(is_late=True)
    return render(
        request,
        "backoffice/interpretation/list.html",
        {
            "page": Paginator(qs, 30).get_page(request.GET.get("page")),
            "kinds": Kind.choices,
            "kind": kind,
            "late": request.GET.get("late") == "1",
            "menu": "interpretations",
        },
    )


@staff_required
@opens_for(may_draft_somewhere, "您不是信息编辑，不能起草政策解读。")
@require_http_methods(["GET", "POST"])
def interpretation_create(request):
    documents = selectors.normative_documents_for(request.user)
    form = InterpretationForm(
        request.POST or None,
        documents=documents,
        orgs=catalog_selectors.drafting_orgs(request.user),
        initial={"documents": [request.GET["document"]]}
        if request.GET.get("document", "").isdigit()
        else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            found = services.interpretation_create(
                actor=request.user,
                documents=data["documents"],
                org=data["org"],
                title=data["title"],
                kind=data["kind"],
                interpreter=data["interpreter"],
                written_on=data["written_on"],
                links=data["links"],
                sections=form.sections(),
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, "解读草稿已保存；请在解读信息页提交审核。")
            return redirect("backoffice:interpretation_detail", found.pk)
    return render(
        request,
        "backoffice/interpretation/form.html",
        {"form": form, "title": "起草政策解读", "menu": "interpretations"},
    )


@staff_required
def interpretation_detail(request, pk: int):
    found = selectors.get_interpretation_for_staff(user=request.user, pk=pk)
    rules = InterpretationRules(request.user, found.org)
    return render(
        request,
        "backoffice/interpretation/detail.html",
        {
            "i": found,
            "documents": found.documents.select_related("org").order_by("pk"),
            "can_edit": rules.may_draft() and found.item.status in EDITABLE_STATUSES,
            "menu": "interpretations",
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def interpretation_edit(request, pk: int):
    found = selectors.get_interpretation_for_staff(user=request.user, pk=pk)
    initial = {name: getattr(found, name) for name, _ in SECTIONS}
    initial.update(
        documents=list(found.documents.values_list("pk", flat=True)),
        kind=found.kind,
        interpreter=found.interpreter,
        links=found.links,
    )
    form = InterpretationForm(
        request.POST or None,
        initial=initial,
        documents=(selectors.normative_documents_for(request.user) | found.documents.all()).distinct(),
        orgs=catalog_selectors.drafting_orgs(request.user),
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.interpretation_update(
                actor=request.user,
                interpretation=found,
                documents=data["documents"],
                kind=data["kind"],
                interpreter=data["interpreter"],
                links=data["links"],
                sections=form.sections(),
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("backoffice:interpretation_detail", found.pk)
    return render(
        request,
        "backoffice/interpretation/form.html",
        {"form": form, "title": f"修改解读：{found.item.title}", "menu": "interpretations"},
    )
