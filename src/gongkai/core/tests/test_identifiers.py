import pytest
from django.core.exceptions import ValidationError

from gongkai.core.identifiers import make_credit_code, org_code_of, validate_credit_code

# Real published codes (checked by hand against GB 32100-2015).
REAL = ["91350100M000100Y43"]


@pytest.mark.parametrize("code", REAL)
def test_real_codes_are_valid(code):
    validate_credit_code(code)


def test_made_codes_are_valid_and_carry_the_org_code():
    code = make_credit_code(registrar="11", division="210400", org_code8="04000001")
    validate_credit_code(code)
    assert org_code_of(code).startswith("04000001")
    assert len(org_code_of(code)) == 9


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("", "18位"),
        ("91350100M000100Y4", "18位"),
        ("91350100M000100Y44", "校验位"),
        ("91350100M0001O0Y43", "不允许的字符"),
        ("9135O100M000100Y43", "不允许的字符"),
    ],
)
def test_bad_codes_are_refused_in_chinese(code, fragment):
    with pytest.raises(ValidationError) as info:
        validate_credit_code(code)
    assert fragment in info.value.messages[0]
