"""Interpretation fixtures: documents and interpretations run through the real services."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import ReviewConclusion
from gongkai.catalog.tests.conftest import make_item, publish, taxonomy  # noqa: F401 - shared fixtures
from gongkai.core.actors import System
from gongkai.interpretation import services

JOB = System("测试")


@pytest.fixture
def document(tree, make_item):  # noqa: F811
    """A normative document of class (一) of the city's finance bureau, drafted."""

    def make(**fields):
        values = {
            "title": "甲市财政局关于规范财政资金管理的若干规定",
            "statutory_class": "a20_01",
            "is_normative": True,
            "normative_kind": "normative",
            "validity": "in_force",
            "doc_no": "甲财发〔2026〕1号",
            **fields,
        }
        return make_item(tree.finance, **values)

    return make


def release(item):
    """Submit, approve and publish `item` as the system, now (the frozen clock)."""
    item = catalog_services.item_submit(actor=JOB, item=item)
    return catalog_services.item_review(
        actor=JOB, item=item, conclusion=ReviewConclusion.APPROVE, basis="同意公开"
    )


@pytest.fixture
def interpret():
    def make(documents, **fields):
        values = {
            "title": "《甲市财政局关于规范财政资金管理的若干规定》政策解读",
            "interpreter": "市财政局办公室",
            "written_on": date(2026, 3, 2),
            "sections": {"background": "为规范财政资金管理。", "main_content": "共五章二十条。"},
            **fields,
        }
        return services.interpretation_create(actor=JOB, documents=documents, **values)

    return make


@pytest.fixture
def published_document(document, interpret):
    """A normative document released the 三同步 way: its interpretation drafted first, then the document submitted,
    approved and published; the interpretation is left a draft. Returns (document, interpretation)."""

    def make(**fields):
        doc = document(**fields)
        interpretation = interpret([doc], written_on=doc.written_on)
        return release(doc), interpretation

    return make
