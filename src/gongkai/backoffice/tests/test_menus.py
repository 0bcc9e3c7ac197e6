"""Menus and page links offer only what the reader can open (each view's own rule decides, once)."""

import re

import pytest
from django.urls import reverse

from gongkai.orgs.models import Role
from gongkai.testing.factories import staff


def _links(html: str, start: str, end: str) -> list[str]:
    part = html.split(start, 1)[1].split(end, 1)[0]
    return re.findall(r'href="(/manage/[^"#?]*)', part)


@pytest.mark.parametrize(
    "username", ["eco_editor", "eco_reviewer", "eco_office", "city_supervisor", "city_admin", "county_admin"]
)
def test_every_menu_link_opens_for_its_reader(client, people, username):
    client.force_login(getattr(people, username))
    html = client.get(reverse("backoffice:dashboard")).content.decode()
    links = _links(html, 'class="bo-menu"', "</nav>")
    assert len(links) >= 4
    for url in links:
        assert client.get(url).status_code == 200, (username, url)


def test_menus_show_drafting_registering_and_users_to_those_who_may(client, tree, people):
    head = staff(tree.eco, Role.OFFICE, username="eco_head_menu")
    expected = {
        people.eco_editor: {"起草信息"},
        head: {"起草信息", "登记申请"},
        people.city_admin: {"用户与岗位"},
        people.city_supervisor: set(),
        people.eco_reviewer: set(),
    }
    for user, shown in expected.items():
        client.force_login(user)
        menu = client.get(reverse("backoffice:dashboard")).content.decode().split('class="bo-menu"', 1)[1]
        menu = menu.split("</nav>", 1)[0]
        for label in ("起草信息", "登记申请", "用户与岗位"):
            assert (label in menu) == (label in shown), (user.username, label)


def test_page_links_to_drafting_and_registering_follow_the_same_rule(client, people):
    client.force_login(people.eco_reviewer)
    assert "起草信息" not in client.get(reverse("backoffice:catalog_items")).content.decode()
    assert client.get(reverse("backoffice:catalog_item_new")).status_code == 403
    client.force_login(people.city_supervisor)
    assert (
        reverse("backoffice:foi_register") not in client.get(reverse("backoffice:foi_queue")).content.decode()
    )
    assert client.get(reverse("backoffice:foi_register")).status_code == 403
    client.force_login(people.city_admin)
    assert client.get(reverse("backoffice:report_figures")).status_code == 403
    assert (
        reverse("backoffice:report_figures")
        not in client.get(reverse("backoffice:report_list")).content.decode()
    )


def test_history_links_appear_only_where_the_history_opens(client, people, django_user_model):
    admin = django_user_model.objects.create_superuser(
        "root_menu", "root@example.gov.cn", "Test-password-123"
    )
    client.force_login(admin)
    for url in (
        reverse("backoffice:calendar_year", args=[2026]),  # seeded by a migration: no audit events
        reverse("backoffice:user_detail", args=[admin.pk]),  # created outside the services: none either
        reverse("backoffice:user_detail", args=[people.eco_editor.pk]),
    ):
        html = client.get(url).content.decode()
        for link in re.findall(r'href="(/manage/audit/[^"]+)"', html):
            assert client.get(link).status_code == 200, (url, link)
