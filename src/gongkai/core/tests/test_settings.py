import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from gongkai.config import Env


def test_bad_values_fail_loudly():
    env = Env({"DEBUG": "maybe", "PORT": "eighty", "MODE": "x"})
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env.bool("DEBUG", False)
    with pytest.raises(ImproperlyConfigured, match="PORT"):
        env.int("PORT", 1)
    with pytest.raises(ImproperlyConfigured, match="MODE"):
        env.choice("MODE", "a", {"a", "b"})


def _run_gongkai(*args, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "SECURE_SSL_REDIRECT",
                                                               "SECURE_HSTS_SECONDS", "DJANGO_ALLOW_ASYNC_UNSAFE"}}  # fmt: skip
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "gongkai", *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_secret_key_stops_start_up():
    result = _run_gongkai("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_deploy_check_is_clean_with_documented_production_values(tmp_path):
    result = _run_gongkai(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="k" * 20 + "production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="gongkai.example.gov.cn",
        REDIS_URL="redis://127.0.0.1:6379/0",
        GONGKAI_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr + result.stdout
