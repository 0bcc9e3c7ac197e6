"""The PDF rendition of a letter, as the applicant downloads it (the DOCX stays with the office).

The PDF is drawn from the stored DOCX itself, paragraph by paragraph (title lines, number, body, signature,
contact line), so both always say the same. The signature carries the organ's electronic seal where one is
uploaded (`OrganizationSeal`), otherwise a marked place for the seal. The rendering is `core.officialpdf`'s (A4,
GB/T 9704 margins, page numbers "— 1 —", `core.fonts.FontMissing` without a Chinese font).
"""

from __future__ import annotations

import base64

from django.core.cache import cache

from gongkai.core import officialpdf
from gongkai.foi.models import Letter, OrganizationSeal


def _seal_tag(seal: OrganizationSeal | None) -> str:
    if seal is None:
        return '<div class="seal-place">（印章）</div>'
    with seal.image.open("rb") as handle:
        data = base64.b64encode(handle.read()).decode()
    return f'<img class="seal" alt="印章" src="data:{seal.content_type};base64,{data}">'


def to_html(docx: bytes, *, title: str, seal: OrganizationSeal | None) -> str:
    """The letter's HTML for WeasyPrint, from the DOCX's paragraphs."""
    return officialpdf.letter_html(docx, title=title, seal=_seal_tag(seal))


def render(letter: Letter) -> bytes:
    """The PDF of one letter (cached: a letter never changes; a new seal gives a new rendition)."""
    seal = OrganizationSeal.objects.filter(org_id=letter.application.org_id).first()
    key = f"gongkai:letter-pdf:v1:{letter.pk}:{seal.sha256 if seal else '-'}"
    content = cache.get(key)
    if content is None:
        with letter.file.open("rb") as handle:
            docx = handle.read()
        title = f"{letter.get_kind_display()} {letter.letter_no}".strip()
        content = officialpdf.to_pdf(to_html(docx, title=title, seal=seal))
        cache.set(key, content, 24 * 3600)
    return content
