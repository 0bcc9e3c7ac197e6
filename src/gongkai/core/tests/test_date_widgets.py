"""Every date field of every form (portal and back office) renders a browser date input with an ISO value.

A browser's <input type="date"> accepts only YYYY-MM-DD; Django's default DateInput writes the locale's
format (zh-hans: 2026/12/02), which the browser shows as empty and which then blocks the submit."""

import importlib
import pkgutil
from datetime import date, datetime

from django import forms

import gongkai


def _all_form_classes():
    for module in pkgutil.walk_packages(gongkai.__path__, "gongkai."):
        name = module.name
        if ".tests" in name or ".migrations" in name or "browser_tests" in name or name.endswith("conftest"):
            continue
        if name.rsplit(".", 1)[-1] in {"forms", "views"} or ".views." in name or ".forms." in name:
            importlib.import_module(name)
    seen, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return [c for c in seen if c.__module__.startswith("gongkai.")]


def test_every_date_field_renders_an_iso_date_input():
    checked, wrong = 0, []
    for cls in _all_form_classes():
        for name, field in getattr(cls, "base_fields", {}).items():
            if isinstance(field, forms.DateTimeField):
                html = field.widget.render(name, datetime(2026, 12, 2, 9, 30))
                ok = 'type="datetime-local"' in html and 'value="2026-12-02T09:30"' in html
            elif isinstance(field, forms.DateField):
                html = field.widget.render(name, date(2026, 12, 2))
                ok = 'type="date"' in html and 'value="2026-12-02"' in html
            else:
                continue
            checked += 1
            if not ok:
                wrong.append(f"{cls.__module__}.{cls.__name__}.{name}: {html}")
    assert checked >= 10, checked
    assert not wrong, "\n".join(wrong)
