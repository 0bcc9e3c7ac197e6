"""Chinese text processing for search: normalisation, the searchable characters, segmentation.

Matching is by characters, not by words (docs/adr/0004-search-backends.md): a term matches wherever its
characters occur consecutively, so a query of any length, one character included, finds every document that
contains it. Normalisation is a fixed character-by-character mapping, applied identically to documents and
queries:

1. NFKC (full-width ＡＢＣ１２３ → ABC123, compatibility forms, ① → 1);
2. traditional → simplified, one character at a time with OpenCC's character table (環 → 环);
3. case folding (ABC → abc);
4. only letters and digits (Unicode categories L and N) are searchable; punctuation, spaces, symbols, emoji
   and control characters are dropped.

Because the mapping works on single characters, a substring of a text is always a substring of the
normalised text: recall against a plain substring scan is 1.00 by construction.

Segmentation (rjieba with the project dictionary `data/userdict.txt`) is not used for matching. It splits
a long query that found nothing into words for the "try these words" help, the same way every time.
"""

from __future__ import annotations

import functools
import operator
import re
import sys
import unicodedata
from array import array
from pathlib import Path

import opencc

USERDICT = Path(__file__).resolve().parent / "data" / "userdict.txt"
#: Bump when the mapping changes: the index must then be rebuilt (`gongkai search reindex`).
ANALYZER_VERSION = 1

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
#: Text the fast path leaves to the tables: astral characters and lone surrogates (from JSON escapes).
_NOT_BMP = re.compile("[\ud800-\udfff\U00010000-\U0010ffff]")
_UNIT = "I" if array("I").itemsize == 4 else "L"  # a 32-bit code unit
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"  # its encoding in this machine's order
_SPACE = array(_UNIT, [ord(" ")])


def _searchable(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LN"


def _char_class(codepoints: list[int]) -> re.Pattern:
    """A regular expression matching one of `codepoints` (sorted), written as ranges."""
    parts, start = [], 0
    while start < len(codepoints):
        end = start
        while end + 1 < len(codepoints) and codepoints[end + 1] == codepoints[end] + 1:
            end += 1
        first, last = re.escape(chr(codepoints[start])), re.escape(chr(codepoints[end]))
        parts.append(first if start == end else f"{first}-{last}")
        start = end + 1
    return re.compile("[" + "".join(parts) + "]")


@functools.cache
def _fast() -> tuple[re.Pattern, re.Pattern]:
    """(characters the table drops, characters it changes): most text is simplified Chinese that maps to
    itself, so dropping by a regular expression and translating only when needed is the same mapping done
    in C at about three times the speed of `str.translate` over every character."""
    plain = _tables()[0]
    dropped = [cp for cp, mapped in plain.items() if mapped is None]
    changed = [cp for cp, mapped in plain.items() if mapped is not None and mapped != chr(cp)]
    return _char_class(dropped), _char_class(changed)


@functools.cache
def _tables() -> tuple[dict[int, str | None], dict[int, str | None], dict[str, set[str]]]:
    """(normalise table, normalise-and-space table, searchable char → original chars that map to it)."""
    converter = opencc.OpenCC("t2s")
    codepoints = [cp for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF]
    nfkc = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in codepoints}
    # Convert each letter on its own line so that no phrase rule can apply: character-level only.
    letters = sorted({ord(c) for s in nfkc.values() for c in s if c >= "\u2e80" and _searchable(c)})
    converted = converter.convert("\n".join(chr(cp) for cp in letters)).split("\n")
    t2s = {chr(cp): s for cp, s in zip(letters, converted, strict=True) if len(s) == 1 and s != chr(cp)}
    plain: dict[int, str | None] = {}
    spaced: dict[int, str | None] = {}
    sources: dict[str, set[str]] = {}
    for cp in codepoints:
        mapped = "".join(t2s.get(c, c) for c in nfkc[cp]).casefold()
        mapped = "".join(c for c in mapped if _searchable(c))
        plain[cp] = mapped or None
        spaced[cp] = " ".join(mapped) + " " if mapped else None
        if len(mapped) == 1:
            sources.setdefault(mapped, set()).add(chr(cp))
    return plain, spaced, sources


def _astral(text: str) -> str:
    """Characters outside the BMP: keep letters (CJK extensions B-G), drop the rest (emoji)."""
    return _ASTRAL.sub(lambda m: m.group() if _searchable(m.group()) else "", text)


def _normalize_bmp(text: str) -> str:
    """`normalize` of a text without astral characters or lone surrogates (the same result, faster)."""
    dropped, changed = _fast()
    out = dropped.sub("", text)
    return out.translate(_tables()[0]) if changed.search(out) else out


def normalize(text: str) -> str:
    """The searchable characters of `text`, normalised (see the module docstring)."""
    if not text:
        return ""
    if not _NOT_BMP.search(text):
        return _normalize_bmp(text)
    out = text.translate(_tables()[0])
    return _astral(out) if _ASTRAL.search(out) else out


def spaced(text: str) -> str:
    """`normalize(text)` with a space after every character: one index token per character (FTS5)."""
    if not text:
        return ""
    if not _NOT_BMP.search(text):
        # Interleave spaces as 32-bit code units: far faster than " ".join() over a long text.
        chars = array(_UNIT, _normalize_bmp(text).encode(_UTF32))
        units = _SPACE * (2 * len(chars))
        units[0::2] = chars
        return units.tobytes().decode(_UTF32)
    out = text.translate(_tables()[1])
    if _ASTRAL.search(out):
        out = " ".join(_astral(out).replace(" ", "")) + " "
    return out


def bigrams(norm: str) -> set[str]:
    """The distinct single characters and adjacent pairs of a normalised text (PostgreSQL lexemes)."""
    grams = set(norm)
    grams.update(map(operator.add, norm, norm[1:]))  # the pairs, without a Python-level loop
    return grams


def sources_of(char: str) -> set[str]:
    """The characters that normalise to `char` (for highlighting in the original text)."""
    return _tables()[2].get(char, {char})


@functools.cache
def _segmenter():
    import rjieba

    jieba = rjieba.Jieba()
    for line in USERDICT.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            jieba.add_word(word.split()[0], None, None)
    return jieba


def segment(text: str) -> list[str]:
    """Words of `text` by rjieba with the project dictionary; punctuation and spaces dropped."""
    return [w for w in _segmenter().cut(text, hmm=True) if normalize(w)]
