"""Every page, for every visitor: the public and each demo account, over the whole demo.

The HTTP pass (every account) finds every page reachable through links and fails on server errors and on
links to pages the visitor cannot open. The browser pass (per role: the public, the superuser, each staff
role) opens a few pages of every URL pattern at 390 px, spread over the role's accounts, and fails on console
errors, requests to other hosts and horizontal scrolling, and, on the first page of each pattern, serious or
critical axe-core violations. Nothing here names a page: new pages are covered without new code.

Budget knobs: GONGKAI_CRAWL_PER_PATTERN (browser pages per pattern and role, default 2),
GONGKAI_CRAWL_HTTP_PER_PATTERN (pages per pattern in the HTTP pass for the accounts other than the public
and the superuser, default 2, `all` for every instance), GONGKAI_CRAWL_MAX_INSTANCES and GONGKAI_CRAWL_MAX_STAFF_INSTANCES
(the most instances of one pattern the public and the superuser visit: default `all` for the public, 100 for
the superuser's back office, whose 411 items, 66 organisations and 1,200 audit timelines would take minutes).
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict

import pytest

from gongkai.browser_tests import crawl
from gongkai.browser_tests.conftest import REPORTS, page_problems
from gongkai.demo import city
from gongkai.demo import foi as demo_foi
from gongkai.orgs.models import Role

pytestmark = pytest.mark.browser

PER_PATTERN = int(os.environ.get("GONGKAI_CRAWL_PER_PATTERN", "2"))
_http = os.environ.get("GONGKAI_CRAWL_HTTP_PER_PATTERN", "2")
HTTP_PER_PATTERN = None if _http == "all" else int(_http)
_max = os.environ.get("GONGKAI_CRAWL_MAX_INSTANCES", "all")
_staff_max = os.environ.get("GONGKAI_CRAWL_MAX_STAFF_INSTANCES", "100")
MAX_STAFF_INSTANCES = None if _staff_max == "all" else int(_staff_max)
MAX_INSTANCES = None if _max == "all" else int(_max)
#: Visitors who see every instance of every page in the HTTP pass (the widest reach of the demo).
EVERY_INSTANCE = {"anonymous", "admin"}

#: Every demo account with its role, from the demo's own lists (new accounts are crawled without new code).
ACCOUNTS: dict[str, str] = {"anonymous": "public", "admin": "superuser"}
ACCOUNTS.update({username: "+".join(sorted(roles)) for username, _name, _org, roles in city.DEMO_USERS})
ACCOUNTS.update({username: Role.OFFICE.value for username, *_ in demo_foi.HEADS + demo_foi.EXTRA_CLERKS})
ROLES = sorted(set(ACCOUNTS.values()))

_results: dict[str, crawl.CrawlResult] = {}


def _staff_pages(path: str) -> bool:
    return path.startswith(("/manage/", "/api/"))


def _own(visitor: str):
    return (lambda path: True) if visitor == "anonymous" else _staff_pages


def _http_crawl(visitor: str, site) -> crawl.CrawlResult:
    if visitor in _results:
        return _results[visitor]
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(raise_request_exception=False)
    if visitor != "anonymous":
        client.force_login(get_user_model().objects.get(username=visitor))
    result = crawl.http_crawl(
        client,
        visitor=visitor,
        start="/" if visitor == "anonymous" else "/manage/",
        base=site.url,
        own=_own(visitor),
        per_pattern=(MAX_INSTANCES if visitor == "anonymous" else MAX_STAFF_INSTANCES)
        if visitor in EVERY_INSTANCE
        else HTTP_PER_PATTERN,
    )
    _results[visitor] = result
    return result


def _report(name: str, summary: dict) -> None:
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"crawl-{name}.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1))


@pytest.mark.parametrize("visitor", list(ACCOUNTS))
def test_http_every_page(visitor, demo_site):
    """No server error and no link to a page the visitor cannot open, over every page the visitor reaches."""
    result = _http_crawl(visitor, demo_site)
    patterns = result.patterns()
    _report(
        f"http-{visitor}",
        {
            "visitor": visitor,
            "role": ACCOUNTS[visitor],
            "pages": len(result.pages),
            "patterns": len(patterns),
            "seconds": round(result.seconds, 1),
            "problems": result.problems,
            "by_pattern": {name: len(pages) for name, pages in sorted(patterns.items())},
        },
    )
    assert not result.problems, f"{visitor}: {len(result.problems)} problems\n" + "\n".join(
        result.problems[:80]
    )


@pytest.mark.parametrize("role", ROLES)
def test_browser_every_pattern(role, demo_site, new_context):
    """Console errors, other hosts, 390 px overflow and axe-core, on a few pages of every pattern."""
    visitors = [v for v, r in ACCOUNTS.items() if r == role]
    results = [_http_crawl(v, demo_site) for v in visitors]
    sample = crawl.browser_sample(results, per_pattern=PER_PATTERN, own=_own(visitors[0]))
    began = time.monotonic()
    pages, problems = {}, []
    contexts = {}
    for visitor, url, first in sample:
        if visitor not in contexts:
            context = new_context(
                width=390, height=844, username=None if visitor == "anonymous" else visitor, axe=True
            )
            page = context.new_page()
            contexts[visitor] = (context, page, page_problems(page))
        context, page, sink = contexts[visitor]
        for problem in crawl.browser_check(page, url, base=demo_site.url, run_axe=first, problems_sink=sink):
            problems.append(f"{url} ({visitor}): {problem}")
        pages[url] = crawl.pattern_of(url)
    for visitor, (context, _page, _sink) in contexts.items():
        problems.extend(
            f"request to another host ({visitor}): {u}" for u in sorted(set(context.external_requests))
        )
    by_pattern = defaultdict(int)
    for pattern in pages.values():
        by_pattern[pattern] += 1
    _report(
        f"browser-{role}",
        {
            "role": role,
            "visitors": visitors,
            "pages": len(pages),
            "patterns": len(by_pattern),
            "seconds": round(time.monotonic() - began, 1),
            "problems": problems,
            "by_pattern": dict(sorted(by_pattern.items())),
        },
    )
    assert not problems, f"{role}: {len(problems)} problems\n" + "\n".join(problems[:80])
