"""Time limits of a guide (GB/T 39046-2020 表4 #15-20): a number, a unit (工作日 / 自然日 / 即办) and a note, for the
legal and the promised limit. The promised limit is never longer than the legal one; a promised 即办 item is a
即办件 (办件类型 A.6 code 1) and a 即办件 is promised 即办.

When the units differ, both limits are laid on the working-day calendar from the same start (the version's
planned effective date, or today) and their last days compared: 15 working days exceed 20 natural days when
holidays fall inside. Where the calendar of that year is missing, the rule falls back on a sound bound: N working
days are at least N natural days, and N natural days hold at most N working days.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError

from gongkai.servicecatalog.models import IMMEDIATE_CASE, Unit, limit_text
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar


def _end(start: date, number: int, unit: str, calendar: WorkCalendar) -> date:
    if unit == Unit.IMMEDIATE:
        return start
    if unit == Unit.NATURAL:
        return start + timedelta(days=number)
    return calendar.add_workdays(start, number)


def exceeds(
    *, legal: tuple[int | None, str], promised: tuple[int | None, str], start: date,
    calendar: WorkCalendar | None = None,
) -> bool:  # fmt: skip
    """Whether the promised limit runs past the legal one."""
    (ln, lu), (pn, pu) = legal, promised
    if pu == Unit.IMMEDIATE:
        return False
    if lu == Unit.IMMEDIATE:
        return True
    assert ln is not None and pn is not None
    if lu == pu:
        return pn > ln
    try:
        return _end(start, pn, pu, calendar or WorkCalendar()) > _end(
            start, ln, lu, calendar or WorkCalendar()
        )
    except CalendarMissing:
        # promised in working days, legal in natural days: N working days last at least N natural days;
        # promised natural, legal working: at most N working days fit in N natural days.
        return pn > ln


def check(
    *, legal_limit: int | None, legal_unit: str, legal_note: str, promised_limit: int | None,
    promised_unit: str, promised_note: str, handling_type_code: str, start: date,
    calendar: WorkCalendar | None = None,
) -> None:  # fmt: skip
    """Raise a ValidationError per field for a limit that is incomplete or inconsistent."""
    errors: dict[str, str] = {}
    for prefix, number, unit, label in (
        ("legal", legal_limit, legal_unit, "法定办结时限"),
        ("promised", promised_limit, promised_unit, "承诺办结时限"),
    ):
        if unit and unit not in Unit.values:
            errors[f"{prefix}_unit"] = f"{label}的单位只能是工作日、自然日或即办。"
        elif unit and unit != Unit.IMMEDIATE and not number:
            errors[f"{prefix}_limit"] = f"请填写{label}的天数（即办的请选择单位“即办”）。"
        elif number and not unit:
            errors[f"{prefix}_unit"] = f"请选择{label}的单位（工作日、自然日或即办）。"
    if errors:
        raise ValidationError(errors)
    if legal_unit and promised_unit:
        legal_shown = limit_text(legal_limit, legal_unit)
        promised_shown = limit_text(promised_limit, promised_unit)
        if exceeds(
            legal=(legal_limit, legal_unit), promised=(promised_limit, promised_unit), start=start,
            calendar=calendar,
        ):  # fmt: skip
            raise ValidationError(
                {
                    "promised_limit": f"承诺办结时限（{promised_shown}）超过法定办结时限（{legal_shown}），"
                    "承诺时限不能长于法定时限。"
                }
            )
    if promised_unit == Unit.IMMEDIATE and handling_type_code != IMMEDIATE_CASE:
        raise ValidationError({"handling_type": "承诺即办的事项，办件类型应为“即办件”。"})
    if handling_type_code == IMMEDIATE_CASE and promised_unit and promised_unit != Unit.IMMEDIATE:
        raise ValidationError({"promised_unit": "即办件的承诺办结时限应为“即办”。"})
