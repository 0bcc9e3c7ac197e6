"""The guide's downloadable application form (DOCX and PDF), built from the online form's fields."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from gongkai.core import fonts
from gongkai.orgs import selectors as org_selectors
from gongkai.portal import application_form

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@require_GET
def application_form_download(request, code: str, fmt: str):
    if fmt not in FORMATS:
        raise Http404("没有该格式的申请表。")
    org = org_selectors.get_public_org(credit_code=code)
    guide = org_selectors.current_guide(org)
    build = application_form.to_docx if fmt == "docx" else application_form.to_pdf
    try:
        content = build(org, guide)
    except fonts.FontMissing:
        return HttpResponse(
            "服务器缺少中文字体，暂不能生成PDF申请表，请下载Word版本。",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(content, content_type=FORMATS[fmt])
    filename = f"application-form-{org.credit_code}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
