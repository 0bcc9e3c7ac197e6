"""The generic crawl: every link reachable from the menus and lists, for one visitor.

Two passes. The HTTP pass (Django's test client, in process) visits every instance of every page reachable
from the start page, through links only (GET), and records each page's status, type and URL pattern (the
resolved url_name). The browser pass then opens a few pages of each pattern in Chromium at phone width and
checks what only a browser sees. Nothing here names a page: new pages are crawled without new code.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from django.urls import Resolver404, resolve

#: URL names never followed: they end the session (the crawl would log itself out).
SKIP_NAMES = {"backoffice:logout"}
#: Path prefixes never followed: Django's own admin is not part of the platform's interface.
SKIP_PREFIXES = ("/django-admin/",)
#: Query-string variants per (pattern, set of parameter names) in the HTTP pass; pagination alone is unbounded.
VARIANTS_PER_KEY = 4
#: Pages per pattern the HTTP pass visits for patterns the visitor only passes through (the portal, for staff).
PASS_THROUGH_PER_PATTERN = 2


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_in(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def normalise(href: str, base: str) -> str | None:
    """A same-site path with its sorted query, or None for links the crawl does not follow."""
    absolute = urljoin(base, href)
    parts = urlsplit(absolute)
    if parts.scheme not in {"http", "https"} or parts.netloc != urlsplit(base).netloc:
        return None
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return urlunsplit(("", "", parts.path or "/", query, ""))


def pattern_of(path: str) -> str:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return "(no pattern)"
    return match.view_name or match.url_name or "(unnamed)"


def variant_key(path: str) -> tuple[str, tuple[str, ...]]:
    return pattern_of(path), tuple(sorted({k for k, _ in parse_qsl(urlsplit(path).query, True)} - {"page"}))


@dataclass
class Page:
    url: str
    status: int
    pattern: str
    content_type: str = ""
    referrers: set[str] = field(default_factory=set)

    @property
    def is_html(self) -> bool:
        return self.status == 200 and self.content_type.startswith("text/html")


@dataclass
class CrawlResult:
    visitor: str
    pages: dict[str, Page] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def patterns(self) -> dict[str, list[Page]]:
        grouped = defaultdict(list)
        for page in self.pages.values():
            grouped[page.pattern].append(page)
        return grouped


def http_crawl(
    client, *, visitor: str, start: str, base: str, own=lambda path: True, per_pattern: int | None = None
) -> CrawlResult:
    """Visit everything reachable from `start` through links, with `client` (a logged-in test client).

    `own(path)` tells the pages this visitor is crawled for: those are visited at every instance, or at
    `per_pattern` instances of each pattern when given; others (e.g. the public portal seen by staff, crawled
    for the public already) only a few times per pattern.
    """
    result = CrawlResult(visitor)
    began = time.monotonic()
    queue: list[str] = [start]
    queued = {start}
    variants: dict[tuple, int] = defaultdict(int)
    passing: dict[str, int] = defaultdict(int)
    referrers: dict[str, set[str]] = defaultdict(set)

    def enqueue(url: str, source: str) -> None:
        referrers[url].add(source)
        if url in queued:
            return
        path = urlsplit(url).path
        if path.startswith(SKIP_PREFIXES) or pattern_of(url) in SKIP_NAMES:
            return
        key = variant_key(url)
        if key[1]:
            if variants[key] >= VARIANTS_PER_KEY:
                return
            variants[key] += 1
        cap = per_pattern if own(path) else PASS_THROUGH_PER_PATTERN
        if cap is not None:
            if passing[key[0]] >= cap:
                return
            passing[key[0]] += 1
        queued.add(url)
        queue.append(url)

    while queue:
        url = queue.pop(0)
        response = client.get(url)
        ctype = response.get("Content-Type", "")
        page = Page(url, response.status_code, pattern_of(url), ctype, referrers[url])
        result.pages[url] = page
        if response.status_code >= 500:
            result.problems.append(f"{response.status_code} {url} (linked from {_first(page.referrers)})")
        elif response.status_code in (401, 403, 404, 410) and page.referrers:
            result.problems.append(
                f"{response.status_code} {url}: a link the visitor cannot open (on {_first(page.referrers)})"
            )
        if 300 <= response.status_code < 400:
            target = normalise(response["Location"], base + url)
            if target:
                enqueue(target, url)
            continue
        if page.is_html:
            body = response.content.decode(response.charset or "utf-8", "replace")
            for href in links_in(body):
                target = normalise(href, base + url)
                if target:
                    enqueue(target, url)
    for url, page in result.pages.items():
        page.referrers = referrers[url]
    result.seconds = time.monotonic() - began
    return result


def _first(items) -> str:
    return sorted(items)[0] if items else "—"


def browser_sample(
    results: list[CrawlResult], *, per_pattern: int, own=lambda path: True
) -> list[tuple[str, str, bool]]:
    """A few HTML pages of each pattern the visitors own, spread over the visitors and the instances.

    Returns (visitor, url, first) triples; `first` marks the first page of its pattern."""
    by_pattern: dict[str, list[list[tuple[str, str]]]] = defaultdict(list)
    for result in results:
        for pattern, pages in sorted(result.patterns().items()):
            html = [p.url for p in pages if p.is_html and own(urlsplit(p.url).path)]
            step = max(1, len(html) // per_pattern)
            by_pattern[pattern].append([(result.visitor, url) for url in html[::step]])
    chosen: list[tuple[str, str, bool]] = []
    for _pattern, lists in sorted(by_pattern.items()):
        # Round-robin over the visitors: the first page from the first visitor, the next from the next, ...
        picked: list[tuple[str, str]] = []
        for index in range(max(map(len, lists), default=0)):
            for visits in lists:
                if index < len(visits) and len(picked) < per_pattern:
                    picked.append(visits[index])
        chosen.extend((visitor, url, n == 0) for n, (visitor, url) in enumerate(picked))
    return chosen


OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width + 1) return null;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && r.width > 0) {
      let inside = false;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden') { inside = true; break; }
      }
      if (!inside) wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') +
        ' ' + Math.round(r.right) + 'px');
    }
    if (wide.length >= 4) break;
  }
  return {scrollWidth: document.documentElement.scrollWidth, wide};
}"""

#: What axe-core lets pass: id references to nothing, and several landmarks of one role without distinct names.
REFS_JS = """() => {
  const found = [];
  for (const attr of ['aria-describedby', 'aria-labelledby', 'aria-controls', 'for']) {
    for (const el of document.querySelectorAll('[' + attr + ']')) {
      for (const id of (el.getAttribute(attr) || '').split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) found.push(`${attr}="${id}" on <${el.tagName.toLowerCase()}> points at no element`);
      }
    }
  }
  const byRole = {};
  for (const el of document.querySelectorAll('[role=search], [role=navigation], nav, [role=region], [role=form]')) {
    const role = el.getAttribute('role') || 'navigation';
    let name = el.getAttribute('aria-label') || '';
    const by = el.getAttribute('aria-labelledby');
    if (!name && by) name = by.split(/\\s+/).map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
    (byRole[role] = byRole[role] || []).push(name);
  }
  for (const [role, names] of Object.entries(byRole)) {
    if (names.length > 1 && new Set(names).size < names.length) found.push(`${names.length} ${role} landmarks without distinct names (${names.map(n => n || '—').join(', ')})`);
  }
  return found;
}"""

AXE_JS = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').split('\\n').slice(1, 2).join(''))
  }));
}"""


def browser_check(page, url: str, *, base: str, run_axe: bool, problems_sink: list[str]) -> list[str]:
    """Open `url` in `page` (at whatever width its context has) and return what is wrong with it.

    The page's context must carry axe-core as an init script (`axe_init_script`) when `run_axe`."""
    problems_sink.clear()
    found: list[str] = []
    response = page.goto(base + url, wait_until="load")
    if response is None or response.status >= 400:
        found.append(f"HTTP {response.status if response else '—'}")
    overflow = page.evaluate(OVERFLOW_JS)
    if overflow:
        found.append(f"wider than the screen: {overflow['scrollWidth']}px ({'; '.join(overflow['wide'])})")
    found.extend(page.evaluate(REFS_JS))
    if not run_axe:
        found.extend(problems_sink)
        return found
    for violation in page.evaluate(AXE_JS):
        found.append(
            f"axe {violation['impact']} {violation['id']} ({violation['help']}): {violation['nodes']}"
        )
    found.extend(problems_sink)
    return found
