"""Search fixtures: a small index written straight through the backend, on the database in use."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.catalog.tests.conftest import make_item, publish, taxonomy  # noqa: F401 - fixtures
from gongkai.search import selectors
from gongkai.search.backends import get_backend
from gongkai.search.documents import Doc

CORPUS = [
    # (title, body, day, topic)
    (
        "关于加强环境保护工作的通知",
        "各环境保护部门要依法履行职责，保护和改善环境。",
        date(2024, 5, 1),
        "1003",
    ),
    ("生态环境局行政处罚决定书", "对某公司违反大气污染防治法的行为处以罚款。", date(2023, 3, 9), "1003"),
    (
        "城乡居民最低生活保障实施办法",
        "低保对象按月领取保障金；本办法自发布之日起施行。",
        date(2022, 7, 1),
        "0203",
    ),
    ("关于调整车船税征收标准的公告", "车船税按年申报缴纳。", date(2025, 1, 15), "0203"),
    ("棚户区改造项目征收补偿方案", "保障被征收人合法权益，依法给予补偿。", date(2021, 11, 30), "0203"),
    (
        "政府信息公开工作年度报告",
        "本机关主动公开政府信息1,234条；ＡＢＣ系统上线。",
        date(2024, 1, 31),
        "0203",
    ),
    (
        "关于印发营商环境优化方案的通知",
        "持续推进放管服改革，优化营商环境，环境优美，另需保护。",
        date(2020, 6, 18),
        "0203",
    ),
    (
        "<script>alert(1)</script>测试标题",
        "正文含有<b>标签</b>与&符号，以及环境保护。",
        date(2019, 2, 2),
        "0203",
    ),
]


@pytest.fixture
def index(tree):
    backend = get_backend()
    orgs = [tree.eco, tree.finance, tree.county_dept, tree.other_dept]
    docs = []
    for n, (title, body, day, topic) in enumerate(CORPUS, start=1):
        org = orgs[n % len(orgs)]
        doc = Doc(
            item_id=n,
            url=f"/catalog/item-{n}/",
            title=title,
            body=body,
            day=day,
            org_id=org.pk,
            org_path=org.path,
            org_name=org.name,
            org_code=org.credit_code,
            topic_code=topic,
            topic_parent_code=topic[:2],
            topic_name={"1003": "环境监测、保护与治理", "0203": "政务公开"}[topic],
            genre_code="notice",
            genre_name="通知",
            statutory_class="a20_01" if n % 2 else "a20_15",
            validity="in_force" if n % 3 else "repealed",
            is_normative=bool(n % 3),
        )
        backend.upsert(doc)
        docs.append(doc)
    selectors.index_changed()
    return docs
