"""The figures of the work report are counts of records, and every drill-down lists exactly those records."""

from __future__ import annotations

import pytest
from django.db.models import Sum

from gongkai.workreport import builder, sections

YEAR = 2025


def figures(org, year=YEAR):
    return builder.figures_of(builder.build(org, year))


def test_city_figures_equal_the_records_of_its_region(tree, year):
    f = figures(tree.city)
    # 3 city items + 2 county items + 2 interpretation items (city, county); not 2024, not the other city.
    assert f["proactive.items"] == 7
    assert f["proactive.items.normative"] == 2
    assert f["proactive.items.other"] == 5
    assert f["proactive.own"] == 4 and f["proactive.own.normative"] == 1
    assert f["proactive.lower"] == 3 and f["proactive.lower.normative"] == 1
    assert f["proactive.channel.website"] == 7
    assert f["proactive.gazette"] == 1
    assert f["proactive.posts"] == 2
    assert f["proactive.conferences"] == 1  # the draft conference is not counted
    assert f["focus.livelihood-environment"] == 1
    assert f["proposals.received"] == 4  # 2 NPC + 1 CPPCC of the city, 1 of the county
    assert f["proposals.npc"] == 3 and f["proposals.cppcc"] == 1
    assert f["proposals.handled"] == 2 and f["proposals.on_time"] == 1
    assert f["proposals.contacted"] == 1
    assert f["interpretation.total"] == 2
    assert f["interpretation.on_time"] == 1
    assert f["interpretation.kind.text"] == 1 and f["interpretation.kind.graphic"] == 1
    assert f["interpretation.conferences"] == 1 and f["interpretation.conference_documents"] == 1
    assert f["concern.responses"] == 2 and f["concern.clarifications"] == 1
    assert f["concern.channel.wr-mayor"] == 3  # the refused message is not a valid one
    assert f["concern.channel.wr-mayor.answered"] == 2
    assert f["concern.channel.wr-county"] == 1
    assert "concern.channel.wr-other" not in f


def test_a_county_report_covers_only_its_subtree(tree, year):
    f = figures(tree.county)
    assert f["proactive.items"] == 3
    assert f["proactive.items.normative"] == 1
    assert f["proposals.received"] == 1
    assert f["interpretation.total"] == 1
    assert f["concern.responses"] == 0
    assert "concern.channel.wr-mayor" not in f and f["concern.channel.wr-county"] == 1
    assert f["proactive.gazette"] == 0 and f["proactive.conferences"] == 0


def test_every_figure_drills_down_to_exactly_its_records(tree, year):
    for org in (tree.city, tree.county):
        data = builder.build(org, YEAR)
        assert data["parts"]
        for part in data["parts"]:
            for fig in part["figures"]:
                figure, qs = builder.records(org, YEAR, fig["ref"])
                listed = list(qs)
                if figure.sum_of:
                    shown = sum(getattr(r, figure.sum_of) for r in listed)
                    assert shown == (qs.aggregate(n=Sum(figure.sum_of))["n"] or 0)
                else:
                    shown = len(listed)
                assert shown == fig["value"], fig["ref"]


def test_an_unknown_figure_is_refused(tree, year):
    with pytest.raises(builder.UnknownFigure):
        builder.records(tree.city, YEAR, "proactive.nothing")
    with pytest.raises(builder.UnknownFigure):
        builder.records(tree.city, YEAR, "nothing")


def test_draft_texts_carry_the_figures_in_the_seed_s_words(tree, year):
    data = builder.build(tree.city, YEAR)
    text = {p["key"]: p["draft"] for p in data["parts"]}
    assert "主动公开政府信息7条，其中：规范性文件2件，其他信息5条。" in text["proactive"]
    assert "县（区）政府及其部门主动公开政府信息3条" in text["proactive"]
    assert "建议提案共4件，其中：人大代表建议3件，政协提案1件。" in text["proposals"]
    assert "市长信箱受理3件，答复2件" in text["concern"]


def test_parts_in_the_seed_s_order_numbered_without_gaps(tree, year):
    data = builder.build(tree.city, YEAR)
    keys = [p["key"] for p in data["parts"]]
    assert keys == [k for k in sections.KEYS if k in keys]
    assert [p["heading"][:2] for p in data["parts"]] == [f"{n}、" for n in sections.NUMERALS[: len(keys)]]
    assert keys == sections.KEYS and data["missing"] == []  # 一 by supervision, 四 by the service catalog


def test_a_part_nobody_provides_is_left_out_and_named_for_the_editor(tree, year, monkeypatch):
    monkeypatch.delitem(sections._builders, "overview")
    monkeypatch.delitem(sections._builders, "services")
    data = builder.build(tree.city, YEAR)
    assert [p["key"] for p in data["parts"]] == [
        "proactive",
        "focus",
        "proposals",
        "interpretation",
        "concern",
    ]
    assert data["parts"][0]["heading"] == "一、主动公开政府信息情况"
    assert {m["key"] for m in data["missing"]} == {"overview", "services"}


def test_a_provided_part_takes_its_place(tree, year, monkeypatch):
    def overview(ctx):
        return sections.Built([], lambda v: f"{ctx.subject}召开政务公开工作专题会议。")

    monkeypatch.setitem(sections._builders, "overview", overview)
    data = builder.build(tree.city, YEAR)
    assert data["parts"][0]["key"] == "overview"
    assert data["parts"][0]["heading"] == "一、总体情况"
    assert "召开政务公开工作专题会议" in data["parts"][0]["text"]
    assert data["parts"][1]["heading"] == "二、主动公开政府信息情况"


def test_an_unknown_part_cannot_be_provided():
    with pytest.raises(ValueError):
        sections.provide("weather", lambda ctx: sections.Built())


def test_nothing_in_a_year_without_records(tree, year):
    f = figures(tree.city, 2024)
    assert f["proactive.items"] == 1
    assert f["proposals.received"] == 0


def test_a_part_without_records_says_so_rather_than_leaving_a_gap(tree, year):
    data = builder.build(tree.city, 2024)
    text = {p["key"]: p["draft"] for p in data["parts"]}
    assert text["focus"] == "2024年，全市主动公开的信息中没有标注重点领域的信息。"
    assert text["proposals"] == "2024年全市没有交由政府系统办理的人大代表建议和政协提案。"
    assert text["concern"] == "2024年，全市政民互动渠道未受理网民留言，未发布回应关切信息。"
