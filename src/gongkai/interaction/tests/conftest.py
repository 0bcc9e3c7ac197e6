"""Fixtures of the interaction tests: the mayor's mailbox owned by the city's general office, a 12345 channel,
the units' offices and heads."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from gongkai.interaction import services
from gongkai.interaction.models import Channel, ChannelKind, Message, Publication, Source
from gongkai.orgs.models import Role
from gongkai.testing.factories import staff

ALL_KINDS = ["consult", "complaint", "suggestion", "help", "report", "praise", "other"]


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.GONGKAI_FOI_FILES_ROOT = tmp_path / "private"


@pytest.fixture
def channels(tree):
    return SimpleNamespace(
        mayor=Channel.objects.create(
            code="mayor", name="市长信箱", kind=ChannelKind.LEADER, owner=tree.office, leader_title="市长",
            kinds=ALL_KINDS, publication=Publication.SELECTED,
        ),
        hotline=Channel.objects.create(
            code="12345", name="12345热线转办", kind=ChannelKind.FORWARDED, source=Source.HOTLINE,
            owner=tree.office, kinds=ALL_KINDS, publication=Publication.NONE, public_form=False,
        ),
        zhaocuo=Channel.objects.create(
            code="zhaocuo", name="我为政府网站找错", kind=ChannelKind.FORWARDED, source=Source.ZHAOCUO,
            owner=tree.office, kinds=["other"], publication=Publication.NONE,
        ),
    )  # fmt: skip


@pytest.fixture
def staff_(tree, people):
    return SimpleNamespace(
        screener=staff(tree.office, Role.OFFICE, username="office_screener"),
        eco=people.eco_office,
        eco_head=staff(tree.eco, Role.HEAD, username="eco_head"),
        finance=staff(tree.finance, Role.OFFICE, username="finance_office"),
        other=staff(tree.other_dept, Role.OFFICE, username="other_office"),
    )


def letter(**overrides) -> dict:
    data = {
        "kind": "consult",
        "title": "小区门前道路何时修复",
        "body": "我是幸福小区居民李四，电话13912345678，小区门前道路破损已三个月，请问何时修复？",
        "writer_name": "李四",
        "phone": "13912345678",
        "email": "lisi@example.com",
        "address": "甲市幸福小区3栋",
        "consent_publish": True,
        "consent_personal": False,
    }
    data.update(overrides)
    return data


@pytest.fixture
def submitted(channels, freeze):
    def _make(on: date = date(2026, 9, 29), **overrides) -> Message:
        freeze(on)
        return services.message_submit(channel=channels.mayor, data=letter(**overrides)).message

    return _make
