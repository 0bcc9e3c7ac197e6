"""Serving a conference's picture or video: inline (the pages show it), conditional on its digest, sandboxed."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.utils.http import quote_etag
from django.views.decorators.http import condition

from gongkai.interpretation.models import ConferenceMedia


def media_response(media: ConferenceMedia, request: HttpRequest | None = None) -> HttpResponseBase:
    """The file as a response; a reader whose copy has the same digest gets 304 (`request` given)."""

    def serve(_request: HttpRequest | None = None) -> FileResponse:
        try:
            handle = media.file.open("rb")
        except (FileNotFoundError, OSError):
            raise Http404("文件不存在，请联系发布机构。") from None
        response = FileResponse(handle, content_type=media.content_type)
        response.headers["Content-Disposition"] = "inline"
        response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response.headers["Cache-Control"] = (
            "public, max-age=86400" if request is not None else "private, no-store"
        )
        return response

    if request is None:
        return serve()
    etag = quote_etag(media.sha256[:32])
    return condition(etag_func=lambda *_: etag, last_modified_func=lambda *_: media.updated_at)(serve)(
        request
    )
