"""Organisation and user management: allowed and denied side by side."""

from django.urls import reverse

from gongkai.core.identifiers import make_credit_code
from gongkai.core.models import AuditEvent
from gongkai.orgs.models import Organization, Role

NEW_CODE = make_credit_code(registrar="11", division="210421", org_code8="04218888")


def _org_form(**over):
    return {"name": "乙县新设局", "short_name": "", "credit_code": NEW_CODE, "level": "county", "kind": "department",
            "sort_order": 1, **over}  # fmt: skip


def test_admin_creates_child_inside_subtree(client, people, tree):
    client.force_login(people.county_admin)
    response = client.post(
        reverse("backoffice:org_create_child", args=[tree.county.credit_code]), _org_form()
    )
    assert response.status_code == 302
    org = Organization.objects.get(name="乙县新设局")
    assert Organization.objects.get_parent(org) == tree.county
    assert AuditEvent.objects.filter(
        action="org.create", object_id=str(org.pk), actor=people.county_admin
    ).exists()


def test_admin_outside_subtree_gets_404(client, people, tree):
    client.force_login(people.county_admin)
    response = client.post(reverse("backoffice:org_create_child", args=[tree.city.credit_code]), _org_form())
    assert response.status_code == 404
    assert not Organization.objects.filter(name="乙县新设局").exists()


def test_editor_cannot_edit_own_organisation(client, people, tree):
    client.force_login(people.eco_editor)
    assert client.get(reverse("backoffice:org_edit", args=[tree.eco.credit_code])).status_code == 404


def test_bad_credit_code_is_shown_in_chinese_and_nothing_saved(client, people, tree):
    client.force_login(people.county_admin)
    bad = NEW_CODE[:-1] + ("0" if NEW_CODE[-1] != "0" else "1")
    response = client.post(
        reverse("backoffice:org_create_child", args=[tree.county.credit_code]), _org_form(credit_code=bad)
    )
    assert response.status_code == 200
    assert "校验位错误" in response.content.decode()
    assert not Organization.objects.filter(name="乙县新设局").exists()


def test_duplicate_name_is_shown(client, people, tree):
    client.force_login(people.county_admin)
    response = client.post(
        reverse("backoffice:org_create_child", args=[tree.county.credit_code]), _org_form(name="乙县教育局")
    )
    assert "已存在" in response.content.decode()


def test_org_list_shows_only_reachable_orgs(client, people, tree):
    client.force_login(people.eco_editor)
    html = client.get(reverse("backoffice:org_list")).content.decode()
    assert "甲市生态环境局" in html and "甲市财政局" not in html


def test_admin_creates_user_with_role(client, people, tree):
    client.force_login(people.county_admin)
    response = client.post(
        reverse("backoffice:user_create"),
        {"org": tree.county_dept.credit_code, "username": "newbie", "full_name": "新人", "password": "Long-enough-pw-2026",
         "roles": [Role.EDITOR]},
    )  # fmt: skip
    assert response.status_code == 302
    assert (
        people.county_admin.__class__.objects.get(username="newbie").memberships.get().org == tree.county_dept
    )


def test_admin_cannot_create_user_in_other_subtree(client, people, tree):
    client.force_login(people.county_admin)
    response = client.post(
        reverse("backoffice:user_create"),
        {
            "org": tree.eco.credit_code,
            "username": "intruder",
            "password": "Long-enough-pw-2026",
            "roles": [Role.EDITOR],
        },
    )
    assert response.status_code == 200  # the organisation is not offered: a form error
    assert not people.county_admin.__class__.objects.filter(username="intruder").exists()


def test_admin_sees_only_users_in_subtree(client, people):
    client.force_login(people.county_admin)
    html = client.get(reverse("backoffice:user_list")).content.decode()
    assert "county_editor" in html and "eco_editor" not in html
    assert client.get(reverse("backoffice:user_detail", args=[people.eco_editor.pk])).status_code == 404


def test_non_admin_cannot_manage_users(client, people):
    client.force_login(people.eco_editor)
    assert client.get(reverse("backoffice:user_list")).status_code == 403


def test_guide_edit_publishes_a_new_version(client, people, tree):
    client.force_login(people.eco_office)
    data = {"classification": "分类", "how_to_obtain": "方式", "office_name": "公开办", "address": "地址",
            "office_hours": "工作日", "phone": "024-3", "application_procedure": "", "postcode": "", "fax": "",
            "email": "", "website": "", "remedies": ""}  # fmt: skip
    assert client.post(reverse("backoffice:guide_edit", args=[tree.eco.credit_code]), data).status_code == 302
    client.force_login(people.finance_editor)
    assert client.post(reverse("backoffice:guide_edit", args=[tree.eco.credit_code]), data).status_code == 404


def test_audit_timeline_respects_boundaries(client, people, tree):
    client.force_login(people.county_admin)
    client.post(reverse("backoffice:org_create_child", args=[tree.county.credit_code]), _org_form())
    org = Organization.objects.get(name="乙县新设局")
    url = reverse("backoffice:audit_timeline", args=["orgs.organization", org.pk])
    assert "新建机构" in client.get(url).content.decode()
    client.force_login(people.eco_editor)
    assert client.get(url).status_code == 404
