"""The query code: the applicant's credential for their one case (shown once; only a keyed hash is stored)."""

from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac

QUERY_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
QUERY_CODE_LENGTH = 10


def query_code_for(token: uuid.UUID | None) -> str:
    """A new query code: random, or derived from the submission token so that a resubmission gets it again."""
    if token is None:
        return get_random_string(QUERY_CODE_LENGTH, QUERY_CODE_ALPHABET)
    digest = salted_hmac("gongkai.foi.query_code", str(token), algorithm="sha256").digest()
    return "".join(QUERY_CODE_ALPHABET[b % len(QUERY_CODE_ALPHABET)] for b in digest[:QUERY_CODE_LENGTH])


def hash_query_code(code: str, *, secret: str | None = None) -> str:
    """A keyed hash of a query code. The code is random (about 49 bits), so a fast keyed hash is enough and
    keeps every check cheap (a slow password hash would let wrong codes tie up the server)."""
    digest = salted_hmac(
        "gongkai.foi.query_code_hash", normalise_query_code(code), secret=secret, algorithm="sha256"
    )
    return f"hmac-sha256${digest.hexdigest()}"


def check_query_code(code: str, stored: str) -> bool:
    if not code or not stored:
        return False
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(constant_time_compare(hash_query_code(code, secret=secret), stored) for secret in secrets)


def normalise_query_code(value: str) -> str:
    return re.sub(r"[\s-]", "", (value or "")).upper()[:40]
