"""Every role, inside and outside its boundary."""

import pytest

from gongkai.orgs import access
from gongkai.orgs.models import Role


def names(qs):
    return {o.name for o in qs}


def test_editor_reaches_only_its_own_organisation(people, tree):
    assert names(access.orgs_for(people.eco_editor)) == {"甲市生态环境局"}
    assert access.has_role(people.eco_editor, tree.eco, Role.EDITOR)
    assert not access.has_role(people.eco_editor, tree.finance, Role.EDITOR)
    assert not access.has_role(people.eco_editor, tree.eco, Role.REVIEWER)


def test_supervisor_of_general_office_reaches_the_whole_region(people, tree):
    region = names(access.orgs_for(people.city_supervisor, Role.SUPERVISOR))
    assert {"甲市人民政府", "甲市财政局", "乙县人民政府", "乙县丙镇人民政府"} <= region
    assert "丁市人民政府" not in region and "丁市财政局" not in region


def test_county_supervisor_does_not_reach_the_city(people, tree):
    region = names(access.orgs_for(people.county_supervisor, Role.SUPERVISOR))
    assert region == {"乙县人民政府", "乙县人民政府办公室", "乙县教育局", "乙县丙镇人民政府"}


def test_admin_reaches_its_subtree_only(people, tree):
    assert access.has_role(people.county_admin, tree.township, Role.ADMIN)
    assert not access.has_role(people.county_admin, tree.city, Role.ADMIN)
    assert not access.has_role(people.county_admin, tree.eco, Role.ADMIN)
    assert access.has_role(people.city_admin, tree.township, Role.ADMIN)


def test_user_without_membership_reaches_nothing(people):
    assert not access.orgs_for(people.nobody).exists()
    assert not access.is_staff_member(people.nobody)


def test_filter_by_org_restricts_related_records(people, tree):
    from gongkai.orgs.models import Membership

    visible = access.filter_by_org(Membership.objects.all(), people.county_admin, Role.ADMIN)
    assert {m.org.name for m in visible} <= {
        "乙县人民政府",
        "乙县人民政府办公室",
        "乙县教育局",
        "乙县丙镇人民政府",
    }
    assert visible.exists()


def test_one_user_may_hold_roles_in_several_organisations(people, tree):
    from gongkai.testing.factories import grant

    grant(people.eco_editor, tree.finance, Role.REVIEWER)
    assert access.has_role(people.eco_editor, tree.finance, Role.REVIEWER)
    assert names(access.orgs_for(people.eco_editor)) == {"甲市生态环境局", "甲市财政局"}


def test_subtree_query_count_does_not_grow_with_the_tree(people, tree, django_assert_max_num_queries):
    from gongkai.testing.factories import make_org

    for i in range(50):
        make_org(tree.county, name=f"乙县部门{i}")
    with django_assert_max_num_queries(2):
        assert len(list(access.orgs_for(people.city_supervisor, Role.SUPERVISOR))) > 50


@pytest.mark.parametrize("role", [Role.EDITOR, Role.REVIEWER, Role.OFFICE])
def test_unit_roles_do_not_reach_children(tree, role):
    from gongkai.testing.factories import staff

    user = staff(tree.county, role)
    assert not access.has_role(user, tree.county_dept, role)
    assert access.has_role(user, tree.county, role)
