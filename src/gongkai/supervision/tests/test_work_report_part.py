"""Part 一 of the work report counts this app's records of the government's region in the year, and each figure's
drill-down lists exactly those records."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.supervision import services
from gongkai.supervision.models import MeetingKind
from gongkai.workreport import builder

pytestmark = pytest.mark.django_db


def test_the_overview_counts_the_year_s_plan_meetings_and_inspections(tree, people, freeze):
    freeze(date(2025, 3, 3))
    boss = people.city_supervisor
    plan = services.plan_create(actor=boss, org=tree.city, year=2025, title="2025年政务公开工作要点")
    for n in ("1", "2", "3"):
        services.task_add(
            actor=boss, plan=plan, number=n, text_=f"任务{n}", lead_org=tree.eco, due_on=date(2025, 6, 30)
        )
    services.meeting_record(actor=boss, org=tree.city, kind=MeetingKind.MEETING, held_on=date(2025, 3, 3),
                            title="全市政务公开工作协调会议")  # fmt: skip
    services.meeting_record(actor=boss, org=tree.city, kind=MeetingKind.TRAINING, held_on=date(2025, 4, 8),
                            title="政务公开业务培训")  # fmt: skip
    services.meeting_record(actor=boss, org=tree.city, kind=MeetingKind.MEETING, held_on=date(2024, 12, 20),
                            title="上年度的会议")  # fmt: skip
    joint = services.inspection_create(
        actor=boss, org=tree.city, title="政务公开工作联合检查", mode="on_site", held_on=date(2025, 5, 12),
        units=[tree.eco], joint_with="市人大常委会",
    )  # fmt: skip
    services.finding_add(actor=boss, inspection=joint, org=tree.eco, indicator="栏目更新",
                         description="通知公告栏目超过6个月未更新", rectify_by=date(2025, 6, 12))  # fmt: skip

    data = builder.build(tree.city, 2025)
    overview = data["parts"][0]
    assert overview["key"] == "overview" and overview["heading"] == "一、总体情况"
    values = {f["ref"]: f["value"] for f in overview["figures"]}
    assert (
        values["overview.plans"] == 1 and values["overview.tasks"] == 3 and values["overview.tasks.done"] == 0
    )
    assert (
        values["overview.meetings"] == 1 and values["overview.trainings"] == 1
    )  # last year's meeting is not
    assert values["overview.inspections"] == values["overview.inspections.joint"] == 1
    assert values["overview.findings"] == 1 and values["overview.findings.verified"] == 0
    assert "分解工作任务3项" in overview["text"] and "联合检查1次" in overview["text"]
    for ref, value in values.items():
        _figure, records = builder.records(tree.city, 2025, ref)
        assert records.count() == value, ref
    county = builder.build(tree.county, 2025)["parts"][0]
    assert all(f["value"] == 0 for f in county["figures"])  # the city's records are not the county's
