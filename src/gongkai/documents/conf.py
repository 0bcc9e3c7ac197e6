"""The documents app's settings, with their defaults (set in settings.py from environment variables)."""

from __future__ import annotations

from django.conf import settings

from gongkai.documents.extract import Limits


def limits() -> Limits:
    return Limits(
        max_pages=getattr(settings, "GONGKAI_DOCUMENTS_MAX_PAGES", 2000),
        ocr_max_pages=getattr(settings, "GONGKAI_DOCUMENTS_OCR_MAX_PAGES", 200),
        ocr_dpi=getattr(settings, "GONGKAI_DOCUMENTS_OCR_DPI", 300),
        ocr_page_seconds=getattr(settings, "GONGKAI_DOCUMENTS_OCR_PAGE_SECONDS", 120),
        convert_seconds=getattr(settings, "GONGKAI_DOCUMENTS_CONVERT_SECONDS", 180),
        max_chars=getattr(settings, "GONGKAI_DOCUMENTS_MAX_CHARS", 2_000_000),
    )


def timeout_seconds() -> int:
    """Wall-clock time one file may take to read (every page, OCR included)."""
    return getattr(settings, "GONGKAI_DOCUMENTS_TIMEOUT_SECONDS", 900)


def memory_mb() -> int:
    """Address space of the reading process and what it starts (Tesseract, LibreOffice)."""
    return getattr(settings, "GONGKAI_DOCUMENTS_MEMORY_MB", 2048)


def redaction_dpi() -> int:
    """Resolution at which redacted pages are burned in (rasterised)."""
    return getattr(settings, "GONGKAI_REDACTION_DPI", 150)
