"""Redaction of PDFs for partial disclosure (Art. 37): find what to hide, burn it in, rebuild the text, check.

No Django here: these run inside the bounded worker process (`worker.py`), like the readers.

- `find`: every hit of search terms and patterns (identity numbers, phone numbers…) with its page, its
  rectangles and its context, on the text layer or, for a scanned page, on Tesseract's word boxes.
- `redact`: a new PDF. On each page the marked regions are removed from the content (PyMuPDF's redaction:
  text under them deleted, image pixels under them blanked, vector graphics touching them removed), the page
  is then rasterised (burned in: the output holds only a picture of each page, never the original content
  with a box drawn on top), and an invisible text layer is rebuilt from what remains: the original text
  minus the removed characters, or OCR of the burned-in picture for a scanned page. The output is a new
  document: no metadata, no XMP, no embedded files, annotations, forms, scripts or links of the original.
- `leaks`: the check after redaction: the redacted strings must not be found in the output's text
  (pdftotext, when installed, and this project's extractor) or in its bytes, raw or decompressed, in UTF-8,
  UTF-16 or GB 18030.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field

from gongkai.documents.extract import MIN_TEXT_CHARS, Limits, letters, page_dpi

#: Patterns staff can search for; each a regular expression over a page's text (names in Chinese).
PATTERNS: dict[str, tuple[str, str]] = {
    "id_number": (
        "居民身份证号码",
        r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])",
    ),
    "mobile": ("手机号码", r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)"),
    "landline": ("固定电话", r"(?<!\d)(?:\(?0\d{2,3}\)?[- ]?)\d{7,8}(?!\d)"),
    "email": ("电子邮箱", r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
    "bank_card": ("银行卡号", r"(?<!\d)(?:62|4\d|5[1-5])\d{14,17}(?!\d)"),
}
CONTEXT = 12  # characters either side of a hit in the preview


class RedactionFailed(Exception):
    pass


@dataclass
class Box:
    page: int  # 1-based
    x0: float
    y0: float
    x1: float
    y1: float

    def rect(self):
        import pymupdf

        return pymupdf.Rect(self.x0, self.y0, self.x1, self.y1)


@dataclass
class Hit:
    page: int
    text: str
    context: str
    boxes: list[Box] = field(default_factory=list)


def _open(path: str):
    import pymupdf

    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:
        raise RedactionFailed(f"PDF 文件已损坏或无法打开（{type(exc).__name__}）。") from None
    if doc.needs_pass:
        raise RedactionFailed("PDF 文件已加密，无法处理。")
    return doc


def page_sizes(path: str) -> list[tuple[float, float]]:
    """(width, height) in points of each page as shown (rotation applied)."""
    doc = _open(path)
    with doc:
        return [(p.rect.width, p.rect.height) for p in doc]


def preview_png(path: str, page: int, *, dpi: int = 72) -> bytes:
    doc = _open(path)
    with doc:
        if not 1 <= page <= doc.page_count:
            raise RedactionFailed("页码超出范围。")
        return doc[page - 1].get_pixmap(dpi=dpi, alpha=False).tobytes("png")


def shown_to_page(path: str, box: Box) -> Box:
    """A rectangle drawn on the page as shown (rotated) in the page's own coordinates (what PyMuPDF's
    text and redaction methods use)."""
    import pymupdf

    doc = _open(path)
    with doc:
        page = doc[box.page - 1]
        r = pymupdf.Rect(box.x0, box.y0, box.x1, box.y1) * page.derotation_matrix
        r.normalize()
        return Box(box.page, r.x0, r.y0, r.x1, r.y1)


def page_to_shown(path: str, boxes: list[Box]) -> list[Box]:
    """The boxes in the coordinates of the pages as shown (rotation applied): for drawing them."""
    import pymupdf

    doc = _open(path)
    out = []
    with doc:
        for b in boxes:
            r = pymupdf.Rect(b.x0, b.y0, b.x1, b.y1) * doc[b.page - 1].rotation_matrix
            r.normalize()
            out.append(Box(b.page, r.x0, r.y0, r.x1, r.y1))
    return out


def text_under(path: str, boxes: list[Box]) -> list[str]:
    """The text-layer text each box removes: the box is applied to the page (in memory, by the same
    redaction as `redact`) and the text before and after compared. Used to show staff what a region takes
    away and, after production, to check that none of it can be read."""
    import difflib

    import pymupdf

    out = []
    for b in boxes:
        doc = _open(path)
        with doc:
            page = doc[b.page - 1]
            before = page.get_text("text")
            page.add_redact_annot(b.rect())
            page.apply_redactions(
                images=pymupdf.PDF_REDACT_IMAGE_NONE, graphics=pymupdf.PDF_REDACT_LINE_ART_NONE
            )
            after = page.get_text("text")
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        removed = [
            before[i1:i2] for tag, i1, i2, _j1, _j2 in matcher.get_opcodes() if tag in ("delete", "replace")
        ]
        out.append(" ".join(" ".join(removed).split()))
    return out


# --- Characters with their boxes, for finding --------------------------------------------------------


def _text_chars(page) -> tuple[str, list]:
    """The page's text (lines joined by newlines) and the box of each character (None for newlines)."""
    text: list[str] = []
    boxes: list = []
    raw = page.get_text("rawdict")
    for block in raw["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                for ch in span["chars"]:
                    text.append(ch["c"])
                    boxes.append(tuple(ch["bbox"]))
            text.append("\n")
            boxes.append(None)
    return "".join(text), boxes


def _ocr_words(
    pix_path: str, *, limits: Limits, scale: float, min_confidence: float = 0
) -> list[tuple[str, tuple, tuple]]:
    """(word, box in points, line key) of Tesseract's words on a page picture rendered at 72/scale dpi."""
    if not shutil.which("tesseract"):
        raise RedactionFailed("服务器未安装 Tesseract，无法识别扫描页。")
    done = subprocess.run(  # noqa: S603
        ["tesseract", pix_path, "stdout", "-l", "chi_sim", "--psm", "3", "tsv"],  # noqa: S607
        capture_output=True,
        timeout=limits.ocr_page_seconds,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        check=False,
    )
    words = []
    for row in done.stdout.decode("utf-8", "replace").splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            if float(cols[10]) < min_confidence:
                continue
        except ValueError:
            continue
        left, top, width, height = (int(c) for c in cols[6:10])
        box = (left * scale, top * scale, (left + width) * scale, (top + height) * scale)
        words.append((cols[11].strip(), box, tuple(int(c) for c in cols[1:5])))
    return words


def _scan_chars(page, *, limits: Limits, tmp: str) -> tuple[str, list]:
    """Like _text_chars for a scanned page: OCR words, each word's box split evenly among its characters."""
    dpi = page_dpi(page, limits.ocr_dpi)
    image = os.path.join(tmp, f"find{page.number}.png")
    page.get_pixmap(dpi=dpi, colorspace="gray", alpha=False).save(image)
    words = _ocr_words(image, limits=limits, scale=72 / dpi)
    text: list[str] = []
    boxes: list = []
    previous = None
    for word, (x0, y0, x1, y1), key in words:
        if previous is not None and key[:4] != previous:
            text.append("\n")
            boxes.append(None)
        previous = key[:4]
        # Split the word's box among its characters by their usual widths (Chinese full, Latin and
        # digits about half), widened by a margin: OCR boxes are approximate, and a redaction must cover.
        widths = [1.0 if ord(ch) > 0x2E80 else 0.55 for ch in word]
        unit = (x1 - x0) / sum(widths)
        margin = (y1 - y0) * 0.2
        left = x0
        for ch, w in zip(word, widths, strict=True):
            text.append(ch)
            boxes.append((left - margin, y0 - margin / 2, left + w * unit + margin, y1 + margin / 2))
            left += w * unit
    # shown (rotated) coordinates back to the page's own
    matrix = page.derotation_matrix
    import pymupdf

    fixed: list[tuple | None] = []
    for b in boxes:
        if b is None:
            fixed.append(None)
        else:
            r = pymupdf.Rect(b) * matrix
            r.normalize()
            fixed.append(tuple(r))
    return "".join(text), fixed


def _boxes_of(page_no: int, boxes: list, start: int, end: int) -> list[Box]:
    """One box per line of the characters start..end (their union on each line), a little padded."""
    out: list[Box] = []
    current: list | None = None
    for b in boxes[start:end]:
        if b is None:
            if current:
                out.append(Box(page_no, *current))
            current = None
            continue
        if current is None:
            current = list(b)
        else:
            current = [
                min(current[0], b[0]),
                min(current[1], b[1]),
                max(current[2], b[2]),
                max(current[3], b[3]),
            ]
    if current:
        out.append(Box(page_no, *current))
    for box in out:
        box.x0, box.y0, box.x1, box.y1 = box.x0 - 0.5, box.y0 - 0.5, box.x1 + 0.5, box.y1 + 0.5
    return out


def find(path: str, *, terms: list[str], patterns: list[str], limits: Limits | None = None) -> list[Hit]:
    """Every hit of the terms (exact text; spaces and line breaks between characters allowed) and of the
    named patterns, page by page."""
    limits = limits or Limits()
    expressions = []
    for term in terms:
        chars = [re.escape(c) for c in term if not c.isspace()]
        if chars:
            expressions.append(re.compile(r"\s*".join(chars)))
    for name in patterns:
        if name in PATTERNS:
            expressions.append(re.compile(PATTERNS[name][1]))
    hits: list[Hit] = []
    doc = _open(path)
    ocr_pages = 0
    with doc, tempfile.TemporaryDirectory(prefix="gk-find-") as tmp:
        for page in doc:
            if page.number >= limits.max_pages:
                break
            text, boxes = _text_chars(page)
            if letters(text) < MIN_TEXT_CHARS and page.get_images() and ocr_pages < limits.ocr_max_pages:
                text, boxes = _scan_chars(page, limits=limits, tmp=tmp)
                ocr_pages += 1
            # Match over the page with its line breaks taken out (a number or a name wrapped onto the next
            # line is still one hit); `where` maps each joined character back to the page's text.
            where = [i for i, c in enumerate(text) if c != "\n"]
            joined = "".join(text[i] for i in where)
            seen: set[tuple[int, int]] = set()
            for rx in expressions:
                for m in rx.finditer(joined):
                    if m.end() <= m.start() or (m.start(), m.end()) in seen:
                        continue
                    seen.add((m.start(), m.end()))
                    start, end = where[m.start()], where[m.end() - 1] + 1
                    context = joined[max(0, m.start() - CONTEXT) : m.end() + CONTEXT]
                    found = _boxes_of(page.number + 1, boxes, start, end)
                    if found:
                        hits.append(Hit(page.number + 1, m.group(), context, found))
    return hits


# --- Producing the redacted PDF ------------------------------------------------------------------------


def _invisible_text(target, page, *, matrix) -> int:
    """Write the page's remaining characters invisibly (render mode 3) where they were; returns the count."""

    count = 0
    raw = page.get_text("rawdict")
    for block in raw["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                size = span["size"] or 10
                # Runs of adjacent characters (a removed character or a wide gap ends a run), each written
                # at its first character's origin.
                run: list[str] = []
                origin = None
                last_x1 = None
                for ch in span["chars"]:
                    x0, _y0, x1, _y1 = ch["bbox"]
                    if run and (ch["c"].isspace() or last_x1 is None or x0 - last_x1 > size * 0.3):
                        count += _write(target, origin, "".join(run), size, matrix)
                        run, origin = [], None
                    if not ch["c"].isspace():
                        if origin is None:
                            origin = ch["origin"]
                        run.append(ch["c"])
                    last_x1 = x1
                if run:
                    count += _write(target, origin, "".join(run), size, matrix)
    return count


def _write(target, origin, text: str, size: float, matrix) -> int:
    import pymupdf

    target.insert_text(pymupdf.Point(origin) * matrix, text, fontname="china-s", fontsize=size, render_mode=3)
    return len(text)


def _ocr_text_layer(target, image_path: str, *, limits: Limits, dpi: int) -> int:
    import pymupdf

    count = 0
    # Words read with low confidence are left out: Tesseract reads the burned-in boxes as characters.
    words = _ocr_words(image_path, limits=limits, scale=72 / dpi, min_confidence=30)
    for word, (x0, y0, x1, y1), _key in words:
        height = max(y1 - y0, 4)
        em = pymupdf.get_text_length(word, fontname="china-s", fontsize=1) or len(word)
        size = max(min(height * 0.95, (x1 - x0) / em), 2)
        target.insert_text(
            pymupdf.Point(x0, y1 - height * 0.12), word, fontname="china-s", fontsize=size, render_mode=3
        )
        count += len(word)
    return count


@dataclass
class Report:
    pages: int
    ocr_pages: int
    marks: int
    chars: int

    def as_dict(self) -> dict:
        return asdict(self)


def redact(
    path: str, boxes: list[Box], out_path: str, *, dpi: int = 150, limits: Limits | None = None
) -> Report:
    """Write the redacted copy of the PDF at `path` to `out_path` (see the module's docstring)."""
    import pymupdf

    limits = limits or Limits()
    source = _open(path)
    output = pymupdf.open()
    ocr_pages = chars = 0
    with source, tempfile.TemporaryDirectory(prefix="gk-redact-") as tmp:
        if source.page_count > limits.max_pages:
            raise RedactionFailed(f"文件超过{limits.max_pages}页，无法处理。")
        for page in source:
            mine = [b for b in boxes if b.page == page.number + 1]
            # A scanned page (images, next to no text) gets its text layer from OCR; any other page keeps
            # the text it has left.
            scanned = letters(page.get_text("text")) < MIN_TEXT_CHARS and bool(page.get_images())
            for b in mine:
                page.add_redact_annot(b.rect(), fill=(0, 0, 0))
            if mine:
                page.apply_redactions(
                    images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                    graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED,
                    text=pymupdf.PDF_REDACT_TEXT_REMOVE,
                )
            # Burn in: the new page is a picture of the redacted page, nothing else of the original.
            pix = page.get_pixmap(dpi=dpi, alpha=False)
            for b in mine:  # paint the regions once more on the picture itself, whatever the content was
                r = b.rect() * page.rotation_matrix * pymupdf.Matrix(dpi / 72, dpi / 72)
                r.normalize()
                pix.set_rect(pymupdf.IRect(r.x0 - 1, r.y0 - 1, r.x1 + 1, r.y1 + 1), (0, 0, 0))
            target = output.new_page(width=page.rect.width, height=page.rect.height)
            target.insert_image(target.rect, stream=pix.tobytes("png"))
            if not scanned:
                chars += _invisible_text(target, page, matrix=page.rotation_matrix)
            elif ocr_pages < limits.ocr_max_pages:
                image = os.path.join(tmp, f"burned{page.number}.png")
                pix.save(image)
                chars += _ocr_text_layer(target, image, limits=limits, dpi=dpi)
                ocr_pages += 1
        output.set_metadata({})
        output.del_xml_metadata()
        output.save(out_path, garbage=4, deflate=True, clean=True)
        report = Report(source.page_count, ocr_pages, len(boxes), chars)
    output.close()
    return report


# --- The checks ----------------------------------------------------------------------------------------


def _squash(text: str) -> str:
    return "".join(text.split())


def _encodings(secret: str) -> list[bytes]:
    forms = {secret.encode("utf-8"), secret.encode("utf-16-be"), secret.encode("utf-16-le")}
    with contextlib.suppress(UnicodeEncodeError):
        forms.add(secret.encode("gb18030"))
    return [f for f in forms if len(f) >= 4]


_HEX_STRING = re.compile(rb"<([0-9A-Fa-f\s]+)>")
_LITERAL_STRING = re.compile(rb"\((?:[^()\\]|\\.)*\)")


def _string_operands(data: bytes) -> list[bytes]:
    """The strings a content stream shows, joined in order: hex strings (<5F20...>, how CID fonts write
    text) and literal strings, so that text split over many show operators is seen whole."""
    hexes = []
    for m in _HEX_STRING.finditer(data):
        digits = re.sub(rb"\s", b"", m.group(1))
        if len(digits) % 2:
            digits += b"0"
        try:
            hexes.append(bytes.fromhex(digits.decode("ascii")))
        except ValueError:
            continue
    literals = [m.group()[1:-1] for m in _LITERAL_STRING.finditer(data)]
    return [b"".join(hexes), b"".join(literals)]


def stream_bytes(path: str) -> list[bytes]:
    """The file's bytes and every stream decompressed (content streams, fonts' ToUnicode maps, images)."""
    import pymupdf

    with open(path, "rb") as handle:
        parts = [handle.read()]
    doc = pymupdf.open(path)
    with doc:
        for xref in range(1, doc.xref_length()):
            try:
                if doc.xref_is_stream(xref):
                    data = doc.xref_stream(xref) or b""
                    parts.append(data)
                    parts += _string_operands(data)
                parts.append(doc.xref_object(xref, compressed=False).encode("latin-1", "replace"))
            except Exception:  # noqa: S112 - a damaged object has nothing to read
                continue
        for key, value in (doc.metadata or {}).items():
            parts.append(f"{key}={value}".encode())
        parts.append((doc.get_xml_metadata() or "").encode())
    return parts


def texts_of(path: str) -> dict[str, str]:
    """The output's text by pdftotext (when installed) and by this project's extractor (no OCR: the text
    layer, which is what copy, search and screen readers see)."""
    from gongkai.documents.extract import read_pdf

    out = {"extractor": read_pdf(path, limits=Limits(), ocr=False).text}
    if shutil.which("pdftotext"):
        done = subprocess.run(  # noqa: S603 - a fixed command on our own file
            ["pdftotext", "-enc", "UTF-8", path, "-"],  # noqa: S607
            capture_output=True,
            timeout=120,
            check=False,
        )
        out["pdftotext"] = done.stdout.decode("utf-8", "replace")
    return out


def leaks(path: str, secrets: list[str]) -> list[tuple[str, str]]:
    """(secret, where) for every redacted string still found in the output."""
    secrets = [s for s in {_squash(s) for s in secrets} if len(s) >= 2]
    found: list[tuple[str, str]] = []
    for where, text in texts_of(path).items():
        flat = _squash(text)
        found += [(s, where) for s in secrets if s in flat]
    blobs = stream_bytes(path)
    for s in secrets:
        if any(form in blob for form in _encodings(s) for blob in blobs):
            found.append((s, "bytes"))
    return found
