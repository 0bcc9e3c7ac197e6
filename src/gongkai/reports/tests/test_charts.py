"""Charts of counts have whole-number ticks, and long labels are wrapped, not cut."""

from __future__ import annotations

import re

from gongkai.reports import charts


def _axis_labels(svg: str) -> list[str]:
    return re.findall(
        r'<text x="\d+" y="[\d.]+" font-size="11" text-anchor="end" fill="#333">([^<]+)</text>', svg
    )


def test_small_counts_get_whole_number_ticks():
    for peak in (1, 2, 3, 5, 7, 13):
        chart = charts.column_chart("每月数量", ["1月", "2月"], [("新收", [peak, 0])], unit="件")
        labels = _axis_labels(chart.svg)
        assert labels and all(re.fullmatch(r"\d+", t) for t in labels), (peak, labels)
        assert int(labels[-1]) >= peak


def test_fractional_values_keep_fractional_ticks_when_asked():
    chart = charts.column_chart("收费", ["1月"], [("金额", [0.6])], unit="万元", integer=False)
    assert any("." in t for t in _axis_labels(chart.svg))


def test_long_bar_labels_are_wrapped_in_full():
    label = "（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理"
    chart = charts.bar_chart("办理结果", [(label, 3), ("予以公开", 12)], unit="件")
    spans = re.findall(r"<tspan[^>]*>([^<]+)</tspan>", chart.svg)
    assert "".join(spans[:-1]) == label and spans[-1] == "予以公开"
    assert "…" not in chart.svg.split("<title")[0] + "".join(spans)
    width = int(re.search(r'viewBox="0 0 (\d+) (\d+)"', chart.svg).group(1))
    height = int(re.search(r'viewBox="0 0 (\d+) (\d+)"', chart.svg).group(2))
    ys = [float(y) for y in re.findall(r'<tspan x="[\d.]+" y="([\d.]+)"', chart.svg)]
    assert max(ys) < height
    bars_end = [
        float(x) + float(w)
        for x, w in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', chart.svg)
    ]
    assert max(bars_end) + 8 * 2 < width  # room for the value written after the longest bar
