"""Logging without personal data, and the JSON-lines formatter (LOG_FORMAT=json).

Django's request loggers pass the request and its path; paths of the portal carry tracking numbers and search
words, query strings carry what people typed. The filter replaces a request's path by its URL pattern, drops the
request object, and masks what looks like an identity-card or mobile number anywhere in a message.
"""

from __future__ import annotations

import logging
import re

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

_ID_CARD = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)|(?<!\d)\d{15}(?!\d)")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def route_of(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return "/" + str(match.route).lstrip("^").rstrip("$")
    return "(unmatched)"


def scrub(text: str) -> str:
    return _EMAIL.sub("[email]", _MOBILE.sub("[mobile]", _ID_CARD.sub("[id]", text)))


class NoPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            route = route_of(request)
            paths = {request.path, request.get_full_path()}
            if isinstance(record.args, tuple):
                record.args = tuple(route if a in paths else a for a in record.args)
            record.route = route
            record.request = None
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(scrub(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.msg, str):
            record.msg = scrub(record.msg)
        return True


class JsonFormatter(_JsonFormatter):
    """One JSON object per line: time, level, logger, message, and the record's extra fields."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("fmt", "{asctime}{levelname}{name}{message}")
        kwargs.setdefault("style", "{")
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"})
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)
