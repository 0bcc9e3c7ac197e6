"""Upload errors name the file as the person chose it, extension included (“扫描件.exe”, not “扫描件”)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.foi import uploads
from gongkai.foi.models import FileKind


@pytest.mark.parametrize(
    ("name", "content", "shown"),
    [
        ("身份证扫描件.exe", b"MZ\x90\x00" + b"\x00" * 200, "身份证扫描件.exe"),
        ("身份证.docx", b"not a zip at all" * 10, "身份证.docx"),
        ("证件照片.PNG", b"", "证件照片.PNG"),
        ("C:\\Users\\me\\合同.pdf.txt", b"plain text" * 10, "合同.pdf.txt"),
    ],
)
def test_error_message_keeps_the_extension(name, content, shown):
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError) as exc:
        uploads.check_uploads([upload], kind=FileKind.IDENTITY_PROOF)
    message = "".join(exc.value.message_dict["attachments"])
    assert f"“{shown}”" in message, message
