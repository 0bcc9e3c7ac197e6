"""Nobody widens their own reach (docs/orgs.md, "Who may change what"): an organisation's kind, level and
competent-department flag are changed by an admin above it; grants never reach beyond the granter's reach and
nobody grants themselves a role. Through the services, the back office and the API."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.core.models import AuditEvent
from gongkai.orgs import access, services
from gongkai.orgs.models import Kind, Membership, Role
from gongkai.testing.factories import grant, staff


@pytest.mark.parametrize(
    "changes",
    [
        {"kind": Kind.DEPARTMENT, "is_competent_department": True},
        {"is_competent_department": True},
        {"kind": Kind.OTHER},
        {"level": "province"},
    ],
)
def test_an_admin_cannot_change_the_reach_fields_of_its_own_organisation(people, tree, changes):
    with pytest.raises(PermissionDenied):
        services.organization_update(actor=people.county_admin, org=tree.county, **changes)
    tree.county.refresh_from_db()
    assert tree.county.kind == Kind.GOVERNMENT and not tree.county.is_competent_department


def test_a_department_admin_cannot_tick_the_competent_department_flag(tree):
    eco_admin = staff(tree.eco, Role.ADMIN, username="eco_admin")
    with pytest.raises(PermissionDenied):
        services.organization_update(actor=eco_admin, org=tree.eco, is_competent_department=True)


def test_an_admin_above_changes_them_and_the_change_is_audited(people, tree):
    services.organization_update(actor=people.city_admin, org=tree.eco, is_competent_department=True)
    event = AuditEvent.objects.filter(action="org.update", object_id=str(tree.eco.pk)).latest("pk")
    assert event.actor == people.city_admin
    assert event.before["is_competent_department"] is False
    assert event.after["is_competent_department"] is True


def test_other_fields_stay_editable_by_the_organisation_admin(people, tree):
    services.organization_update(actor=people.county_admin, org=tree.county, short_name="乙县")
    tree.county.refresh_from_db()
    assert tree.county.short_name == "乙县"


def test_nobody_grants_themselves_a_role(people, tree):
    with pytest.raises(PermissionDenied):
        services.membership_grant(
            actor=people.county_admin, user=people.county_admin, org=tree.county, role=Role.SUPERVISOR
        )
    assert not Membership.objects.filter(user=people.county_admin, role=Role.SUPERVISOR).exists()


def test_a_grant_never_reaches_beyond_the_granter(people, tree):
    # A supervisor in the county's general office reaches the county: a county admin may grant it...
    services.membership_grant(
        actor=people.county_admin, user=people.county_editor, org=tree.county_office, role=Role.SUPERVISOR
    )
    # ...but an admin of the city's general office may not grant a supervisor of the office, who reaches the
    # whole city.
    office_admin = grant(staff(tree.eco, Role.ADMIN, username="eco_admin"), tree.office, Role.ADMIN)
    with pytest.raises(PermissionDenied):
        services.membership_grant(
            actor=office_admin, user=people.eco_editor, org=tree.office, role=Role.SUPERVISOR
        )
    event = AuditEvent.objects.get(action="membership.grant", org=tree.county_office)
    assert event.after == {"user": people.county_editor.pk, "role": Role.SUPERVISOR}


def test_the_reported_escalation_fails_end_to_end_in_the_back_office(client, people, tree):
    """The county admin edits its own organisation into a competent department, then grants itself
    supervisor: both refused, and it still reaches nothing of the city's."""
    client.force_login(people.county_admin)
    url = reverse("backoffice:org_edit", args=[tree.county.credit_code])
    response = client.post(
        url,
        {
            "name": tree.county.name,
            "short_name": "",
            "credit_code": tree.county.credit_code,
            "level": tree.county.level,
            "kind": Kind.DEPARTMENT,
            "is_competent_department": "on",
            "sort_order": 100,
        },
    )
    assert response.status_code in {200, 400, 403}
    tree.county.refresh_from_db()
    assert tree.county.kind == Kind.GOVERNMENT and not tree.county.is_competent_department
    response = client.post(
        reverse("backoffice:user_detail", args=[people.county_admin.pk]),
        {"org": tree.county_office.credit_code, "role": Role.SUPERVISOR},
    )
    assert not Membership.objects.filter(user=people.county_admin, role=Role.SUPERVISOR).exists()
    access.forget(people.county_admin)
    assert not access.has_role(people.county_admin, tree.eco, Role.SUPERVISOR)


def test_the_api_has_no_write_path_to_organisations_or_roles(client, people):
    client.force_login(people.county_admin)
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)("/api/v1/orgs/", content_type="application/json", data={})
        assert response.status_code in {401, 403, 404, 405}
