"""Telling applicants that their case moved: confirmed, correction asked, extended, answered.

A service that makes such a change calls `schedule(application, change)` inside its transaction (through
`services.events.add`); after the commit one task per change (`foi.tasks.notify_applicant`) sends it through the
configured backends (`GONGKAI_FOI_NOTIFIERS`): `email` (Django's mail) to the applicant's e-mail address, `sms` (an
HTTP gateway) to a mainland mobile number, `console` (development: printed, the address masked). The message
holds the tracking number, what changed and the link to the query page, nothing else: no name, no content of
the request, no query code. Every attempt is an audit event (`application.notification_sent` / `_failed`, the
channel and the change, never the address); a failing backend never undoes or blocks the change itself.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import urllib.request
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

logger = logging.getLogger(__name__)

#: The changes that concern the applicant, in the words they read.
CHANGES = {
    "confirmed": "已由受理机关确认收到，答复期限开始计算",
    "correction": "需要补正，请查看补正告知书",
    "extended": "的答复期限已延长，请查看告知书",
    "answered": "已作出答复，请查看答复告知书",
}

_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


@dataclass(frozen=True)
class Message:
    tracking_no: str
    change: str  # a key of CHANGES
    link: str

    @property
    def subject(self) -> str:
        return f"政府信息公开申请{self.tracking_no}办理进度"

    @property
    def body(self) -> str:
        return (
            f"您的政府信息公开申请（申请编号{self.tracking_no}）{CHANGES[self.change]}。\n\n"
            f"请凭申请编号和查询码在以下页面查看：\n{self.link}\n\n"
            f"本邮件由{settings.GONGKAI_SITE_NAME}自动发送，请勿回复。"
        )

    def sms_text(self) -> str:
        return settings.GONGKAI_FOI_SMS_TEMPLATE.format(
            site=settings.GONGKAI_SITE_NAME, tracking_no=self.tracking_no, change=CHANGES[self.change],
            link=self.link,
        )  # fmt: skip


def mobile_number(phone: str) -> str:
    """The mainland mobile number in a phone field (`+86 138-0000-0000` → `13800000000`), or ""."""
    digits = re.sub(r"[\s()（）+-]", "", phone or "")
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits if _MOBILE_RE.match(digits) else ""


def _mask(address: str) -> str:
    if "@" in address:
        name, _, domain = address.partition("@")
        return f"{name[:1]}***@{domain}"
    return f"{address[:3]}****{address[-4:]}" if len(address) >= 7 else "***"


class Notifier:
    """One channel. `address_of` picks the applicant's address for it ("" when there is none); `send` raises on
    failure."""

    name = ""

    def address_of(self, application) -> str:
        raise NotImplementedError

    def send(self, address: str, message: Message) -> None:
        raise NotImplementedError


class EmailNotifier(Notifier):
    name = "email"

    def address_of(self, application) -> str:
        return (application.email or "").strip()

    def send(self, address: str, message: Message) -> None:
        send_mail(message.subject, message.body, None, [address], fail_silently=False)


class SmsNotifier(Notifier):
    """POSTs JSON `{"mobile": ..., "text": ...}` to `GONGKAI_FOI_SMS_URL` (with `Authorization: Bearer <token>`
    when `GONGKAI_FOI_SMS_TOKEN` is set); any 2xx answer is success."""

    name = "sms"

    def address_of(self, application) -> str:
        return mobile_number(application.phone)

    def send(self, address: str, message: Message) -> None:
        body = json.dumps({"mobile": address, "text": message.sms_text()}, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json; charset=utf-8"}
        url = settings.GONGKAI_FOI_SMS_URL  # http(s) only: settings refuse anything else
        request = urllib.request.Request(url, data=body, method="POST", headers=headers)  # noqa: S310
        if settings.GONGKAI_FOI_SMS_TOKEN:
            request.add_header("Authorization", f"Bearer {settings.GONGKAI_FOI_SMS_TOKEN}")
        with urllib.request.urlopen(request, timeout=settings.GONGKAI_FOI_SMS_TIMEOUT_SECONDS) as response:  # noqa: S310 (configured http(s) URL)
            if not 200 <= response.status < 300:
                raise OSError(f"SMS gateway answered {response.status}")


class ConsoleNotifier(Notifier):
    """Development: writes the message to standard output; the address is masked."""

    name = "console"

    def address_of(self, application) -> str:
        return (application.email or "").strip() or mobile_number(application.phone)

    def send(self, address: str, message: Message) -> None:
        sys.stdout.write(f"[通知 → {_mask(address)}] {message.subject}\n{message.body}\n")
        sys.stdout.flush()


BACKENDS: dict[str, type[Notifier]] = {"email": EmailNotifier, "sms": SmsNotifier, "console": ConsoleNotifier}


def notifiers() -> list[Notifier]:
    return [BACKENDS[name]() for name in getattr(settings, "GONGKAI_FOI_NOTIFIERS", [])]


def track_link() -> str:
    scheme = "http" if settings.DEBUG else "https"
    return f"{scheme}://{settings.GONGKAI_SITE_DOMAIN}{reverse('portal:foi_track')}"


_suppressed: ContextVar[bool] = ContextVar("gongkai_foi_notifications_suppressed", default=False)


@contextmanager
def suppressed():
    """No notices for the changes made inside (the demo loader: its applicants are invented)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def schedule(application, change: str) -> None:
    """Called inside the service's transaction: the notice is queued once the change is committed."""
    if change not in CHANGES or _suppressed.get() or not notifiers():
        return
    if not (application.email or mobile_number(application.phone)):
        return
    pk = application.pk
    transaction.on_commit(lambda: _enqueue(pk, change), robust=True)


def _enqueue(pk: int, change: str) -> None:
    from gongkai.foi.tasks import notify_applicant

    try:
        notify_applicant.enqueue(pk, change)
    except Exception:  # a queue that is down never breaks the change already committed
        logger.exception("could not queue the notification of application %s", pk)


def deliver(application_id: int, change: str) -> dict[str, str]:
    """Send one change through every backend that has an address for it; audit each attempt. Returns
    {channel: "sent" | "failed"}; never raises for a backend's failure."""
    from gongkai.core import audit
    from gongkai.core.actors import System
    from gongkai.foi.models import Application

    application = Application.objects.select_related("org").filter(pk=application_id).first()
    if application is None or change not in CHANGES:
        return {}
    message = Message(tracking_no=application.tracking_no, change=change, link=track_link())
    results: dict[str, str] = {}
    for notifier in notifiers():
        address = notifier.address_of(application)
        if not address:
            continue
        try:
            notifier.send(address, message)
        except Exception as exc:  # any backend failure is recorded, never raised
            results[notifier.name] = "failed"
            note = f"{change} · {notifier.name} · {type(exc).__name__}"
            logger.warning(
                "notification of %s via %s failed: %s", application.tracking_no, notifier.name, exc
            )
        else:
            results[notifier.name] = "sent"
            note = f"{change} · {notifier.name}"
        with transaction.atomic():
            audit.record_on(
                application,
                actor=System("告知申请人"),
                action=f"application.notification_{results[notifier.name]}",
                note=note,
            )
    return results
