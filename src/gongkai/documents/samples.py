"""Generated documents for tests and the benchmark: text PDFs, scanned PDFs rendered from text, DOCX.

A "scan" is text drawn onto a grayscale image with a CJK font (Pillow), wrapped as an image-only PDF: no
text layer, so only OCR can read it. The font is Noto Sans CJK (Debian's fonts-noto-cjk); `cjk_font()`
answers None where it is missing and callers skip.
"""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
import textwrap
from pathlib import Path

KNOWN_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
)
#: Index of the simplified-Chinese face in the Noto CJK collections (JP, KR, SC, TC, HK).
SC_INDEX = 2


@functools.cache
def cjk_font() -> str | None:
    if shutil.which("fc-match"):
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", "Noto Sans CJK SC"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if found and "CJK" in found and Path(found).exists():
            return found
    return next((f for f in KNOWN_FONTS if Path(f).exists()), None)


def text_pdf(pages: list[str], *, fontsize: float = 12, metadata: dict | None = None) -> bytes:
    """A PDF with a text layer (PyMuPDF's built-in simplified-Chinese font), one string a page."""
    import pymupdf

    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page(width=595, height=842)
        page.insert_textbox(pymupdf.Rect(56, 56, 539, 800), text, fontname="china-s", fontsize=fontsize)
    if metadata:
        doc.set_metadata(metadata)
    data = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data


def render_text_image(text: str, *, width: int = 1240, size: int = 40, margin: int = 80):
    """A grayscale page image of `text` (Pillow, CJK font): what a scanner gives for a printed page."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = cjk_font()
    if font_path is None:
        raise RuntimeError("No CJK font (fonts-noto-cjk) to render a scanned page.")
    font = ImageFont.truetype(font_path, size, index=SC_INDEX)
    per_line = max(1, (width - 2 * margin) // size)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(textwrap.wrap(paragraph, per_line) or [""])
    height = max(int(width * 1.414), 2 * margin + len(lines) * int(size * 1.6))
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    y = margin
    for line in lines:
        draw.text((margin, y), line, font=font, fill=0)
        y += int(size * 1.6)
    return image


def scanned_pdf(pages: list[str], *, width: int = 1240, size: int = 40) -> bytes:
    """An image-only PDF, one rendered page a string (no text layer at all)."""
    import pymupdf

    doc = pymupdf.open()
    for text in pages:
        image = render_text_image(text, width=width, size=size)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        page = doc.new_page(width=595, height=595 * image.height / image.width)
        page.insert_image(page.rect, stream=buffer.getvalue())
    data = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data


def png(text: str, **kwargs) -> bytes:
    buffer = io.BytesIO()
    render_text_image(text, **kwargs).save(buffer, format="PNG")
    return buffer.getvalue()


def docx(paragraphs: list[str], *, table: list[list[str]] | None = None) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx(rows: list[list[str]], *, sheet: str = "表1") -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


#: Real documents next to the repository (../shared/data/, see its README); absent on most machines.
SHARED_CORPUS = Path(__file__).resolve().parents[4] / "shared" / "data" / "documents.jsonl.gz"


def corpus_texts(n: int, *, chars: int = 400) -> list[str]:
    """`n` passages of real government text from ../shared/data/documents.jsonl.gz ([] when absent)."""
    import gzip
    import json

    path = SHARED_CORPUS
    if not path.exists():
        return []
    out: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            body = json.loads(line).get("body", "")
            paragraph = next((p.strip() for p in body.split("\n\n") if len(p.strip()) >= chars // 2), "")
            if paragraph:
                out.append(paragraph[:chars])
            if len(out) >= n:
                break
    return out
