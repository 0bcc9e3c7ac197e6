"""Rich-text bodies: the sanitised HTML that is shown, and the plain text that search and feeds use."""

from __future__ import annotations

import html
import re

from gongkai.core.sanitize import clean_html, text_to_html
from gongkai.core.validation import CONTROL_CHARS

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|tr|blockquote|pre|table|caption)\s*>|<br\s*/?>|<hr\s*/?>", re.I)
_TAG = re.compile(r"<[^>]*>")
_BLANKS = re.compile(r"\n\s*\n+")

__all__ = ["clean_body", "clean_html", "html_to_text", "plain_body", "text_to_html"]


def plain_body(text: str) -> tuple[str, str]:
    """(HTML, plain text) of a plain-text body with blank-line paragraphs: every character is escaped, so the
    HTML is safe without a sanitiser pass (the same markup as core.sanitize.text_to_html, faster for imports)."""
    paragraphs = [p.strip() for p in CONTROL_CHARS.sub("", text or "").replace("\r\n", "\n").split("\n\n")]
    plain = "\n\n".join(p for p in paragraphs if p)
    if not plain:
        return "", ""
    # No paragraph holds a blank line, so the text is escaped once and the paragraph breaks are found again.
    markup = html.escape(plain).replace("\n\n", "</p><p>").replace("\n", "<br>")
    return f"<p>{markup}</p>", plain


def html_to_text(markup: str) -> str:
    """Plain text of (already sanitised) HTML: one line per block, paragraphs separated by blank lines."""
    text = _BLOCK_END.sub("\n\n", markup or "")
    text = html.unescape(_TAG.sub("", text))
    text = "\n".join(line.strip() for line in text.splitlines())
    return _BLANKS.sub("\n\n", text).strip()


def clean_body(markup: str) -> tuple[str, str]:
    """(safe HTML, plain text) of a body written by staff or imported."""
    safe = clean_html(CONTROL_CHARS.sub("", markup or ""))
    return safe, html_to_text(safe)
