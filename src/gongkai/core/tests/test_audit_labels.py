"""Staff pages show the audit log in Chinese: actions, notes that are codes, the changed fields and values.
The codes themselves stay in the database (and so in the API and exports)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from gongkai.core import audit, labels
from gongkai.core.models import AuditEvent

SRC = Path(__file__).resolve().parents[2]
# action="item.publish", _audit(actor, "application.answer", …), @steps.case_step("application.answer", …),
# and codes chosen by a conditional.
_ACTION = re.compile(
    r"""(?:action=|_audit\(\s*\w+,\s*|case_step\(\s*|else\s+)["']((?:[a-z]+)\.[a-z_]+)["']|["']([a-z]+\.[a-z_]+)["']\s+if\s"""
)


def _recorded_actions() -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path.name == "labels.py":
            continue
        for m in _ACTION.finditer(path.read_text(encoding="utf-8")):
            found.add(m.group(1) or m.group(2))
    return found


def _message_verbs() -> set[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (SRC / "interaction" / "services").glob("*.py"))
    return set(re.findall(r"""_audit\(\s*\w+,\s*["']([a-z_]+)["']""", text))


def test_every_action_the_code_records_has_a_chinese_label():
    actions = _recorded_actions()
    assert {"item.publish", "application.answer", "membership.grant", "calendar.year_set"} <= actions
    # the public interaction's messages record `message.<verb>` through one helper (`_audit(actor, "<verb>", …)`)
    verbs = _message_verbs()
    assert {"submit", "accept", "publish"} <= verbs
    actions |= {f"message.{verb}" for verb in verbs}
    missing = sorted(a for a in actions if labels.action_label(a) == a)
    assert missing == [], f"add these to the app's labels.py AUDIT_ACTIONS: {missing}"


def test_labels_are_chinese_and_unknown_codes_fall_back_to_themselves():
    for code, label in labels.registry().actions.items():
        assert re.search(r"[\u4e00-\u9fff]", label), code
    assert labels.action_label("nothing.known") == "nothing.known"


@pytest.mark.django_db
def test_audit_log_and_timeline_show_labels_not_codes(client, tree, people):
    from django.db import transaction

    from gongkai.foi.models import Application

    app = Application.objects.create(
        org=tree.city, tracking_no="GK20260101AAAAA", query_code_hash="x", channel="online",
        applicant_type="natural", applicant_name="张三", info_title="某信息", status="pending_approval",
    )  # fmt: skip
    with transaction.atomic():
        audit.record(actor=people.eco_office, action="application.answer_draft", obj=app, org=tree.city,
                     note="granted")  # fmt: skip
        audit.record(actor=people.eco_office, action="application.answer", obj=app, org=tree.city,
                     before={"status": "pending_approval", "outcome": ""},
                     after={"status": "closed", "outcome": "granted"}, note="granted")  # fmt: skip
    client.force_login(people.city_admin)
    log = client.get(reverse("backoffice:audit_log")).content.decode()
    assert "答复申请人" in log and "保存答复草稿" in log and "（一）予以公开" in log
    assert "application.answer" not in re.sub(r'value="[^"]*"', "", log)
    assert ">granted<" not in log
    timeline = client.get(
        reverse("backoffice:audit_timeline", args=["foi.application", app.pk])
    ).content.decode()
    assert "答复申请人" in timeline and "已办结" in timeline and "答复待审批" in timeline
    assert "办理结果" in timeline and "granted" not in timeline and "pending_approval" not in timeline
    filtered = client.get(reverse("backoffice:audit_log"), {"action": "application.answer_draft"})
    assert "保存答复草稿" in filtered.content.decode()
    # The codes are what is stored.
    assert set(AuditEvent.objects.filter(object_id=str(app.pk)).values_list("action", flat=True)) == {
        "application.answer_draft", "application.answer",
    }  # fmt: skip
