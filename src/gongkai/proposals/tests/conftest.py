"""Fixtures: the city's general office assigns, the eco and finance bureaus handle, a 2026 NPC session."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from gongkai.core.actors import System
from gongkai.orgs.models import Role
from gongkai.proposals import services
from gongkai.proposals.models import Body, Kind, ProposerData
from gongkai.testing.factories import staff

ACTOR = System("测试")


@pytest.fixture
def who(tree, people):
    return SimpleNamespace(
        assigner=staff(tree.office, Role.OFFICE, username="gov_office"),
        eco=people.eco_office,
        finance=staff(tree.finance, Role.OFFICE, username="finance_office"),
        eco_head=staff(tree.eco, Role.HEAD, username="eco_head"),
        outsider=people.other_editor,
        county=staff(tree.county_office, Role.OFFICE, username="county_office"),
    )


@pytest.fixture
def session(tree, who):
    return services.session_create(
        actor=who.assigner, org=tree.office, body=Body.NPC, name="甲市第十七届人民代表大会第五次会议", term=17,
        meeting=5, year=2026, opens_on=date(2026, 1, 10), closes_on=date(2026, 1, 14),
    )  # fmt: skip


@pytest.fixture
def make(session, who):
    counter = iter(range(1, 1000))

    def _make(**fields):
        values = {
            "actor": who.assigner, "session": session, "kind": Kind.NPC_SUGGESTION, "number": str(next(counter)),
            "title": "关于加强城区河道治理的建议", "reasons": "城区河道淤积。", "suggestions": "一、清淤。二、截污。",
            "proposers": [ProposerData("张代表", "lead", "新抚区代表团", "13800001111 张三路1号"),
                          ProposerData("李代表", "cosigner")],
        }  # fmt: skip
        values.update(fields)
        return services.proposal_register(**values)

    return _make
