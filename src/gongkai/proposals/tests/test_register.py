"""Registration by hand and from the 交办清单 (XLSX); contacts sealed at rest; who may register."""

import io
from datetime import date

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from gongkai.core.models import AuditEvent
from gongkai.proposals import services
from gongkai.proposals.models import Kind, Proposal, Proposer, ProposerData, Status


def test_register_by_hand_seals_contacts(make, who):
    proposal = make()
    assert proposal.status == Status.REGISTERED and proposal.source == "hand"
    lead = proposal.proposers.get(role="lead")
    assert lead.contacts == "13800001111 张三路1号"
    with connection.cursor() as cursor:
        cursor.execute("SELECT contacts_sealed FROM proposals_proposer WHERE id = %s", [lead.pk])
        raw = bytes(cursor.fetchone()[0])
    assert b"13800001111" not in raw and raw.startswith(b"age-encryption.org/v1")
    events = AuditEvent.objects.filter(object_id=str(proposal.pk), action="proposals.register")
    assert events.count() == 1 and "13800001111" not in str(events[0].after)


def test_register_checks(make, who, session):
    make(number="7")
    with pytest.raises(ValidationError, match="已有第7号"):
        make(number="7")
    with pytest.raises(ValidationError, match="类别不符"):
        make(kind=Kind.CPPCC_MEMBER)
    with pytest.raises(ValidationError, match="请填写提出人"):
        make(proposers=[ProposerData("")])
    with pytest.raises(ValidationError, match="督办领导"):
        make(key_supervision=True)
    with pytest.raises(PermissionDenied):
        make(actor=who.eco)
    with pytest.raises(PermissionDenied):
        make(actor=who.outsider)
    assert Proposal.objects.count() == 1


def _xlsx(rows, header=("编号", "类别", "标题", "领衔人", "代表团/界别", "附议人", "联系方式", "案由", "具体建议",
                        "主办单位", "会办单位", "重点督办", "督办领导")):  # fmt: skip
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_import_the_assignment_list(session, who, tree, freeze):
    freeze(date(2026, 3, 20))
    data = _xlsx([
        (1, "人大代表建议", "关于增设公交线路的建议", "王代表", "望花区代表团", "赵代表、钱代表", "13900000000", "出行难",
         "增设线路", tree.eco.name, tree.finance.name, "是", "李副市长"),
        (2, "批评和意见", "关于窗口服务的意见", "孙代表", "", "", "", "", "", tree.finance.name, "", "", ""),
        (3, "", "关于老旧小区改造的建议", "周代表", "", "", "", "", "", "", "", "", ""),
    ])  # fmt: skip
    created = services.proposals_import(
        actor=who.assigner, session=session, data=data, assigned_on=date(2026, 3, 16)
    )
    assert [p.number for p in created] == ["1", "2", "3"]
    first = Proposal.objects.get(number="1")
    assert first.status == Status.ASSIGNED and first.due_on == date(2026, 6, 16) and first.key_supervision
    assert {(a.org.name, a.role) for a in first.assignments.all()} == {
        (tree.eco.name, "lead"),
        (tree.finance.name, "co"),
    }
    assert [p.name for p in first.proposers.all()] == ["王代表", "赵代表", "钱代表"]
    assert Proposal.objects.get(number="2").kind == Kind.NPC_CRITICISM
    assert Proposal.objects.get(number="3").status == Status.REGISTERED


def test_import_is_all_or_nothing_with_row_errors(session, who):
    data = _xlsx([(1, "", "甲", "王代表"), (2, "政协委员提案", "乙", "李代表"), (3, "", "", "周代表")])
    with pytest.raises(ValidationError) as exc:
        services.proposals_import(actor=who.assigner, session=session, data=data)
    assert "第3行：该会次只收人大代表建议，类别不符。" in exc.value.messages
    assert any(m.startswith("第4行：请填写标题") for m in exc.value.messages)
    assert Proposal.objects.count() == 0 and Proposer.objects.count() == 0
    with pytest.raises(ValidationError, match="不是有效的 XLSX"):
        services.proposals_import(actor=who.assigner, session=session, data=b"not a workbook")
    with pytest.raises(ValidationError, match="表头缺少"):
        services.proposals_import(actor=who.assigner, session=session, data=_xlsx([], header=("编号",)))
