"""Strict readers for settings taken from environment variables.

A bad value stops start-up with a message naming the variable; nothing is guessed.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class Env:
    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def str(self, name: str, default: str | None = None) -> str:
        value = self.environ.get(name)
        if value is None:
            if default is None:
                raise ImproperlyConfigured(f"Environment variable {name} is required.")
            return default
        return value

    def bool(self, name: builtins.str, default: bool) -> bool:
        raw = self.environ.get(name)
        if raw is None:
            return default
        value = raw.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no, on/off).")

    def int(
        self, name: builtins.str, default: int, *, minimum: int | None = None, maximum: int | None = None
    ) -> int:
        raw = self.environ.get(name)
        if raw is None:
            return default
        try:
            value = int(raw.strip())
        except ValueError:
            raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
        if minimum is not None and value < minimum:
            raise ImproperlyConfigured(f"{name}={value} is below the minimum {minimum}.")
        if maximum is not None and value > maximum:
            raise ImproperlyConfigured(f"{name}={value} is above the maximum {maximum}.")
        return value

    def list(self, name: builtins.str, default: list[builtins.str]) -> list[builtins.str]:
        raw = self.environ.get(name)
        if raw is None:
            return default
        return [item.strip() for item in raw.split(",") if item.strip()]

    def choice(self, name: builtins.str, default: builtins.str, choices: set[builtins.str]) -> builtins.str:
        value = self.str(name, default)
        if value not in choices:
            raise ImproperlyConfigured(f"{name}={value!r} must be one of {sorted(choices)}.")
        return value
