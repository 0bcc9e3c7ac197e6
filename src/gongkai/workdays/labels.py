"""Chinese labels of the calendar's audit codes (see gongkai.core.labels)."""

AUDIT_ACTIONS = {
    "calendar.year_set": "设置工作日历",
    "calendar.year_replace": "替换工作日历",
}
