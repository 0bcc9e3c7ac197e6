"""Applicants download letters as PDF renditions carrying the organ's name and the seal (or its place)."""

import io
import shutil
import subprocess
from datetime import date

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from PIL import Image

from gongkai.core import fonts
from gongkai.core.models import AuditEvent
from gongkai.foi import letter_pdf, services
from gongkai.foi.models import LetterKind, OrganizationSeal
from gongkai.foi.services import seals
from gongkai.foi.tests.conftest import applicant_data

pytestmark = [
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed"),
    pytest.mark.skipif(not fonts.cjk_font_available(), reason="no Chinese font (fonts-noto-cjk)"),
]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _text(pdf: bytes) -> str:
    out = subprocess.run(  # noqa: S603 (the system pdftotext)
        [shutil.which("pdftotext") or "pdftotext", "-layout", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return out.stdout.decode()


def _seal_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (200, 200), (200, 0, 0, 180)).save(buffer, format="PNG")
    return buffer.getvalue()


def _answered(tree, office, freeze):
    freeze(date(2026, 9, 18))
    submission = services.application_register(
        actor=office.clerk,
        org=tree.eco,
        channel="in_person",
        received_on=date(2026, 9, 18),
        data=applicant_data(),
    )
    application = submission.application
    services.application_answer_save_draft(
        actor=office.clerk,
        application=application,
        outcome="refused.process_info",
        facts="该方案尚在讨论中。",
    )
    services.application_answer_submit(actor=office.clerk, application=application)
    freeze(date(2026, 10, 9))
    services.application_answer(actor=office.head, application=application)
    return application, submission.query_code


def test_the_applicant_downloads_a_pdf_with_the_organs_name_and_headings(client, tree, office, freeze):
    application, code = _answered(tree, office, freeze)
    letter = application.letters.get(kind=LetterKind.ANSWER)
    client.post("/apply/track/", {"tracking_no": application.tracking_no, "query_code": code})
    response = client.get(reverse("portal:foi_case_letter", args=[application.tracking_no, letter.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"].startswith("attachment") and ".pdf" in response["Content-Disposition"]
    )
    assert response.content.startswith(b"%PDF")
    text = _text(response.content)
    flat = "".join(text.split())
    assert tree.eco.name in flat  # the organ's name (title and signature)
    assert "政府信息公开申请答复告知书" in flat and letter.letter_no in flat
    assert "第十六条第二款" in flat and "2026年10月9日" in flat
    assert "（印章）" in flat  # no seal uploaded: the place for it
    assert "—1—" in flat  # page number


def test_an_uploaded_seal_is_printed_over_the_signature(client, tree, office, freeze):
    application, _code = _answered(tree, office, freeze)
    with pytest.raises(PermissionDenied):
        seals.org_seal_set(actor=office.clerk, org=tree.eco, content=_seal_png())
    with pytest.raises(ValidationError, match="PNG 或 JPEG"):
        seals.org_seal_set(actor=office.head, org=tree.eco, content=b"GIF89a not an image")
    seal = seals.org_seal_set(actor=office.head, org=tree.eco, content=_seal_png())
    assert seal.content_type == "image/png"
    assert AuditEvent.objects.filter(action="org.seal_set", object_id=str(tree.eco.pk)).exists()
    letter = application.letters.get(kind=LetterKind.ANSWER)
    html = letter_pdf.to_html(letter.file.read(), title="t", seal=OrganizationSeal.objects.get(org=tree.eco))
    assert 'class="seal"' in html and "data:image/png;base64," in html and "（印章）" not in html
    pdf = letter_pdf.render(letter)
    assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf
    assert "（印章）" not in "".join(_text(pdf).split())
    seals.org_seal_remove(actor=office.head, org=tree.eco)
    assert not OrganizationSeal.objects.exists()


def test_the_back_office_seal_page(client, tree, office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("backoffice:org_seal", args=[tree.eco.credit_code])
    client.force_login(office.clerk)
    assert client.get(url).status_code == 403
    client.force_login(office.head)
    assert client.get(url).status_code == 200
    bad = client.post(url, {"image": SimpleUploadedFile("seal.gif", b"GIF89a...", content_type="image/gif")})
    assert bad.status_code == 400 and "PNG 或 JPEG" in bad.content.decode()
    done = client.post(url, {"image": SimpleUploadedFile("seal.png", _seal_png(), content_type="image/png")})
    assert done.status_code == 302 and OrganizationSeal.objects.filter(org=tree.eco).exists()
    image = client.get(reverse("backoffice:org_seal_image", args=[tree.eco.credit_code]))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert client.post(url, {"remove": "1"}).status_code == 302
    assert not OrganizationSeal.objects.exists()
