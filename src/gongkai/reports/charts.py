"""Charts as inline SVG, drawn on the server: no JavaScript, no external asset, Chinese labels.

Each chart is an `<svg role="img">` with a `<title>` and a `<desc>` naming every value, and the page shows the
same figures in a table next to it (`Chart.rows`), so screen readers and printouts lose nothing.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_ids = itertools.count(1)
PALETTE = ["#9e1b1b", "#0b4f9c", "#1d6b34", "#8a5300", "#5b3f8c", "#2f6f73", "#a34d00", "#555555"]


@dataclass
class Chart:
    title: str
    labels: list[str]
    series: list[tuple[str, list[float]]]  # (name, values per label)
    unit: str = ""
    svg: SafeString = field(default=SafeString(""))

    @property
    def rows(self) -> list[tuple[str, list[float]]]:
        return [(label, [s[1][i] for s in self.series]) for i, label in enumerate(self.labels)]

    @property
    def description(self) -> str:
        parts = []
        for label, values in self.rows:
            vals = "，".join(
                f"{name}{_fmt(v)}{self.unit}" for (name, _), v in zip(self.series, values, strict=True)
            )
            parts.append(f"{label}：{vals}")
        return "；".join(parts) + "。" if parts else "暂无数据。"


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.2f}"


def ticks(value: float, *, integer: bool = True, most: int = 5) -> list[float]:
    """Axis ticks from 0 to a round top at or above `value`, at most `most` intervals. For counts
    (`integer`), every tick is a whole number: a maximum of 3 gives 0 1 2 3, never 0 0.75 1.5."""
    value = max(float(value), 0.0)
    if value == 0:
        return [0, 1]
    raw = value / most
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if integer:
        step = max(1, math.ceil(step))
    count = math.ceil(value / step - 1e-9)
    return [round(step * i, 6) for i in range(count + 1)]


def wrap(label: str, width: int, *, lines: int = 3) -> list[str]:
    """The label on up to `lines` lines of `width` characters; only the last is shortened (…)."""
    out = [label[i : i + width] for i in range(0, len(label), width)] or [""]
    if len(out) > lines:
        out = [*out[: lines - 1], out[lines - 1][: width - 1] + "…"]
    return out


def column_chart(title: str, labels: list[str], series: list[tuple[str, list[float]]], *, unit: str = "",
                 width: int = 640, height: int = 260, integer: bool = True) -> Chart:  # fmt: skip
    """Grouped columns: one group per label (e.g. months), one column per series. `integer` for counts: the
    axis then has whole-number ticks only."""
    chart = Chart(title, labels, series, unit)
    uid = f"chart{next(_ids)}"
    left, right, top, bottom = 48, 12, 28, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    axis = ticks(max([v for _, vals in series for v in vals] or [0]), integer=integer, most=4)
    peak = axis[-1]
    n = max(len(labels), 1)
    group_w = plot_w / n
    bar_w = max(2.0, group_w * 0.8 / max(len(series), 1))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{uid}-t {uid}-d" class="chart">',
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(chart.description)}</desc>',
    ]
    for value in axis:
        y = top + plot_h - plot_h * value / peak
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#d0d4d8" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#333">{_fmt(value)}</text>'
        )
    for gi, label in enumerate(labels):
        x0 = left + gi * group_w + group_w * 0.1
        for si, (name, values) in enumerate(series):
            v = values[gi]
            h = plot_h * v / peak if peak else 0
            x = x0 + si * bar_w
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w - 1:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[si % len(PALETTE)]}"><title>{escape(label)} {escape(name)}：{_fmt(v)}{escape(unit)}</title></rect>'
            )
        parts.append(
            f'<text x="{left + gi * group_w + group_w / 2:.1f}" y="{height - bottom + 16}" font-size="11" '
            f'text-anchor="middle" fill="#333">{escape(label)}</text>'
        )
    # Legend
    x = left
    for si, (name, _) in enumerate(series):
        parts.append(f'<rect x="{x}" y="8" width="10" height="10" fill="{PALETTE[si % len(PALETTE)]}"/>')
        parts.append(f'<text x="{x + 14}" y="17" font-size="12" fill="#222">{escape(name)}</text>')
        x += 28 + 12 * len(name)
    parts.append("</svg>")
    chart.svg = mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
    return chart


def bar_chart(title: str, entries: Sequence[tuple[str, float]], *, unit: str = "", width: int = 640,
              name: str = "数量") -> Chart:  # fmt: skip
    """Horizontal bars, one per entry (e.g. outcomes, organisations), longest labels allowed."""
    labels = [label for label, _ in entries]
    values = [v for _, v in entries]
    chart = Chart(title, labels, [(name, values)], unit)
    uid = f"chart{next(_ids)}"
    line_h, char_w = 15, 12  # font-size 12: a CJK character is about 12 px wide
    label_w = min(264, char_w * max([len(s) for s in labels] or [4]) + 10)
    per_line = max(4, (label_w - 10) // char_w)
    wrapped = [wrap(label, per_line) for label in labels]
    heights = [max(24, 10 + line_h * len(w)) for w in wrapped]
    top = 8
    height = top + sum(heights) + 8
    # Room on the right for the longest value written after its bar.
    plot_w = width - label_w - 12 - 8 * max([len(_fmt(v)) for v in values] or [1])
    peak = max(values or [0]) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{uid}-t {uid}-d" class="chart">',
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(chart.description)}</desc>',
    ]
    y = top
    for i, (label, v) in enumerate(entries):
        row_h = heights[i]
        w = plot_w * v / peak
        lines = wrapped[i]
        first = y + (row_h - line_h * len(lines)) / 2 + 12
        spans = "".join(
            f'<tspan x="{label_w - 6}" y="{first + k * line_h:.1f}">{escape(text)}</tspan>'
            for k, text in enumerate(lines)
        )
        parts.append(f'<text font-size="12" text-anchor="end" fill="#222">{spans}</text>')
        parts.append(
            f'<rect x="{label_w}" y="{y + row_h / 2 - 8:.1f}" width="{w:.1f}" height="16" fill="{PALETTE[i % 2]}">'
            f"<title>{escape(label)}：{_fmt(v)}{escape(unit)}</title></rect>"
        )
        parts.append(
            f'<text x="{label_w + w + 4:.1f}" y="{y + row_h / 2 + 4:.1f}" font-size="12" fill="#222">{_fmt(v)}</text>'
        )
        y += row_h
    parts.append("</svg>")
    chart.svg = mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
    return chart
