"""Reading search parameters from a request (portal and API share this): anything odd is ignored, never an
error — a search page always answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import Http404

from gongkai.orgs import selectors as org_selectors
from gongkai.search.backends import Filters

_TEXT_MAX = 40


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    sort: str = "relevance"
    page: int = 1
    org: str = ""
    subtree: bool = True
    topic: str = ""
    statutory_class: str = ""
    genre: str = ""
    date_from: date | None = None
    date_to: date | None = None
    year: int | None = None
    validity: str = ""
    normative: bool = False


def _clean(value) -> str:
    text = "".join(ch for ch in str(value or "") if ch.isprintable())
    return text.strip()[:_TEXT_MAX]


def _date(value) -> date | None:
    try:
        return date.fromisoformat(_clean(value)) if value else None
    except ValueError:
        return None


def _int(value, default: int | None, lo: int, hi: int) -> int | None:
    try:
        number = int(_clean(value))
    except (TypeError, ValueError):
        return default
    return number if lo <= number <= hi else default


def read(data) -> SearchParams:
    """From a QueryDict or a plain dict."""
    return SearchParams(
        q=str(data.get("q") or "")[:10_000],
        sort="date" if data.get("sort") == "date" else "relevance",
        page=_int(data.get("page"), 1, 1, 10_000) or 1,
        org=_clean(data.get("org")),
        subtree=data.get("sub") not in ("0", "false"),
        topic=_clean(data.get("topic")),
        statutory_class=_clean(data.get("class")),
        genre=_clean(data.get("genre")),
        date_from=_date(data.get("from")),
        date_to=_date(data.get("to")),
        year=_int(data.get("year"), None, 1949, 2200),
        validity=_clean(data.get("validity")),
        normative=data.get("normative") in ("1", "true", "on"),
    )


def filters_for(params: SearchParams) -> Filters:
    org_id = org_path = None
    if params.org:
        try:
            org = org_selectors.get_public_org(credit_code=params.org)
        except Http404:
            org = None
        if org is not None:
            org_path, org_id = (org.path, None) if params.subtree else (None, org.pk)
    date_from, date_to = params.date_from, params.date_to
    if params.year:
        date_from = max(date_from or date(params.year, 1, 1), date(params.year, 1, 1))
        date_to = min(date_to or date(params.year, 12, 31), date(params.year, 12, 31))
    return Filters(
        org_id=org_id,
        org_path=org_path,
        topic_code=params.topic,
        statutory_class=params.statutory_class,
        genre_code=params.genre,
        date_from=date_from,
        date_to=date_to,
        validity=params.validity,
        normative_only=params.normative,
    )
