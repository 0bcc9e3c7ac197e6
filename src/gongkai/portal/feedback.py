"""我为政府网站找错: a reader's report of an error on the site, delivered to the office that runs it.

Until the interaction issue adds messages with their workflow, `deliver` mails the report to the organising
government's disclosure office (the e-mail of its current guide) and logs it; when messages exist, `deliver`
is the one place to change: it becomes a message to the same office, with the message workflow.
"""

from __future__ import annotations

import logging

from django import forms
from django.core.cache import cache
from django.core.mail import send_mail

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
    description = forms.CharField(label="问题描述", max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))
    contact = forms.CharField(
        label="联系方式（选填）",
        max_length=100,
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


def deliver(*, identity: SiteIdentity, data: dict, client: str) -> bool:
    """Send the report to the site's disclosure office; True when it was mailed to an address."""
    if not cache.add(_key(client), 1, timeout=3600):
        try:
            cache.incr(_key(client))
        except ValueError:
            cache.set(_key(client), 1, timeout=3600)
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
