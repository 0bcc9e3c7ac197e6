"""Proposers' contacts, encrypted at rest with age (pyrage, the backups' encryption: ADR 0006).

Each value is one age file for the X25519 recipient of the platform's contacts key: the setting
`GONGKAI_PROPOSALS_CONTACTS_KEY` (an `AGE-SECRET-KEY-1…` identity, kept out of the database and the backups'
plain files), or, when it is not set, a key derived from `SECRET_KEY`. A database dump alone reveals no contact.
Contacts are never published: the public version of a reply is built without them (docs/proposals.md).
"""

from __future__ import annotations

import hashlib
import hmac

import pyrage
from django.conf import settings

_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _polymod(values: list[int]) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def _bech32(hrp: str, data: bytes) -> str:
    """BIP 173 bech32 of `data` (the encoding of age keys)."""
    acc, bits, words = 0, 0, []
    for byte in data:
        acc, bits = (acc << 8) | byte, bits + 8
        while bits >= 5:
            bits -= 5
            words.append((acc >> bits) & 31)
    if bits:
        words.append((acc << (5 - bits)) & 31)
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    mod = _polymod([*expanded, *words, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = [(mod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_CHARSET[w] for w in words + checksum)


def _identity() -> pyrage.x25519.Identity:
    configured = getattr(settings, "GONGKAI_PROPOSALS_CONTACTS_KEY", "")
    if configured:
        return pyrage.x25519.Identity.from_str(configured)
    seed = hmac.new(settings.SECRET_KEY.encode(), b"gongkai.proposals.contacts", hashlib.sha256).digest()
    return pyrage.x25519.Identity.from_str(_bech32("age-secret-key-", seed).upper())


def seal(text: str) -> bytes:
    """The encrypted form of `text` (empty stays empty)."""
    if not text:
        return b""
    return bytes(pyrage.encrypt(text.encode("utf-8"), [_identity().to_public()]))


def open_sealed(value: bytes | memoryview | None) -> str:
    """The plain text of a sealed value; "" for an empty one or one sealed under another key."""
    if not value:
        return ""
    try:
        return bytes(pyrage.decrypt(bytes(value), [_identity()])).decode("utf-8")
    except pyrage.DecryptError:
        return ""
