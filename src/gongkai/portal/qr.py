"""QR codes of page addresses (两微一端 sharing), drawn on the server as inline SVG: no script, no other host."""

from __future__ import annotations

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, label: str = "本页二维码") -> SafeString:
    """An inline <svg> of `url` as a QR code (error correction M, 3 px modules, 2-module quiet zone)."""
    svg = segno.make(url, error="m").svg_inline(scale=3, border=2, svgclass="qr", lineclass=None)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(svg)  # noqa: S308 - segno writes the SVG; the only text in it is escaped above
