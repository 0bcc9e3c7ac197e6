"""Loads the whole demo: the city first, then each domain's demo content. Every step is idempotent."""

from __future__ import annotations

from collections.abc import Callable

from gongkai.core.actors import System
from gongkai.demo import (
    catalog,
    city,
    foi,
    interaction,
    interpretation,
    proposals,
    reports,
    search,
    servicecatalog,
    supervision,
    workreport,
)
from gongkai.orgs.models import Organization
from gongkai.workdays.services import calendar_seed

#: Domain steps, run in order after the city and its users: (label, function(city) -> summary). An answer that
#: information is already public names its catalog item, so applications follow the catalog; reports are built
#: from what the other steps created; supervision reads everything, and the work report reads supervision too.
STEPS: list[tuple[str, Callable[[Organization], str]]] = [
    ("主动公开目录", catalog.load),
    ("依申请公开", foi.load),
    ("政策解读与发布", interpretation.load),
    ("建议提案办理", proposals.load),
    ("政民互动", interaction.load),
    ("政务服务事项目录", servicecatalog.load),
    ("全文检索", search.load),
    ("统计报表", reports.load),
    ("监督保障", supervision.load),
    ("政务公开工作总结", workreport.load),
]


def load_all(*, log: Callable[[str], None] = print) -> list[tuple[str, str, str]]:
    seeded = calendar_seed(actor=System("演示数据"))
    if seeded:
        log(f"工作日历：录入 {seeded[0]}-{seeded[-1]} 年")
    root, created = city.load_city()
    log(f"演示城市：{root.name}" + ("（新建）" if created else "（已存在，未改动）"))
    users = city.load_users()
    for label, step in STEPS:
        log(f"{label}：{step(root)}")
    return users
