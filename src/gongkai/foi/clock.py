"""The statutory clock of an information application (Regulations Art. 30-35, docs/legal.md, "Disclosure on application").

Pure arithmetic over the application's dates and the working-day calendar:

- the period (20 working days, or the Art. 35 longer period) counts from the date received, or, after a
  correction, from the day the corrected application is received: a restart in full, not a pause;
- consultations of third parties and other organs (Art. 32, 34) and the time between a fee notice and its payment
  are not counted: each such interval adds the working days it covers; a consultation counts at most until its
  reply was due (15 working days);
- one extension of at most 20 working days is added last, or, when a pause begins after the due date without
  it, before that pause: the extended period is still running, so the pause stops it (working-day sums commute,
  so the due date is the same either way; only the explanation's order follows the dates).

Every step is kept, so the case page can explain the due date (收到 2026-09-18 → 延期20个工作日 → 2026-11-19).
A step that reaches a year with no calendar stops the computation and names the year: no date is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

ANSWER_PERIOD_WORKDAYS = 20  # Art. 33
CORRECTION_REQUEST_WITHIN_WORKDAYS = 7  # Art. 30
CONSULTATION_REPLY_WORKDAYS = 15  # Art. 32, 34
MAX_EXTENSION_WORKDAYS = 20  # Art. 33


class ClockState:
    NOT_STARTED = "not_started"  # the date received is not confirmed yet
    RUNNING = "running"
    AWAITING_CORRECTION = "awaiting_correction"  # restarts in full when the correction arrives
    PAUSED = "paused"  # an open consultation or an unpaid fee notice
    MISSING_CALENDAR = "missing_calendar"


@dataclass(frozen=True)
class Pause:
    """An interval not counted in the answer period: (start, end], end None while it runs."""

    label: str
    start: date
    end: date | None
    cap: date | None = None  # counted at most up to this date (a consultation's reply deadline)
    #: counted at most this many working days after `start` (a consultation: 15). Computed with the calendar
    #: here, so a cap in a year without calendar is a missing-calendar state, never a lost cap.
    cap_workdays: int | None = None


@dataclass(frozen=True)
class ClockInput:
    received_on: date | None
    correction_requested_on: date | None = None
    correction_received_on: date | None = None
    longer_period_days: int | None = None
    extension_days: int | None = None
    pauses: tuple[Pause, ...] = ()


@dataclass(frozen=True)
class Step:
    label: str  # what happened: "收到申请", "延期20个工作日"
    on: date | None  # the date the step starts from or happened on
    result: date | None = None  # the due date after this step
    note: str = ""


@dataclass
class Clock:
    state: str
    due_on: date | None = None
    steps: list[Step] = field(default_factory=list)
    missing_year: int | None = None

    @property
    def chain(self) -> str:
        """One line: 收到 2026-09-18 → 20个工作日 → 2026-10-22 → 延期20个工作日 → 2026-11-19."""
        parts: list[str] = []
        for step in self.steps:
            parts.append(f"{step.label} {step.on.isoformat()}" if step.on and not step.result else step.label)
            if step.result:
                parts.append(step.result.isoformat())
        if self.state == ClockState.MISSING_CALENDAR:
            parts.append(f"{self.missing_year}年日历未录入，无法计算")
        return " → ".join(parts)


def _cap(pause: Pause, calendar: WorkCalendar) -> date | None:
    """The last day a pause may count: its cap date, or `cap_workdays` after its start.

    For an ended pause the working days it covers are counted first, so a reply within the cap never needs a
    later year's calendar; a longer one is capped at a date before its end (a year already known)."""
    if pause.cap_workdays is None:
        return pause.cap
    if pause.end is not None and calendar.workdays_between(pause.start, pause.end) <= pause.cap_workdays:
        return pause.cap
    cap = calendar.add_workdays(pause.start, pause.cap_workdays)
    return cap if pause.cap is None else min(cap, pause.cap)


def _merge(
    pauses: list[Pause], start: date, calendar: WorkCalendar
) -> list[tuple[date, date | None, list[Pause], bool, CalendarMissing | None]]:
    """Clip pauses to after `start` and merge overlapping ones: one interval is not counted twice.

    Each span is (begin, end, pauses, capped, missing): `capped` when a member ran past its cap; `missing` when
    a member's cap could not be computed (its year has no calendar). That is raised only if the span counts:
    a span begun after the due date is left out without its cap (an overdue case stays overdue)."""
    spans: list[tuple[date, date | None, Pause, bool, CalendarMissing | None]] = []
    for pause in pauses:
        begin = max(pause.start, start)
        end = pause.end
        capped, missing = False, None
        if end is not None:  # a running pause stops the clock whatever its cap
            try:
                cap = _cap(pause, calendar)
            except CalendarMissing as exc:
                cap, missing = None, exc
            if cap is not None and end > cap:
                end, capped = cap, True
        if end is not None and end <= begin:
            continue
        spans.append((begin, end, pause, capped, missing))
    spans.sort(key=lambda s: (s[0], s[1] or date.max))
    merged: list[tuple[date, date | None, list[Pause], bool, CalendarMissing | None]] = []
    for begin, end, pause, capped, missing in spans:
        if merged:
            last_begin, last_end, members, last_capped, last_missing = merged[-1]
            if last_end is None or begin < last_end:
                new_end = None if (last_end is None or end is None) else max(last_end, end)
                merged[-1] = (
                    last_begin, new_end, [*members, pause], last_capped or capped, last_missing or missing,
                )  # fmt: skip
                continue
        merged.append((begin, end, [pause], capped, missing))
    return merged


def compute(data: ClockInput, calendar: WorkCalendar | None = None) -> Clock:
    calendar = calendar or WorkCalendar()
    if data.received_on is None:
        return Clock(ClockState.NOT_STARTED)
    clock = Clock(ClockState.RUNNING)
    clock.steps.append(Step("收到", data.received_on))
    start = data.received_on
    if data.correction_requested_on:
        if data.correction_received_on is None:
            clock.state = ClockState.AWAITING_CORRECTION
            clock.steps.append(
                Step("告知补正", data.correction_requested_on, note="收到补正后答复期限重新计算")
            )
            return clock
        clock.steps.append(Step("补正后收到", data.correction_received_on, note="答复期限自此重新计算"))
        start = data.correction_received_on
    period = data.longer_period_days or ANSWER_PERIOD_WORKDAYS
    label = f"{period}个工作日" if not data.longer_period_days else f"第三十五条合理期限{period}个工作日"
    pending = label
    try:
        due = calendar.add_workdays(start, period)
        clock.steps.append(Step(label, start, due))
        pending = "征求意见的答复期限（15个工作日）"
        spans = _merge(list(data.pauses), start, calendar)
        extended = not data.extension_days
        for begin, end, members, capped, missing in spans:
            what = "、".join(dict.fromkeys(p.label for p in members))
            if begin > due and not extended:
                # The extension keeps the clock running past the first due date: a pause begun within the
                # extended period still stops it, and the explanation shows the extended date before it.
                pending = f"延期{data.extension_days}个工作日"
                due = calendar.add_workdays(due, data.extension_days or 0)
                clock.steps.append(Step(f"延期{data.extension_days}个工作日", None, due))
                extended = True
            if begin > due:
                # A pause only stops a clock that is still running: the period had run out, the case stays
                # overdue and its lateness counts from the due date.
                clock.steps.append(
                    Step(
                        f"{what} {begin.isoformat()}起（已超过答复期限{due.isoformat()}，不暂停计算）",
                        None,
                        note="答复期限届满后才开始的征求意见或收费通知不中止计算",
                    )
                )
                continue
            if missing is not None:
                pending = "征求意见的答复期限（15个工作日）"
                raise missing
            if end is None:
                clock.state = ClockState.PAUSED
                clock.steps.append(Step(f"{what}（{begin.isoformat()}起暂停计算）", begin))
                return clock
            pending = f"{what} {begin.isoformat()}至{end.isoformat()}"
            skipped = calendar.workdays_between(begin, end)
            due = calendar.add_workdays(due, skipped)
            clock.steps.append(
                Step(
                    f"{what} {begin.isoformat()}至{end.isoformat()}不计入{skipped}个工作日",
                    begin,
                    due,
                    note="超过答复期限的征求意见时间计入答复期限" if capped else "",
                )
            )
        if not extended:
            pending = f"延期{data.extension_days}个工作日"
            due = calendar.add_workdays(due, data.extension_days or 0)
            clock.steps.append(Step(f"延期{data.extension_days}个工作日", None, due))
    except CalendarMissing as exc:
        clock.state = ClockState.MISSING_CALENDAR
        clock.missing_year = exc.year
        clock.steps.append(Step(pending, None, note=f"{exc.year}年工作日历尚未录入，无法计算"))
        return clock
    clock.due_on = due
    return clock
