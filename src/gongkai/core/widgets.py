"""Form widgets shared by the portal and the back office."""

from django import forms


class DateInput(forms.DateInput):
    """`<input type="date">` with an ISO value (YYYY-MM-DD), the only format browsers accept for it.

    Django's own DateInput formats with the locale's first input format (zh-hans: 2026/12/02), which a
    browser's date input treats as empty."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeLocalInput(forms.DateTimeInput):
    """`<input type="datetime-local">` with an ISO value (YYYY-MM-DDTHH:MM)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")
