import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.core.identifiers import make_credit_code
from gongkai.core.models import AuditEvent
from gongkai.orgs import selectors, services
from gongkai.orgs.models import Guide, Kind, Level, Organization, Role

GOOD = make_credit_code(registrar="11", division="210402", org_code8="04029999")


def _create(actor, parent, **fields):
    values = {
        "name": "乙县新机构",
        "credit_code": GOOD,
        "level": Level.COUNTY,
        "kind": Kind.DEPARTMENT,
        **fields,
    }
    return services.organization_create(actor=actor, parent=parent, **values)


def test_admin_creates_a_child_with_an_audit_event(people, tree):
    org = _create(people.county_admin, tree.county)
    assert Organization.objects.get_parent(org) == tree.county
    event = AuditEvent.objects.get(action="org.create", object_id=str(org.pk))
    assert event.actor == people.county_admin
    assert event.after["credit_code"] == GOOD


def test_outside_admin_is_refused(people, tree):
    with pytest.raises(PermissionDenied):
        _create(people.county_admin, tree.city)
    with pytest.raises(PermissionDenied):
        _create(people.eco_editor, tree.eco)


@pytest.mark.parametrize(
    ("fields", "field", "fragment"),
    [
        ({"credit_code": GOOD[:-1] + ("0" if GOOD[-1] != "0" else "1")}, "credit_code", "校验位"),
        ({"name": "甲市财政局"}, "name", "已存在"),
        ({"level": Level.PROVINCE}, "level", "不能高于"),
        ({"name": "  "}, "name", "请填写"),
    ],
)
def test_bad_organisations_are_refused_clearly_and_nothing_is_saved(people, tree, fields, field, fragment):
    before = Organization.objects.count()
    with pytest.raises(ValidationError) as info:
        _create(people.county_admin, tree.county, **fields)
    assert any(fragment in m for m in info.value.message_dict[field])
    assert Organization.objects.count() == before


def test_duplicate_credit_code_is_refused(people, tree):
    with pytest.raises(ValidationError) as info:
        _create(people.county_admin, tree.county, credit_code=tree.eco.credit_code)
    assert "已被其他机构使用" in info.value.message_dict["credit_code"][0]


GUIDE = {
    "classification": "按主题分类",
    "how_to_obtain": "在线查阅",
    "office_name": "公开办",
    "address": "中央大街1号",
    "office_hours": "工作日",
    "phone": "024-1",
}


def test_guide_versions_are_kept(people, tree):
    office = people.eco_office
    first = services.guide_publish(actor=office, org=tree.eco, **GUIDE)
    second = services.guide_publish(actor=office, org=tree.eco, **{**GUIDE, "phone": "024-2"})
    assert (first.version, second.version) == (1, 2)
    assert selectors.current_guide(tree.eco).phone == "024-2"
    assert Guide.objects.get(pk=first.pk).phone == "024-1"
    assert AuditEvent.objects.filter(action="guide.publish", org=tree.eco).count() == 2


def test_guide_needs_office_or_admin_of_that_organisation(people, tree):
    with pytest.raises(PermissionDenied):
        services.guide_publish(actor=people.eco_editor, org=tree.eco, **GUIDE)
    with pytest.raises(PermissionDenied):
        services.guide_publish(actor=people.eco_office, org=tree.finance, **GUIDE)


def test_guide_missing_required_field_is_refused(people, tree):
    with pytest.raises(ValidationError):
        services.guide_publish(actor=people.eco_office, org=tree.eco, **{**GUIDE, "office_name": ""})
    assert not Guide.objects.filter(org=tree.eco).exists()


def test_supervisor_role_only_in_government_or_general_office(people, tree):
    with pytest.raises(ValidationError):
        services.membership_grant(
            actor=people.city_admin, user=people.eco_editor, org=tree.eco, role=Role.SUPERVISOR
        )


def test_user_create_checks_password_rules(people, tree):
    with pytest.raises(ValidationError) as info:
        services.user_create(
            actor=people.county_admin, username="new", password="123", org=tree.county, roles=[]
        )
    assert "password" in info.value.message_dict
