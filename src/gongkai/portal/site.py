"""Who runs the site (国办发〔2017〕47号 site frame) and the reader's display preferences.

The identity comes from settings (the site name, its filing numbers) and from the organisation tree (the organising
government, its general office as 主办单位 unless a setting names another, the contact details of its guide).

The display preferences (无障碍 / 适老化) are a cookie set by a plain link (`portal:display_mode`), so they work
without JavaScript; the page cache keys on the preference (portal.pagecache), so nobody is served a page built
for another reader's preference.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q

from gongkai.core import pagecache
from gongkai.orgs.models import Guide, Organization

#: The display-mode cookie and its values: 无障碍 (high contrast, larger type, wider line spacing) and 适老化
#: (much larger type, wider spacing). Anything else in the cookie is ignored.
DISPLAY_COOKIE = "gk_display"
DISPLAY_MODES = {"a11y": "无障碍", "elder": "适老化"}
#: Font sizes a reader may pick on an article page (query parameter `fs`).
FONT_SIZES = {"s": "小", "m": "中", "l": "大"}


@dataclass
class SiteIdentity:
    name: str
    domain: str
    id_code: str
    icp: str
    psb: str
    gov_mark: bool
    gov_mark_url: str
    government: Organization | None = None
    sponsor: str = ""
    operator: str = ""
    contact: Guide | None = None
    contact_org: Organization | None = None
    extra: dict = field(default_factory=dict)


def organising_government() -> Organization | None:
    """The government the site belongs to: the configured one, else the first top-level organisation."""
    active = Organization.objects.active()
    code = settings.GONGKAI_SITE_GOVERNMENT.strip().upper()
    if code:
        found = active.filter(credit_code=code).first()
        if found is not None:
            return found
    return active.filter(depth=1).order_by("sort_order", "path").first()


def general_office(government: Organization | None) -> Organization | None:
    """The government's general office (the competent department for disclosure), if it has one."""
    if government is None:
        return None
    return (
        Organization.objects.get_children(government)
        .filter(is_active=True, is_competent_department=True)
        .order_by("sort_order", "path")
        .first()
    )


_SETTINGS = (
    "GONGKAI_SITE_NAME", "GONGKAI_SITE_DOMAIN", "GONGKAI_SITE_ID_CODE", "GONGKAI_SITE_ICP", "GONGKAI_SITE_PSB",
    "GONGKAI_SITE_GOV_MARK", "GONGKAI_SITE_GOV_MARK_URL", "GONGKAI_SITE_GOVERNMENT", "GONGKAI_SITE_SPONSOR",
    "GONGKAI_SITE_OPERATOR",
)  # fmt: skip


def identity() -> SiteIdentity:
    """The site identity, kept in the cache until an organisation or guide changes (the "orgs" page-cache
    scope, which every save of those bumps): every page shows it, and it costs three queries to build."""
    raw = repr([getattr(settings, name) for name in _SETTINGS]).encode()
    generation = pagecache.generations(("orgs",))[0]
    key = f"gongkai:site-identity:{generation}:{hashlib.sha256(raw).hexdigest()[:16]}"
    found = cache.get(key)
    if found is None:
        found = build_identity()
        cache.set(key, found, 3600)
    return found


def build_identity() -> SiteIdentity:
    """The site identity from the settings and the organisation tree (two queries in the usual case)."""
    if settings.GONGKAI_SITE_GOVERNMENT.strip():
        government = organising_government()
        office = general_office(government)
    else:
        # The top-level organisations and their general offices in one query.
        rows = list(
            Organization.objects.active()
            .filter(Q(depth=1) | Q(depth=2, is_competent_department=True))
            .order_by("sort_order", "path")
        )
        government = next((o for o in rows if o.depth == 1), None)
        office = None
        if government is not None:
            office = next((o for o in rows if o.depth == 2 and o.path.startswith(government.path)), None)
    sponsor = settings.GONGKAI_SITE_SPONSOR or (
        office.name if office else (government.name if government else "")
    )
    contact_org, contact = government or office, None
    if contact_org is not None:
        guides = Guide.objects.filter(org__in=[o for o in (government, office) if o is not None])
        newest: dict[int, Guide] = {}
        for guide in guides.order_by("version"):
            newest[guide.org_id] = guide
        contact = newest.get(contact_org.pk)
        if contact is None and office is not None:
            contact_org, contact = office, newest.get(office.pk)
    return SiteIdentity(
        name=settings.GONGKAI_SITE_NAME,
        domain=settings.GONGKAI_SITE_DOMAIN,
        id_code=settings.GONGKAI_SITE_ID_CODE,
        icp=settings.GONGKAI_SITE_ICP,
        psb=settings.GONGKAI_SITE_PSB,
        gov_mark=settings.GONGKAI_SITE_GOV_MARK,
        gov_mark_url=settings.GONGKAI_SITE_GOV_MARK_URL,
        government=government,
        sponsor=sponsor,
        operator=settings.GONGKAI_SITE_OPERATOR or sponsor,
        contact=contact,
        contact_org=contact_org,
    )


def display_mode(request) -> str:
    """The reader's display mode from the cookie: a key of DISPLAY_MODES, or '' for the standard display."""
    value = request.COOKIES.get(DISPLAY_COOKIE, "")
    return value if value in DISPLAY_MODES else ""


def with_query(request, **params) -> str:
    """This page's path with `params` set in its query string (a None value removes the parameter)."""
    query = request.GET.copy()
    for key, value in params.items():
        query.pop(key, None)
        if value is not None:
            query[key] = value
    encoded = query.urlencode() if query else ""
    return request.path + (f"?{encoded}" if encoded else "")


def display_link(mode: str, next_path: str) -> str:
    from django.urls import reverse

    return reverse("portal:display_mode", args=[mode]) + "?" + urlencode({"next": next_path})
