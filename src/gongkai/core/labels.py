"""Chinese labels of the audit log's codes, for staff pages. The codes stay what the API and exports give.

Each app owns the labels of the codes it records, in its own `labels.py`:

- `AUDIT_ACTIONS`: {"item.publish": "发布信息", …}: every action the app passes to `audit.record`;
- `AUDIT_FIELDS` (optional): labels of keys in `before`/`after` that are not model fields ("conclusion");
- `AUDIT_VALUES` (optional): {key: choices} for such keys whose values are codes;
- `AUDIT_NOTES` (optional): {action: choices}: actions whose note is a code of those choices.

Field names and values in `before`/`after` are labelled from the model itself (the field's verbose name, the
display of its choices); an unknown code falls back to itself, so nothing is hidden.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError


@dataclass(frozen=True)
class Registry:
    actions: dict[str, str]
    fields: dict[str, str]
    notes: dict[str, dict[str, str]]
    values: dict[str, dict[str, str]]


@cache
def registry() -> Registry:
    actions: dict[str, str] = {}
    fields: dict[str, str] = {}
    notes: dict[str, dict[str, str]] = {}
    values: dict[str, dict[str, str]] = {}

    def as_dict(choices) -> dict[str, str]:
        return {str(k): str(v) for k, v in dict(getattr(choices, "choices", choices)).items()}

    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.labels")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.labels":
                raise
            continue
        actions.update(getattr(module, "AUDIT_ACTIONS", {}))
        fields.update(getattr(module, "AUDIT_FIELDS", {}))
        for action, choices in getattr(module, "AUDIT_NOTES", {}).items():
            notes[action] = as_dict(choices)
        for key, choices in getattr(module, "AUDIT_VALUES", {}).items():
            values[key] = as_dict(choices)
    return Registry(actions=actions, fields=fields, notes=notes, values=values)


def action_label(code: str) -> str:
    return registry().actions.get(code, code)


def action_choices() -> list[tuple[str, str]]:
    """(code, label) of every known action, grouped by the part before the dot, for filters."""
    return sorted(registry().actions.items(), key=lambda kv: (kv[0].split(".", 1)[0], kv[1]))


def note_label(action: str, note: str) -> str:
    return registry().notes.get(action, {}).get(note, note)


def _model_field(object_type: str, name: str):
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def field_label(object_type: str, name: str) -> str:
    field = _model_field(object_type, name)
    if field is not None and getattr(field, "verbose_name", None) and str(field.verbose_name) != name:
        return str(field.verbose_name)
    return registry().fields.get(name, name)


def value_label(object_type: str, name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    field = _model_field(object_type, name)
    choices = dict(field.flatchoices) if field is not None and getattr(field, "flatchoices", None) else {}
    if field is not None and getattr(field, "many_to_one", False) and not isinstance(value, list):
        try:  # a service may record the related record's code instead of its key: shown as written
            related = field.related_model._default_manager.filter(pk=value).first()
        except (TypeError, ValueError, ValidationError):
            related = None
        return str(related) if related is not None else str(value)
    if isinstance(value, list):
        return "、".join(str(choices.get(v, v)) for v in value) or "—"
    if value in choices:
        return str(choices[value])
    extra = registry().values.get(name, {})
    if isinstance(value, str) and value in extra:
        return extra[value]
    return str(value)


def changes(object_type: str, before: dict | None, after: dict | None) -> list[tuple[str, str, str]]:
    """(field label, before, after) of each key that changed (or is only on one side), in the order the
    service wrote them."""
    before, after = before or {}, after or {}
    keys = [
        k
        for k in dict.fromkeys([*before, *after])
        if not (k in before and k in after and before[k] == after[k])
        and not (k not in before and after.get(k) in (None, "", []))
    ]
    return [
        (
            field_label(object_type, k),
            value_label(object_type, k, before.get(k)) if k in before else "",
            value_label(object_type, k, after.get(k)) if k in after else "",
        )
        for k in keys
    ]
