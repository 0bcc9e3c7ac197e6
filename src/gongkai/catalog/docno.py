"""Document numbers (文号): one normal form, so 〔2017〕, [2017], 【2017】, （2017） and (2017) find each other.

`抚政办发[2017]27号` → `抚政办发〔2017〕27号`. The original is kept as written; the normal form is stored
beside it and used for look-ups.
"""

from __future__ import annotations

import re
import unicodedata

# Brackets around a four-digit year, in the forms found on government websites and in old databases.
_YEAR_BRACKETS = re.compile(r"[\[［【〔（(〈<《{｛]\s*(\d{4})\s*[\]］】〕）)〉>》}｝]")
_SPACES = re.compile(r"\s+")


def normalize_doc_no(text: str) -> str:
    """The normal form of a document number: full-width digits and letters folded, spaces removed, the year
    in 〔〕 brackets; '第' before the serial kept (it belongs to the number as issued)."""
    if not text:
        return ""
    # NFKC folds full-width digits/letters (２０１７ → 2017) but also brackets; the year pattern below
    # restores the official 〔〕.
    folded = unicodedata.normalize("NFKC", text)
    folded = _SPACES.sub("", folded)
    return _YEAR_BRACKETS.sub(lambda m: f"〔{m.group(1)}〕", folded)
