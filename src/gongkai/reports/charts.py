"""Charts as inline SVG, drawn on the server: no JavaScript, no external asset, Chinese labels.

Each chart is an `<svg role="img">` with a `<title>` and a `<desc>` naming every value, and the page shows the
same figures in a table next to it (`Chart.rows`), so screen readers and printouts lose nothing.
"""

from __future__ import annotations

import itertools
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


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = step * magnitude
        if top >= value:
            return top
    return value


def column_chart(title: str, labels: list[str], series: list[tuple[str, list[float]]], *, unit: str = "",
                 width: int = 640, height: int = 260) -> Chart:  # fmt: skip
    """Grouped columns: one group per label (e.g. months), one column per series."""
    chart = Chart(title, labels, series, unit)
    uid = f"chart{next(_ids)}"
    left, right, top, bottom = 48, 12, 28, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = _nice_max(max([v for _, vals in series for v in vals] or [0]))
    n = max(len(labels), 1)
    group_w = plot_w / n
    bar_w = max(2.0, group_w * 0.8 / max(len(series), 1))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{uid}-t {uid}-d" class="chart" style="max-width:{width}px">',
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(chart.description)}</desc>',
    ]
    for i in range(5):
        y = top + plot_h - plot_h * i / 4
        value = peak * i / 4
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
        x += 28 + 13 * len(name)
    parts.append("</svg>")
    chart.svg = mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
    return chart


def bar_chart(title: str, entries: list[tuple[str, float]], *, unit: str = "", width: int = 640,
              name: str = "数量") -> Chart:  # fmt: skip
    """Horizontal bars, one per entry (e.g. outcomes, organisations), longest labels allowed."""
    labels = [label for label, _ in entries]
    values = [v for _, v in entries]
    chart = Chart(title, labels, [(name, values)], unit)
    uid = f"chart{next(_ids)}"
    row_h = 24
    label_w = min(300, 14 * max([len(s) for s in labels] or [4]) + 10)
    top = 8
    height = top + row_h * max(len(entries), 1) + 8
    plot_w = width - label_w - 60
    peak = max(values or [0]) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{uid}-t {uid}-d" class="chart" style="max-width:{width}px">',
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(chart.description)}</desc>',
    ]
    for i, (label, v) in enumerate(entries):
        y = top + i * row_h
        w = plot_w * v / peak
        short = label if len(label) <= 20 else label[:19] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 16}" font-size="12" text-anchor="end" fill="#222">{escape(short)}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{PALETTE[i % 2]}">'
            f"<title>{escape(label)}：{_fmt(v)}{escape(unit)}</title></rect>"
        )
        parts.append(
            f'<text x="{label_w + w + 4:.1f}" y="{y + 16}" font-size="12" fill="#222">{_fmt(v)}</text>'
        )
    parts.append("</svg>")
    chart.svg = mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
    return chart
