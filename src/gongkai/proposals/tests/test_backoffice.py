"""The back office: registration, import, the item page and its actions; refusals as Chinese pages, never 500."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.proposals import services
from gongkai.proposals.models import AssignmentRole, Proposal, ReturnRequest, Status
from gongkai.proposals.tests.test_register import _xlsx


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_register_by_hand_and_bad_input_keeps_what_was_typed(as_user, who, session):
    c = as_user(who.assigner)
    data = {"session": session.pk, "kind": "npc_suggestion", "number": "12", "title": "关于公园增设无障碍设施的建议",
            "lead": "刘代表", "affiliation": "顺城区代表团", "contacts": "13700000000", "cosigners": "甲代表\n乙代表",
            "key_supervision": "on"}  # fmt: skip
    response = c.post("/manage/proposals/new/", data)
    assert response.status_code == 400
    assert (
        "重点督办件请填写督办领导" in response.content.decode()
        and "关于公园增设无障碍设施的建议" in response.content.decode()
    )
    response = c.post("/manage/proposals/new/", {**data, "supervising_leader": "王副市长"})
    proposal = Proposal.objects.get(number="12")
    assert response.status_code == 302 and proposal.proposers.count() == 3
    page = c.get(f"/manage/proposals/{proposal.pk}/").content.decode()
    assert "13700000000" in page and "交办" in page


def test_import_page(as_user, who, session, tree, freeze):
    freeze(date(2026, 3, 20))
    c = as_user(who.assigner)
    upload = SimpleUploadedFile(
        "list.xlsx", _xlsx([(1, "", "关于停车难的建议", "王代表", "", "", "", "", "", tree.eco.name)])
    )
    response = c.post(
        "/manage/proposals/import/", {"session": session.pk, "file": upload, "assigned_on": "2026-03-16"}
    )
    assert response.status_code == 302
    assert Proposal.objects.get(number="1").due_on == date(2026, 6, 16)
    bad = SimpleUploadedFile("list.xlsx", b"garbage")
    response = c.post("/manage/proposals/import/", {"session": session.pk, "file": bad})
    assert response.status_code == 400 and "不是有效的 XLSX" in response.content.decode()


def test_assign_return_and_decide_through_the_pages(as_user, who, tree, make, freeze):
    freeze(date(2026, 3, 16))
    proposal = make()
    c = as_user(who.assigner)
    response = c.post(f"/manage/proposals/{proposal.pk}/assign/", {"lead": "", "assigned_on": "2026-03-16"})
    assert response.status_code == 400 and "请指定主办单位" in response.content.decode()
    response = c.post(
        f"/manage/proposals/{proposal.pk}/assign/",
        {"lead": tree.eco.pk, "co": [tree.finance.pk], "assigned_on": "2026-03-16"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.ASSIGNED
    lead = proposal.assignments.get(role=AssignmentRole.LEAD)
    co = proposal.assignments.get(role=AssignmentRole.CO)

    eco = as_user(who.eco)
    assert eco.post(f"/manage/proposals/{proposal.pk}/assign/", {"lead": tree.eco.pk}).status_code == 403
    assert (
        eco.post(
            f"/manage/proposals/{proposal.pk}/return_request/", {"target": co.pk, "reasons": "x"}
        ).status_code
        == 400
    )
    assert (
        eco.post(
            f"/manage/proposals/{proposal.pk}/return_request/", {"target": lead.pk, "reasons": "不属本局职责"}
        ).status_code
        == 302
    )
    finance = as_user(who.finance)
    response = finance.post(f"/manage/proposals/{proposal.pk}/opinion/", {"target": co.pk, "text": "同意"})
    assert response.status_code == 400 and "会办意见不能为空" in response.content.decode()

    c = as_user(who.assigner)
    request = ReturnRequest.objects.get()
    assert (
        c.post(
            f"/manage/proposals/{proposal.pk}/return_decide/", {"target": request.pk, "grant": "0"}
        ).status_code
        == 400
    )
    assert (
        c.post(
            f"/manage/proposals/{proposal.pk}/return_decide/", {"target": request.pk, "grant": "1"}
        ).status_code
        == 302
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.REGISTERED


def test_reach(as_user, who, make, tree, freeze):
    freeze(date(2026, 3, 16))
    proposal = services.proposal_assign(actor=who.assigner, proposal=make(), lead=tree.eco)
    assert as_user(who.outsider).get(f"/manage/proposals/{proposal.pk}/").status_code == 404
    page = as_user(who.eco).get(f"/manage/proposals/{proposal.pk}/")
    assert page.status_code == 200 and "13800001111" in page.content.decode()
    assert as_user(who.finance).get(f"/manage/proposals/{proposal.pk}/").status_code == 404
    assert as_user(who.eco).get("/manage/proposals/new/").status_code == 403
    for url in ["/manage/proposals/", "/manage/proposals/deadlines/"]:
        assert as_user(who.assigner).get(url).status_code == 200


def test_reply_through_the_pages(as_user, who, tree, make, freeze):
    from gongkai.proposals.tests.test_reply import REPLY

    freeze(date(2026, 3, 16))
    proposal = services.proposal_assign(actor=who.assigner, proposal=make(), lead=tree.eco, co=[tree.finance])
    lead = proposal.assignments.get(role=AssignmentRole.LEAD)
    co = proposal.assignments.get(role=AssignmentRole.CO)
    eco = as_user(who.eco)
    url = f"/manage/proposals/{proposal.pk}/"
    assert (
        eco.post(
            url + "reply_draft/", {**REPLY, "target": lead.pk, "text": "", "disclosure": "full"}
        ).status_code
        == 400
    )
    assert (
        eco.post(url + "reply_draft/", {**REPLY, "target": lead.pk, "disclosure": "full"}).status_code == 302
    )
    response = eco.post(url + "reply_submit/", {"target": lead.pk})
    assert response.status_code == 400 and "会办单位尚未会签：甲市财政局" in response.content.decode()
    assert as_user(who.finance).post(url + "cosign/", {"target": co.pk}).status_code == 302
    assert as_user(who.eco).post(url + "reply_submit/", {"target": lead.pk}).status_code == 302
    head = as_user(who.eco_head)
    assert "负责人审签答复" in head.get(url).content.decode()
    reply = lead.reply
    assert (
        head.post(
            url + "reply_review/", {"target": reply.pk, "approve": "1", "result_class": "A"}
        ).status_code
        == 302
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.ANSWERED
    letter = head.get(url + f"letter.docx?unit={tree.eco.pk}")
    assert letter.status_code == 200 and letter.content.startswith(b"PK")
    assert as_user(who.outsider).get(url + f"letter.docx?unit={tree.eco.pk}").status_code == 404


def test_dashboard_panel(as_user, who, make, tree, freeze):
    freeze(date(2026, 3, 16))
    services.proposal_assign(actor=who.assigner, proposal=make(), lead=tree.eco)
    freeze(date(2026, 6, 20))
    page = as_user(who.eco).get("/manage/").content.decode()
    assert "建议提案办理" in page and "1件超过答复期限" in page
    assert "建议提案办理" not in as_user(who.outsider).get("/manage/").content.decode()


def test_bad_posts_are_chinese_errors_not_500(as_user, who, tree, make, freeze):
    import io
    import zipfile

    freeze(date(2026, 3, 16))
    proposal = services.proposal_assign(actor=who.assigner, proposal=make(), lead=tree.eco)
    lead = proposal.assignments.get(role=AssignmentRole.LEAD)
    eco = as_user(who.eco)
    url = f"/manage/proposals/{proposal.pk}/"
    response = eco.post(url + "reply_submit/", {"target": lead.pk})
    assert response.status_code == 403 and "您现在不能对该件执行该操作" in response.content.decode()
    assert eco.post(url + "opinion/", {"target": 999999, "text": "x" * 20}).status_code in (400, 403)
    assert eco.post(url + "nonsense/", {}).status_code == 404
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("a.txt", "not a workbook")
    c = as_user(who.assigner)
    upload = SimpleUploadedFile("list.xlsx", zipped.getvalue())
    response = c.post("/manage/proposals/import/", {"session": proposal.session.pk, "file": upload})
    assert response.status_code == 400 and "不是有效的 XLSX" in response.content.decode()
