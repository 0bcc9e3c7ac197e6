"""Applicants' identity numbers and contacts: validation, a keyed applicant key, and masking.

居民身份证 numbers (GB 11643-1999): 6-digit division code, 8-digit birth date, 3-digit sequence, and a check
character by ISO 7064 MOD 11-2 (weights 2^(17-i) mod 11; 10 is written X).
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac

from gongkai.core.identifiers import validate_credit_code
from gongkai.foi.models import IdType

_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_ID_CHECK = "10X98765432"
_RESIDENT_ID_RE = re.compile(r"^\d{17}[\dX]$")
_OTHER_ID_RE = re.compile(r"^[A-Za-z0-9()（）-]{5,30}$")


def resident_id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def validate_resident_id(value: str) -> str:
    """The normalised number (upper-case X), or a ValidationError in Chinese."""
    number = (value or "").strip().upper()
    if len(number) != 18:
        raise ValidationError(
            "居民身份证号码应为18位（当前%(n)d位）。", code="length", params={"n": len(number)}
        )
    if not _RESIDENT_ID_RE.match(number):
        raise ValidationError("居民身份证号码前17位应为数字，最后一位为数字或X。", code="chars")
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError("居民身份证号码中的出生日期（第7-14位）不是有效日期。", code="birth") from None
    if born.year < 1900 or born > date.today():
        raise ValidationError("居民身份证号码中的出生日期（第7-14位）超出合理范围。", code="birth")
    expected = resident_id_check_char(number[:17])
    if number[17] != expected:
        raise ValidationError("居民身份证号码校验位错误，请核对后重新填写。", code="check")
    return number


def validate_id_number(id_type: str, value: str) -> str:
    if id_type == IdType.RESIDENT_ID:
        return validate_resident_id(value)
    number = (value or "").strip().upper()
    if not _OTHER_ID_RE.match(number):
        raise ValidationError("证件号码格式不正确（5-30位字母或数字）。", code="format")
    return number


def normalise_credit_code(value: str) -> str:
    code = (value or "").strip().upper()
    validate_credit_code(code)
    return code


def applicant_key(*, id_type: str = "", id_number: str = "", credit_code: str = "") -> str:
    """A keyed hash naming the same applicant across applications without storing a readable number twice."""
    basis = f"org:{credit_code}" if credit_code else f"{id_type}:{id_number}"
    return salted_hmac("gongkai.foi.applicant", basis, algorithm="sha256").hexdigest()


def mask_id(value: str) -> str:
    if not value:
        return ""
    if len(value) <= 4:
        return "*" * len(value)
    keep_head = 3 if len(value) >= 10 else 1
    return value[:keep_head] + "*" * (len(value) - keep_head - 4) + value[-4:]


def mask_phone(value: str) -> str:
    text = value or ""
    if len(text) < 8:
        return "*" * max(len(text) - 2, 0) + text[-2:]
    return text[:3] + "*" * (len(text) - 7) + text[-4:]


def mask_email(value: str) -> str:
    if not value or "@" not in value:
        return "*" * len(value or "")
    local, domain = value.split("@", 1)
    return (local[:1] or "*") + "***@" + domain


def mask_text(value: str, keep: int = 1) -> str:
    """Names and addresses: the first characters, then stars."""
    if not value:
        return ""
    shown = value[:keep]
    return shown + "*" * min(max(len(value) - keep, 2), 8)
