"""Loaded by pytest before Django (see pyproject's addopts): settings the suite needs, unless set outside."""

import os

os.environ.setdefault(
    "SECRET_KEY", "test-only-secret-key-that-is-long-enough-for-the-deploy-checks-0123456789"
)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("TASK_BACKEND", "immediate")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
