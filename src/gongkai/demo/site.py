"""The demo city's site settings (demo/data/site.env): read by `make run` into the environment, and by the
browser tests as settings overrides. Settings come only from the environment; this file only names the demo's."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

SITE_ENV = Path(__file__).parent / "data" / "site.env"


def environment() -> dict[str, str]:
    """The variables in site.env (KEY=VALUE lines; # comments)."""
    values = {}
    for line in SITE_ENV.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        values[key.strip()] = value.strip()
    return values


def settings_overrides() -> dict:
    """The same values as Django settings, typed as settings.py would read them from the environment."""
    from gongkai.config import Env

    env = Env(environment())
    out = {}
    for key in environment():
        current = getattr(settings, key)
        out[key] = env.bool(key, current) if isinstance(current, bool) else env.str(key, current)
    return out
