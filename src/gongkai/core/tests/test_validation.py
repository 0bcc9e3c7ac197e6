"""The shared checks of plain values (core.validation), as the catalog and foi services call them."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError

from gongkai.core.validation import check_date, strip_controls

TODAY = date(2026, 3, 4)
EARLIEST = date(2019, 5, 15)


def _message(**kwargs) -> str:
    with pytest.raises(ValidationError) as exc:
        check_date(field="on", label="收到之日", today=TODAY, earliest=EARLIEST, **kwargs)
    return exc.value.message_dict["on"][0]


def test_a_date_in_range_passes_and_a_datetime_counts_as_its_day():
    assert check_date(date(2026, 3, 4), field="on", label="x", today=TODAY, earliest=EARLIEST) == TODAY
    assert check_date(datetime(2026, 3, 1, 9), field="on", label="x", today=TODAY, earliest=EARLIEST) == date(
        2026, 3, 1
    )
    assert check_date("", field="on", label="x", today=TODAY, earliest=EARLIEST, required=False) is None


def test_each_refusal_names_the_field():
    assert _message(value=None) == "请填写收到之日。"
    assert _message(value="2026/3/4") == "收到之日格式错误，应为 YYYY-MM-DD。"
    assert _message(value=date(2026, 3, 5)) == "收到之日不能晚于今天（2026-03-04）。"
    assert _message(value=date(2019, 5, 14)) == "收到之日不能早于2019-05-15。"
    assert (
        _message(value=date(2019, 5, 14), earliest_text="2019年5月15日") == "收到之日不能早于2019年5月15日。"
    )


def test_control_characters_go_and_none_is_empty():
    assert strip_controls(" a\x00b\x7f\tc\n ") == "ab\tc"
    assert strip_controls(None) == ""
    assert strip_controls(12) == "12"
