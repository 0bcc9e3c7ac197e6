"""What the demo prints after loading, and `gongkai demo_info` prints again: the accounts and the application
to follow on the portal."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from gongkai.demo import city
from gongkai.demo import foi as demo_foi
from gongkai.orgs.models import Membership, Role


def demo_loaded() -> bool:
    return get_user_model().objects.filter(username="city_admin").exists()


def accounts() -> list[tuple[str, str, str]]:
    """(username, organisation, roles) of every demo account that exists, in the order of the demo."""
    User = get_user_model()
    names = list(  # each once: the heads are listed by the city and by the applications' demo
        dict.fromkeys(
            ["admin"]
            + [u for u, *_ in city.DEMO_USERS]
            + [u for u, *_ in demo_foi.HEADS + demo_foi.EXTRA_CLERKS]
        )
    )
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    roles: dict[int, list[Membership]] = {}
    for m in Membership.objects.filter(user__in=users.values()).select_related("org").order_by("org__path"):
        roles.setdefault(m.user_id, []).append(m)
    rows = []
    for name in names:
        user = users.get(name)
        if user is None:
            continue
        held = roles.get(user.pk, [])
        if user.is_superuser and not held:
            rows.append((name, "（全平台）", "超级管理员"))
            continue
        orgs = dict.fromkeys(m.org.name for m in held)  # an account may hold a role in several organisations
        labels = dict.fromkeys(str(Role(m.role).label) for m in held)
        rows.append((name, "、".join(orgs) or "—", "、".join(labels) or "—"))
    return rows


def print_info(out, style) -> None:
    out.write(style.SUCCESS(f"演示账号（密码均为 {city.DEMO_PASSWORD}）："))
    for username, org, roles in accounts():
        out.write(f"  {username:<18} {roles:<14} {org}")
    example = demo_foi.example()
    if example:
        out.write("")
        out.write(style.SUCCESS("依申请公开查询示例（门户“依申请公开—查询申请”）："))
        out.write(f"  申请编号 {example[0]}　查询码 {example[1]}")
    out.write("")
    out.write("再次显示以上信息：gongkai demo_info")
