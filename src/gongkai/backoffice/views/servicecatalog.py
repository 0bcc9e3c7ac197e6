"""Staff pages of the service catalog (政务服务事项目录) and the standard disclosure catalogs: the list, an item's
guide with its actions (each POST calls one service), import and export of the provincial tables, the list of
incomplete guides for supervisors, the standard catalogs with tagging, and the figures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.backoffice.decorators import opens_for, staff_required
from gongkai.core.forms import form_errors_from, run_service, text_area
from gongkai.core.widgets import DateInput
from gongkai.servicecatalog import completeness, exports, rules, selectors, services, statistics
from gongkai.servicecatalog.files import flowchart_response
from gongkai.servicecatalog.models import (
    Audience,
    CodeList,
    Domain,
    GuideVersion,
    HandlingKind,
    Manner,
    ReviewConclusion,
    Trigger,
    Unit,
)

PAGE_SIZE = 50
MAX_IMPORT_BYTES = 10 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# --- Forms (validate and render; services save) -------------------------------------------------------


def _code_choices(list_name: str, blank: bool = True) -> list[tuple[str, str]]:
    rows = [(c.code, c.name) for c in selectors.codes(list_name)]
    return [("", "—"), *rows] if blank else rows


class GuideForm(forms.Form):
    """The elements of a guide in the order of GB/T 39046-2020 表4."""

    basis = text_area("设定依据", rows=3, required=False)
    division = text_area("权限划分", required=False)
    content = text_area("行使内容", required=False)
    subject_nature = forms.ChoiceField(label="实施主体性质")
    legal_limit = forms.IntegerField(
        label="法定办结时限（天数）", required=False, min_value=0, max_value=3650
    )
    legal_unit = forms.ChoiceField(
        label="法定办结时限单位", choices=[("", "—"), *Unit.choices], required=False
    )
    legal_note = forms.CharField(label="法定办结时限说明", required=False, max_length=500)
    promised_limit = forms.IntegerField(
        label="承诺办结时限（天数）", required=False, min_value=0, max_value=3650
    )
    promised_unit = forms.ChoiceField(
        label="承诺办结时限单位", choices=[("", "—"), *Unit.choices], required=False
    )
    promised_note = forms.CharField(label="承诺办结时限说明", required=False, max_length=500)
    conditions = text_area("受理条件", rows=3, required=False)
    process = text_area("办理流程", rows=3, required=False)
    co_departments = forms.CharField(label="共同实施部门", required=False, max_length=300)
    agency = forms.CharField(label="承办机构", required=False, max_length=200)
    intermediary = text_area("中介服务", required=False)
    quantity_limit = forms.CharField(label="数量限制", required=False, max_length=300)
    result_name = forms.CharField(label="结果名称", required=False, max_length=200)
    charged = forms.BooleanField(label="收费", required=False)
    fee_basis = text_area("收费依据及标准", required=False)
    service_objects = forms.MultipleChoiceField(label="服务对象", widget=forms.CheckboxSelectMultiple)
    theme_natural = forms.CharField(label="自然人服务主题", required=False, max_length=60)
    theme_legal = forms.CharField(label="法人服务主题", required=False, max_length=60)
    handling_forms = forms.MultipleChoiceField(label="办理形式", widget=forms.CheckboxSelectMultiple)
    handling_type = forms.ChoiceField(label="办件类型")
    jurisdiction = forms.CharField(label="行政管辖", required=False, max_length=200)
    appointment = forms.BooleanField(label="支持预约办理", required=False)
    online_payment = forms.BooleanField(label="支持网上支付", required=False)
    express = forms.BooleanField(label="支持物流快递", required=False)
    online = forms.BooleanField(label="网上可办", required=False)
    online_url = forms.CharField(label="网办地址", required=False, max_length=300)
    visits = forms.IntegerField(label="到办事现场次数", required=False, min_value=0, max_value=10)
    place = text_area("办理地点", required=False)
    hours = text_area("办理时间", required=False)
    consult = text_area("咨询方式", required=False)
    phone = forms.CharField(label="咨询电话", required=False, max_length=100)
    supervision_phone = forms.CharField(label="监督电话", required=False, max_length=100)
    rights = text_area("申请人权利和义务", required=False)
    delivery = forms.CharField(label="结果送达", required=False, max_length=300)
    effective_on = forms.DateField(label="计划生效日期", required=False, widget=DateInput)
    cancel_on = forms.DateField(label="计划取消日期", required=False, widget=DateInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, list_name in (
            ("subject_nature", CodeList.SUBJECT_NATURE),
            ("handling_type", CodeList.HANDLING_TYPE),
        ):
            self.fields[name].choices = _code_choices(list_name)  # type: ignore[attr-defined]
        for name, list_name in (
            ("service_objects", CodeList.SERVICE_OBJECT),
            ("handling_forms", CodeList.HANDLING_FORM),
        ):
            self.fields[name].choices = _code_choices(list_name, blank=False)  # type: ignore[attr-defined]


def guide_initial(version: GuideVersion) -> dict[str, Any]:
    initial: dict[str, Any] = {
        name: getattr(version, name) for name in GuideForm.base_fields if hasattr(version, name)
    }
    initial["subject_nature"] = version.subject_nature.code
    initial["handling_type"] = version.handling_type.code
    initial["service_objects"] = [c.code for c in version.service_objects.all()]
    initial["handling_forms"] = [c.code for c in version.handling_forms.all()]
    return initial


class ItemForm(GuideForm):
    org = forms.TypedChoiceField(label="实施主体", coerce=int)
    name = forms.CharField(label="事项名称", max_length=200)
    basic_code = forms.CharField(label="基本编码", max_length=12)
    item_type = forms.ChoiceField(label="事项类型")
    implementation_code = forms.CharField(label="实施编码", max_length=36)
    handling_code = forms.CharField(label="业务办理项编码", max_length=40)
    handling_kind = forms.ChoiceField(label="业务办理项", choices=HandlingKind.choices)
    level = forms.ChoiceField(label="行使层级")
    field_order = ["org", "name", "basic_code", "item_type", "implementation_code", "handling_code", "handling_kind",
                   "level"]  # fmt: skip

    def __init__(self, *args: Any, orgs: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(o.pk, o.name) for o in orgs]  # type: ignore[attr-defined]
        self.fields["item_type"].choices = _code_choices(CodeList.ITEM_TYPE)  # type: ignore[attr-defined]
        self.fields["level"].choices = _code_choices(CodeList.LEVEL)  # type: ignore[attr-defined]


class MaterialForm(forms.Form):
    name = forms.CharField(label="材料名称", max_length=200)
    issuer = forms.CharField(label="出具机构", required=False, max_length=200)
    time_requirement = forms.CharField(label="出具时间要求", required=False, max_length=200)
    note = text_area("材料办理说明", required=False)
    originals = forms.IntegerField(label="原件份数", min_value=0, max_value=100, initial=1)
    copies = forms.IntegerField(label="复印件份数", min_value=0, max_value=100, initial=0)
    required = forms.BooleanField(label="必备材料", required=False, initial=True)
    form = forms.CharField(label="材料形式", required=False, max_length=30)
    sort = forms.IntegerField(label="排序", min_value=0, max_value=100, initial=0)
    blank_form = forms.FileField(label="空白表格", required=False)
    sample = forms.FileField(label="示例样表", required=False)


class FeeForm(forms.Form):
    name = forms.CharField(label="收费项目名称", max_length=200)
    standard = forms.CharField(label="收费标准", max_length=500)
    basis = text_area("收费依据", required=False)
    reducible = forms.BooleanField(label="允许减免", required=False)
    reduction_basis = text_area("允许减免依据", required=False)


class QuestionForm(forms.Form):
    question = forms.CharField(label="问题", max_length=500)
    answer = text_area("解答", 2000, rows=3)


class ProcedureForm(forms.Form):
    kind = forms.ChoiceField(label="特别程序种类")
    name = forms.CharField(label="特别程序名称", max_length=200)
    limit = forms.IntegerField(label="时限（天数）", required=False, min_value=1, max_value=3650)
    unit = forms.ChoiceField(label="时限单位", required=False, choices=[("", "—"), (Unit.WORKDAY, "工作日"),
                                                                  (Unit.NATURAL, "自然日")])  # fmt: skip
    note = forms.CharField(label="说明", required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _code_choices(CodeList.SPECIAL_PROCEDURE)  # type: ignore[attr-defined]


class BasisForm(forms.Form):
    index_nos = forms.CharField(
        label="设定依据文件的索引号", max_length=500, required=False,
        help_text="已在本平台公开的法规、规章、规范性文件，多个索引号用“、”或空格分隔；留空则取消关联",
    )  # fmt: skip


class SubmitForm(forms.Form):
    confirm_incomplete = forms.BooleanField(label="确认在要素不全的情况下提交", required=False)


class ReviewForm(forms.Form):
    conclusion = forms.ChoiceField(
        label="审核结论", choices=ReviewConclusion.choices, widget=forms.RadioSelect
    )
    basis = text_area("审核意见", 2000, rows=3)
    confirm_incomplete = forms.BooleanField(label="确认在要素不全的情况下公开", required=False)


class CancelForm(forms.Form):
    reason = text_area("取消理由", 500)


class NewVersionForm(forms.Form):
    pass


class ImportForm(forms.Form):
    org = forms.TypedChoiceField(label="导入到机构", coerce=int)
    elements = forms.FileField(label="事项要素表（XLSX）")
    materials = forms.FileField(label="材料表（XLSX）", required=False)

    def __init__(self, *args: Any, orgs: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(o.pk, o.name) for o in orgs]  # type: ignore[attr-defined]


class SearchForm(forms.Form):
    q = forms.CharField(label="事项名称或编码", required=False, max_length=50)


class CatalogForm(forms.Form):
    org = forms.TypedChoiceField(label="编制机构", coerce=int)
    domain = forms.TypedChoiceField(label="领域", coerce=int)
    year = forms.IntegerField(label="年度", min_value=2019, max_value=2100)

    def __init__(self, *args: Any, orgs: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(o.pk, o.name) for o in orgs]  # type: ignore[attr-defined]
        self.fields["domain"].choices = [(d.pk, d.name) for d in Domain.objects.filter(active=True)]  # type: ignore[attr-defined]


class EntryForm(forms.Form):
    code = forms.CharField(label="序号", max_length=12)
    level1 = forms.CharField(label="一级事项", max_length=100)
    level2 = forms.CharField(label="二级事项", max_length=100, required=False)
    content = text_area("公开内容（要素）")
    basis = text_area("公开依据")
    trigger = forms.ChoiceField(label="公开时限起算", choices=Trigger.choices)
    limit = forms.IntegerField(label="公开时限（天数）", required=False, min_value=1, max_value=365)
    limit_unit = forms.ChoiceField(label="公开时限单位", choices=[("", "—"), (Unit.WORKDAY, "工作日"),
                                                              (Unit.NATURAL, "自然日")], required=False)  # fmt: skip
    limit_text = forms.CharField(label="公开时限（原文）", max_length=200)
    subject = forms.CharField(label="公开主体", max_length=200)
    channels = forms.MultipleChoiceField(label="公开渠道和载体", widget=forms.CheckboxSelectMultiple)
    channels_other = forms.CharField(label="其他渠道", max_length=200, required=False)
    audience = forms.ChoiceField(label="公开对象", choices=Audience.choices)
    manner = forms.ChoiceField(label="公开方式", choices=Manner.choices)
    level_county = forms.BooleanField(label="县级", required=False)
    level_township = forms.BooleanField(label="乡级", required=False)
    level_village = forms.BooleanField(label="村级", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channels"].choices = _code_choices(CodeList.CHANNEL, blank=False)  # type: ignore[attr-defined]


class TagForm(forms.Form):
    index_no = forms.CharField(label="信息索引号", max_length=40)


def _errors(form: forms.Form, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        form_errors_from(form, exc)
    else:
        form.add_error(None, str(exc))


def _page(request: Any, form: forms.Form, title: str, *, status: int = 200, multipart: bool = False,
          menu: str = "servicecatalog", extra: dict[str, Any] | None = None) -> Any:  # fmt: skip
    context = {"menu": menu, "form": form, "title": title, "multipart": multipart, **(extra or {})}
    return render(request, "backoffice/servicecatalog/form.html", context, status=status)


# --- The list, a new item, import and export ------------------------------------------------------------


@staff_required
@opens_for(rules.can_work, "政务服务事项目录只对信息公开工作人员开放。")
@require_GET
def item_list(request: Any) -> Any:
    form = SearchForm(request.GET or None)
    items = selectors.items_for_staff(request.user)
    versions = selectors.latest_versions(items).prefetch_related("materials", "fees", "basis_items")
    if form.is_valid() and form.cleaned_data["q"]:
        q = form.cleaned_data["q"]
        versions = versions.filter(Q(item__name__icontains=q) | Q(item__handling_code__icontains=q))
    page = Paginator(versions, PAGE_SIZE).get_page(request.GET.get("page"))
    checked = completeness.elements()
    rows = [(v, completeness.missing(v, checked)) for v in page]
    context = {"menu": "servicecatalog", "form": form, "page": page, "rows": rows,
               "can_draft": rules.can_draft(request.user)}  # fmt: skip
    return render(request, "backoffice/servicecatalog/list.html", context)


@staff_required
@opens_for(rules.can_draft, "只有信息编辑可以新建政务服务事项。")
@require_http_methods(["GET", "POST"])
def item_new(request: Any) -> Any:
    orgs = list(rules.drafting_orgs(request.user))
    form = ItemForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        org = next(o for o in orgs if o.pk == d.pop("org"))
        ident = {k: d.pop(k) for k in ("name", "basic_code", "item_type", "implementation_code", "handling_code",
                                       "handling_kind", "level")}  # fmt: skip
        try:
            version = services.item_create(actor=request.user, org=org, guide=d, **ident)
        except (ValidationError, PermissionDenied) as exc:
            _errors(form, exc)
        else:
            messages.success(request, "已新建事项草稿，请添加办理材料后送审。")
            return redirect("backoffice:servicecatalog_detail", version.pk)
    return _page(request, form, "新建政务服务事项", status=400 if form.errors else 200)


@staff_required
@opens_for(rules.can_draft, "只有信息编辑可以导入政务服务事项。")
@require_http_methods(["GET", "POST"])
def item_import(request: Any) -> Any:
    orgs = list(rules.drafting_orgs(request.user))
    form = ImportForm(request.POST or None, request.FILES or None, orgs=orgs)
    result = None
    if request.method == "POST" and form.is_valid():
        elements, materials = form.cleaned_data["elements"], form.cleaned_data["materials"]
        if elements.size > MAX_IMPORT_BYTES or (materials and materials.size > MAX_IMPORT_BYTES):
            form.add_error(None, "文件不能超过10MB。")
        else:
            try:
                result = services.guides_import(
                    actor=request.user, org=next(o for o in orgs if o.pk == form.cleaned_data["org"]),
                    elements=elements.read(), materials=materials.read() if materials else None,
                )  # fmt: skip
            except (ValidationError, PermissionDenied) as exc:
                _errors(form, exc)
    return _page(request, form, "导入政务服务事项", multipart=True, status=400 if form.errors else 200,
                 extra={"result": result})  # fmt: skip


@staff_required
@opens_for(rules.can_work, "政务服务事项目录只对信息公开工作人员开放。")
@require_GET
def export_elements(request: Any) -> Any:
    elements, _materials = exports.books(selectors.latest_versions(selectors.items_for_staff(request.user)))
    response = HttpResponse(elements, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="service-items.xlsx"'
    return response


@staff_required
@opens_for(rules.can_work, "政务服务事项目录只对信息公开工作人员开放。")
@require_GET
def export_materials(request: Any) -> Any:
    _elements, materials = exports.books(selectors.latest_versions(selectors.items_for_staff(request.user)))
    response = HttpResponse(materials, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="service-materials.xlsx"'
    return response


# --- One guide and its actions ----------------------------------------------------------------------------

ACTIONS: dict[str, type[forms.Form]] = {
    "submit": SubmitForm, "review": ReviewForm, "new_version": NewVersionForm, "cancel": CancelForm,
    "basis": BasisForm,
}  # fmt: skip


def _detail(
    request: Any, version: GuideVersion, forms_: dict[str, forms.Form] | None = None, status: int = 200
) -> Any:
    can = rules.GuideRules(request.user, version).open_actions()
    action_forms = {name: (forms_ or {}).get(name) or cls() for name, cls in ACTIONS.items()}
    context = {
        "menu": "servicecatalog", "v": version, "item": version.item, "can": can, "forms": action_forms,
        "missing": completeness.missing(version),
        "versions": version.item.versions.order_by("-number"),
        "reviews": version.reviews.all(),
    }  # fmt: skip
    return render(request, "backoffice/servicecatalog/detail.html", context, status=status)


@staff_required
@opens_for(rules.can_work, "政务服务事项目录只对信息公开工作人员开放。")
@require_GET
def item_detail(request: Any, pk: int) -> Any:
    return _detail(request, selectors.get_version_for_staff(user=request.user, pk=pk))


@staff_required
@opens_for(rules.can_work, "政务服务事项目录只对信息公开工作人员开放。")
@require_POST
def item_action(request: Any, pk: int, name: str) -> Any:
    version = selectors.get_version_for_staff(user=request.user, pk=pk)
    if name not in ACTIONS:
        return _detail(request, version, status=404)
    form = ACTIONS[name](request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            if name == "submit":
                services.guide_submit(
                    actor=request.user, version=version, confirm_incomplete=d["confirm_incomplete"]
                )
                done, target = "已送审。", version
            elif name == "review":
                services.guide_review(actor=request.user, version=version, conclusion=d["conclusion"],
                                      basis=d["basis"], confirm_incomplete=d["confirm_incomplete"])  # fmt: skip
                done, target = "已记录审核结论。", version
            elif name == "basis":
                items = selectors.published_items_by_index(d["index_nos"])
                if len(items) != len(set(selectors.index_numbers(d["index_nos"]))):
                    raise ValidationError({"index_nos": "有索引号不是已公开的信息，请核对。"})
                services.guide_set_basis_items(actor=request.user, version=version, items=items)
                done, target = "已更新设定依据的关联文件。", version
            elif name == "new_version":
                target = services.guide_new_version(actor=request.user, version=version)
                done = "已起草新版本，当前版本在新版本公开前继续公开。"
            else:
                services.guide_cancel(actor=request.user, version=version, reason=d["reason"])
                done, target = "事项已取消。", version
        except (ValidationError, PermissionDenied) as exc:
            _errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("backoffice:servicecatalog_detail", target.pk)
    version = selectors.get_version_for_staff(user=request.user, pk=pk)
    return _detail(request, version, {name: form}, status=400)


@staff_required
@opens_for(rules.can_draft, "只有信息编辑可以修改办事指南。")
@require_http_methods(["GET", "POST"])
def item_edit(request: Any, pk: int) -> Any:
    version = selectors.get_version_for_staff(user=request.user, pk=pk)
    if not rules.GuideRules(request.user, version).can_edit():
        raise PermissionDenied("该版本现在不能修改。")
    form = GuideForm(request.POST or None, initial=guide_initial(version))
    if request.method == "POST" and run_service(
        form, lambda d: services.guide_update(actor=request.user, version=version, guide=d)
    ):
        messages.success(request, "已保存。")
        return redirect("backoffice:servicecatalog_detail", version.pk)
    return _page(request, form, f"修改办事指南：{version}", status=400 if form.errors else 200)


@staff_required
@opens_for(rules.can_draft, "只有信息编辑可以添加办理材料。")
@require_http_methods(["GET", "POST"])
def material_new(request: Any, pk: int) -> Any:
    version = selectors.get_version_for_staff(user=request.user, pk=pk)
    if not rules.GuideRules(request.user, version).can_edit():
        raise PermissionDenied("该版本现在不能修改。")
    form = MaterialForm(request.POST or None, request.FILES or None)

    def add(data: dict[str, Any]) -> object:
        d = dict(data)
        blank, sample = d.pop("blank_form"), d.pop("sample")
        return services.material_add(
            actor=request.user, version=version, data=d, blank_form=blank, sample=sample
        )

    if request.method == "POST" and run_service(form, add):
        messages.success(request, "已添加材料。")
        return redirect("backoffice:servicecatalog_detail", version.pk)
    return _page(
        request, form, f"添加办理材料：{version}", multipart=True, status=400 if form.errors else 200
    )


class FlowchartForm(forms.Form):
    flowchart = forms.FileField(
        label="办理流程图", help_text="JPG、PNG、GIF 图片或 PDF 文件",
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.gif,.pdf"}),
        error_messages={"required": "请选择文件。", "empty": "文件为空。"},
    )  # fmt: skip


@staff_required
@opens_for(rules.can_draft, "只有信息编辑可以上传办理流程图。")
@require_http_methods(["GET", "POST"])
def flowchart_set(request: Any, pk: int) -> Any:
    version = selectors.get_version_for_staff(user=request.user, pk=pk)
    if not rules.GuideRules(request.user, version).can_edit():
        raise PermissionDenied("该版本现在不能修改。")
    form = FlowchartForm(request.POST if request.method == "POST" else None, request.FILES or None)

    def upload(data: dict[str, Any]) -> object:
        return services.guide_flowchart_set(actor=request.user, version=version, upload=data["flowchart"])

    if request.method == "POST" and run_service(form, upload):
        messages.success(request, "已上传办理流程图。")
        return redirect("backoffice:servicecatalog_detail", version.pk)
    return _page(
        request, form, f"上传办理流程图：{version}", multipart=True, status=400 if form.errors else 200
    )


@staff_required
@opens_for(rules.can_work, "政务服务事项目录只对信息公开工作人员开放。")
def flowchart_file(request: Any, pk: int) -> Any:
    version = selectors.get_version_for_staff(user=request.user, pk=pk)
    return flowchart_response(version)


#: A guide's children: the form, the page title, the message when added, the service adding one.
CHILDREN: dict[str, tuple[type[forms.Form], str, str, Callable[..., object]]] = {
    "fee": (FeeForm, "添加收费项目", "已添加收费项目。", services.fee_add),
    "question": (QuestionForm, "添加常见问题", "已添加常见问题。", services.question_add),
    "procedure": (ProcedureForm, "添加特别程序", "已添加特别程序。", services.special_procedure_add),
}


def _child(request: Any, pk: int, kind: str) -> Any:
    version = selectors.get_version_for_staff(user=request.user, pk=pk)
    if not rules.GuideRules(request.user, version).can_edit():
        raise PermissionDenied("该版本现在不能修改。")
    form_class, title, done, add = CHILDREN[kind]
    form = form_class(request.POST or None)
    if request.method == "POST" and run_service(
        form, lambda d: add(actor=request.user, version=version, **d)
    ):
        messages.success(request, done)
        return redirect("backoffice:servicecatalog_detail", version.pk)
    return _page(request, form, f"{title}：{version}", status=400 if form.errors else 200)


@staff_required
@opens_for(rules.can_draft, "只有信息编辑可以修改办事指南。")
@require_http_methods(["GET", "POST"])
def fee_new(request: Any, pk: int) -> Any:
    return _child(request, pk, "fee")


@staff_required
@opens_for(rules.can_draft, "只有信息编辑可以修改办事指南。")
@require_http_methods(["GET", "POST"])
def question_new(request: Any, pk: int) -> Any:
    return _child(request, pk, "question")


@staff_required
@opens_for(rules.can_draft, "只有信息编辑可以修改办事指南。")
@require_http_methods(["GET", "POST"])
def procedure_new(request: Any, pk: int) -> Any:
    return _child(request, pk, "procedure")


# --- Supervision and figures ------------------------------------------------------------------------------


@staff_required
@opens_for(rules.can_work, "政务服务事项目录只对信息公开工作人员开放。")
@require_GET
def incomplete(request: Any) -> Any:
    orgs = rules.reached_orgs(request.user)
    rows = selectors.incomplete_guides(orgs)
    by_org = selectors.guide_completeness_by_org(orgs)
    summary = [(o.name, *by_org[o.pk]) for o in orgs.filter(pk__in=list(by_org)).order_by("path")]
    context = {"menu": "servicecatalog_incomplete", "rows": rows, "summary": summary}
    return render(request, "backoffice/servicecatalog/incomplete.html", context)


@staff_required
@opens_for(rules.can_work, "政务服务事项目录只对信息公开工作人员开放。")
@require_GET
def stats(request: Any) -> Any:
    orgs = list(rules.reached_orgs(request.user))
    context = {
        "menu": "servicecatalog_stats", "summary": statistics.summary(orgs),
        "by_type": statistics.items_by_type_and_org(orgs),
    }  # fmt: skip
    return render(request, "backoffice/servicecatalog/statistics.html", context)


# --- Standard catalogs ----------------------------------------------------------------------------------


@staff_required
@opens_for(rules.can_work, "标准目录只对信息公开工作人员开放。")
@require_http_methods(["GET", "POST"])
def standard_list(request: Any) -> Any:
    orgs = list(rules.drafting_orgs(request.user))
    form = CatalogForm(request.POST or None, orgs=orgs) if orgs else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("只有信息编辑可以新建标准目录。")
        if form.is_valid():
            d = form.cleaned_data
            try:
                catalog = services.standard_catalog_create(
                    actor=request.user, org=next(o for o in orgs if o.pk == d["org"]),
                    domain=Domain.objects.get(pk=d["domain"]), year=d["year"],
                )  # fmt: skip
            except (ValidationError, PermissionDenied) as exc:
                _errors(form, exc)
            else:
                return redirect("backoffice:servicecatalog_standard_detail", catalog.pk)
    catalogs = list(selectors.catalogs_for_staff(request.user))
    coverage = selectors.coverage_by_org({c.org for c in catalogs})
    context = {"menu": "servicecatalog_standard", "catalogs": catalogs, "form": form,
               "coverage": sorted((c.org.name, coverage.get(c.org_id)) for c in {c.org_id: c for c in catalogs}.values())}  # fmt: skip
    return render(request, "backoffice/servicecatalog/standard_list.html", context,
                  status=400 if form is not None and form.errors else 200)  # fmt: skip


def _standard(request: Any, catalog: Any, *, entry_form: forms.Form | None = None, status: int = 200) -> Any:
    entries = list(selectors.entries_with_items(catalog))
    covered = selectors.covered_entries([catalog])
    context = {
        "menu": "servicecatalog_standard", "catalog": catalog, "entries": entries, "covered": covered,
        "can_edit": rules.may_tag(request.user, catalog), "can_publish": rules.may_publish_catalog(request.user, catalog),
        "entry_form": entry_form or EntryForm(), "tag_form": TagForm(),
    }  # fmt: skip
    return render(request, "backoffice/servicecatalog/standard_detail.html", context, status=status)


@staff_required
@opens_for(rules.can_work, "标准目录只对信息公开工作人员开放。")
@require_GET
def standard_detail(request: Any, pk: int) -> Any:
    return _standard(request, selectors.get_catalog_for_staff(user=request.user, pk=pk))


@staff_required
@opens_for(rules.can_work, "标准目录只对信息公开工作人员开放。")
@require_POST
def standard_entry_new(request: Any, pk: int) -> Any:
    catalog = selectors.get_catalog_for_staff(user=request.user, pk=pk)
    form = EntryForm(request.POST)
    if run_service(form, lambda d: services.entry_create(actor=request.user, catalog=catalog, data=d)):
        messages.success(request, "已添加事项。")
        return redirect("backoffice:servicecatalog_standard_detail", catalog.pk)
    return _standard(request, catalog, entry_form=form, status=400)


@staff_required
@opens_for(rules.can_work, "标准目录只对信息公开工作人员开放。")
@require_POST
def standard_publish(request: Any, pk: int) -> Any:
    catalog = selectors.get_catalog_for_staff(user=request.user, pk=pk)
    try:
        services.standard_catalog_publish(actor=request.user, catalog=catalog)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "标准目录已公开。")
    return redirect("backoffice:servicecatalog_standard_detail", catalog.pk)


@staff_required
@opens_for(rules.can_work, "标准目录只对信息公开工作人员开放。")
@require_POST
def entry_tag(request: Any, pk: int) -> Any:
    entry = selectors.get_entry_for_staff(user=request.user, pk=pk)
    form = TagForm(request.POST)
    if form.is_valid():
        item = (
            selectors.taggable_items(entry.catalog)
            .filter(index_no=form.cleaned_data["index_no"].strip())
            .first()
        )
        if item is None:
            messages.error(request, "没有找到该索引号的已发布信息（须为本机构或下属机构发布）。")
        else:
            try:
                services.entry_tag(actor=request.user, entry=entry, item=item)
            except ValidationError as exc:
                messages.error(request, "；".join(exc.messages))
            else:
                messages.success(request, f"已关联“{item.title}”。")
    else:
        messages.error(request, "请填写信息索引号。")
    return redirect("backoffice:servicecatalog_standard_detail", entry.catalog_id)


@staff_required
@opens_for(rules.can_draft, "只有信息编辑可以修改办事指南。")
@require_POST
def material_remove(request: Any, pk: int) -> Any:
    material = selectors.get_material_for_staff(user=request.user, pk=pk)
    try:
        services.material_remove(actor=request.user, material=material)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"已删除材料“{material.name}”。")
    return redirect("backoffice:servicecatalog_detail", material.version_id)


@staff_required
@opens_for(rules.can_work, "标准目录只对信息公开工作人员开放。")
@require_POST
def entry_untag(request: Any, pk: int) -> Any:
    link = selectors.get_link_for_staff(user=request.user, pk=pk)
    services.entry_untag(actor=request.user, link=link)
    messages.success(request, "已取消关联。")
    return redirect("backoffice:servicecatalog_standard_detail", link.entry.catalog_id)
