"""Serving a guide's 办理流程图: an image inline (the guide shows it), a PDF as a download; sandboxed."""

from __future__ import annotations

from django.http import FileResponse, Http404

from gongkai.catalog.uploads import CONTENT_TYPES, EXTENSIONS
from gongkai.servicecatalog.models import GuideVersion


def flowchart_response(version: GuideVersion) -> FileResponse:
    if not version.flowchart:
        raise Http404("该办事指南没有办理流程图。")
    name = version.flowchart_name
    kind = EXTENSIONS.get(name.rsplit(".", 1)[-1].lower() if "." in name else "", "")
    try:
        handle = version.flowchart.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("文件不存在，请联系实施机构。") from None
    response = FileResponse(
        handle,
        as_attachment=kind == "pdf",
        filename=name,
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
    )
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def flowchart_is_image(version: GuideVersion) -> bool:
    return version.flowchart_name.rsplit(".", 1)[-1].lower() in {"jpg", "jpeg", "png", "gif"}
