"""System check (shown at start-up by runserver and every command): PDFs need a font for Chinese."""

from __future__ import annotations

from django.core import checks


@checks.register(checks.Tags.compatibility)
def cjk_font(app_configs=None, **kwargs):
    from gongkai.core import fonts

    if fonts.cjk_font_available():
        return []
    return [
        checks.Warning(
            fonts.MESSAGE,
            hint=f"Install a font for Simplified Chinese (Debian/Ubuntu: {fonts.FONT_PACKAGE}), then run "
            "`gongkai report_pdfs` to add or render again the PDFs of published annual reports.",
            id="gongkai.reports.W001",
        )
    ]
