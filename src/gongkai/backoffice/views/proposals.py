"""Staff pages of suggestions and proposals: the list, the deadline lists, sessions, registration by hand and
from the 交办清单, the item page and its actions (each one POST calling one service)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.backoffice.decorators import opens_for, staff_required
from gongkai.core.fonts import FontMissing
from gongkai.core.forms import form_errors_from, text_area
from gongkai.core.widgets import DateInput
from gongkai.proposals import letters, rules, selectors, services, statistics
from gongkai.proposals.models import (
    AssignmentRole,
    Body,
    ContactMethod,
    ContactStage,
    Kind,
    Proposal,
    ProposerData,
    ProposerRole,
    ReplyDisclosure,
    ReturnState,
    Status,
)

PAGE_SIZE = 50
MAX_IMPORT_BYTES = 10 * 1024 * 1024

# --- Forms (validate and render; services save) ------------------------------------------------------------


def _set_choices(form: forms.Form, name: str, choices: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class FilterForm(forms.Form):
    q = forms.CharField(label="编号或标题", required=False, max_length=100)
    session = forms.TypedChoiceField(label="会次", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部"), *Status.choices])

    def __init__(self, *args: Any, sessions: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "session", [("", "全部"), *((s.pk, s.name) for s in sessions)])


class SessionForm(forms.Form):
    org = forms.TypedChoiceField(label="交办机构", coerce=int)
    body = forms.ChoiceField(label="类别", choices=Body.choices)
    name = forms.CharField(label="名称", max_length=120, help_text="如：某市第十七届人民代表大会第五次会议")
    term = forms.IntegerField(label="届", min_value=1, max_value=99)
    meeting = forms.IntegerField(
        label="次", min_value=1, max_value=20, required=False, help_text="闭会期间留空"
    )
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    opens_on = forms.DateField(label="开幕日期", widget=DateInput())
    closes_on = forms.DateField(label="闭幕日期", required=False, widget=DateInput())

    def __init__(self, *args: Any, orgs: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "org", [(o.pk, o.name) for o in orgs])


class SessionChoiceForm(forms.Form):
    session = forms.TypedChoiceField(label="会次", coerce=int)

    def __init__(self, *args: Any, sessions: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "session", [(s.pk, s.name) for s in sessions])


class ProposalForm(SessionChoiceForm):
    kind = forms.ChoiceField(label="类别", choices=Kind.choices)
    number = forms.CharField(label="编号", max_length=30)
    title = forms.CharField(label="标题", max_length=300)
    reasons = text_area("案由", rows=5, required=False)
    suggestions = text_area("具体建议", rows=8, required=False)
    lead = forms.CharField(label="领衔人（或代表团、界别、党派、团体）", max_length=100)
    lead_is_group = forms.BooleanField(label="以代表团、界别、党派或团体名义提出", required=False)
    affiliation = forms.CharField(label="代表团/界别/单位", max_length=100, required=False)
    contacts = forms.CharField(
        label="联系方式",
        max_length=500,
        required=False,
        help_text="加密保存，只有交办和承办人员可见，不公开。",
    )
    cosigners = text_area("附议人", rows=3, required=False, help_text="每行一人")
    key_supervision = forms.BooleanField(label="重点督办", required=False)
    supervising_leader = forms.CharField(label="督办领导", max_length=60, required=False)
    confidential = forms.BooleanField(label="涉密", required=False)


class ImportForm(SessionChoiceForm):
    file = forms.FileField(
        label="交办清单（XLSX）", help_text="表头见说明文档：编号、类别、标题、领衔人……主办单位、会办单位。"
    )
    assigned_on = forms.DateField(label="交办日期", required=False, widget=DateInput(), help_text="默认今天")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("文件不能超过10MB。")
        return upload


class AssignForm(forms.Form):
    lead = forms.TypedChoiceField(label="主办单位", coerce=int, required=False, empty_value=None)
    co = forms.TypedMultipleChoiceField(label="会办单位", coerce=int, required=False)
    split = forms.TypedMultipleChoiceField(label="分办单位（无主办时）", coerce=int, required=False)
    assigned_on = forms.DateField(label="交办日期", widget=DateInput())

    def __init__(self, *args: Any, units: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(o.pk, "　" * max(o.depth - 2, 0) + o.name) for o in units]
        _set_choices(self, "lead", [("", "—"), *choices])
        _set_choices(self, "co", choices)
        _set_choices(self, "split", choices)
        self.fields["assigned_on"].initial = timezone.localdate()


class MergeForm(forms.Form):
    into = forms.CharField(label="并入本会次第几号", max_length=30)


class NoteForm(forms.Form):
    note = text_area("理由", 2000, rows=3)


class TargetForm(forms.Form):
    target = forms.IntegerField(widget=forms.HiddenInput)


class ReturnForm(TargetForm):
    reasons = text_area("退回理由", 5000, rows=3)


class DecideForm(TargetForm):
    grant = forms.TypedChoiceField(
        label="决定", choices=[("1", "同意退回"), ("0", "不同意退回")], coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )  # fmt: skip
    note = text_area("说明", 2000, required=False)


class OpinionForm(TargetForm):
    text = text_area("会办意见", 20000, rows=5)


class ContactForm(TargetForm):
    stage = forms.ChoiceField(label="阶段", choices=ContactStage.choices)
    method = forms.ChoiceField(label="方式", choices=ContactMethod.choices)
    happened_on = forms.DateField(label="日期", widget=DateInput())
    delegates = forms.CharField(label="参加的代表委员", max_length=200)
    note = text_area("情况记录", 5000, rows=3, required=False)
    signed = forms.BooleanField(label="代表委员已签字确认", required=False)


class ReplyForm(TargetForm):
    letter_no = forms.CharField(label="文号", max_length=60, help_text="如：抚环函〔2025〕12号")
    signer = forms.CharField(label="签发人", max_length=30)
    result_class = forms.ChoiceField(label="答复分类")
    text = text_area("答复正文（逐条答复）", 50000, rows=12)
    contact_person = forms.CharField(label="联系人", max_length=30)
    contact_phone = forms.CharField(label="联系电话", max_length=30)
    disclosure = forms.ChoiceField(
        label="公开属性", choices=ReplyDisclosure.choices, widget=forms.RadioSelect, initial=ReplyDisclosure.FULL,
        help_text="复文与公开同步审查：公开版本不含代表委员和联系人的联系方式。",
    )  # fmt: skip
    disclosure_reason = forms.CharField(label="不公开理由", required=False, max_length=300)
    summary = text_area("公开摘要（摘要公开时填写）", 5000, rows=4, required=False)

    def __init__(self, *args: Any, classes: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "result_class", [(c.code, f"{c.code}类：{c.meaning}") for c in classes])


class CosignForm(TargetForm):
    note = forms.CharField(label="会签意见（可不填）", required=False, max_length=500)


class ReviewForm(TargetForm):
    approve = forms.TypedChoiceField(
        label="审签", choices=[("1", "同意，签发答复"), ("0", "退回修改")], coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )  # fmt: skip
    result_class = forms.ChoiceField(label="答复分类（可调整）")
    note = text_area("意见", 2000, required=False)

    def __init__(self, *args: Any, classes: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "result_class", [(c.code, f"{c.code}类：{c.meaning}") for c in classes])


RATING_CHOICES = [("satisfied", "满意"), ("basically", "基本满意"), ("unsatisfied", "不满意")]


class EmptyForm(forms.Form):
    pass


class FeedbackEnterForm(forms.Form):
    proposer = forms.TypedChoiceField(label="代表委员", coerce=int)
    attitude = forms.ChoiceField(label="办理态度", choices=RATING_CHOICES, widget=forms.RadioSelect)
    result = forms.ChoiceField(label="办理结果", choices=RATING_CHOICES, widget=forms.RadioSelect)
    comment = text_area("意见", 2000, required=False)
    on = forms.DateField(label="评价表签署日期", widget=DateInput())

    def __init__(self, *args: Any, proposers: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "proposer", [(p.pk, f"{p.name}（{p.get_role_display()}）") for p in proposers])


class CommitmentForm(TargetForm):
    text = forms.CharField(label="承诺事项", max_length=500)
    due_on = forms.DateField(label="承诺完成日期", widget=DateInput())


class SettleForm(TargetForm):
    fulfilled = forms.TypedChoiceField(
        label="结果", choices=[("1", "已落实"), ("0", "未能落实（已向代表委员说明）")], coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )  # fmt: skip
    note = text_area("落实情况", 5000)


# --- Lists ------------------------------------------------------------------------------------------------


@staff_required
@require_GET
def proposal_list(request: Any) -> Any:
    sessions = selectors.sessions_visible_to(request.user).distinct()
    form = FilterForm(request.GET or None, sessions=sessions)
    qs = selectors.proposals_visible_to(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.filter(Q(number=data["q"].strip()) | Q(title__icontains=data["q"].strip()))
        if data["session"]:
            qs = qs.filter(session_id=data["session"])
        if data["status"]:
            qs = qs.filter(status=data["status"])
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
    context = {"menu": "proposals", "form": form, "page": page, "query": query, "today": timezone.localdate()}
    return render(request, "backoffice/proposals/list.html", context)


@staff_required
@require_GET
def deadlines(request: Any) -> Any:
    today = timezone.localdate()
    days = selectors.policy_for(Body.NPC).remind_days
    context = {
        "menu": "proposals_deadlines", "today": today, "days": days,
        "overdue": selectors.overdue(request.user, today), "due_soon": selectors.due_soon(request.user, today, days),
        "to_publish": selectors.replies_to_publish(request.user),
        "commitments": selectors.open_commitments(request.user),
    }  # fmt: skip
    return render(request, "backoffice/proposals/deadlines.html", context)


class StatsFilterForm(forms.Form):
    session = forms.TypedChoiceField(label="会次", required=False, coerce=int, empty_value=None)
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    unit = forms.CharField(label="承办单位（名称包含）", required=False, max_length=50)
    kind = forms.ChoiceField(label="类别", required=False, choices=[("", "全部"), *Kind.choices])

    def __init__(self, *args: Any, sessions: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "session", [("", "全部"), *((s.pk, s.name) for s in sessions)])


@staff_required
@require_GET
def stats(request: Any) -> Any:
    form = StatsFilterForm(
        request.GET or None, sessions=selectors.sessions_visible_to(request.user).distinct()
    )
    items = selectors.proposals_visible_to(request.user)
    title = "全部"
    if form.is_valid():
        d = form.cleaned_data
        items = selectors.filter_for_statistics(
            items, session=d["session"], year=d["year"], unit=d["unit"], kind=d["kind"]
        )
        title = "、".join(
            [*(s.name for s in selectors.sessions_visible_to(request.user).filter(pk=d["session"] or 0)),
             *([f"{d['year']}年"] if d["year"] else []), d["unit"], str(Kind(d["kind"]).label) if d["kind"] else ""]
        ).strip("、") or title  # fmt: skip
    table = statistics.compute(items)
    context = {"menu": "proposals_stats", "form": form, "table": table, "definitions": statistics.DEFINITIONS,
               "summary": statistics.summary_text(title, table), "classes": sorted(table.total.classes.items())}  # fmt: skip
    return render(
        request,
        "backoffice/proposals/statistics.html",
        context,
        status=200 if form.is_valid() or not form.is_bound else 400,
    )


# --- Sessions, registration, import ---------------------------------------------------------------------


def _page(request: Any, form: forms.Form, title: str, status: int = 200, multipart: bool = False) -> Any:
    context = {
        "menu": "proposals",
        "form": form,
        "title": title,
        "multipart": multipart,
    }
    return render(request, "backoffice/proposals/form.html", context, status=status)


@staff_required
@opens_for(rules.can_register, "只有负责交办的政府办公室可以登记会次和建议提案。")
@require_http_methods(["GET", "POST"])
def session_new(request: Any) -> Any:
    orgs = list(rules.assigning_orgs(request.user))
    form = SessionForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        org = next(o for o in orgs if o.pk == data.pop("org"))
        try:
            services.session_create(actor=request.user, org=org, **data)
        except (ValidationError, PermissionDenied) as exc:
            _errors(form, exc)
        else:
            messages.success(request, "会次已登记。")
            return redirect("backoffice:proposals_list")
    return _page(request, form, "登记会次", status=400 if form.errors else 200)


def _assigning_sessions(user: Any) -> list[Any]:
    return [s for s in selectors.sessions_visible_to(user).distinct() if rules.may_open_session(user, s)]


def _errors(form: forms.Form, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        form_errors_from(form, exc)
    else:
        form.add_error(None, str(exc))


@staff_required
@opens_for(rules.can_register, "只有负责交办的政府办公室可以登记建议提案。")
@require_http_methods(["GET", "POST"])
def proposal_new(request: Any) -> Any:
    sessions = _assigning_sessions(request.user)
    form = ProposalForm(request.POST or None, sessions=sessions)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        lead_role = ProposerRole.GROUP if d["lead_is_group"] else ProposerRole.LEAD
        people = [ProposerData(d["lead"], lead_role, d["affiliation"], d["contacts"])]
        people += [
            ProposerData(n.strip(), ProposerRole.COSIGNER) for n in d["cosigners"].splitlines() if n.strip()
        ]
        try:
            proposal = services.proposal_register(
                actor=request.user, session=next(s for s in sessions if s.pk == d["session"]), kind=d["kind"],
                number=d["number"], title=d["title"], reasons=d["reasons"], suggestions=d["suggestions"],
                proposers=people, key_supervision=d["key_supervision"], supervising_leader=d["supervising_leader"],
                confidential=d["confidential"],
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as exc:
            _errors(form, exc)
        else:
            messages.success(request, "已登记。")
            return redirect("backoffice:proposals_detail", proposal.pk)
    return _page(request, form, "登记建议提案", status=400 if form.errors else 200)


@staff_required
@opens_for(rules.can_register, "只有负责交办的政府办公室可以导入交办清单。")
@require_http_methods(["GET", "POST"])
def proposal_import(request: Any) -> Any:
    sessions = _assigning_sessions(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, sessions=sessions)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.proposals_import(
                actor=request.user, session=next(s for s in sessions if s.pk == form.cleaned_data["session"]),
                data=form.cleaned_data["file"].read(), assigned_on=form.cleaned_data["assigned_on"],
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as exc:
            _errors(form, exc)
        else:
            messages.success(request, f"已导入{len(created)}件。")
            return redirect("backoffice:proposals_list")
    return _page(request, form, "导入交办清单", status=400 if form.errors else 200, multipart=True)


# --- The item page and its actions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    form: Callable[..., forms.Form]
    run: Callable[[Any, Proposal, dict[str, Any]], Any]
    done: str


def _target(proposal: Proposal, allowed: list[Any], pk: int) -> Any:
    found = next((a for a in allowed if a.pk == pk), None)
    if found is None:
        raise PermissionDenied("该单位现在不能执行该操作。")
    return found


def _assign(request: Any, proposal: Proposal, d: dict[str, Any]) -> Any:
    units = {o.pk: o for o in selectors.assignable_units(proposal.session)}
    if any(pk not in units for pk in [d["lead"], *d["co"], *d["split"]] if pk is not None):
        raise ValidationError("请从列表中选择单位。")
    return services.proposal_assign(
        actor=request.user, proposal=proposal, lead=units.get(d["lead"]) if d["lead"] else None,
        co=[units[pk] for pk in d["co"]], split=[units[pk] for pk in d["split"]], assigned_on=d["assigned_on"],
    )  # fmt: skip


def _merge(request: Any, proposal: Proposal, d: dict[str, Any]) -> Any:
    into = Proposal.objects.filter(session=proposal.session, number=d["into"].strip()).first()
    if into is None:
        raise ValidationError({"into": "本会次没有该编号。"})
    return services.proposal_merge(actor=request.user, proposal=proposal, into=into)


def _return_request(request: Any, proposal: Proposal, d: dict[str, Any]) -> Any:
    assignment = _target(proposal, rules.ProposalRules(request.user, proposal).returnable(), d["target"])
    return services.return_request(actor=request.user, assignment=assignment, reasons=d["reasons"])


def _return_decide(request: Any, proposal: Proposal, d: dict[str, Any]) -> Any:
    pending = [
        r for a in proposal.assignments.all() for r in a.return_requests.filter(state=ReturnState.PENDING)
    ]
    target = _target(proposal, pending, d["target"])
    return services.return_decide(actor=request.user, request=target, grant=d["grant"], note=d["note"])


def _opinion(request: Any, proposal: Proposal, d: dict[str, Any]) -> Any:
    assignment = _target(proposal, rules.ProposalRules(request.user, proposal).opinion_open(), d["target"])
    return services.opinion_send(actor=request.user, assignment=assignment, text=d["text"])


def _contact(request: Any, proposal: Proposal, d: dict[str, Any]) -> Any:
    assignment = _target(
        proposal, rules.ProposalRules(request.user, proposal).contact_units(), d.pop("target")
    )
    return services.contact_record(actor=request.user, assignment=assignment, **d)


def _reply_draft(request: Any, proposal: Proposal, d: dict[str, Any]) -> Any:
    assignment = _target(proposal, rules.ProposalRules(request.user, proposal).drafting(), d.pop("target"))
    return services.reply_draft(actor=request.user, assignment=assignment, **d)


def _reply_submit(request: Any, proposal: Proposal, d: dict[str, Any]) -> Any:
    assignment = _target(proposal, rules.ProposalRules(request.user, proposal).drafting(), d["target"])
    reply = rules.reply_of(assignment)
    if reply is None:
        raise ValidationError("请先保存答复稿。")
    return services.reply_submit(actor=request.user, reply=reply)


def _cosign(request: Any, proposal: Proposal, d: dict[str, Any]) -> Any:
    pairs = rules.ProposalRules(request.user, proposal).cosigning()
    assignment = _target(proposal, [a for a, _ in pairs], d["target"])
    return services.reply_cosign(actor=request.user, reply=pairs[0][1], assignment=assignment, note=d["note"])


def _reply_review(request: Any, proposal: Proposal, d: dict[str, Any]) -> Any:
    reply = _target(proposal, rules.ProposalRules(request.user, proposal).reviewing(), d["target"])
    return services.reply_review(
        actor=request.user, reply=reply, approve=d["approve"], result_class=d["result_class"], note=d["note"]
    )


def _publish(request: Any, proposal: Proposal, d: dict[str, Any]) -> Any:
    reply = _target(proposal, rules.ProposalRules(request.user, proposal).publishable(), d["target"])
    return services.reply_publish(actor=request.user, reply=reply)


def _feedback_enter(request: Any, proposal: Proposal, d: dict[str, Any]) -> Any:
    proposer = _target(proposal, list(proposal.proposers.all()), d["proposer"])
    return services.feedback_enter(
        actor=request.user, proposer=proposer, attitude=d["attitude"], result=d["result"], comment=d["comment"],
        on=d["on"],
    )  # fmt: skip


def _commitment(request: Any, proposal: Proposal, d: dict[str, Any]) -> Any:
    assignment = _target(proposal, rules.ProposalRules(request.user, proposal).answering_units(), d["target"])
    return services.commitment_add(
        actor=request.user, assignment=assignment, text=d["text"], due_on=d["due_on"]
    )


def _settle(request: Any, proposal: Proposal, d: dict[str, Any]) -> Any:
    commitment = _target(
        proposal, rules.ProposalRules(request.user, proposal).open_commitments(), d["target"]
    )
    return services.commitment_settle(
        actor=request.user, commitment=commitment, fulfilled=d["fulfilled"], note=d["note"]
    )


ACTIONS: dict[str, Action] = {
    "assign": Action(AssignForm, _assign, "已交办。"),
    "merge": Action(MergeForm, _merge, "已并案。"),
    "difficult": Action(
        NoteForm,
        lambda request, p, d: services.proposal_set_difficult(actor=request.user, proposal=p, note=d["note"]),
        "已按复杂事项延长办理期限。",
    ),
    "return_request": Action(ReturnForm, _return_request, "退回申请已提交，等待交办机构决定。"),
    "return_decide": Action(DecideForm, _return_decide, "已决定。"),
    "opinion": Action(OpinionForm, _opinion, "会办意见已送主办单位。"),
    "contact": Action(ContactForm, _contact, "沟通情况已登记。"),
    "reply_draft": Action(ReplyForm, _reply_draft, "答复稿已保存。"),
    "reply_submit": Action(TargetForm, _reply_submit, "答复已提交单位负责人审签。"),
    "cosign": Action(CosignForm, _cosign, "已会签。"),
    "reply_review": Action(ReviewForm, _reply_review, "已审签。"),
    "publish": Action(TargetForm, _publish, "答复已在政府信息公开目录中发布。"),
    "feedback_codes": Action(
        EmptyForm, lambda request, p, d: services.feedback_codes_issue(actor=request.user, proposal=p), ""
    ),
    "feedback_enter": Action(FeedbackEnterForm, _feedback_enter, "评价已录入。"),
    "close": Action(
        EmptyForm, lambda request, p, d: services.proposal_close(actor=request.user, proposal=p), "已办结。"
    ),
    "commitment": Action(CommitmentForm, _commitment, "承诺事项已登记。"),
    "commitment_settle": Action(SettleForm, _settle, "承诺事项已更新。"),
}


def _form(name: str, proposal: Proposal, data: Any = None) -> forms.Form:
    if name == "assign":
        return AssignForm(data, units=selectors.assignable_units(proposal.session))
    if name == "feedback_enter":
        return FeedbackEnterForm(
            data, proposers=proposal.proposers.all(), initial={"on": timezone.localdate()}
        )
    if name in ("reply_draft", "reply_review"):
        return ACTIONS[name].form(data, classes=services.result_classes(proposal.body))
    return ACTIONS[name].form(data)


def _context(request: Any, proposal: Proposal, bound: dict[str, forms.Form] | None = None) -> dict[str, Any]:
    item_rules = rules.ProposalRules(request.user, proposal)
    can = item_rules.open_actions()
    bound = bound or {}
    forms_ = {name: bound.get(name) or _form(name, proposal) for name, ok in can.items() if ok}
    reviewing = item_rules.reviewing()
    if "reply_review" in forms_ and "reply_review" not in bound and reviewing:
        forms_["reply_review"].initial = {"result_class": reviewing[0].result_class}
    assignments = list(proposal.assignments.select_related("org").prefetch_related("return_requests"))
    return {
        "menu": "proposals", "proposal": proposal, "can": can, "forms": forms_, "today": timezone.localdate(),
        "assignments": assignments, "lead_view": bool(item_rules.handled_by(AssignmentRole.LEAD)),
        "proposers": proposal.proposers.all(), "show_contacts": rules.may_see_contacts(request.user, proposal),
        "returnable": item_rules.returnable(), "opinion_open": item_rules.opinion_open(),
        "pending_returns": [r for a in assignments for r in a.return_requests.all() if r.state == ReturnState.PENDING],
        "merged": proposal.merged.all(),
        "contacts": proposal.contacts.select_related("org"), "drafting": item_rules.drafting(),
        "cosigning": item_rules.cosigning(), "reviewing": reviewing,
        "replies": selectors.replies(proposal), "contact_units": item_rules.contact_units(),
        "publishable": item_rules.publishable(),
        "evaluations": proposal.evaluations.select_related("proposer"), "commitments": proposal.commitments.all(),
        "open_commitments": item_rules.open_commitments(), "answering_units": item_rules.answering_units(),
        "draft_forms": [(a, _draft_form(proposal, a, bound.get("reply_draft"))) for a in item_rules.drafting()],
    }  # fmt: skip


def _draft_form(proposal: Proposal, assignment: Any, bound: forms.Form | None) -> forms.Form:
    """The reply form of one answering unit: the bound one after an error, else the saved draft."""
    if bound is not None and bound.data.get("target") == str(assignment.pk):
        return bound
    reply = rules.reply_of(assignment)
    fields = ["letter_no", "signer", "result_class", "text", "contact_person", "contact_phone", "disclosure",
              "disclosure_reason", "summary"]  # fmt: skip
    initial = {f: getattr(reply, f) for f in fields} if reply else {}
    return ReplyForm(
        initial={**initial, "target": assignment.pk}, classes=services.result_classes(proposal.body)
    )


@staff_required
@require_GET
def proposal_detail(request: Any, pk: int) -> Any:
    proposal = selectors.get_proposal_for_staff(user=request.user, pk=pk)
    return render(request, "backoffice/proposals/detail.html", _context(request, proposal))


def _reply(request: Any, pk: int) -> Any:
    """The reply of the item's answering unit named by `?unit=`, for whoever sees the item."""
    proposal = selectors.get_proposal_for_staff(user=request.user, pk=pk)
    reply = next(
        (r for r in selectors.replies(proposal) if str(r.assignment.org_id) == request.GET.get("unit")), None
    )
    if reply is None:
        raise Http404("该件还没有答复。")
    return reply


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@staff_required
@require_GET
def letter(request: Any, pk: int) -> Any:
    """The reply letter (DOCX) of the item's answering unit named by `?unit=`."""
    reply = _reply(request, pk)
    return _attachment(
        letters.render(reply),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        f"{letters.title_of(reply)}.docx",
    )


@staff_required
@require_GET
def letter_pdf(request: Any, pk: int) -> Any:
    """The same letter as PDF; without a Chinese font on the server, the item's page says so."""
    reply = _reply(request, pk)
    try:
        content = letters.render_pdf(reply)
    except FontMissing as exc:
        messages.error(request, exc.message)
        return redirect("backoffice:proposals_detail", pk=pk)
    return _attachment(content, "application/pdf", f"{letters.title_of(reply)}.pdf")


@staff_required
@require_POST
def proposal_action(request: Any, pk: int, name: str) -> Any:
    proposal = selectors.get_proposal_for_staff(user=request.user, pk=pk)
    if name not in ACTIONS:
        raise Http404("没有该操作。")
    if not rules.ProposalRules(request.user, proposal).open_actions().get(name):
        raise PermissionDenied("您现在不能对该件执行该操作。")
    form = _form(name, proposal, request.POST)
    if form.is_valid():
        try:
            done = ACTIONS[name].run(request, proposal, form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            _errors(form, exc)
        else:
            if name == "feedback_codes":  # shown once, never stored in plain text
                context = {"menu": "proposals", "proposal": proposal, "codes": done}
                return render(request, "backoffice/proposals/codes.html", context)
            messages.success(request, ACTIONS[name].done)
            return redirect(reverse("backoffice:proposals_detail", args=[proposal.pk]))
    proposal.refresh_from_db()
    return render(
        request, "backoffice/proposals/detail.html", _context(request, proposal, {name: form}), status=400
    )
