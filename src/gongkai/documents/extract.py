"""Reading the text of a file, page by page: the PDF text layer, OCR of scans and images, office files.

This module knows nothing of Django: it runs inside the bounded worker process (`worker.py`), which the
platform starts with a time limit and resource limits for each file (docs/documents.md). Every reader
returns `Page`s; `extract()` picks the reader by kind and reports progress through a callback.

- PDF: PyMuPDF's text layer, page by page; a page with (almost) no text but with images is rendered and
  read by Tesseract (simplified Chinese), so a scanned PDF, or a scan inside a text PDF, is read too.
- Images (JPEG, PNG, GIF): Tesseract.
- DOCX: python-docx (paragraphs and tables); XLSX: openpyxl (every sheet, row by row); ODF (ODT, ODS, ODP):
  the text elements of content.xml; OFD (GB/T 33190): the TextCode elements of each page's content.
- DOC, XLS, WPS, ET (Kingsoft's formats share the OLE2 container): LibreOffice converts them
  (`soffice --headless --convert-to docx|xlsx`) and the result is read as above.
- HTML: the text of the document without scripts and styles; plain text: UTF-8, else GB 18030.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

#: A page with fewer letters or digits than this in its text layer, and an image, is read by OCR.
MIN_TEXT_CHARS = 10
OCR_LANG = "chi_sim"
_CJK_GAP = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])[ \t]+(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])"
)
_WORDY = re.compile(r"[^\W_]", re.UNICODE)

PDF_KINDS = {"pdf"}
IMAGE_KINDS = {"jpg", "jpeg", "png", "gif", "tif", "tiff", "bmp"}
OFFICE_WORD = {"doc", "wps", "rtf"}
OFFICE_SHEET = {"xls", "et"}
ODF_KINDS = {"odt", "ods", "odp"}
HTML_KINDS = {"html", "htm"}
TEXT_KINDS = {"txt", "csv", "text"}
SUPPORTED = PDF_KINDS | IMAGE_KINDS | OFFICE_WORD | OFFICE_SHEET | ODF_KINDS | HTML_KINDS | TEXT_KINDS | {
    "docx", "xlsx", "ofd",
}  # fmt: skip


class Unreadable(Exception):
    """The file cannot be read; the message (Chinese) says why."""


@dataclass
class Limits:
    max_pages: int = 2000  # pages read at most (text or OCR)
    ocr_max_pages: int = 200  # pages given to OCR at most
    ocr_dpi: int = 300
    ocr_page_seconds: int = 120  # one Tesseract call
    convert_seconds: int = 180  # one LibreOffice conversion
    max_chars: int = 2_000_000  # text kept at most


@dataclass
class Page:
    number: int  # 1-based
    text: str
    method: str  # "text" (a text layer or a document's own text) or "ocr"
    confidence: float | None = None  # OCR: mean word confidence 0-1; else None (exact)


@dataclass
class Result:
    method: str
    pages: list[Page] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pages_total: int = 0

    @property
    def text(self) -> str:
        return "\f".join(p.text for p in self.pages)

    @property
    def confidence(self) -> float | None:
        """Mean OCR confidence weighted by characters; 1.0 when nothing was read by OCR."""
        ocr = [p for p in self.pages if p.method == "ocr"]
        if not ocr:
            return 1.0 if self.pages else None
        weights = [(max(len(p.text), 1), p.confidence if p.method == "ocr" else 1.0) for p in self.pages]
        total = sum(w for w, _c in weights)
        return round(sum(w * (c or 0.0) for w, c in weights) / total, 3)

    def as_dict(self) -> dict:
        return {
            "method": self.method,
            "pages": [asdict(p) for p in self.pages],
            "notes": self.notes,
            "pages_total": self.pages_total,
            "confidence": self.confidence,
        }


Progress = Callable[[int, int], None]


def _noop(done: int, total: int) -> None:
    pass


def tidy(text: str, *, ocr: bool = False) -> str:
    """Normalise line ends and blank lines; for OCR, drop the spaces Tesseract puts between Chinese
    characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = [(_CJK_GAP.sub("", line) if ocr else line).rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def letters(text: str) -> int:
    return len(_WORDY.findall(text))


# --- OCR -------------------------------------------------------------------------------------------


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_image(path: str | os.PathLike, *, limits: Limits, lang: str = OCR_LANG) -> tuple[str, float]:
    """(text, mean word confidence 0-1) of an image file, by the tesseract command (TSV output)."""
    if not tesseract_available():
        raise Unreadable(
            "服务器未安装 Tesseract，无法识别扫描件（需 tesseract-ocr 与 tesseract-ocr-chi-sim）。"
        )
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core per file: the machine is shared
    try:
        done = subprocess.run(  # noqa: S603 - fixed command, the path is ours
            ["tesseract", str(path), "stdout", "-l", lang, "--psm", "3", "tsv"],  # noqa: S607
            capture_output=True,
            timeout=limits.ocr_page_seconds,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise Unreadable(f"文字识别超时（单页超过{limits.ocr_page_seconds}秒）。") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise Unreadable(f"文字识别失败：{message[0][:200]}")
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> tuple[str, float]:
    """Text (lines and paragraphs kept) and the mean confidence of the words of Tesseract's TSV output."""
    lines: dict[tuple[int, int, int, int], list[str]] = {}
    confidences: list[float] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        word = cols[11]
        if not word.strip():
            continue
        try:
            conf = float(cols[10])
        except ValueError:
            conf = -1
        if conf >= 0:
            confidences.append(conf)
        key = (int(cols[1]), int(cols[2]), int(cols[3]), int(cols[4]))  # page, block, paragraph, line
        lines.setdefault(key, []).append(word)
    out: list[str] = []
    previous = None
    for key in sorted(lines):
        if previous is not None and key[:3] != previous[:3]:
            out.append("")
        out.append(" ".join(lines[key]))
        previous = key
    mean = sum(confidences) / len(confidences) / 100 if confidences else 0.0
    return tidy("\n".join(out), ocr=True), round(mean, 3)


# --- PDF -------------------------------------------------------------------------------------------


def _open_pdf(path):
    import pymupdf

    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:  # pymupdf raises its own FileDataError and friends
        raise Unreadable(f"PDF 文件已损坏或无法打开（{type(exc).__name__}）。") from None
    if doc.needs_pass:
        doc.close()
        raise Unreadable("PDF 文件已加密（需要密码），无法读取文字。")
    return doc


def page_dpi(page, maximum: int) -> int:
    """The resolution to read a page at: its images' own (upsampling a scan makes OCR worse), at least
    150 and at most `maximum` dpi."""
    native = 0.0
    for info in page.get_image_info():
        x0, _y0, x1, _y1 = info["bbox"]
        if x1 - x0 > 1:
            native = max(native, info["width"] / ((x1 - x0) / 72))
    return int(min(max(native or maximum, 150), maximum))


def render_page_png(page, *, dpi: int, path: str) -> None:
    pix = page.get_pixmap(dpi=dpi, colorspace="gray", alpha=False)
    pix.save(path)


def read_pdf(path: str, *, limits: Limits, progress: Progress = _noop, ocr: bool = True) -> Result:
    doc = _open_pdf(path)
    result = Result(method="pdf_text")
    try:
        total = doc.page_count
        result.pages_total = total
        if total == 0:
            raise Unreadable("PDF 文件没有页面。")
        count = min(total, limits.max_pages)
        if count < total:
            result.notes.append(f"共{total}页，只读取了前{count}页（页数上限）。")
        ocr_pages = 0
        with tempfile.TemporaryDirectory(prefix="gk-ocr-") as tmp:
            for index in range(count):
                page = doc[index]
                text = tidy(page.get_text("text", sort=True))
                if letters(text) < MIN_TEXT_CHARS and page.get_images(full=False) and ocr:
                    if ocr_pages >= limits.ocr_max_pages:
                        if ocr_pages == limits.ocr_max_pages:
                            result.notes.append(f"扫描页过多，只识别了前{limits.ocr_max_pages}页。")
                            ocr_pages += 1
                        result.pages.append(Page(index + 1, text, "text"))
                    else:
                        image = os.path.join(tmp, f"p{index + 1}.png")
                        render_page_png(page, dpi=page_dpi(page, limits.ocr_dpi), path=image)
                        ocr_text, conf = ocr_image(image, limits=limits)
                        os.unlink(image)
                        ocr_pages += 1
                        result.pages.append(Page(index + 1, ocr_text or text, "ocr", conf))
                else:
                    result.pages.append(Page(index + 1, text, "text"))
                progress(index + 1, count)
        kinds = {p.method for p in result.pages}
        result.method = "ocr" if kinds == {"ocr"} else ("pdf_text+ocr" if "ocr" in kinds else "pdf_text")
    finally:
        doc.close()
    return result


def read_image(path: str, *, limits: Limits, progress: Progress = _noop) -> Result:
    from PIL import Image, UnidentifiedImageError

    result = Result(method="ocr", pages_total=1)
    try:
        with Image.open(path) as img:
            frames = getattr(img, "n_frames", 1)
            img.seek(0)
            picture = img.convert("L")
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise Unreadable(f"图片文件已损坏或无法识别（{type(exc).__name__}）。") from None
    if frames > 1:
        result.notes.append("多帧图片只识别了第一帧。")
    with tempfile.TemporaryDirectory(prefix="gk-ocr-") as tmp:
        target = os.path.join(tmp, "image.png")
        picture.save(target)
        text, conf = ocr_image(target, limits=limits)
    result.pages.append(Page(1, text, "ocr", conf))
    progress(1, 1)
    return result


# --- Office documents ------------------------------------------------------------------------------


def read_docx(path: str, *, progress: Progress = _noop) -> Result:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(path)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise Unreadable(f"Word 文件已损坏或无法打开（{type(exc).__name__}）。") from None
    parts: list[str] = []
    body = document.element.body
    # Paragraphs and tables in document order.
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iterchildren():
                        if cell.tag.endswith("}tc"):
                            cells.append("".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t")))
                    parts.append("\t".join(cells))
    progress(1, 1)
    return Result(method="docx", pages=[Page(1, tidy("\n".join(parts)), "text")], pages_total=1)


def read_xlsx(path: str, *, limits: Limits, progress: Progress = _noop) -> Result:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise Unreadable(f"Excel 文件已损坏或无法打开（{type(exc).__name__}）。") from None
    result = Result(method="xlsx")
    try:
        sheets = book.worksheets[: limits.max_pages]
        result.pages_total = len(book.worksheets)
        chars = 0
        for number, sheet in enumerate(sheets, start=1):
            lines = [sheet.title]
            for row in sheet.iter_rows(values_only=True):
                values = ["" if v is None else str(v) for v in row]
                if any(values):
                    line = "\t".join(values).rstrip("\t")
                    lines.append(line)
                    chars += len(line)
                if chars > limits.max_chars:
                    break
            result.pages.append(Page(number, tidy("\n".join(lines)), "text"))
            progress(number, len(sheets))
            if chars > limits.max_chars:
                result.notes.append("表格内容过多，只读取了一部分。")
                break
    finally:
        book.close()
    return result


def convert_with_libreoffice(path: str, *, target: str, limits: Limits, workdir: str) -> str:
    """Convert with `soffice --headless` into `workdir`; the converted file's path. A profile of its own
    (in `workdir`) so that conversions never wait on another LibreOffice's lock."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise Unreadable("服务器未安装 LibreOffice，无法读取 WPS/DOC/XLS 文件。")
    profile = Path(workdir, "profile").as_uri()
    try:
        done = subprocess.run(  # noqa: S603 - fixed command, our paths
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nolockcheck",
             "--convert-to", target, "--outdir", workdir, path],
            capture_output=True,
            timeout=limits.convert_seconds,
            check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise Unreadable(f"LibreOffice 转换超时（超过{limits.convert_seconds}秒）。") from None
    converted = Path(workdir, Path(path).stem + "." + target.split(":")[0])
    if done.returncode != 0 or not converted.exists():
        raise Unreadable("LibreOffice 无法转换该文件（文件可能已损坏或格式不受支持）。")
    return str(converted)


def read_office(path: str, kind: str, *, limits: Limits, progress: Progress = _noop) -> Result:
    with tempfile.TemporaryDirectory(prefix="gk-soffice-") as tmp:
        source = Path(tmp, "source." + kind)
        shutil.copyfile(path, source)  # a plain name with the right extension for LibreOffice's filters
        if kind in OFFICE_SHEET:
            result = read_xlsx(
                convert_with_libreoffice(str(source), target="xlsx", limits=limits, workdir=tmp),
                limits=limits,
                progress=progress,
            )
        else:
            result = read_docx(
                convert_with_libreoffice(str(source), target="docx", limits=limits, workdir=tmp),
                progress=progress,
            )
    result.method = f"libreoffice+{result.method}"
    return result


def _xml_text(data: bytes, *, block_tags: set[str], text_tags: set[str] | None = None) -> str:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise Unreadable("文件内容不是有效的 XML。") from None
    out: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = element.tag.rsplit("}", 1)[-1]
        if local in block_tags:
            if text_tags is None:
                out.append("".join(element.itertext()))
            else:
                out.append("".join(element.itertext()) if local in text_tags else "")
    return "\n".join(x for x in out if x is not None)


def read_odf(path: str, *, progress: Progress = _noop) -> Result:
    try:
        with zipfile.ZipFile(path) as archive:
            data = archive.read("content.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        raise Unreadable("ODF 文件已损坏或缺少 content.xml。") from None
    text = _xml_text(data, block_tags={"h", "p"})
    progress(1, 1)
    return Result(method="odf", pages=[Page(1, tidy(text), "text")], pages_total=1)


def read_ofd(path: str, *, limits: Limits, progress: Progress = _noop) -> Result:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise Unreadable("OFD 文件已损坏。") from None
    with archive:
        pages = sorted(
            (n for n in archive.namelist() if re.search(r"Pages/Page_?\d+/Content\.xml$", n)),
            key=lambda n: int(re.findall(r"Page_?(\d+)/Content", n)[0]),
        )
        if not pages:
            raise Unreadable("OFD 文件中没有页面内容。")
        result = Result(method="ofd", pages_total=len(pages))
        for number, name in enumerate(pages[: limits.max_pages], start=1):
            text = _xml_text(archive.read(name), block_tags={"TextObject"})
            result.pages.append(Page(number, tidy(text), "text"))
            progress(number, min(len(pages), limits.max_pages))
    return result


def read_html(path: str, *, progress: Progress = _noop) -> Result:
    import lxml.html

    raw = Path(path).read_bytes()
    declared = re.search(rb"<meta[^>]+charset=[\"']?([-\w]+)", raw[:4096], re.IGNORECASE)
    try:
        markup = raw.decode(declared.group(1).decode("ascii")) if declared else decode_text(raw)
    except (LookupError, UnicodeDecodeError):
        markup = decode_text(raw)
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)
    try:
        tree = lxml.html.document_fromstring(markup)
    except (ValueError, lxml.etree.ParserError):
        raise Unreadable("HTML 文件无法解析。") from None
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    blocks = []
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag in {"br"}:
            element.tail = "\n" + (element.tail or "")
        if isinstance(element.tag, str) and element.tag in {
            "p",
            "div",
            "li",
            "tr",
            "h1",
            "h2",
            "h3",
            "h4",
            "td",
        }:
            element.tail = "\n" + (element.tail or "")
    blocks.append(tree.text_content())
    progress(1, 1)
    return Result(method="html", pages=[Page(1, tidy("\n".join(blocks)), "text")], pages_total=1)


def decode_text(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def read_text(path: str, *, progress: Progress = _noop) -> Result:
    text = decode_text(Path(path).read_bytes())
    progress(1, 1)
    return Result(method="text", pages=[Page(1, tidy(text), "text")], pages_total=1)


# --- The entry point -------------------------------------------------------------------------------


def extract(path: str, kind: str, *, limits: Limits | None = None, progress: Progress = _noop) -> Result:
    """The text of the file at `path`, of `kind` (an extension: pdf, docx, wps…). Raises Unreadable."""
    limits = limits or Limits()
    kind = (kind or "").lower()
    if kind in PDF_KINDS:
        result = read_pdf(path, limits=limits, progress=progress)
    elif kind in IMAGE_KINDS:
        result = read_image(path, limits=limits, progress=progress)
    elif kind == "docx":
        result = read_docx(path, progress=progress)
    elif kind == "xlsx":
        result = read_xlsx(path, limits=limits, progress=progress)
    elif kind in OFFICE_WORD | OFFICE_SHEET:
        result = read_office(path, kind, limits=limits, progress=progress)
    elif kind in ODF_KINDS:
        result = read_odf(path, progress=progress)
    elif kind == "ofd":
        result = read_ofd(path, limits=limits, progress=progress)
    elif kind in HTML_KINDS:
        result = read_html(path, progress=progress)
    elif kind in TEXT_KINDS:
        result = read_text(path, progress=progress)
    else:
        raise Unreadable(f"不支持提取该类型文件的文字（{kind or '未知类型'}）。")
    _cap(result, limits.max_chars)
    return result


def _cap(result: Result, max_chars: int) -> None:
    used = 0
    for page in result.pages:
        room = max_chars - used
        if len(page.text) > room:
            page.text = page.text[: max(room, 0)]
            result.notes.append(f"文字过多，只保留了前{max_chars}个字符。")
            break
        used += len(page.text) + 1
    result.pages = [p for p in result.pages if p.text or p.method == "text" or p.number == 1]


def extract_bytes(data: bytes, kind: str, **kwargs) -> Result:
    """extract() of bytes in memory (tests, the benchmark)."""
    with tempfile.NamedTemporaryFile(suffix="." + kind) as handle:
        handle.write(data)
        handle.flush()
        return extract(handle.name, kind, **kwargs)


__all__ = ["SUPPORTED", "Limits", "Page", "Result", "Unreadable", "extract", "extract_bytes"]
