"""我为政府网站找错: a reader's report of an error on the site.

`deliver` files it as a message in the 找错 channel (政民互动, answered within 3 working days by default, with a
number and query code for the reader); where no such channel is set up yet, it mails the report to the organising
government's disclosure office (the e-mail of its current guide).
"""

from __future__ import annotations

import logging

from django import forms
from django.core.cache import cache
from django.core.mail import send_mail

from gongkai.core.forms import text_area
from gongkai.interaction import selectors as interaction_selectors
from gongkai.interaction import services as interaction_services
from gongkai.interaction.services import Submission
from gongkai.portal.site import SiteIdentity

log = logging.getLogger(__name__)

#: Reports accepted from one client address per hour.
PER_HOUR = 5

KINDS = [
    ("link", "链接无法打开"),
    ("content", "内容错误或过时"),
    ("typo", "错别字"),
    ("display", "页面显示异常"),
    ("access", "无障碍或适老化问题"),
    ("other", "其他问题"),
]


class SiteErrorForm(forms.Form):
    kind = forms.ChoiceField(label="问题类型", choices=KINDS, widget=forms.RadioSelect)
    page = forms.CharField(label="出错页面的网址或栏目名称", max_length=500)
    description = text_area("问题描述", 2000, rows=5)
    contact = forms.CharField(
        label="联系方式（选填）",
        max_length=60,
        required=False,
        help_text="电话或电子邮箱，仅用于答复您的反馈",
    )


class TooMany(Exception):
    pass


def _key(client: str) -> str:
    return f"gongkai:site-error:{client}"


def check_rate(client: str) -> None:
    if (cache.get(_key(client)) or 0) >= PER_HOUR:
        raise TooMany


def _count(client: str) -> None:
    if not cache.add(_key(client), 1, timeout=3600):
        try:
            cache.incr(_key(client))
        except ValueError:
            cache.set(_key(client), 1, timeout=3600)


def file_message(data: dict, client: str) -> Submission | None:
    """The report as a message of the 找错 channel; None when the site has no such channel."""
    channel = interaction_selectors.site_error_channel()
    if channel is None:
        return None
    kind = str(dict(KINDS).get(data["kind"], data["kind"]))
    contact = (data.get("contact") or "").strip()
    title = f"{kind}：{data['page']}"
    title = title[: channel.title_max].ljust(channel.title_min, "…")
    submission = interaction_services.message_submit(
        channel=channel,
        data={
            "kind": "other" if "other" in channel.kinds else (channel.kinds or ["other"])[0],
            "title": title,
            "body": f"出错页面：{data['page']}\n问题类型：{kind}\n问题描述：{data['description']}",
            "phone": contact if contact and "@" not in contact else "",
            "email": contact if "@" in contact else "",
        },
        client_key=interaction_services.phone_key(client),
        own_form=True,
    )
    _count(client)
    return submission


def deliver(*, identity: SiteIdentity, data: dict, client: str) -> bool:
    """Mail the report to the site's disclosure office (no 找错 channel yet); True when it was mailed."""
    _count(client)
    kind = dict(KINDS).get(data["kind"], data["kind"])
    body = "\n".join(
        [
            f"{identity.name}收到一条网站纠错反馈。",
            f"问题类型：{kind}",
            f"出错页面：{data['page']}",
            f"问题描述：{data['description']}",
            f"联系方式：{data.get('contact') or '未填写'}",
        ]
    )
    address = identity.contact.email if identity.contact is not None else ""
    log.info("site error report received", extra={"kind": data["kind"], "mailed": bool(address)})
    if not address:
        return False
    send_mail(f"[{identity.name}] 我为政府网站找错：{kind}", body, None, [address])
    return True
