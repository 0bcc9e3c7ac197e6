"""Statutory content every guide shows besides what the organisation writes: the information processing fees
(国办函〔2020〕109号) and what is not disclosed (条例第十四条至第十六条)."""

from __future__ import annotations

from gongkai.foi import fees

#: 按件计收 bands: (first, last or None, yuan per application); 按量计收 bands: (first page, last page, yuan a page).
PER_APPLICATION = [(1, 10), (11, 30), (31, 40), (41, 50)]
PER_PAGE = [(1, 30), (31, 100), (101, 200), (201, None)]


def fee_tables() -> dict[str, list[tuple[str, str]]]:
    """The two fee tables as (range, price) rows, with prices computed by the fee rules the office applies."""
    per_application = [
        (
            f"第{first}—{last}件",
            "免费" if fees.per_application_fee(first) == 0 else f"{fees.per_application_fee(first)}元/件",
        )
        for first, last in PER_APPLICATION
    ]
    per_application.append(("第51件起", "每增加10件，收费标准提高100元/件"))
    per_page = []
    for first, last in PER_PAGE:
        price = fees.per_page_fee(first) - fees.per_page_fee(first - 1)
        span = f"{first}页以上" if last is None else f"{first}—{last}页"
        per_page.append((span, "免费" if price == 0 else f"{price}元/页"))
    return {"per_application": per_application, "per_page": per_page}


NOT_DISCLOSED = [
    "依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、公共安全、"
    "经济安全、社会稳定的政府信息，不予公开（条例第十四条）。",
    "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，不得公开；但第三方同意公开或者行政机关"
    "认为不公开会对公共利益造成重大影响的，予以公开（条例第十五条）。",
    "行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开（条例第十六条第一款）。",
    "行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息以及行政执法案卷信息，"
    "可以不予公开；法律、法规、规章规定上述信息应当公开的，从其规定（条例第十六条第二款）。",
]
