"""What a screen reader relies on in a page's HTML, checked without a browser.

The browser crawl (`browser_tests/crawl.py`, REFS_JS) checks the same on the pages it opens; this lets the
ordinary suite check pages in states the crawl does not reach (forms sent back with their errors).
"""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser

#: Attributes that name other elements by id.
REFERENCE_ATTRIBUTES = ("aria-describedby", "aria-labelledby", "aria-controls", "for")
#: Landmark roles that must have distinct names when a page has several (nav is a navigation landmark).
NAMED_ROLES = ("search", "navigation", "region", "form")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.references: list[tuple[str, str, str]] = []  # (attribute, id, tag)
        self.landmarks: list[tuple[str, str, str]] = []  # (role, aria-label, aria-labelledby)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"])
        for attribute in REFERENCE_ATTRIBUTES:
            for ref in (values.get(attribute) or "").split():
                self.references.append((attribute, ref, tag))
        role = values.get("role") or ("navigation" if tag == "nav" else "")
        if role in NAMED_ROLES:
            self.landmarks.append((role, values.get("aria-label") or "", values.get("aria-labelledby") or ""))

    handle_startendtag = handle_starttag


def reference_problems(html: str) -> list[str]:
    """Ids referred to but absent, ids used twice, and landmarks of one role without distinct names."""
    page = _Page()
    page.feed(html)
    ids = set(page.ids)
    problems = [
        f'{attribute}="{ref}" on <{tag}> points at no element'
        for attribute, ref, tag in page.references
        if ref not in ids
    ]
    seen: set[str] = set()
    for element_id in page.ids:
        if element_id in seen:
            problems.append(f'id="{element_id}" is used twice')
        seen.add(element_id)
    names = defaultdict(list)
    for role, label, labelledby in page.landmarks:
        names[role].append(label or (f"#{labelledby}" if labelledby else ""))
    for role, found in names.items():
        if len(found) > 1 and (len(set(found)) < len(found) or "" in found):
            problems.append(
                f"{len(found)} {role} landmarks without distinct names ({', '.join(n or '—' for n in found)})"
            )
    return problems


def landmarks(html: str, role: str) -> list[str]:
    """The names (aria-label, or #id of aria-labelledby) of a page's landmarks of one role."""
    page = _Page()
    page.feed(html)
    return [label or (f"#{by}" if by else "") for r, label, by in page.landmarks if r == role]


def assert_no_reference_problems(pages: dict) -> None:
    """Every response (shown, or sent back with errors) answers 200 or 400 and has no broken id reference."""
    problems = {}
    for key, response in pages.items():
        assert response.status_code in {200, 400}, (key, response.status_code)
        found = reference_problems(response.content.decode())
        if found:
            problems[key] = found
    assert not problems, problems
