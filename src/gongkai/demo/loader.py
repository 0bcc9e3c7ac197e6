"""Loads the whole demo: the city first, then each domain's demo content. Every step is idempotent."""

from __future__ import annotations

from collections.abc import Callable

from gongkai.core.actors import System
from gongkai.demo import city

#: Domain steps, run in order after the city and its users: (label, function(city) -> str summary).
STEPS: list[tuple[str, Callable]] = []


def load_all(*, log: Callable[[str], None] = print) -> list[tuple[str, str, str]]:
    from gongkai.workdays.services import calendar_seed

    seeded = calendar_seed(actor=System("演示数据"))
    if seeded:
        log(f"工作日历：录入 {seeded[0]}-{seeded[-1]} 年")
    root, created = city.load_city()
    log(f"演示城市：{root.name}" + ("（新建）" if created else "（已存在，未改动）"))
    users = city.load_users()
    for label, step in STEPS:
        log(f"{label}：{step(root)}")
    return users


from gongkai.demo import catalog as _demo_catalog  # noqa: E402

STEPS.append(("主动公开目录", _demo_catalog.load))

# After the catalog: an answer that the information is already public names its catalog item.
from gongkai.demo import foi as _demo_foi  # noqa: E402

STEPS.append(("依申请公开", _demo_foi.load))

from gongkai.demo import search as _demo_search  # noqa: E402

STEPS.append(("全文检索", _demo_search.load))

# Reports are built from what the other steps created: this step stays last.
from gongkai.demo import reports as _demo_reports  # noqa: E402

STEPS.append(("统计报表", _demo_reports.load))
