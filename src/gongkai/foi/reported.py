"""The years whose figures are published for an organisation, and so never change (docs/reports.md).

The reports app owns that record (its published annual reports) and provides it at start-up (`provide`, from its
AppConfig.ready). The foi services ask here and import no reports module: reports, which count applications,
stay above foi in the import graph.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

_source: list[Callable[[int], set[int]]] = []


def provide(reported_years_fn: Callable[[int], set[int]]) -> None:
    """Register (or replace) the function answering the published years of an organisation (by its id)."""
    _source[:] = [reported_years_fn]


def reported_years(org_id: int) -> set[int]:
    """The years whose annual report covering the organisation is published (none before reports provides)."""
    return set(_source[0](org_id)) if _source else set()


def first_open_day(org_id: int, day: date) -> date:
    """`day`, or 1 January of the first year after it whose figures are not published for the organisation."""
    closed = reported_years(org_id)
    year = day.year
    while year in closed:
        year += 1
    return day if year == day.year else date(year, 1, 1)
