"""Identifiers of Chinese public administration: unified social credit codes and organisation codes.

GB 32100-2015 (统一社会信用代码) and GB 11714-1997 (组织机构代码).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def credit_code_check_char(first17: str) -> str:
    total = sum(CREDIT_CODE_CHARS.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    total = sum(
        (int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True)
    )
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def validate_credit_code(value: str) -> None:
    """Raise a ValidationError in Chinese unless `value` is a well-formed 18-character credit code."""
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(
            "统一社会信用代码应为18位（当前%(n)d位）。", code="length", params={"n": len(code)}
        )
    if not _CREDIT_RE.match(code):
        raise ValidationError(
            "统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V），第3-8位应为行政区划代码。",
            code="chars",
        )
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            "统一社会信用代码校验位错误：第18位应为“%(expected)s”，请核对。",
            code="check",
            params={"expected": expected},
        )


def make_credit_code(*, registrar: str, division: str, org_code8: str) -> str:
    """Build a valid code from its parts (used by the demo city and by tests)."""
    org9 = org_code8 + org_code_check_char(org_code8)
    first17 = f"{registrar}{division}{org9}"
    return first17 + credit_code_check_char(first17)


def org_code_of(credit_code: str) -> str:
    """The 9-character organisation code inside a credit code (characters 9-17)."""
    return credit_code[8:17]
