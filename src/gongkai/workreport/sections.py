"""The sections of the work report (政务公开工作年度总结) and the registry through which apps provide them.

The report follows the seed's seven parts (docs/workreport.md). The work report app provides the parts whose
records it can read (二、三、五、六、七); the parts whose records live in apps built later (一 the plan,
meetings and inspections of the supervision app, 四 the service catalog) are provided by those apps at start-up:

    from gongkai.workreport import sections
    sections.provide("overview", build_overview)        # in the providing app's AppConfig.ready()

A builder takes the `Context` (government, year, the organisations of its region) and returns the section's
figures (each with the queryset of its records: the drill-down) and the draft of its text. A part nobody
provides is left out of the draft and named to the editor in the back office (`missing`); it is never printed
as a placeholder (docs/adr/0010-work-report-sections.md).

This module imports no other app of the platform, so a provider depends on it alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import QuerySet


@dataclass(frozen=True)
class Part:
    """One of the seed's parts: its key, its place and its heading (without the number)."""

    key: str
    heading: str


#: The seed's seven parts in order (seed-annual-report-2017.txt, 一 … 七).
PARTS: list[Part] = [
    Part("overview", "总体情况"),
    Part("proactive", "主动公开政府信息情况"),
    Part("focus", "重点领域政府信息公开工作情况"),
    Part("services", "推进“互联网+政务服务”工作情况"),
    Part("proposals", "建议提案办理结果公开情况"),
    Part("interpretation", "开展政策解读情况"),
    Part("concern", "政务舆情处置回应情况"),
]
KEYS = [p.key for p in PARTS]
NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Context:
    """What a builder is asked for: a government's region (its subtree) in one year."""

    org: Any  # orgs.Organization (a government)
    year: int
    start: date
    end: date
    org_ids: list[int]
    subject: str  # how the text names the region: 全市, 全县 …
    region: Any = None  # reports.scopes.ReportScope of the region, for the builders that split it


@dataclass(frozen=True)
class Figure:
    """One figure and its records. The figure is the number of records, or, with `sum_of`, the sum of that
    field over them (a publication row may stand for several items: `Publication.count`)."""

    ref: str
    label: str
    kind: str  # what the records are, for the drill-down page: item, publication, interpretation …
    records: Callable[[], QuerySet[Any]]
    sum_of: str = ""


@dataclass
class Built:
    """What a builder returns: its figures and the draft text (paragraphs separated by a newline)."""

    figures: list[Figure] = field(default_factory=list)
    text: Callable[[dict[str, int]], str] = lambda values: ""


Builder = Callable[[Context], Built]

_builders: dict[str, Builder] = {}


def provide(name: str, builder: Builder) -> None:
    """Register (or replace) the builder of the part `name` (one of `KEYS`)."""
    if name not in KEYS:
        raise ValueError(f"Unknown work report part {name!r}; the parts are {', '.join(KEYS)}.")
    _builders[name] = builder


def withdraw(name: str) -> None:
    """Remove a builder (tests)."""
    _builders.pop(name, None)


def provided() -> list[tuple[Part, Builder]]:
    """The provided parts in the seed's order."""
    return [(p, _builders[p.key]) for p in PARTS if p.key in _builders]


def missing() -> list[Part]:
    """The parts no app provides (yet): left out of the report, named to the editor."""
    return [p for p in PARTS if p.key not in _builders]


def numbered(keys: Sequence[str]) -> dict[str, str]:
    """The headings of the parts present, numbered in order without gaps: {"proactive": "一、主动公开…"}."""
    present = [p for p in PARTS if p.key in keys]
    return {p.key: f"{NUMERALS[i]}、{p.heading}" for i, p in enumerate(present)}
