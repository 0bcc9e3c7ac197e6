"""The reply letter as PDF, drawn from its DOCX: the same title, number, text and copy line; a Chinese message, not a
500, when the server has no Chinese font."""

import shutil
import subprocess
from datetime import date

import pytest

from gongkai.core import fonts
from gongkai.proposals import letters, services
from gongkai.proposals.models import AssignmentRole
from gongkai.proposals.tests.test_reply import REPLY

needs_pdf = pytest.mark.skipif(
    not shutil.which("pdftotext") or not fonts.cjk_font_available(),
    reason="pdftotext (poppler-utils) or a Chinese font (fonts-noto-cjk) not installed",
)


@pytest.fixture
def reply(make, who, tree, freeze):
    freeze(date(2026, 3, 16))
    proposal = services.proposal_assign(actor=who.assigner, proposal=make(), lead=tree.eco)
    return services.reply_draft(
        actor=who.eco, assignment=proposal.assignments.get(role=AssignmentRole.LEAD), **REPLY
    )


def _text(pdf: bytes) -> str:
    out = subprocess.run(  # noqa: S603 (the system pdftotext)
        [shutil.which("pdftotext") or "pdftotext", "-layout", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return "".join(out.stdout.decode().split())


@needs_pdf
def test_the_letter_as_pdf_says_what_the_docx_says(client, reply, who, tree):
    pdf = letters.render_pdf(reply)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert "".join(letters.title_of(reply).split()) in text and tree.eco.name in text
    assert "甲环函〔2026〕8号" in text and "张代表：" in text and "一、关于清淤。已列入计划。" in text
    assert "抄送：李代表（附议）" in text and "签发人：赵局长" in text and "—1—" in text
    assert "13800001111" not in text  # no proposer's contacts
    url = f"/manage/proposals/{reply.assignment.proposal_id}/letter.pdf"
    client.force_login(who.eco)
    response = client.get(url, {"unit": tree.eco.pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"].startswith("attachment") and ".pdf" in response["Content-Disposition"]
    )
    assert client.get(url, {"unit": tree.finance.pk}).status_code == 404  # no reply of that unit
    client.force_login(who.outsider)
    assert client.get(url, {"unit": tree.eco.pk}).status_code == 404


def test_without_a_chinese_font_the_item_page_says_so(client, reply, who, tree, monkeypatch):
    monkeypatch.setattr(fonts, "cjk_families", lambda lang="zh-cn": [])
    client.force_login(who.eco)
    proposal_id = reply.assignment.proposal_id
    response = client.get(f"/manage/proposals/{proposal_id}/letter.pdf", {"unit": tree.eco.pk}, follow=True)
    assert response.redirect_chain[-1][0] == f"/manage/proposals/{proposal_id}/"
    assert response.status_code == 200 and "服务器未安装中文字体" in response.content.decode()
