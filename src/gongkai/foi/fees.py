"""Information processing fees (Art. 42; 国办函〔2020〕109号《政府信息公开信息处理费管理办法》).

Two progressive methods, never both for one application:

- per application (按件): the applicant's applications to one organisation within a calendar month:
  1-10 free; 11-30: 100 yuan each; 31-40: 200 each; each further band of 10 adds 100 yuan;
- per page (按量): one application's pages: 1-30 free; 31-100: 10 yuan a page; 101-200: 20; 201 and above: 40.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gongkai.foi.models import FeeMethod

MAX_PAGES = 1_000_000


def per_application_fee(ordinal: int) -> Decimal:
    """The fee for the `ordinal`-th application of the same applicant in a calendar month (1-based)."""
    if ordinal < 1:
        raise ValueError("ordinal starts at 1")
    if ordinal <= 10:
        return Decimal(0)
    if ordinal <= 30:
        return Decimal(100)
    return Decimal(200 + 100 * ((ordinal - 31) // 10))


_PAGE_BANDS = ((30, 0), (100, 10), (200, 20), (None, 40))  # (last page of the band, yuan a page)


def per_page_fee(pages: int) -> Decimal:
    if pages < 0:
        raise ValueError("pages must not be negative")
    total = 0
    lower = 0
    for upper, price in _PAGE_BANDS:
        top = pages if upper is None else min(pages, upper)
        if top > lower:
            total += (top - lower) * price
        if upper is None or pages <= upper:
            break
        lower = upper
    return Decimal(total)


@dataclass(frozen=True)
class FeeQuote:
    method: str
    amount: Decimal
    monthly_ordinal: int | None = None
    pages: int | None = None

    @property
    def explanation(self) -> str:
        if self.method == FeeMethod.PER_APPLICATION:
            return f"按件计收：该申请人本月向本机关提出的第{self.monthly_ordinal}件申请，收费{self.amount}元"
        return f"按量计收：共{self.pages}页，收费{self.amount}元"


def quote(*, method: str, monthly_ordinal: int | None = None, pages: int | None = None) -> FeeQuote:
    if method == FeeMethod.PER_APPLICATION:
        if not monthly_ordinal:
            raise ValueError("per-application fees need the monthly ordinal")
        return FeeQuote(method, per_application_fee(monthly_ordinal), monthly_ordinal=monthly_ordinal)
    if method == FeeMethod.PER_PAGE:
        if pages is None:
            raise ValueError("per-page fees need the number of pages")
        return FeeQuote(method, per_page_fee(pages), pages=pages)
    raise ValueError(f"unknown method {method!r}")
