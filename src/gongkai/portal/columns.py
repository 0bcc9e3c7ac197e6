"""The 政府信息公开 column in its standard shape: the left navigation, for the site and for each organisation.

指南 / 制度 / 法定主动公开内容 (the Art. 20 classes for every organ, the Art. 21 classes for the governments and
departments of cities and counties, and for townships) / 年报 / 依申请公开.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse

from gongkai.catalog.models import ART21_CITY_COUNTY, ART21_TOWNSHIP, StatutoryClass
from gongkai.orgs.models import Level, Organization

#: Short names of the statutory classes, as disclosure columns name them.
CLASS_SHORT: dict[str, str] = {
    StatutoryClass.A20_01: "政策文件",
    StatutoryClass.A20_02: "机构职能",
    StatutoryClass.A20_03: "规划信息",
    StatutoryClass.A20_04: "统计信息",
    StatutoryClass.A20_05: "行政许可",
    StatutoryClass.A20_06: "行政处罚与强制",
    StatutoryClass.A20_07: "财政预决算",
    StatutoryClass.A20_08: "行政事业性收费",
    StatutoryClass.A20_09: "政府采购",
    StatutoryClass.A20_10: "重大建设项目",
    StatutoryClass.A20_11: "民生保障",
    StatutoryClass.A20_12: "应急管理",
    StatutoryClass.A20_13: "监督检查",
    StatutoryClass.A20_14: "人事信息",
    StatutoryClass.A20_15: "其他法定公开信息",
}


def class_short(code: str) -> str:
    if code in CLASS_SHORT:
        return CLASS_SHORT[code]
    label = str(StatutoryClass(code).label)
    return label.split("：", 1)[-1]


def classes_for(org: Organization | None) -> list[str]:
    """The statutory classes an organ's column lists: Art. 20 always; Art. 21 by the organ's level."""
    codes = [c.value for c in StatutoryClass if c.value.startswith("a20_")]
    level = org.level if org is not None else None
    if level in (Level.CITY, Level.COUNTY):
        extra = ART21_CITY_COUNTY
    elif level == Level.TOWNSHIP:
        extra = ART21_TOWNSHIP
    elif org is None:
        extra = ART21_CITY_COUNTY | ART21_TOWNSHIP
    else:
        extra = set()
    codes += [c.value for c in StatutoryClass if c in extra]
    return codes


@dataclass
class NavEntry:
    key: str
    label: str
    url: str
    children: list[NavEntry] = field(default_factory=list)


def _column_url(name: str, org: Organization | None, *args) -> str:
    if org is None:
        return reverse(f"portal:{name}", args=args)
    return reverse(f"portal:org_{name}", args=[org.credit_code, *args])


def column_nav(
    request, org: Organization | None, *, government: Organization | None = None
) -> list[NavEntry]:
    """The left navigation of the column (site-wide when `org` is None; the guide is then the government's)."""
    guide_org = org or government
    query = f"?org={org.credit_code}" if org is not None else ""
    guide_url = (
        reverse("portal:guide", args=[guide_org.credit_code])
        if guide_org is not None
        else reverse("portal:org_directory")
    )
    return [
        NavEntry("home", "政府信息公开", _column_url("disclosure", org)),
        NavEntry("guide", "政府信息公开指南", guide_url),
        NavEntry("rules", "政府信息公开制度", _column_url("disclosure_rules", org)),
        NavEntry(
            "statutory",
            "法定主动公开内容",
            _column_url("disclosure_statutory", org),
            [
                NavEntry(f"class:{code}", class_short(code), _column_url("disclosure_class", org, code))
                for code in classes_for(org)
            ],
        ),
        NavEntry("catalog", "政府信息公开目录", reverse("portal:catalog") + query),
        NavEntry("reports", "政府信息公开年报", reverse("portal:report_list") + query),
        NavEntry("apply", "依申请公开", reverse("portal:foi_apply") + query),
        NavEntry("supervision", "监督保障", reverse("portal:supervision")),
    ]
