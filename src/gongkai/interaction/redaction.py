"""The writer's personal data out of a text: for the public copy of a letter (without the consent to publish
it) and for what a unit sees of a 举报."""

from __future__ import annotations

import re

from gongkai.interaction.models import Message


def _personal_bits(message: Message) -> list[str]:
    bits = [message.writer_name, message.phone, message.email, message.address]
    return [b for b in bits if b and len(b) >= 2]


def redact(message: Message, text: str) -> tuple[str, list[str]]:
    """The text without the writer's name and contacts (and anything shaped like a phone or ID number)."""
    log: list[str] = []
    for bit in _personal_bits(message):
        if bit in text:
            text = text.replace(bit, "*" * min(len(bit), 6))
            log.append(f"删除留言人信息“{bit[:1]}…”")
    text, n = re.subn(r"(?<!\d)(1\d{10}|\d{17}[\dXx]|\d{3,4}-\d{7,8})(?!\d)", "******", text)
    if n:
        log.append(f"删除号码{n}处")
    return text, log
