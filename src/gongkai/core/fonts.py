"""Is there a Chinese font for the PDF of a report? Asked of fontconfig, the library WeasyPrint renders with.

Without a font covering Simplified Chinese, WeasyPrint draws every Chinese character as an empty box and says
nothing. So PDFs are rendered only when `cjk_families()` finds at least one such font (`require_cjk_font`
raises `FontMissing` with the message shown to staff and citizens otherwise). fontconfig's configuration is
loaded afresh on each call, as WeasyPrint loads it for each document: a font installed while the server runs is
found by the next call, without a restart.

`pdf_has_cjk_font` tells whether an existing PDF embeds such a font, so renditions made on a machine without
one can be found and rendered again (`gongkai report_pdfs`).
"""

from __future__ import annotations

import re
import zlib
from functools import cache

#: The Debian/Ubuntu package that provides the fonts the report stylesheet names first.
FONT_PACKAGE = "fonts-noto-cjk"
MESSAGE = (
    "服务器未安装中文字体，无法生成PDF（生成的PDF中的汉字将显示为空白方框）。"
    f"请系统管理员安装中文字体（Debian/Ubuntu：apt-get install {FONT_PACKAGE}）后重试；"
    "在此之前请下载DOCX、XLSX或网页版。"
)


class FontMissing(RuntimeError):
    """No font for Simplified Chinese: a PDF would show empty boxes."""

    def __init__(self, message: str = MESSAGE):
        super().__init__(message)
        self.message = message


_CDEF = """
typedef struct _FcConfig FcConfig;
typedef struct _FcPattern FcPattern;
typedef struct _FcObjectSet FcObjectSet;
typedef unsigned char FcChar8;
typedef int FcBool;
typedef struct _FcFontSet { int nfont; int sfont; FcPattern **fonts; } FcFontSet;
typedef enum { FcResultMatch, FcResultNoMatch, FcResultTypeMismatch, FcResultNoId, FcResultOutOfMemory } FcResult;
FcConfig *FcInitLoadConfigAndFonts(void);
void FcConfigDestroy(FcConfig *config);
FcPattern *FcNameParse(const FcChar8 *name);
void FcPatternDestroy(FcPattern *p);
FcObjectSet *FcObjectSetCreate(void);
FcBool FcObjectSetAdd(FcObjectSet *os, const char *object);
void FcObjectSetDestroy(FcObjectSet *os);
FcFontSet *FcFontList(FcConfig *config, FcPattern *p, FcObjectSet *os);
void FcFontSetDestroy(FcFontSet *s);
FcResult FcPatternGetString(const FcPattern *p, const char *object, int n, FcChar8 **s);
"""


@cache
def _fontconfig():
    import cffi

    ffi = cffi.FFI()
    ffi.cdef(_CDEF)
    for name in ("libfontconfig.so.1", "fontconfig", "libfontconfig-1", "libfontconfig.1.dylib"):
        try:
            return ffi, ffi.dlopen(name)
        except OSError:
            continue
    raise OSError("fontconfig library not found")


def cjk_families(lang: str = "zh-cn") -> list[str]:
    """The font families fontconfig has for `lang` (what `fc-list :lang=zh-cn family` prints), sorted."""
    try:
        ffi, fc = _fontconfig()
    except (ImportError, OSError):
        return []
    config = fc.FcInitLoadConfigAndFonts()
    if config == ffi.NULL:
        return []
    pattern = fc.FcNameParse(f":lang={lang}".encode())
    objects = fc.FcObjectSetCreate()
    fc.FcObjectSetAdd(objects, b"family")
    fonts = fc.FcFontList(config, pattern, objects)
    families: set[str] = set()
    try:
        if fonts != ffi.NULL:
            value = ffi.new("FcChar8 **")
            for i in range(fonts.nfont):
                if fc.FcPatternGetString(fonts.fonts[i], b"family", 0, value) == fc.FcResultMatch:
                    families.add(ffi.string(value[0]).decode("utf-8", "replace"))
    finally:
        if fonts != ffi.NULL:
            fc.FcFontSetDestroy(fonts)
        fc.FcObjectSetDestroy(objects)
        fc.FcPatternDestroy(pattern)
        fc.FcConfigDestroy(config)
    return sorted(families)


def cjk_font_available() -> bool:
    return bool(cjk_families())


def require_cjk_font() -> list[str]:
    families = cjk_families()
    if not families:
        raise FontMissing()
    return families


_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_FONT_NAME = re.compile(rb"/(?:FontName|BaseFont)\s*/(?:[A-Z]{6}\+)?([^\s/<>\[\]()]+)")


def pdf_font_names(pdf: bytes) -> set[str]:
    """The names of the fonts a PDF uses (including those inside compressed object streams)."""
    chunks = [pdf]
    for m in _STREAM.finditer(pdf):
        try:
            chunks.append(zlib.decompress(m.group(1)))
        except zlib.error:
            continue
    names: set[str] = set()
    for chunk in chunks:
        names.update(n.decode("latin-1") for n in _FONT_NAME.findall(chunk))
    return names


def _squash(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


_CJK_HINTS = ("cjk", "han", "song", "hei", "kai", "ming", "fangsong", "wenquanyi", "wqy", "simsun", "simhei")


def pdf_has_cjk_font(pdf: bytes, families: list[str] | None = None) -> bool:
    """Whether the PDF embeds a font for Chinese: one of `families` (fontconfig's, by default) or a font whose
    name says so (Noto Sans CJK, Source Han, SimSun…)."""
    families = cjk_families() if families is None else families
    wanted = [_squash(f) for f in families if _squash(f)]
    for name in pdf_font_names(pdf):
        squashed = _squash(name)
        if any(w in squashed for w in wanted) or any(h in squashed for h in _CJK_HINTS):
            return True
    return False
