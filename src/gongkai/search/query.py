"""Parsing what a person typed into a search query. Never fails: any input gives a (possibly empty) query.

- Terms are separated by spaces (half- or full-width); every term must match.
- "quoted phrases" (straight or curly quotes) keep their spaces: the characters must occur consecutively.
- A term starting with - (or －) excludes documents that contain it.
- Each term is normalised (`text.normalize`): punctuation, symbols, emoji and control characters drop out,
  a term left with no letter or digit is ignored. Search syntax characters of the backends have no meaning
  here: the backends build their own queries from the normalised characters only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.search.text import normalize

MAX_QUERY_CHARS = 200
MAX_TERMS = 10
MAX_TERM_CHARS = 50

_QUOTES = {'"': '"', "“": "”", "”": "”", "「": "」", "『": "』"}
_SPACE = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class Term:
    text: str  # as typed, for display
    norm: str  # normalised searchable characters (never empty)


@dataclass(frozen=True)
class ParsedQuery:
    raw: str = ""
    terms: tuple[Term, ...] = ()
    excluded: tuple[Term, ...] = ()
    truncated: bool = False
    ignored: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not self.terms

    @property
    def phrase(self) -> str | None:
        """All terms run together, when there are several (ranked first where they occur like that)."""
        if len(self.terms) < 2:
            return None
        joined = "".join(t.norm for t in self.terms)
        return joined[: MAX_TERM_CHARS * 2]

    def normalized(self) -> str:
        """A canonical spelling (cache keys, logs)."""
        parts = [f'"{t.norm}"' for t in self.terms] + [f'-"{t.norm}"' for t in self.excluded]
        return " ".join(parts)


def _split(raw: str) -> list[tuple[str, bool]]:
    """(chunk, negated) pairs: spaces split, quotes group, a leading - negates."""
    chunks: list[tuple[str, bool]] = []
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if ch.isspace() or ch == "\u3000":
            i += 1
            continue
        negated = False
        if ch in "-－" and i + 1 < n and not raw[i + 1].isspace():
            negated = True
            i += 1
            ch = raw[i]
        if ch in _QUOTES:
            close = _QUOTES[ch]
            end = raw.find(close, i + 1)
            if ch == "“":  # people mix straight and curly closing quotes
                alt = raw.find('"', i + 1)
                end = alt if end == -1 or (alt != -1 and alt < end) else end
            end = n if end == -1 else end
            chunks.append((raw[i + 1 : end], negated))
            i = end + 1
            continue
        m = _SPACE.search(raw, i)
        end = m.start() if m else n
        chunks.append((raw[i:end], negated))
        i = end
    return chunks


def parse(raw: str | None) -> ParsedQuery:
    raw = raw or ""
    truncated = len(raw) > MAX_QUERY_CHARS
    raw = raw[:MAX_QUERY_CHARS]
    terms: list[Term] = []
    excluded: list[Term] = []
    ignored: list[str] = []
    seen: set[tuple[str, bool]] = set()
    for chunk, negated in _split(raw):
        norm = normalize(chunk)
        if not norm:
            if chunk.strip():
                ignored.append(chunk)
            continue
        if len(norm) > MAX_TERM_CHARS:
            norm, truncated = norm[:MAX_TERM_CHARS], True
        if (norm, negated) in seen:
            continue
        seen.add((norm, negated))
        target = excluded if negated else terms
        if len(terms) + len(excluded) >= MAX_TERMS:
            truncated = True
            break
        target.append(Term(text=chunk.strip(), norm=norm))
    # A term that is also excluded cannot match anything useful: keep the positive one.
    excluded = [t for t in excluded if (t.norm, False) not in seen]
    # Drop terms contained in another term (环境 and 环境保护: the longer one decides).
    kept = [t for t in terms if not any(o.norm != t.norm and t.norm in o.norm for o in terms)]
    return ParsedQuery(
        raw=raw, terms=tuple(kept), excluded=tuple(excluded), truncated=truncated, ignored=tuple(ignored)
    )
