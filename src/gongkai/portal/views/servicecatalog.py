"""The public service catalog (政务服务事项目录): search and browsing by theme, organisation and level, the guide
of each item (办事指南) in the chapter order of national guides, printable, with its blank forms and samples; and
the published basic-level standard disclosure catalogs."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.catalog.uploads import CONTENT_TYPES, EXTENSIONS
from gongkai.servicecatalog import selectors
from gongkai.servicecatalog.files import flowchart_is_image, flowchart_response
from gongkai.servicecatalog.models import CodeList

THEMES = [("", "全部"), ("natural", "自然人主题"), ("legal", "法人主题")]


class ServiceSearchForm(forms.Form):
    q = forms.CharField(label="事项名称或编码", required=False, max_length=50)
    theme = forms.ChoiceField(label="服务主题", required=False, choices=THEMES)
    org = forms.TypedChoiceField(label="实施机构", required=False, coerce=int, empty_value=None)
    level = forms.ChoiceField(label="行使层级", required=False)
    item_type = forms.ChoiceField(label="事项类型", required=False)

    def __init__(self, *args: Any, orgs: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = {
            "org": [("", "全部"), *((o.pk, o.name) for o in orgs)],
            "level": [("", "全部"), *((c.code, c.name) for c in selectors.codes(CodeList.LEVEL))],
            "item_type": [("", "全部"), *((c.code, c.name) for c in selectors.codes(CodeList.ITEM_TYPE))],
        }
        for name, rows in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = rows


@require_GET
def service_list(request: Any) -> Any:
    orgs = list(selectors.guide_orgs())
    form = ServiceSearchForm(request.GET or None, orgs=orgs)
    dropped: list[str] = []
    guides = selectors.search_guides()
    if form.is_bound:
        if form.is_valid():
            d = form.cleaned_data
            org = next((o for o in orgs if o.pk == d["org"]), None)
            guides = selectors.search_guides(q=d["q"], theme=d["theme"], org=org, level=d["level"],
                                             item_type=d["item_type"])  # fmt: skip
        else:
            dropped = [str(form.fields[name].label) for name in form.errors]
    page = Paginator(guides, 30).get_page(request.GET.get("page"))
    context = {
        "form": form, "page": page, "dropped": dropped, "orgs": orgs, "column": "services",
        "query": urlencode({k: v for k, v in request.GET.items() if k != "page" and v}),
        "breadcrumbs": [("首页", "/"), ("办事服务", None)],
    }  # fmt: skip
    return render(request, "portal/servicecatalog/list.html", context, status=400 if dropped else 200)


@require_GET
def guide(request: Any, code: str) -> Any:
    version = selectors.get_public_guide(code)
    context = {
        "v": version, "item": version.item, "column": "services", "flowchart_image": flowchart_is_image(version),
        "breadcrumbs": [("首页", "/"), ("办事服务", "/fw/"), (version.item.name, None)],
    }  # fmt: skip
    return render(request, "portal/servicecatalog/guide.html", context)


@require_GET
def flowchart(request: Any, code: str) -> Any:
    """The 办理流程图 of a published guide."""
    return flowchart_response(selectors.get_public_guide(code))


@require_GET
def material_file(request: Any, code: str, pk: int, kind: str) -> Any:
    """A blank form (空白表格) or a sample (示例样表) of a published guide's material."""
    _version, material = selectors.public_material(code, pk)
    field, name = {"blank": ("blank_form", "blank_form_name"), "sample": ("sample", "sample_name")}.get(
        kind, ("", "")
    )
    stored = getattr(material, field, None) if field else None
    if not stored:
        raise Http404("没有该文件。")
    filename = getattr(material, name)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    content_type = CONTENT_TYPES.get(EXTENSIONS.get(extension, ""), "application/octet-stream")
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("文件不存在，请联系实施机构。") from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_GET
def standard_list(request: Any) -> Any:
    context = {
        "catalogs": selectors.published_catalogs(), "column": "services",
        "breadcrumbs": [("首页", "/"), ("基层政务公开标准目录", None)],
    }  # fmt: skip
    return render(request, "portal/servicecatalog/standard_list.html", context)


@require_GET
def standard_detail(request: Any, pk: int) -> Any:
    catalog = selectors.get_public_catalog(pk)
    context = {
        "catalog": catalog, "entries": selectors.entries_with_items(catalog), "column": "services",
        "breadcrumbs": [("首页", "/"), ("基层政务公开标准目录", "/bzml/"), (catalog.domain.name, None)],
    }  # fmt: skip
    return render(request, "portal/servicecatalog/standard_detail.html", context)
