"""Existing data: who were the heads before the role existed?

Before the head role, any office member other than the drafter could approve answers and extensions. The
people who did approve acted as the head of the working body. This migration grants the head role to each
user recorded as approver of an answer or an extension in an organisation where that user still holds the
office role, and records an audit event for each grant. Nobody else becomes a head: an organisation whose
approvals were never recorded gets its head from an administrator (用户与岗位), and until then its approvals
are refused with a message saying so.

Reversing removes every head membership (the role does not exist before this migration).
"""

from django.db import migrations


def grant_heads(apps, schema_editor):
    Answer = apps.get_model("foi", "Answer")
    Application = apps.get_model("foi", "Application")
    Membership = apps.get_model("orgs", "Membership")
    AuditEvent = apps.get_model("core", "AuditEvent")
    pairs = set(
        Answer.objects.filter(approved_by__isnull=False).values_list("approved_by_id", "application__org_id")
    )
    pairs |= set(
        Application.objects.filter(extension_approved_by__isnull=False).values_list(
            "extension_approved_by_id", "org_id"
        )
    )
    for user_id, org_id in sorted(pairs):
        if not Membership.objects.filter(user_id=user_id, org_id=org_id, role="office").exists():
            continue
        membership, created = Membership.objects.get_or_create(user_id=user_id, org_id=org_id, role="head")
        if created:
            AuditEvent.objects.create(
                actor=None,
                actor_label="系统",
                org_id=org_id,
                action="membership.grant",
                object_type="orgs.membership",
                object_id=str(membership.pk),
                object_repr=f"{user_id} · {org_id} · 工作机构负责人",
                after={"user": user_id, "role": "head"},
                note="数据迁移：此前批准过答复或延期的工作机构人员授予工作机构负责人角色。",
                source="migration",
            )


def remove_heads(apps, schema_editor):
    apps.get_model("orgs", "Membership").objects.filter(role="head").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("foi", "0003_report_indexes"),
        ("orgs", "0002_head_role_and_approval_policy"),
        ("core", "0002_audit_append_only"),
    ]

    operations = [migrations.RunPython(grant_heads, remove_heads)]
