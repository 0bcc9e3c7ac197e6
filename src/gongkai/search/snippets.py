"""Highlighted titles and snippets: matched terms in context, HTML-escaped, marked with <mark>.

Matching is done on the original text with a pattern built from the normalised terms: each character
stands for every original character that normalises to it (环 matches 环 and 環), and anything that is not
a letter or digit may come between two characters, exactly as the index ignores it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from html import escape

from django.utils.safestring import SafeString, mark_safe

from gongkai.search.text import sources_of

_GAP = r"[^\w]*"  # punctuation and spaces the index skips (underscore is rare enough to ignore)


def _char_class(ch: str) -> str:
    chars = sources_of(ch) | {ch, ch.upper()}
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


@functools.lru_cache(maxsize=256)
def pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    alternatives = [_GAP.join(_char_class(c) for c in term) for term in sorted(terms, key=len, reverse=True)]
    alternatives = [a for a in alternatives if a]
    if not alternatives:
        return None
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for start, end in spans:
        out.append(escape(text[pos:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def highlight(text: str, terms: tuple[str, ...]) -> SafeString:
    """The whole text, escaped, with every match marked (for titles)."""
    rx = pattern(terms)
    spans = [m.span() for m in rx.finditer(text)] if rx else []
    return mark_safe(_marked(text, [s for s in spans if s[1] > s[0]]))  # noqa: S308 - escaped above


def snippet(text: str, terms: tuple[str, ...], *, width: int = 120) -> SafeString:
    """About `width` characters of `text` around the place where most terms occur, escaped and marked."""
    text = " ".join(text.split())
    rx = pattern(terms)
    matches = [m for m in rx.finditer(text) if m.end() > m.start()] if rx else []
    if not matches:
        cut = text[:width]
        return mark_safe(escape(cut) + ("…" if len(text) > width else ""))  # noqa: S308
    # The window (starting at a match) holding the most distinct matched terms, then the most matches:
    # two pointers over the matches, which are in order.
    matches = matches[:500]
    keys = [m.group().lower() for m in matches]
    best, best_score, j = 0, (-1, -1), 0
    inside: Counter = Counter()
    for i, m in enumerate(matches):
        while j < len(matches) and matches[j].end() <= m.start() + width:
            inside[keys[j]] += 1
            j += 1
        score = (len(inside), j - i)
        if score > best_score:
            best, best_score = i, score
        if j > i:
            inside[keys[i]] -= 1
            if not inside[keys[i]]:
                del inside[keys[i]]
    anchor = matches[best].start()
    start = max(0, anchor - width // 4)
    end = min(len(text), start + width)
    spans = [
        (max(m.start(), start) - start, min(m.end(), end) - start)
        for m in matches
        if m.end() > start and m.start() < end
    ]
    body = _marked(text[start:end], spans)
    return mark_safe(("…" if start > 0 else "") + body + ("…" if end < len(text) else ""))  # noqa: S308
