"""The work report as DOCX (公文 format, `core.officialdoc`), as PDF drawn from the same paragraphs
(`core.officialpdf`) and its figures as JSON. Every export reads one report dict (`services.report_data`): a
published report's snapshot, or a draft built live. The parts' texts are printed; the editor's notes (missing
parts, drafts) never are."""

from __future__ import annotations

import io
import json
from typing import Any

from django.utils.html import escape

from gongkai.core import officialdoc, officialpdf
from gongkai.workreport.builder import figures_of

FORMATS = ["docx", "pdf", "json"]
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "json": "application/json; charset=utf-8",
}


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def docx(data: dict[str, Any]) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = officialdoc.document()
    officialdoc.para(
        doc,
        data["title"],
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        font=officialdoc.TITLE_FONT,
        size=officialdoc.TITLE_SIZE,
    )
    officialdoc.para(doc)
    for part in data["parts"]:
        officialdoc.para(doc, part["heading"], font=officialdoc.HEADING_FONT)
        for line in _paragraphs(part["text"]):
            officialdoc.para(doc, line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def html(data: dict[str, Any]) -> str:
    body = [f"<h1>{escape(data['title'])}</h1>"]
    for part in data["parts"]:
        body.append(f'<p class="indent heading">{escape(part["heading"])}</p>')
        body += [f'<p class="indent">{escape(line)}</p>' for line in _paragraphs(part["text"])]
    css = f"h1 {{ margin-bottom: 10mm; }} .heading {{ font-family: {officialpdf.HEADING_FAMILY}; }}"
    return officialpdf.html_page(title=data["title"], body="".join(body), css=css)


def pdf(data: dict[str, Any]) -> bytes:
    """`core.fonts.FontMissing` without a Chinese font."""
    return officialpdf.to_pdf(html(data))


def figures_json(data: dict[str, Any]) -> dict[str, Any]:
    """The figures of the report: per part its heading and figures, and all of them by ref."""
    return {
        "title": data["title"],
        "org": data["org"],
        "org_code": data["org_code"],
        "year": data["year"],
        "status": data.get("status", ""),
        "parts": [
            {
                "key": p["key"],
                "heading": p["heading"],
                "figures": [
                    {"ref": f["ref"], "label": f["label"], "value": f["value"]} for f in p["figures"]
                ],
            }
            for p in data["parts"]
        ],
        "figures": figures_of(data),
    }


def render(data: dict[str, Any], fmt: str) -> bytes:
    if fmt == "docx":
        return docx(data)
    if fmt == "pdf":
        return pdf(data)
    if fmt == "json":
        return json.dumps(figures_json(data), ensure_ascii=False, indent=2).encode()
    raise ValueError(fmt)


def filename(data: dict[str, Any], fmt: str) -> str:
    return f"{data['title']}.{fmt}"
