"""Issue 11, defect 12: the back office has its own header (who is logged in, the portal, logging out), not the
portal's search and 工作人员登录; the portal offers staff who are logged in the way back to the back office."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _header(html: str) -> str:
    found = re.search(r'<header[^>]*role="banner"[^>]*>(.*?)</header>', html, re.S)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize("path", ["backoffice:dashboard", "backoffice:catalog_items", "backoffice:audit_log"])
def test_back_office_pages_have_their_own_header(client, people, path):
    client.force_login(people.eco_editor)
    page = client.get(reverse(path)).content.decode()
    header = _header(page)
    user = people.eco_editor
    assert "后台管理" in header and (user.get_full_name() or user.username) in header
    assert f'href="{reverse("portal:home")}"' in header
    assert f'action="{reverse("backoffice:logout")}"' in header and "退出登录" in header
    assert "工作人员登录" not in page and 'role="search"' not in header and 'name="q"' not in header


def test_portal_footer_offers_login_to_the_public_and_the_back_office_to_staff(client, people):
    public = client.get("/").content.decode()
    assert "工作人员登录" in public and "进入后台管理" not in public
    client.force_login(people.eco_editor)
    staff = client.get("/").content.decode()
    assert "进入后台管理" in staff and "工作人员登录" not in staff
    assert f'href="{reverse("backoffice:dashboard")}"' in staff
